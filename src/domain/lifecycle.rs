//! Lifecycle stage of a customer at the as-of date (DOMAIN §1 Decision).

use crate::domain::customer::CustomerStats;
use serde::{Deserialize, Serialize};

/// Stages found in visit data (prospects are a planner input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    New,
    Growth,
    Mature,
    Dormant,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::New, Stage::Growth, Stage::Mature, Stage::Dormant];

    pub fn id(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Growth => "growth",
            Stage::Mature => "mature",
            Stage::Dormant => "dormant",
        }
    }
}

/// Stage thresholds in days (user settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSettings {
    /// Dormant when more days than this since the last visit.
    pub dormant_days: u32,
    /// New while tenure ≤ this many days.
    pub new_days: u32,
    /// Growth while tenure ≤ this many days; Mature after.
    pub growth_days: u32,
}

impl Default for StageSettings {
    fn default() -> Self {
        StageSettings {
            dormant_days: 180,
            new_days: 90,
            growth_days: 365,
        }
    }
}

/// Tenure counts from the delivery date when the data has one, else from
/// the first visit.
pub fn tenure_days(c: &CustomerStats, as_of: chrono::NaiveDate) -> i64 {
    let start = c.delivery.map_or(c.first_visit, |d| d.min(c.first_visit));
    (as_of - start).num_days()
}

pub fn stage(c: &CustomerStats, as_of: chrono::NaiveDate, s: &StageSettings) -> Stage {
    let tenure = tenure_days(c, as_of);
    if c.recency_days > s.dormant_days {
        Stage::Dormant
    } else if tenure <= i64::from(s.new_days) {
        Stage::New
    } else if tenure <= i64::from(s.growth_days) {
        Stage::Growth
    } else {
        Stage::Mature
    }
}
