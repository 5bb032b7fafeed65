//! DOMAIN §8 optimiser properties over random plans: bounds respected, no
//! cell past saturation (3 c N), spend adds up to the budget (or every cell
//! is at its maximum or saturated), return
//! never falls when the budget grows, and no plan in a random sample of
//! feasible alternatives beats it. Scenario files round-trip, preset
//! baselines spend the budget but what saturation leaves over, Monte Carlo percentiles are ordered,
//! and goal-seek's budget meets its goal.

use panorama::domain::planner::goal::{goal_seek, Goal, Outcome};
use panorama::domain::planner::scenario::{BaselineRule, PlanFigures, Scenario};
use panorama::domain::planner::uncertainty::monte_carlo;
use panorama::domain::planner::{optimise, CampaignType, PlanCell, PlanStage};
use proptest::prelude::*;

fn cells() -> impl Strategy<Value = Vec<PlanCell>> {
    proptest::collection::vec(
        (
            1.0f64..50_000.0,
            10.0f64..800.0,
            0.01f64..0.9,
            100.0f64..10_000.0,
            0.0f64..20_000.0,
            proptest::option::of(20_000.0f64..2_000_000.0),
        ),
        1..12,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(n, c, p, val, lo, hi)| PlanCell {
                min_spend: lo,
                max_spend: hi.map(|h| h.max(lo)),
                ..PlanCell::new(CampaignType::Retention, PlanStage::Growth, n, c, p, val)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn allocations_respect_bounds_and_add_up(cells in cells(), extra in 0.0f64..5_000_000.0, shares in proptest::collection::vec(0.0f64..1.0, 12)) {
        let min_total: f64 = cells.iter().map(|c| c.min_spend).sum();
        let budget = min_total + extra;
        let a = optimise(&cells, budget).unwrap();
        for (c, x) in cells.iter().zip(&a.spend) {
            prop_assert!(*x >= c.min_spend - 1e-6 && *x <= c.max_spend.unwrap_or(f64::INFINITY) + 1e-6);
            // Never past saturation (3 c N) unless the cell's minimum asks for it.
            prop_assert!(*x <= c.saturation().max(c.min_spend) * (1.0 + 1e-9) + 1e-6, "{x} > 3cN = {}", c.saturation());
        }
        let all_at_max = cells.iter().zip(&a.spend).all(|(c, x)| (c.upper() - x).abs() < 1e-6 * c.upper().max(1.0));
        if all_at_max {
            prop_assert!(a.total_spend <= budget + 1e-6);
            prop_assert!((a.unused - (budget - a.total_spend)).abs() < 1e-6);
        } else {
            prop_assert!((a.total_spend - budget).abs() <= 1e-6 * budget.max(1.0), "{} vs {budget}", a.total_spend);
        }
        // Monotone in the budget.
        let more = optimise(&cells, budget * 1.1 + 1.0).unwrap();
        prop_assert!(more.total_return >= a.total_return - 1e-6 * a.total_return.max(1.0));
        // A random feasible alternative (minimums plus a split of the rest,
        // capped at the maximums) never does better.
        let weights: f64 = shares.iter().take(cells.len()).sum::<f64>().max(1e-9);
        let alt: Vec<f64> = cells.iter().zip(&shares).map(|(c, w)| {
            (c.min_spend + extra * w / weights).min(c.upper())
        }).collect();
        let alt_return = PlanFigures::of(&cells, &alt).ret;
        prop_assert!(a.total_return >= alt_return - 1e-6 * alt_return.max(1.0), "{} < {alt_return}", a.total_return);
    }

    #[test]
    fn scenarios_round_trip_and_presets_spend_the_budget(cells in cells(), budget in 0.0f64..50_000_000.0, kinds in Just((0usize..35).collect::<Vec<_>>()).prop_shuffle()) {
        // A scenario holds one cell per campaign type × stage: distinct pairs.
        let mut cells = cells;
        for (c, k) in cells.iter_mut().zip(kinds) {
            c.campaign_type = CampaignType::ALL[k / 5];
            c.stage = PlanStage::ALL[k % 5];
        }
        for rule in [BaselineRule::Acquisition75, BaselineRule::Proportional, BaselineRule::Equal] {
            let s = Scenario { budget, cells: cells.clone(), baseline: Some(rule) };
            let back = Scenario::from_json(&s.to_json()).unwrap();
            prop_assert_eq!(&back, &s);
            // The budget is spent, or what saturation left over is said;
            // no cell past 3 c N; money is left over only when all are full.
            let b = s.baseline_plan();
            let spend: f64 = b.spend.iter().sum();
            prop_assert!((spend + b.unspent - budget).abs() <= 1e-6 * budget.max(1.0), "{:?}: {} + {} vs {}", rule, spend, b.unspent, budget);
            for (c, x) in cells.iter().zip(&b.spend) {
                prop_assert!(*x <= c.saturation() * (1.0 + 1e-9) + 1e-6, "{:?}: {} > {}", rule, x, c.saturation());
            }
            if b.unspent > 0.0 {
                prop_assert!(cells.iter().zip(&b.spend).all(|(c, x)| (c.saturation() - x).abs() <= 1e-6 * c.saturation().max(1.0)));
            }
        }
    }

    #[test]
    fn monte_carlo_percentiles_are_ordered_and_reproducible(cells in cells(), seed in 0u64..1000) {
        let min_total: f64 = cells.iter().map(|c| c.min_spend).sum();
        let a = optimise(&cells, min_total + 1_000_000.0).unwrap();
        let base = vec![(min_total + 1_000_000.0) / cells.len() as f64; cells.len()];
        let m = monte_carlo(&cells, &a.spend, &base, 300, seed);
        prop_assert!(m.optimised.p10 <= m.optimised.p50 && m.optimised.p50 <= m.optimised.p90);
        prop_assert!(m.baseline.p10 <= m.baseline.p50 && m.baseline.p50 <= m.baseline.p90);
        prop_assert!((0.0..=1.0).contains(&m.p_beats_baseline));
        prop_assert_eq!(m, monte_carlo(&cells, &a.spend, &base, 300, seed));
    }

    #[test]
    fn goal_seek_budgets_meet_their_goals(cells in cells(), ratio in 1.0f64..20.0) {
        if let Outcome::Reached { budget, allocation } = goal_seek(&cells, Goal::ReturnRatio(ratio)).unwrap() {
            prop_assert!((allocation.total_spend - budget).abs() <= 1e-6 * budget.max(1.0) || allocation.unused > 0.0);
            prop_assert!(allocation.total_return >= ratio * allocation.total_spend * (1.0 - 1e-6), "{} < {}", allocation.total_return / allocation.total_spend, ratio);
        }
    }
}
