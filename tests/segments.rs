//! DOMAIN §1–2 rules: scores, segments, stages, lights and tiers, with
//! expectations computed by hand, plus properties over random data.

use chrono::NaiveDate;
use panorama::domain::customer::{customer_stats, CustomerStats};
use panorama::domain::lifecycle::{stage, Stage, StageSettings};
use panorama::domain::model::{DatasetBuilder, OptionalColumns, VisitRow};
use panorama::domain::money::Fen;
use panorama::domain::rfm::{
    self, classify, default_rules, quantile_scores, Placement, Scores, ScoringMode, Segment,
};
use panorama::domain::segmentation::{customers_csv, segment, SegmentSettings};
use panorama::domain::tiers::{tier, Tier, TierThresholds};
use panorama::domain::warning::{light, Light, WarningPreset};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn stats(recency: u32, tenure: i64, visits_12m: u32, spend_12m_yuan: i64) -> CustomerStats {
    let as_of = day(2025, 1, 1);
    CustomerStats {
        customer: 0,
        first_visit: as_of - chrono::Days::new(tenure as u64),
        last_visit: as_of - chrono::Days::new(u64::from(recency)),
        recency_days: recency,
        frequency: visits_12m.max(1),
        monetary: Fen(spend_12m_yuan * 100),
        visits_12m,
        spend_12m: Fen(spend_12m_yuan * 100),
        delivery: None,
        latest_score: None,
        complaint: false,
    }
}

#[test]
fn quantile_scores_give_ties_one_score() {
    // Half the customers have F = 1: they all score 1, however common.
    let f = [1u32, 1, 1, 1, 1, 1, 2, 2, 3, 5];
    assert_eq!(
        quantile_scores(&f, true),
        vec![1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    );
    // Recency: more days is worse. Counted by hand with ceil(5(k+1)/n).
    let r = [0u32, 5, 5, 30, 60, 90, 120, 200, 400, 400];
    assert_eq!(
        quantile_scores(&r, false),
        vec![5, 4, 4, 4, 3, 3, 2, 2, 1, 1]
    );
    let all_same = [7u32; 6];
    assert_eq!(quantile_scores(&all_same, true), vec![1; 6]);
}

#[test]
fn business_thresholds_score_at_their_boundaries() {
    let mode = ScoringMode::Business(Default::default());
    let cases = [
        (60, 7, 8000, (5, 5, 5)),
        (61, 6, 7999, (4, 4, 4)),
        (120, 5, 5000, (4, 4, 4)),
        (121, 4, 4999, (3, 3, 3)),
        (180, 3, 3000, (3, 3, 3)),
        (181, 2, 2999, (2, 2, 2)),
        (365, 2, 1500, (2, 2, 2)),
        (366, 1, 1499, (1, 1, 1)),
    ];
    for (recency, visits, spend, (r, f, m)) in cases {
        let s = rfm::score(&[stats(recency, 1000, visits, spend)], &mode);
        assert_eq!(
            s[0],
            Scores { r, f, m },
            "recency {recency}, visits {visits}, spend {spend}"
        );
    }
}

#[test]
fn overlaps_and_gaps_follow_the_domain_decision() {
    let rules = default_rules();
    let at = |r, f, m| classify(&rules, Scores { r, f, m });
    assert_eq!(at(1, 1, 1), (Segment::Lost, Placement::InBox));
    assert_eq!(at(2, 2, 2), (Segment::Hibernating, Placement::InBox));
    assert_eq!(at(5, 5, 5), (Segment::Champions, Placement::InBox));
    assert_eq!(at(5, 1, 1), (Segment::New, Placement::InBox));
    assert_eq!(at(3, 4, 2), (Segment::Loyal, Placement::InBox));
    assert_eq!(at(5, 2, 3), (Segment::PotentialLoyalists, Placement::InBox));
    assert_eq!(at(2, 3, 3), (Segment::AtRisk, Placement::InBox));
    assert_eq!(at(3, 3, 3), (Segment::Average, Placement::InBox));
    // Gaps: R1 F5 M5 is 2 from At risk (F and M one step each), 3 from Champions.
    assert_eq!(
        at(1, 5, 5),
        (Segment::AtRisk, Placement::Nearest { distance: 2 })
    );
    // R3 F1 M5 is 2 from both Potential loyalists and New: the earlier wins.
    assert_eq!(
        at(3, 1, 5),
        (
            Segment::PotentialLoyalists,
            Placement::Nearest { distance: 2 }
        )
    );
    // R4 F1 M1: New needs R5 (1 step); Lost needs R1 (3 steps).
    assert_eq!(
        at(4, 1, 1),
        (Segment::New, Placement::Nearest { distance: 1 })
    );
}

/// All 125 cells against a second, independent reading of the rule.
#[test]
#[allow(clippy::implicit_saturating_sub)]
fn every_score_combination_gets_the_segment_the_rule_names() {
    type Box3 = ((u8, u8), (u8, u8), (u8, u8));
    let boxes: [(Segment, Box3); 8] = [
        (Segment::Lost, ((1, 1), (1, 1), (1, 1))),
        (Segment::Champions, ((4, 5), (4, 5), (4, 5))),
        (Segment::Loyal, ((3, 5), (4, 5), (2, 3))),
        (Segment::PotentialLoyalists, ((4, 5), (2, 3), (3, 5))),
        (Segment::New, ((5, 5), (1, 1), (1, 5))),
        (Segment::AtRisk, ((1, 2), (3, 4), (3, 4))),
        (Segment::Hibernating, ((1, 2), (1, 2), (1, 2))),
        (Segment::Average, ((2, 3), (2, 3), (2, 3))),
    ];
    let gap = |x: u8, (lo, hi): (u8, u8)| {
        if x < lo {
            lo - x
        } else if x > hi {
            x - hi
        } else {
            0
        }
    };
    let rules = default_rules();
    let mut counts = std::collections::BTreeMap::new();
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            for m in 1..=5u8 {
                let dist: Vec<u32> = boxes
                    .iter()
                    .map(|(_, (br, bf, bm))| u32::from(gap(r, *br) + gap(f, *bf) + gap(m, *bm)))
                    .collect();
                let min = *dist.iter().min().unwrap();
                let expected = boxes[dist.iter().position(|d| *d == min).unwrap()].0;
                let (got, placement) = classify(&rules, Scores { r, f, m });
                assert_eq!(got, expected, "({r},{f},{m})");
                assert_eq!(placement == Placement::InBox, min == 0);
                *counts.entry(got).or_insert(0) += 1;
            }
        }
    }
    assert_eq!(counts.values().sum::<i32>(), 125);
    assert_eq!(counts.len(), 8, "every segment is reachable: {counts:?}");
}

#[test]
fn stages_switch_exactly_at_their_boundaries() {
    let as_of = day(2025, 1, 1);
    let s = StageSettings::default();
    assert_eq!(stage(&stats(180, 1000, 1, 0), as_of, &s), Stage::Mature);
    assert_eq!(stage(&stats(181, 1000, 1, 0), as_of, &s), Stage::Dormant);
    assert_eq!(stage(&stats(0, 90, 1, 0), as_of, &s), Stage::New);
    assert_eq!(stage(&stats(0, 91, 1, 0), as_of, &s), Stage::Growth);
    assert_eq!(stage(&stats(0, 365, 1, 0), as_of, &s), Stage::Growth);
    assert_eq!(stage(&stats(0, 366, 1, 0), as_of, &s), Stage::Mature);
    // Tenure counts from delivery when the data has it.
    let mut c = stats(0, 30, 1, 0);
    c.delivery = Some(as_of - chrono::Days::new(200));
    assert_eq!(stage(&c, as_of, &s), Stage::Growth);
}

#[test]
fn warning_lights_switch_exactly_at_their_boundaries() {
    let a = WarningPreset::preset_a();
    for (days, expected) in [
        (60, Light::Green),
        (61, Light::Yellow),
        (120, Light::Yellow),
        (121, Light::Red),
    ] {
        assert_eq!(
            light(&stats(days, 1000, 1, 0), &a, true, None),
            expected,
            "A at {days}"
        );
    }
    let b = WarningPreset::preset_b();
    for (days, expected) in [
        (90, Light::Green),
        (91, Light::Yellow),
        (180, Light::Yellow),
        (181, Light::Red),
    ] {
        assert_eq!(
            light(&stats(days, 1000, 1, 0), &b, true, None),
            expected,
            "B at {days}"
        );
    }
    let with = |score: f32, complaint: bool| {
        let mut c = stats(10, 1000, 1, 0);
        c.latest_score = Some(score);
        c.complaint = complaint;
        light(&c, &b, true, None)
    };
    assert_eq!(with(9.0, false), Light::Green);
    assert_eq!(with(7.0, false), Light::Yellow);
    assert_eq!(with(5.0, false), Light::Yellow);
    assert_eq!(with(4.0, false), Light::Red);
    assert_eq!(with(10.0, true), Light::Red);
    let mut c = stats(10, 1000, 1, 0);
    c.latest_score = Some(85.0);
    assert_eq!(light(&c, &b, false, None), Light::Green);
}

#[test]
fn tiers_are_reached_by_spend_or_visits() {
    let t = TierThresholds::default();
    assert_eq!(tier(&stats(0, 999, 2, 2999), &t), Tier::Normal);
    assert_eq!(tier(&stats(0, 999, 3, 0), &t), Tier::Silver);
    assert_eq!(tier(&stats(0, 999, 1, 3000), &t), Tier::Silver);
    assert_eq!(tier(&stats(0, 999, 5, 7999), &t), Tier::Silver);
    assert_eq!(tier(&stats(0, 999, 6, 0), &t), Tier::Gold);
    assert_eq!(tier(&stats(0, 999, 9, 14999), &t), Tier::Gold);
    assert_eq!(tier(&stats(0, 999, 1, 15000), &t), Tier::Diamond);
    assert_eq!(tier(&stats(0, 999, 10, 0), &t), Tier::Diamond);
}

fn row(c: &str, date: NaiveDate, yuan: i64) -> VisitRow {
    VisitRow {
        customer: c.into(),
        date,
        amount: Fen(yuan * 100),
        campaign: None,
        store: None,
        delivery: None,
        nps: None,
        complaint: None,
    }
}

#[test]
fn customer_figures_respect_as_of_line_items_and_the_12_month_window() {
    let as_of = day(2025, 1, 1);
    let mut b = DatasetBuilder::new(OptionalColumns::default());
    b.push(row("A", day(2023, 6, 1), 100));
    b.push(row("A", day(2024, 1, 2), 200)); // T−365: outside the 12 months
    b.push(row("A", day(2024, 1, 3), 300)); // T−364: inside
    b.push(row("A", day(2024, 1, 3), 50)); // same visit, second line item
    b.push(row("A", day(2025, 3, 1), 999)); // after the as-of date: ignored
    b.push(row("B", day(2025, 2, 1), 10)); // only after: B is not a customer yet
    let d = b.finish();
    let s = customer_stats(&d, as_of);
    assert_eq!(s.len(), 1);
    let a = &s[0];
    assert_eq!(
        (a.first_visit, a.last_visit),
        (day(2023, 6, 1), day(2024, 1, 3))
    );
    assert_eq!(a.recency_days, 364);
    assert_eq!(a.frequency, 3);
    assert_eq!(a.monetary, Fen(65_000));
    assert_eq!(a.visits_12m, 1);
    assert_eq!(a.spend_12m, Fen(35_000));
}

#[test]
fn segmentation_of_a_small_base_counted_by_hand() {
    // Ten customers, one visit each, except as noted; as-of 2025-01-01.
    let as_of = day(2025, 1, 1);
    let mut b = DatasetBuilder::new(OptionalColumns::default());
    let ago = |n: u64| as_of - chrono::Days::new(n);
    for i in 0..10u64 {
        let id = format!("K{i}");
        b.push(row(&id, ago(10 + i * 40), 100 * (i as i64 + 1)));
        if i < 3 {
            b.push(row(&id, ago(500), 100));
        }
    }
    let d = b.finish();
    let seg = segment(&d, as_of, &SegmentSettings::default());
    assert_eq!(seg.customers.len(), 10);
    // R: days 10,50,…,370 → scores 5,5,4,4,3,3,2,2,1,1.
    let r: Vec<u8> = seg.customers.iter().map(|c| c.scores.r).collect();
    assert_eq!(r, vec![5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // F: three customers with 2 visits (k = 7 worse → 4), the rest 1.
    let f: Vec<u8> = seg.customers.iter().map(|c| c.scores.f).collect();
    assert_eq!(f, vec![4, 4, 4, 1, 1, 1, 1, 1, 1, 1]);
    // M: 200, 300, 400 for the first three (with the extra 100), then 400…1000.
    let m: Vec<u8> = seg.customers.iter().map(|c| c.scores.m).collect();
    assert_eq!(m, vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    let segs: Vec<&str> = seg.customers.iter().map(|c| c.segment.id()).collect();
    assert_eq!(
        segs,
        // By hand: K0 (5,4,1) is 1 from Loyal; K3 (4,1,2) 1 from New; K4 (3,1,3)
        // 1 from Average; K6 (2,1,4) 2 from At risk, Hibernating and Average,
        // At risk first; K8 (1,1,5) 3 from At risk and Hibernating.
        vec![
            "loyal", "loyal", "loyal", "new", "average", "average", "at_risk", "at_risk",
            "at_risk", "at_risk"
        ]
    );
    let counts: usize = seg.by_segment.iter().map(|(_, g)| g.customers).sum();
    assert_eq!(counts, 10);
    assert_eq!(seg.segment(Segment::AtRisk).customers, 4);
    assert_eq!(seg.segment(Segment::Loyal).revenue, Fen(90_000)); // 200 + 300 + 400 yuan
    assert_eq!(seg.empty_levels[1], vec![2, 3, 5]);

    let csv = customers_csv(&d, seg.customers.iter().take(1), &|_| None);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}customer_id,first_visit,last_visit,recency_days,frequency,monetary,r,f,m,segment,stage,warning,tier,visits_12m,spend_12m,placement,p_alive,expected_visits_90d,expected_visits_365d,expected_spend_per_visit,clv_365d")
    );
    // Without a value model the DOMAIN §9 columns are empty, never NaN.
    assert_eq!(lines.next(), Some("K0,2023-08-20,2024-12-22,10,2,200.00,5,4,1,loyal,mature,green,normal,1,100.00,nearest_1,,,,,"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_customer_gets_exactly_one_of_each_and_scores_are_monotone(
        rows in proptest::collection::vec((0u32..40, 0u64..900, 0i64..500_000), 1..300),
        business in any::<bool>(),
    ) {
        let as_of = day(2025, 1, 1);
        let mut b = DatasetBuilder::new(OptionalColumns::default());
        for (c, ago, fen) in &rows {
            b.push(VisitRow { amount: Fen(*fen), ..row(&format!("P{c}"), as_of - chrono::Days::new(*ago), 0) });
        }
        let d = b.finish();
        let settings = SegmentSettings {
            scoring: if business { ScoringMode::Business(Default::default()) } else { ScoringMode::Quantile },
            ..SegmentSettings::default()
        };
        let seg = segment(&d, as_of, &settings);
        let n = d.summary().customers;
        prop_assert_eq!(seg.customers.len(), n);
        for groups in [
            seg.by_segment.iter().map(|g| g.1.customers).sum::<usize>(),
            seg.by_stage.iter().map(|g| g.1.customers).sum::<usize>(),
            seg.by_light.iter().map(|g| g.1.customers).sum::<usize>(),
            seg.by_tier.iter().map(|g| g.1.customers).sum::<usize>(),
            seg.rf.iter().flatten().sum::<usize>(),
        ] {
            prop_assert_eq!(groups, n);
        }
        let revenue: i64 = seg.by_segment.iter().map(|g| g.1.revenue.0).sum();
        prop_assert_eq!(revenue, d.summary().revenue.0);
        for a in &seg.customers {
            for s in [a.scores.r, a.scores.f, a.scores.m] {
                prop_assert!((1..=5).contains(&s));
            }
            for b in &seg.customers {
                if a.stats.recency_days < b.stats.recency_days { prop_assert!(a.scores.r >= b.scores.r); }
                if !business {
                    if a.stats.frequency < b.stats.frequency { prop_assert!(a.scores.f <= b.scores.f); }
                    if a.stats.monetary < b.stats.monetary { prop_assert!(a.scores.m <= b.scores.m); }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The one-pass path (rows in date order) and the bucketing path (any
    /// order) give the same figures per customer.
    #[test]
    fn row_order_does_not_change_customer_figures(
        rows in proptest::collection::vec((0u32..15, 0u64..800, -5_000i64..500_000, proptest::option::of(0u8..=10)), 1..150)
    ) {
        let as_of = day(2025, 1, 1);
        let build = |rows: &[(u32, u64, i64, Option<u8>)]| {
            let mut b = DatasetBuilder::new(OptionalColumns { nps: true, ..OptionalColumns::default() });
            for (c, ago, fen, nps) in rows {
                b.push(VisitRow {
                    amount: Fen(*fen),
                    nps: nps.map(f32::from),
                    ..row(&format!("P{c}"), as_of - chrono::Days::new(*ago), 0)
                });
            }
            let d = b.finish();
            let mut stats: Vec<(String, CustomerStats)> = customer_stats(&d, as_of)
                .into_iter()
                .map(|s| (d.customer_ids[s.customer as usize].clone(), CustomerStats { customer: 0, ..s }))
                .collect();
            stats.sort_by(|a, b| a.0.cmp(&b.0));
            stats
        };
        let mut sorted = rows.clone();
        // Stable sort by date keeps same-date rows in their order (the
        // latest score on a date is then the same in both).
        sorted.sort_by_key(|r| std::cmp::Reverse(r.1));
        prop_assert_eq!(build(&rows), build(&sorted));
    }
}
