//! What the panorama map says about each stage (DOMAIN §1: core goal and
//! main campaign types) and the festival and season calendar (DOMAIN §3).
//! Content only; the words are the translation layer's.

use crate::domain::lifecycle::Stage;

/// A column of the map: the prospect stage or a data stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapStage {
    Prospect,
    Stage(Stage),
}

impl MapStage {
    pub const ALL: [MapStage; 5] = [
        MapStage::Prospect,
        MapStage::Stage(Stage::New),
        MapStage::Stage(Stage::Growth),
        MapStage::Stage(Stage::Mature),
        MapStage::Stage(Stage::Dormant),
    ];
}

/// A stage's core goal (DOMAIN §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    AwarenessInterest,
    TrustHabits,
    ActivityRelationship,
    ValueLoyalty,
    ReactivateRepair,
}

/// The kinds of campaign the map names (DOMAIN §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapCampaign {
    Brand,
    Acquisition,
    Onboarding,
    FestivalSeasonal,
    Retention,
    Membership,
    DeepRetention,
    Vip,
    WakeUp,
}

/// A column's goal and main campaign types.
pub fn stage_plan(s: MapStage) -> (Goal, &'static [MapCampaign]) {
    use MapCampaign::*;
    match s {
        MapStage::Prospect => (Goal::AwarenessInterest, &[Brand, Acquisition]),
        MapStage::Stage(Stage::New) => (Goal::TrustHabits, &[Onboarding, FestivalSeasonal]),
        MapStage::Stage(Stage::Growth) => (Goal::ActivityRelationship, &[Retention, Membership]),
        MapStage::Stage(Stage::Mature) => (Goal::ValueLoyalty, &[DeepRetention, Vip]),
        MapStage::Stage(Stage::Dormant) => (Goal::ReactivateRepair, &[WakeUp]),
    }
}

/// An event of the calendar (DOMAIN §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    SpringFestival,
    Valentines,
    WomensDay,
    LabourDay,
    Qixi,
    MidAutumn,
    NationalDay,
    Double11And12,
    SpringCheck,
    SummerAirCon,
    AutumnService,
    WinterPack,
}

/// Festival campaigns keep every stage in touch; seasonal ones are service
/// reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Festival,
    Season,
}

/// The calendar: each event with its first and last month.
pub const CALENDAR: [(Event, u32, u32, EventKind); 12] = [
    (Event::SpringFestival, 1, 2, EventKind::Festival),
    (Event::Valentines, 2, 2, EventKind::Festival),
    (Event::WomensDay, 3, 3, EventKind::Festival),
    (Event::LabourDay, 5, 5, EventKind::Festival),
    (Event::Qixi, 8, 8, EventKind::Festival),
    (Event::MidAutumn, 9, 9, EventKind::Festival),
    (Event::NationalDay, 10, 10, EventKind::Festival),
    (Event::Double11And12, 11, 12, EventKind::Festival),
    (Event::SpringCheck, 3, 4, EventKind::Season),
    (Event::SummerAirCon, 6, 8, EventKind::Season),
    (Event::AutumnService, 9, 10, EventKind::Season),
    (Event::WinterPack, 11, 12, EventKind::Season),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_goal_and_the_calendar_stays_in_the_year() {
        for s in MapStage::ALL {
            assert!(!stage_plan(s).1.is_empty());
        }
        for (_, from, to, _) in CALENDAR {
            assert!((1..=12).contains(&from) && from <= to && to <= 12);
        }
    }
}
