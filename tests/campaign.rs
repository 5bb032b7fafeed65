//! DOMAIN §4 cohorts by hand on small fixtures, and the demo's A-vs-B story.

use chrono::{Days, NaiveDate};
use panorama::domain::campaign::{
    self, cohorts, compare, returns, simulate, ScenarioCampaign, ScenarioProblem, Side, Verdict,
};
use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::model::{DatasetBuilder, OptionalColumns, VisitRow};
use panorama::domain::money::Fen;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn visit(c: &str, date: NaiveDate, yuan: i64, campaign: Option<&str>) -> VisitRow {
    VisitRow {
        customer: c.into(),
        date,
        amount: Fen(yuan * 100),
        campaign: campaign.map(str::to_owned),
        store: None,
        delivery: None,
        nps: None,
        complaint: None,
    }
}

#[test]
fn cohorts_start_on_the_first_tagged_visit_with_exact_window_edges() {
    let s = day(2024, 1, 1);
    let plus = |n: u64| s.checked_add_days(Days::new(n)).expect("date");
    let as_of = day(2024, 12, 31);
    let mut b = DatasetBuilder::new(OptionalColumns {
        campaign: true,
        ..OptionalColumns::default()
    });
    // X: untagged visit before, tagged start, a visit on day 90 (in) and 91 (out).
    b.push(visit("X", day(2023, 6, 1), 999, None));
    b.push(visit("X", s, 100, Some("A")));
    b.push(visit("X", s, 50, None)); // same visit, another line item
    b.push(visit("X", plus(90), 200, None));
    b.push(visit("X", plus(91), 400, Some("A"))); // second tag: start stays
                                                  // Y: in A and B; nothing after the start within 90 days.
    b.push(visit("Y", plus(10), 300, Some("A")));
    b.push(visit("Y", plus(20), 70, Some("B")));
    b.push(visit("Y", plus(200), 10, None));
    // Z: starts too late for a complete 3-month window (as-of − 60 days).
    b.push(visit("Z", day(2024, 11, 1), 500, Some("A")));
    let d = b.finish();
    let all = cohorts(&d, as_of);
    assert_eq!(
        all.iter().map(|c| c.campaign.as_str()).collect::<Vec<_>>(),
        vec!["A", "B"]
    );
    let a = &all[0];
    let w = a.window(90);
    assert_eq!((w.customers, w.too_recent), (2, 1));
    // X: 100 + 50 + 200 (day 90 counts, day 91 does not); Y: 300 at its A
    // start + 70 ten days later (a visit tagged B still counts for A).
    assert_eq!(w.values, vec![350.0, 370.0]);
    assert_eq!(w.ltv, Some(360.0));
    assert_eq!((w.retained, w.retention), (2, Some(1.0)));
    let x = &a.members[0];
    assert_eq!(x.start, s);
    assert_eq!(x.revenue(91), 750.0);
    assert!(!x.retained(89) && x.retained(90));
    let b_cohort = &all[1];
    let wb = b_cohort.window(90);
    assert_eq!((wb.customers, wb.values.clone()), (1, vec![70.0]));
    // Y's day-200 visit is 180 days after its B start: retained at 12 months.
    assert_eq!(
        b_cohort.window(365).customers,
        0,
        "B started < 365 days before as-of"
    );
    assert_eq!(b_cohort.window(30).retention, Some(0.0));

    let curves = a.curves();
    assert_eq!(curves.revenue[0].1, (150.0 + 300.0 + 500.0) / 3.0);
    assert_eq!(
        curves.retention[60].1,
        1.0 / 3.0,
        "only Y has repeated by day 60"
    );
    assert_eq!(curves.retention[90].1, 1.0, "Z is observed only 60 days");
    assert_eq!(returns(325.0, 100.0), Some((3.25, 2.25)));
    assert_eq!(returns(325.0, 0.0), None);
}

#[test]
fn the_demo_shows_b_worth_more_than_a_with_separate_intervals() {
    let d = demo::dataset(&DemoConfig::default());
    let as_of = d.summary().last_date.expect("dates");
    let all = cohorts(&d, as_of);
    let a = all
        .iter()
        .find(|c| c.campaign == demo::CAMPAIGN_A)
        .expect("A");
    let b = all
        .iter()
        .find(|c| c.campaign == demo::CAMPAIGN_B)
        .expect("B");
    let cmp = compare(a, b, 7);
    let (a_lo, a_hi) = cmp.a_ltv_ci.expect("ci");
    let (b_lo, _) = cmp.b_ltv_ci.expect("ci");
    println!(
        "A {:?} {:?}; B {:?} {:?}; diff {:?} {:?}",
        cmp.a.ltv, cmp.a_ltv_ci, cmp.b.ltv, cmp.b_ltv_ci, cmp.ltv_diff, cmp.ltv_diff_ci
    );
    assert!(a_hi < b_lo, "intervals overlap");
    assert!(a_lo < cmp.a.ltv.expect("ltv") && cmp.a.ltv.expect("ltv") < a_hi);
    assert!(cmp.ltv_diff_ci.expect("ci").0 > 2000.0);
    assert!(cmp.welch.expect("welch").p_value < 1e-6);
    assert!(cmp.retention_test.expect("z").statistic > 10.0);
    assert!(!cmp.too_small);
    // Reproducible for a seed.
    assert_eq!(compare(a, b, 7), cmp);
    let csv = campaign::campaigns_csv(&all, campaign::default_cost, 7);
    let header = csv.lines().next().expect("header");
    assert!(header.starts_with(
        "\u{feff}campaign,customers,too_recent,retention_3m,ltv_3m,ltv_3m_low,ltv_3m_high"
    ));
    assert_eq!(csv.lines().count(), all.len() + 1);
}

#[test]
fn scenario_defaults_reproduce_the_source_and_b_wins() {
    let point = |c: ScenarioCampaign| ScenarioCampaign {
        cost: (c.cost.0 / 0.9, c.cost.0 / 0.9),
        ltv_3m: (c.ltv_3m.0 / 0.9, c.ltv_3m.0 / 0.9),
        ..c
    };
    let r = simulate(
        &point(ScenarioCampaign::source_a()),
        &point(ScenarioCampaign::source_b()),
        100,
        1,
    )
    .expect("runs");
    // Points: A 1,200 ÷ 800 = 1.5 per yuan, B 3,800 ÷ 300 ≈ 12.67.
    assert!((r.a.1 - 1.5).abs() < 1e-9);
    assert!((r.b.1 - 3800.0 / 300.0).abs() < 1e-9);
    assert_eq!(r.p_b_beats_a, 1.0);
    let ranged = simulate(
        &ScenarioCampaign::source_a(),
        &ScenarioCampaign::source_b(),
        2000,
        1,
    )
    .expect("runs");
    assert!(ranged.a.0 < 1.5 && 1.5 < ranged.a.2);
    assert_eq!(
        simulate(
            &ScenarioCampaign::source_a(),
            &ScenarioCampaign::source_b(),
            2000,
            1
        ),
        Ok(ranged)
    );
}

#[test]
fn a_scenario_range_from_high_to_low_is_refused() {
    // The defect: cost 900–100 was accepted and gave 12.00 per yuan.
    let mut a = ScenarioCampaign::source_a();
    a.cost = (900.0, 100.0);
    assert_eq!(
        simulate(&a, &ScenarioCampaign::source_b(), 100, 1),
        Err(ScenarioProblem::RangeOrder)
    );
    a.cost = (0.0, 100.0);
    assert_eq!(
        simulate(&a, &ScenarioCampaign::source_b(), 100, 1),
        Err(ScenarioProblem::NotPositive)
    );
    let mut b = ScenarioCampaign::source_b();
    b.arrival = (0.5, 1.2);
    assert_eq!(
        simulate(&ScenarioCampaign::source_a(), &b, 100, 1),
        Err(ScenarioProblem::RateBounds)
    );
    // Day one: A 85% × 90% = 76.5%, B 72% × 78% = 56.16%.
    assert!((ScenarioCampaign::source_a().day_one() - 0.765).abs() < 1e-12);
    assert!((ScenarioCampaign::source_b().day_one() - 0.5616).abs() < 1e-12);
}

/// A comparison with the figures the verdict reads, the rest left empty.
fn comparison_of(
    a: (usize, Option<f64>),
    b: (usize, Option<f64>),
    diff_ci: Option<(f64, f64)>,
) -> campaign::Comparison {
    let window = |(n, ltv): (usize, Option<f64>)| campaign::WindowFigures {
        days: 90,
        customers: n,
        too_recent: 0,
        retained: 0,
        retention: None,
        ltv,
    };
    campaign::Comparison {
        a: window(a),
        b: window(b),
        a_ltv_ci: None,
        b_ltv_ci: None,
        ltv_diff: a.1.zip(b.1).map(|(x, y)| y - x),
        ltv_diff_ci: diff_ci,
        welch: None,
        retention_test: None,
        too_small: a.0 < campaign::MIN_SAMPLE || b.0 < campaign::MIN_SAMPLE,
    }
}

#[test]
fn the_verdict_on_the_domain_numbers_and_the_edges() {
    // DOMAIN §4: A 1,200, B 3,800 per customer in 3 months; A wins day one
    // (arrival × conversion 76.5% vs 56.2%, so more day-0 revenue).
    let c = comparison_of(
        (100, Some(1200.0)),
        (100, Some(3800.0)),
        Some((2400.0, 2800.0)),
    );
    assert_eq!(
        c.verdict((Some(900.0), Some(500.0))),
        Verdict::Winner {
            winner: Side::B,
            amount: 2600.0,
            low: 2400.0,
            high: 2800.0,
            day_one_reversal: true,
        }
    );
    // B wins, and was ahead on day one too: no reversal.
    assert!(matches!(
        c.verdict((Some(100.0), Some(500.0))),
        Verdict::Winner {
            winner: Side::B,
            day_one_reversal: false,
            ..
        }
    ));
    // A wins: the amount and the interval are A's advantage, positive.
    let c = comparison_of(
        (50, Some(3000.0)),
        (60, Some(2000.0)),
        Some((-1300.0, -700.0)),
    );
    assert_eq!(
        c.verdict((Some(10.0), Some(20.0))),
        Verdict::Winner {
            winner: Side::A,
            amount: 1000.0,
            low: 700.0,
            high: 1300.0,
            day_one_reversal: true,
        }
    );
    // No difference: the interval of B − A holds 0.
    let c = comparison_of((50, Some(1000.0)), (60, Some(1010.0)), Some((-21.0, 5.0)));
    assert_eq!(
        c.verdict((None, None)),
        Verdict::NoDifference {
            low: -21.0,
            high: 5.0
        }
    );
    // Too small: fewer than 30 complete customers in a cohort.
    let c = comparison_of((29, Some(1000.0)), (60, Some(3000.0)), Some((1.0, 2.0)));
    assert_eq!(
        c.verdict((None, None)),
        Verdict::TooSmall {
            a: 29,
            b: 60,
            min: 30
        }
    );
    // No complete customer on one side: nothing to compare.
    let c = comparison_of((40, None), (60, Some(3000.0)), None);
    assert_eq!(c.verdict((None, None)), Verdict::NoData);
}

/// The curves by day, counted the slow way: every member, every day.
fn naive_curves(c: &campaign::Cohort) -> campaign::Curves {
    let len = usize::from(campaign::HORIZON) + 1;
    let mut out = campaign::Curves::default();
    for day in 0..len {
        let mut vals = Vec::new();
        let mut repeat = 0usize;
        for m in c.members.iter().filter(|m| m.observed >= day as i64) {
            let cum: f64 = m
                .events
                .iter()
                .filter(|e| usize::from(e.0) <= day)
                .map(|e| e.1)
                .sum();
            vals.push(cum);
            repeat += usize::from(m.events.iter().any(|e| e.0 >= 1 && usize::from(e.0) <= day));
        }
        if vals.is_empty() {
            break;
        }
        let k = vals.len() as f64;
        let mean = vals.iter().sum::<f64>() / k;
        out.revenue.push((day as u16, mean, 0.0, 0.0));
        out.retention.push((day as u16, repeat as f64 / k));
    }
    out
}

#[test]
fn curves_equal_the_day_by_day_count() {
    let d = demo::dataset(&DemoConfig {
        customers: 3_000,
        ..DemoConfig::default()
    });
    let as_of = d.summary().last_date.expect("dates");
    for c in cohorts(&d, as_of).iter().take(3) {
        let (fast, slow) = (c.curves(), naive_curves(c));
        assert_eq!(fast.revenue.len(), slow.revenue.len());
        assert_eq!(fast.retention, slow.retention);
        for (f, s) in fast.revenue.iter().zip(&slow.revenue) {
            assert!(
                (f.1 - s.1).abs() <= 1e-9 * s.1.abs().max(1.0),
                "{f:?} vs {s:?}"
            );
            assert!(f.2 <= f.1 && f.1 <= f.3);
        }
    }
}
