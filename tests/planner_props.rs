//! DOMAIN §8 optimiser properties over random plans: bounds respected,
//! spend adds up to the budget (or every cell is at its maximum), return
//! never falls when the budget grows, and no plan in a random sample of
//! feasible alternatives beats it.

use panorama::domain::planner::{evaluate, optimise, CampaignType, PlanCell, PlanStage};
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
        }
        let all_at_max = cells.iter().zip(&a.spend).all(|(c, x)| c.max_spend.is_some_and(|m| (m - x).abs() < 1e-6));
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
            (c.min_spend + extra * w / weights).min(c.max_spend.unwrap_or(f64::INFINITY))
        }).collect();
        let (_, alt_return) = evaluate(&cells, &alt);
        prop_assert!(a.total_return >= alt_return - 1e-6 * alt_return.max(1.0), "{} < {alt_return}", a.total_return);
    }
}
