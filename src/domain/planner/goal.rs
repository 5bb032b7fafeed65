//! Goal-seek: the budget at which the optimised plan reaches a return ratio
//! or a number of converted customers.

use super::scenario::PlanFigures;
use super::{optimise, validate, Allocation, PlanCell, PlanError, PlanStage};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The largest budget whose optimised plan still returns at least 1:x.
    ReturnRatio(f64),
    /// The smallest budget whose optimised plan converts this many existing
    /// customers (cells aimed at new, growth, mature and dormant customers:
    /// the customers a plan keeps or wins back).
    Retained(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Reached {
        budget: f64,
        allocation: Allocation,
    },
    /// No budget reaches the goal; `best` is the closest the plans get
    /// (the highest ratio, or the most retained customers).
    Unreachable {
        best: f64,
    },
}

fn retained(cells: &[PlanCell], spend: &[f64]) -> f64 {
    cells
        .iter()
        .zip(spend)
        .filter(|(c, _)| c.stage != PlanStage::Prospect)
        .map(|(c, x)| c.conversions(*x))
        .sum()
}

/// Finds the budget for `goal`. Spend per cell never falls as the budget
/// grows, so retained customers rise with it and bisection finds the
/// smallest budget. For the ratio, R*(B) − tB is concave in B, so the
/// budgets reaching 1:t form one interval: a scan finds its right end,
/// bisection refines it.
pub fn goal_seek(cells: &[PlanCell], goal: Goal) -> Result<Outcome, PlanError> {
    validate(cells)?;
    let floor: f64 = cells.iter().map(|c| c.min_spend).sum();
    // Past 30 c N a cell's curve is flat to 1e-13: no goal needs more.
    let cap: f64 = cells
        .iter()
        .map(|c| {
            (30.0 * c.cost_per_person * c.audience)
                .max(c.min_spend)
                .min(c.upper())
        })
        .sum::<f64>()
        .max(floor);
    let plan = |b: f64| optimise(cells, b);
    let reached = |budget: f64| -> Result<Outcome, PlanError> {
        Ok(Outcome::Reached {
            budget,
            allocation: plan(budget)?,
        })
    };
    match goal {
        Goal::Retained(target) => {
            let at = |b: f64| plan(b).map(|a| retained(cells, &a.spend));
            let most = at(cap)?;
            if most < target {
                return Ok(Outcome::Unreachable { best: most });
            }
            if at(floor)? >= target {
                return reached(floor);
            }
            let (mut lo, mut hi) = (floor, cap);
            for _ in 0..100 {
                let m = (lo + hi) / 2.0;
                if at(m)? >= target {
                    hi = m;
                } else {
                    lo = m;
                }
            }
            reached(hi)
        }
        Goal::ReturnRatio(t) => {
            let slack = |b: f64| {
                plan(b).map(|a| {
                    let f = PlanFigures::of(cells, &a.spend);
                    (f.ret - t * f.spend, f.ratio().unwrap_or(0.0))
                })
            };
            let start = floor.max(cap * 1e-9);
            let steps = 96;
            let grid: Vec<f64> = (0..=steps)
                .map(|k| start * (cap / start).powf(k as f64 / steps as f64))
                .collect();
            let mut last_ok = None;
            let mut best = 0.0f64;
            for (k, b) in grid.iter().enumerate() {
                let (g, ratio) = slack(*b)?;
                best = best.max(ratio);
                if g >= 0.0 {
                    last_ok = Some(k);
                }
            }
            let Some(k) = last_ok else {
                return Ok(Outcome::Unreachable { best });
            };
            if k == steps {
                return reached(cap);
            }
            let (mut lo, mut hi) = (grid[k], grid[k + 1]);
            for _ in 0..100 {
                let m = (lo + hi) / 2.0;
                if slack(m)?.0 >= 0.0 {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            reached(lo)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::planner::CampaignType;

    fn cell(n: f64, c: f64, p: f64, v: f64) -> PlanCell {
        PlanCell::new(CampaignType::Retention, PlanStage::Growth, n, c, p, v)
    }

    #[test]
    fn retained_customers_in_closed_form() {
        // One cell: p N (1 − e^(−B / cN)) = T  ⇒  B = −cN ln(1 − T / pN).
        let c = cell(1000.0, 100.0, 0.5, 2000.0);
        let t = 300.0;
        let want = -100_000.0 * (1.0 - t / 500.0f64).ln();
        match goal_seek(std::slice::from_ref(&c), Goal::Retained(t)).unwrap() {
            Outcome::Reached { budget, .. } => {
                assert!((budget - want).abs() < 1e-3, "{budget} vs {want}")
            }
            o => panic!("{o:?}"),
        }
        match goal_seek(std::slice::from_ref(&c), Goal::Retained(600.0)).unwrap() {
            // Saturation: at most 3 c N, so p N (1 − e⁻³).
            Outcome::Unreachable { best } => {
                assert!(
                    (best - 500.0 * (1.0 - (-3.0f64).exp())).abs() < 1e-6,
                    "{best}"
                )
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn return_ratio_by_independent_bisection() {
        // One cell: R(B) / B = t, solved on the closed form directly.
        let c = cell(1000.0, 100.0, 0.5, 2000.0);
        let t = 8.0;
        let f = |b: f64| 1_000_000.0 * (1.0 - (-b / 100_000.0f64).exp()) / b - t;
        let (mut lo, mut hi) = (1.0, 1e7);
        for _ in 0..200 {
            let m = (lo + hi) / 2.0;
            if f(m) > 0.0 {
                lo = m
            } else {
                hi = m
            }
        }
        match goal_seek(std::slice::from_ref(&c), Goal::ReturnRatio(t)).unwrap() {
            Outcome::Reached { budget, allocation } => {
                assert!((budget - lo).abs() / lo < 1e-9, "{budget} vs {lo}");
                assert!((allocation.total_return / allocation.total_spend - t).abs() < 1e-6);
            }
            o => panic!("{o:?}"),
        }
        // The first yuan returns 10: 1:12 is out of reach.
        match goal_seek(std::slice::from_ref(&c), Goal::ReturnRatio(12.0)).unwrap() {
            Outcome::Unreachable { best } => assert!(best < 10.0 && best > 9.9),
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn prospects_do_not_count_as_retained() {
        let mut acq = cell(10_000.0, 450.0, 0.1, 20_000.0);
        acq.stage = PlanStage::Prospect;
        acq.campaign_type = CampaignType::Acquisition;
        let keep = cell(1000.0, 100.0, 0.5, 2000.0);
        let cells = [acq, keep];
        match goal_seek(&cells, Goal::Retained(470.0)).unwrap() {
            Outcome::Reached { allocation, .. } => {
                assert!((retained(&cells, &allocation.spend) - 470.0).abs() < 1e-3)
            }
            o => panic!("{o:?}"),
        }
    }
}
