//! The planner's data inputs counted by hand on tests/data/panorama_small.csv
//! (as-of 2025-01-01, 100 yuan a visit; the stages as in tests/kpi.rs):
//! A New (2 visits in 12 months, 200), B Growth (200), C Dormant (nothing
//! in 12 months), D Mature (100 in 12 months), E Dormant (100).

use chrono::NaiveDate;
use panorama::domain::ingest::import_bytes;
use panorama::domain::lifecycle::StageSettings;
use panorama::domain::planner::cells::{data_inputs, DataInputs};
use panorama::domain::planner::scenario::{BaselineRule, PlanFigures, Scenario};
use panorama::domain::planner::{CampaignType, PlanStage};

fn inputs() -> DataInputs {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/panorama_small.csv"
    ))
    .expect("fixture");
    let d = import_bytes(bytes, "panorama_small.csv")
        .expect("import")
        .dataset;
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    data_inputs(&d, as_of, &StageSettings::default())
}

#[test]
fn data_inputs_counted_by_hand() {
    let i = inputs();
    assert_eq!(i.customers, [1, 1, 1, 2]);
    // New → a growth customer's year (B: 200); growth 200; mature (D) 100;
    // dormant → every customer active in 12 months: (200+200+100+100)/4.
    assert_eq!(
        i.value,
        [Some(200.0), Some(200.0), Some(100.0), Some(150.0)]
    );
    // First visits in the 12 months: A, B, E.
    assert_eq!(i.acquired_12m, 3);
    assert_eq!(i.revenue_12m, 600.0);
    assert_eq!(i.prospects(), 30.0);
}

#[test]
fn default_scenario_uses_the_data_where_it_can() {
    let s = Scenario::default_for(Some(&inputs()));
    // A tenth of 600, two significant figures.
    assert_eq!(s.budget, 60.0);
    let find = |t, st| {
        s.cells
            .iter()
            .find(|c| c.campaign_type == t && c.stage == st)
            .expect("cell")
    };
    let wake = find(CampaignType::WakeUp, PlanStage::Dormant);
    assert_eq!(wake.audience, 2.0);
    assert_eq!(wake.value_per_conversion, 150.0);
    let acq = find(CampaignType::Acquisition, PlanStage::Prospect);
    assert_eq!(acq.audience, 30.0);
    // Prospects and VIP keep the DOMAIN §3 / seed 004 values.
    assert!((acq.value_per_conversion - 5.5 * 450.0 / 0.1).abs() < 1e-9);
    let vip = find(CampaignType::Value, PlanStage::Mature);
    assert!((vip.value_per_conversion - 4.0 * 3000.0 / 0.9).abs() < 1e-9);
    assert_eq!(s.baseline_rule(), BaselineRule::Acquisition75);
}

#[test]
fn the_optimised_plan_beats_the_acquisition_heavy_baseline_on_the_same_budget() {
    // DOMAIN §6: the same budget returns more when it follows the lifecycle.
    let s = Scenario::default_for(None);
    let opt = s.optimise().expect("plan");
    let base = s.baseline_spend();
    let b = PlanFigures::of(&s.cells, &base);
    let o = PlanFigures::of(&s.cells, &opt.spend);
    assert!((b.spend - s.budget).abs() < 1e-6);
    assert!((o.spend - s.budget).abs() < 1e-3);
    assert!(o.ret > b.ret * 1.5, "{} vs {}", o.ret, b.ret);
}

#[test]
fn a_cell_with_cost_zero_gives_no_ratio_rather_than_nan() {
    use panorama::domain::planner::scenario::{relative_change, Scenario, SolvedPlan};
    let mut s = Scenario::default_for(None);
    s.cells[0].cost_per_person = 0.0;
    let solved = SolvedPlan::solve(&s);
    assert!(solved.optimised.is_err());
    let base = solved.baseline_figures();
    assert_eq!(base.ratio(), None);
    assert_eq!(base.roi(), None);
    assert!(solved.stages().is_empty());
    assert_eq!(relative_change(0.0, 5.0), None);
    assert_eq!(relative_change(2.0, 3.0), Some(0.5));
    assert_eq!(relative_change(2.0, f64::NAN), None);
}

#[test]
fn stage_lines_share_each_plans_spend() {
    use panorama::domain::planner::scenario::{Scenario, SolvedPlan};
    let s = Scenario::default_for(None);
    let solved = SolvedPlan::solve(&s);
    let lines = solved.stages();
    assert_eq!(lines.len(), 5);
    let sum = |f: fn(&panorama::domain::planner::scenario::StageLine) -> Option<f64>| {
        lines.iter().filter_map(f).sum::<f64>()
    };
    assert!((sum(|l| l.optimised_share) - 1.0).abs() < 1e-9);
    assert!((sum(|l| l.baseline_share) - 1.0).abs() < 1e-9);
    let spent: f64 = lines.iter().map(|l| l.optimised.spend).sum();
    assert!((spent - s.budget).abs() < 1e-3);
}
