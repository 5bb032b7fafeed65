//! DOMAIN §5 KPIs and stage flow on tests/data/panorama_small.csv, counted
//! by hand (as-of 2025-01-01; each visit 100 yuan):
//! A: T−30, T (delivered T−42)      → New, active
//! B: T−100, T−95 (delivered T−120) → Growth, recency 95
//! C: T−400, T−370                  → Dormant, churned
//! D: T−700, T−10                   → Mature, woken up
//! E: T−200 (delivered T−250)       → Dormant

use chrono::NaiveDate;
use panorama::domain::ingest::import_bytes;
use panorama::domain::kpi::{dashboard, stage_flow, KpiId, Missing, Status, Target};
use panorama::domain::lifecycle::{Stage, StageSettings};
use panorama::domain::targets::{Scope, Source, Targets};

fn fixture() -> panorama::domain::model::Dataset {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/panorama_small.csv"
    ))
    .expect("fixture");
    import_bytes(bytes, "panorama_small.csv")
        .expect("import")
        .dataset
}

const T: (i32, u32, u32) = (2025, 1, 1);

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(T.0, T.1, T.2).expect("date")
}

#[test]
fn overall_kpis_counted_by_hand() {
    let d = fixture();
    let dash = dashboard(&d, as_of(), &StageSettings::default());
    let value = |id| dash.kpi(id).expect("kpi").value;
    // 30 days: all five have a first visit ≥ 30 days ago; A (exactly 30
    // days later), B and C came back within 30 days.
    assert_eq!(value(KpiId::Retention30d), Ok(0.6));
    // 90 days: B, C, D, E eligible; B and C came back.
    assert_eq!(value(KpiId::Retention90d), Ok(0.5));
    // 365 days: C and D eligible; C came back.
    assert_eq!(value(KpiId::Retention12m), Ok(0.5));
    // Active: a visit in the last 90 days (A, D); B's was 95 days ago.
    assert_eq!(value(KpiId::ActiveShare), Ok(0.4));
    assert_eq!(value(KpiId::SilentShare), Ok(0.6));
    // Churn: C and D visited in (T−730, T−365]; only C did not come back.
    assert_eq!(value(KpiId::ChurnAnnual), Ok(0.5));
    assert_eq!(value(KpiId::RepurchaseRate), Ok(0.8));
    // Over A, B, D, E (visits in the last year): spend 200, 200, 100, 100.
    assert_eq!(value(KpiId::AnnualSpend), Ok(150.0));
    let per_month = value(KpiId::VisitsPerMonth).expect("value");
    assert!((per_month - 1.5 / 12.0).abs() < 1e-12, "{per_month}");
    assert_eq!(value(KpiId::Nps), Err(Missing::NoNps));
    let k = dash.kpi(KpiId::ActiveShare).expect("kpi");
    assert_eq!((k.base, k.status()), (5, Some(Status::Red)));
    // First-maintenance arrival is the new stage's KPI (seed 000), not the
    // dashboard's.
    assert!(dash.kpi(KpiId::FirstMaintenanceArrival).is_none());
    // 50% churn against a 30% ceiling is red; 50% 90-day retention against
    // 65% is more than 10% short, so red too; 60% 30-day retention vs 80% red.
    assert_eq!(
        dash.kpi(KpiId::ChurnAnnual).expect("kpi").status(),
        Some(Status::Red)
    );
    assert_eq!(
        dash.kpi(KpiId::Retention90d).expect("kpi").status(),
        Some(Status::Red)
    );
    assert_eq!(
        dash.stage_customers,
        vec![
            (Stage::New, 1),
            (Stage::Growth, 1),
            (Stage::Mature, 1),
            (Stage::Dormant, 2)
        ]
    );
}

#[test]
fn stage_metrics_and_wake_up() {
    let d = fixture();
    let dash = dashboard(&d, as_of(), &StageSettings::default());
    let stage = |s: Stage, id: KpiId| {
        dash.by_stage
            .iter()
            .find(|(x, _)| *x == s)
            .and_then(|(_, k)| k.iter().find(|k| k.id == id))
            .expect("kpi")
            .value
    };
    // D slept from T−700 (335 days before T−365, over 180) and came back at T−10.
    assert_eq!(stage(Stage::Dormant, KpiId::WakeUpRate), Ok(1.0));
    // …but 10 days is too soon to tell whether D stays.
    assert_eq!(
        stage(Stage::Dormant, KpiId::PostWakeUpRetention),
        Err(Missing::NotEnoughHistory)
    );
    assert_eq!(
        stage(Stage::Dormant, KpiId::WarningRecognition),
        Err(Missing::NoWarningLog)
    );
    // Delivered ≥ 90 days ago: B and E, both within 90 days of delivery.
    assert_eq!(stage(Stage::New, KpiId::FirstMaintenanceArrival), Ok(1.0));
    let first = dash
        .stage_kpi(Stage::New, KpiId::FirstMaintenanceArrival)
        .expect("kpi");
    assert_eq!((first.base, first.status()), (2, Some(Status::Green)));
    // New customers' own 3-month retention: first seen 90–365 days before
    // T are B (T−100, back at T−95) and E (T−200, never back): 1 of 2. The
    // dashboard's 50% over B, C, D, E is another figure with its own target.
    let new_r90 = dash
        .stage_kpi(Stage::New, KpiId::Retention90d)
        .expect("kpi");
    assert_eq!((new_r90.value, new_r90.base), (Ok(0.5), 2));
    assert_eq!(new_r90.target, Target::Above(0.85));
    assert_eq!(
        dash.kpi(KpiId::Retention90d).expect("kpi").target,
        Target::Above(0.65)
    );
    // Growth's 12-month retention: first seen 365–730 days before T are C
    // (back within 30 days) and D (back after 690): 1 of 2.
    let growth_r365 = dash
        .stage_kpi(Stage::Growth, KpiId::Retention12m)
        .expect("kpi");
    assert_eq!((growth_r365.value, growth_r365.base), (Ok(0.5), 2));
    let growth = stage(Stage::Growth, KpiId::VisitsPerMonth).expect("value");
    assert!((growth - 2.0 / 12.0).abs() < 1e-12);
    assert_eq!(stage(Stage::Mature, KpiId::AnnualSpend), Ok(100.0));
    assert_eq!(
        stage(Stage::Mature, KpiId::Referral),
        Err(Missing::NoReferrals)
    );
}

#[test]
fn stage_flow_over_90_days() {
    let d = fixture();
    let flow = stage_flow(&d, as_of(), 90, &StageSettings::default());
    // At T−90: B New (tenure 30 from delivery), C and D Dormant, E Growth
    // (tenure 160, recency 110); A had not come yet.
    assert_eq!(
        flow,
        vec![
            (None, Stage::New, 1),
            (Some(Stage::New), Stage::Growth, 1),
            (Some(Stage::Growth), Stage::Dormant, 1),
            (Some(Stage::Dormant), Stage::Mature, 1),
            (Some(Stage::Dormant), Stage::Dormant, 1),
        ]
    );
}

#[test]
fn kpis_without_enough_history_say_so() {
    let text = "客户ID,到店日期,金额\nA,2025-01-01,100\n";
    let d = import_bytes(text.as_bytes().to_vec(), "x.csv")
        .expect("import")
        .dataset;
    let dash = dashboard(&d, as_of(), &StageSettings::default());
    assert_eq!(
        dash.kpi(KpiId::Retention30d).expect("kpi").value,
        Err(Missing::NotEnoughHistory)
    );
    assert_eq!(
        dash.kpi(KpiId::ChurnAnnual).expect("kpi").value,
        Err(Missing::NotEnoughHistory)
    );
    assert_eq!(
        dash.stage_kpi(Stage::New, KpiId::FirstMaintenanceArrival)
            .expect("kpi")
            .value,
        Err(Missing::NoDeliveryDates)
    );
    // Nobody was first seen 90–365 days before T: the true reason.
    assert_eq!(
        dash.stage_kpi(Stage::New, KpiId::Retention90d)
            .expect("kpi")
            .value,
        Err(Missing::NoCohort)
    );
    assert_eq!(dash.kpi(KpiId::ActiveShare).expect("kpi").value, Ok(1.0));
}

#[test]
fn status_bands_are_green_amber_red() {
    use panorama::domain::kpi::Kpi;
    let k = |v: f64, t| {
        Kpi {
            id: KpiId::ActiveShare,
            scope: Scope::Overall,
            value: Ok(v),
            target: t,
            source: Source::User,
            base: 1,
        }
        .status()
    };
    assert_eq!(k(0.61, Target::Above(0.60)), Some(Status::Green));
    assert_eq!(k(0.60, Target::Above(0.60)), Some(Status::Amber));
    assert_eq!(k(0.54, Target::Above(0.60)), Some(Status::Amber));
    assert_eq!(k(0.53, Target::Above(0.60)), Some(Status::Red));
    assert_eq!(k(0.19, Target::Below(0.20)), Some(Status::Green));
    assert_eq!(k(0.22, Target::Below(0.20)), Some(Status::Amber));
    assert_eq!(k(0.23, Target::Below(0.20)), Some(Status::Red));
}

#[test]
fn a_stage_with_no_customers_says_so() {
    // tests/data/empty_stages.csv: 20 dormant and 10 mature customers,
    // nobody new or growing at its last date.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/empty_stages.csv"
    ))
    .expect("fixture");
    let d = import_bytes(bytes, "empty_stages.csv")
        .expect("import")
        .dataset;
    let as_of = d.summary().last_date.expect("dates");
    let dash = dashboard(&d, as_of, &StageSettings::default());
    let growth = &dash
        .by_stage
        .iter()
        .find(|(s, _)| *s == Stage::Growth)
        .expect("growth")
        .1;
    let visits = growth
        .iter()
        .find(|k| k.id == KpiId::VisitsPerMonth)
        .expect("visits per month");
    assert_eq!(visits.value, Err(Missing::NoCustomersInStage));
    let mature = &dash
        .by_stage
        .iter()
        .find(|(s, _)| *s == Stage::Mature)
        .expect("mature")
        .1;
    let spend = mature
        .iter()
        .find(|k| k.id == KpiId::AnnualSpend)
        .expect("annual spend");
    assert!(spend.value.is_ok(), "{:?}", spend.value);
}

#[test]
fn the_users_targets_change_the_status_not_the_figures() {
    let d = fixture();
    let dash = dashboard(&d, as_of(), &StageSettings::default());
    // 40% active against the seed's > 60% is red.
    let active = dash.kpi(KpiId::ActiveShare).expect("kpi");
    assert_eq!(
        (active.source, active.status()),
        (Source::Seed001, Some(Status::Red))
    );
    let mut mine = Targets::default();
    mine.set(Scope::Overall, KpiId::ActiveShare, 0.42)
        .expect("set");
    mine.set(Scope::Stage(Stage::New), KpiId::Retention90d, 0.5)
        .expect("set");
    let again = dash.retargeted(&mine);
    let active = again.kpi(KpiId::ActiveShare).expect("kpi");
    // 40% against > 42% is within 10%: amber, and the target is the user's.
    assert_eq!(active.value, Ok(0.4));
    assert_eq!(
        (active.target, active.source, active.status()),
        (Target::Above(0.42), Source::User, Some(Status::Amber))
    );
    // The stage's own target moved; the dashboard's figure of the same
    // name kept the seed's.
    let new_r90 = again
        .stage_kpi(Stage::New, KpiId::Retention90d)
        .expect("kpi");
    assert_eq!(
        (new_r90.target, new_r90.status()),
        (Target::Above(0.5), Some(Status::Amber))
    );
    let r90 = again.kpi(KpiId::Retention90d).expect("kpi");
    assert_eq!(
        (r90.target, r90.source),
        (Target::Above(0.65), Source::Seed001)
    );
    // Every figure is unchanged.
    let values = |d: &panorama::domain::kpi::Dashboard| {
        d.overall
            .iter()
            .chain(d.by_stage.iter().flat_map(|s| s.1.iter()))
            .map(|k| (k.id, k.value, k.base))
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&dash), values(&again));
}
