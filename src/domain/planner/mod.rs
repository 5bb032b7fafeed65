//! Budget planner model (DOMAIN §8): concave response curves per plan cell
//! and the exact optimiser (equal marginal return, bisection on λ).
//!
//! A cell reaches N (1 − e^(−x / cN)) people with spend x and returns
//! R(x) = v p N (1 − e^(−x / cN)); its marginal return is
//! R'(x) = (v p / c) e^(−x / cN), so the spend at marginal return λ is
//! x(λ) = cN ln(pv / cλ), clipped to the cell's bounds.

pub mod cells;
pub mod goal;
pub mod scenario;
pub mod uncertainty;

pub use cells::{CampaignType, PlanStage};
use serde::{Deserialize, Serialize};

/// **Decision (saturation, issue 14):** no plan, baseline or optimised,
/// puts more than 3 × c × N into a cell. By then it reaches 1 − e⁻³ = 95%
/// of its audience; beyond, each yuan returns less than 5% of the first.
pub const SATURATION: f64 = 3.0;

/// One campaign type aimed at one stage; the scenario file's cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanCell {
    pub campaign_type: CampaignType,
    pub stage: PlanStage,
    pub audience: f64,
    pub cost_per_person: f64,
    pub conversion_rate: f64,
    pub value_per_conversion: f64,
    #[serde(default)]
    pub min_spend: f64,
    #[serde(default)]
    pub max_spend: Option<f64>,
    /// The baseline plan's spend on this cell, when the user typed one.
    #[serde(default)]
    pub baseline_spend: Option<f64>,
    /// Ranges for the Monte Carlo; `None` takes the type's DOMAIN §3 range.
    #[serde(default)]
    pub cost_range: Option<(f64, f64)>,
    #[serde(default)]
    pub conversion_range: Option<(f64, f64)>,
    #[serde(default)]
    pub value_range: Option<(f64, f64)>,
}

impl PlanCell {
    /// A cell with no bounds, no baseline and the type's default ranges.
    pub fn new(
        campaign_type: CampaignType,
        stage: PlanStage,
        audience: f64,
        cost_per_person: f64,
        conversion_rate: f64,
        value_per_conversion: f64,
    ) -> PlanCell {
        PlanCell {
            campaign_type,
            stage,
            audience,
            cost_per_person,
            conversion_rate,
            value_per_conversion,
            min_spend: 0.0,
            max_spend: None,
            baseline_spend: None,
            cost_range: None,
            conversion_range: None,
            value_range: None,
        }
    }

    fn scale(&self) -> f64 {
        self.cost_per_person * self.audience
    }

    /// The spend past which the cell is saturated: [`SATURATION`] × c × N.
    pub fn saturation(&self) -> f64 {
        SATURATION * self.scale()
    }

    /// People reached by spend `x` (none in a cell with no audience).
    pub fn reach(&self, x: f64) -> f64 {
        if self.audience <= 0.0 {
            return 0.0;
        }
        // −expm1 keeps the first yuan's reach exact (1 − e⁻ᵘ cancels).
        -self.audience * (-x / self.scale()).exp_m1()
    }

    pub fn conversions(&self, x: f64) -> f64 {
        self.conversion_rate * self.reach(x)
    }

    /// Expected return R(x).
    pub fn response(&self, x: f64) -> f64 {
        self.value_per_conversion * self.conversions(x)
    }

    /// Marginal return R'(x).
    pub fn marginal(&self, x: f64) -> f64 {
        if self.audience <= 0.0 {
            return 0.0;
        }
        self.value_per_conversion * self.conversion_rate / self.cost_per_person
            * (-x / self.scale()).exp()
    }

    /// The most a plan puts into the cell: its maximum, and never past
    /// saturation unless the cell's own minimum asks for more.
    pub fn upper(&self) -> f64 {
        self.max_spend
            .unwrap_or(f64::INFINITY)
            .min(self.saturation())
            .max(self.min_spend)
    }

    /// Spend where the marginal return equals λ, within the bounds.
    fn spend_at(&self, lambda: f64) -> f64 {
        let ratio =
            self.value_per_conversion * self.conversion_rate / (self.cost_per_person * lambda);
        let x = if ratio > 1.0 {
            self.scale() * ratio.ln()
        } else {
            0.0
        };
        x.clamp(self.min_spend, self.upper())
    }
}

/// What is wrong with a cell's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellProblem {
    NotANumber,
    Audience,
    Cost,
    Conversion,
    Negative,
    MaxBelowMin,
    RangeOrder,
    RangeBounds,
}

/// Why a plan cannot be optimised, with the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PlanError {
    /// A cell's figures make no response curve (index, what is wrong).
    InvalidCell {
        index: usize,
        reason: CellProblem,
    },
    /// The minimum spends add up to more than the budget.
    Infeasible {
        min_total: f64,
        budget: f64,
    },
    NoCells,
    /// The budget is negative or not a number.
    InvalidBudget,
}

/// The optimised plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    pub spend: Vec<f64>,
    pub total_spend: f64,
    pub total_return: f64,
    /// Budget the cells cannot use (every cell at its maximum).
    pub unused: f64,
    /// The common marginal return of cells strictly inside their bounds.
    pub lambda: f64,
}

pub(crate) fn validate(cells: &[PlanCell]) -> Result<(), PlanError> {
    if cells.is_empty() {
        return Err(PlanError::NoCells);
    }
    for (index, c) in cells.iter().enumerate() {
        let bad = |reason| Err(PlanError::InvalidCell { index, reason });
        let finite = [
            c.audience,
            c.cost_per_person,
            c.conversion_rate,
            c.value_per_conversion,
            c.min_spend,
        ]
        .iter()
        .all(|v| v.is_finite());
        if !finite || c.max_spend.is_some_and(|m| !m.is_finite()) {
            return bad(CellProblem::NotANumber);
        }
        if c.audience < 0.0 {
            return bad(CellProblem::Audience);
        }
        if c.cost_per_person <= 0.0 {
            return bad(CellProblem::Cost);
        }
        if !(0.0..=1.0).contains(&c.conversion_rate) {
            return bad(CellProblem::Conversion);
        }
        if c.value_per_conversion < 0.0 || c.min_spend < 0.0 {
            return bad(CellProblem::Negative);
        }
        if c.max_spend.is_some_and(|m| m < c.min_spend) {
            return bad(CellProblem::MaxBelowMin);
        }
        let ranges = [c.cost_range, c.conversion_range, c.value_range];
        if ranges
            .iter()
            .flatten()
            .any(|(lo, hi)| !lo.is_finite() || !hi.is_finite() || lo > hi || *lo < 0.0)
        {
            return bad(CellProblem::RangeOrder);
        }
        if c.cost_range.is_some_and(|r| r.0 <= 0.0) || c.conversion_range.is_some_and(|r| r.1 > 1.0)
        {
            return bad(CellProblem::RangeBounds);
        }
    }
    Ok(())
}

/// The plan that maximises total return with total spend ≤ `budget` and
/// every cell within its bounds (DOMAIN §8: exact for concave responses).
pub fn optimise(cells: &[PlanCell], budget: f64) -> Result<Allocation, PlanError> {
    validate(cells)?;
    if !budget.is_finite() || budget < 0.0 {
        return Err(PlanError::InvalidBudget);
    }
    let min_total: f64 = cells.iter().map(|c| c.min_spend).sum();
    if min_total > budget + 1e-9 {
        return Err(PlanError::Infeasible { min_total, budget });
    }
    let max_total: f64 = cells.iter().map(PlanCell::upper).sum();
    let finish = |spend: Vec<f64>, lambda: f64| {
        let f = scenario::PlanFigures::of(cells, &spend);
        Allocation {
            unused: (budget - f.spend).max(0.0),
            spend,
            total_spend: f.spend,
            total_return: f.ret,
            lambda,
        }
    };
    if max_total <= budget {
        let spend: Vec<f64> = cells.iter().map(PlanCell::upper).collect();
        return Ok(finish(spend, 0.0));
    }
    let total_at = |lambda: f64| cells.iter().map(|c| c.spend_at(lambda)).sum::<f64>();
    // Spend falls as λ rises: at λ_hi every cell sits at its minimum.
    let mut hi = cells
        .iter()
        .map(|c| c.marginal(c.min_spend))
        .fold(0.0f64, f64::max)
        .max(1e-12)
        * 2.0;
    let mut lo = hi;
    while total_at(lo) < budget && lo > 1e-300 {
        lo /= 2.0;
    }
    for _ in 0..200 {
        let mid = (lo * hi).sqrt();
        if total_at(mid) > budget {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi / lo < 1.0 + 1e-15 {
            break;
        }
    }
    let mut spend: Vec<f64> = cells.iter().map(|c| c.spend_at(hi)).collect();
    // Put the last rounding gap on the cells still inside their bounds, so
    // the plan spends the budget exactly.
    let gap = budget - spend.iter().sum::<f64>();
    let free: Vec<usize> = (0..cells.len())
        .filter(|&i| spend[i] < cells[i].upper() && spend[i] > cells[i].min_spend)
        .collect();
    if gap > 0.0 && !free.is_empty() {
        let share = gap / free.len() as f64;
        for i in free {
            spend[i] = (spend[i] + share).min(cells[i].upper());
        }
    }
    Ok(finish(spend, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(n: f64, c: f64, p: f64, v: f64, lo: f64, hi: Option<f64>) -> PlanCell {
        PlanCell {
            min_spend: lo,
            max_spend: hi,
            ..PlanCell::new(CampaignType::Retention, PlanStage::Growth, n, c, p, v)
        }
    }

    #[test]
    fn response_curve_by_hand() {
        let c = cell(1000.0, 100.0, 0.5, 2000.0, 0.0, None);
        // x = cN: reach N(1 − 1/e).
        let x = 100_000.0;
        assert!((c.reach(x) - 1000.0 * (1.0 - (-1.0f64).exp())).abs() < 1e-9);
        assert!((c.response(x) - 2000.0 * 0.5 * 1000.0 * (1.0 - (-1.0f64).exp())).abs() < 1e-6);
        // Small budgets reach about x / c people.
        assert!((c.reach(100.0) - 1.0).abs() < 1e-3);
        assert!((c.marginal(0.0) - 10.0).abs() < 1e-12);
    }

    #[test]
    fn matches_a_brute_force_grid_on_two_cells() {
        let cells = [
            cell(1000.0, 100.0, 0.6, 2000.0, 0.0, None),
            cell(500.0, 300.0, 0.2, 3000.0, 0.0, Some(90_000.0)),
        ];
        let budget = 200_000.0;
        let best = optimise(&cells, budget).unwrap();
        let mut grid_best = 0.0f64;
        let steps = 20_000;
        for k in 0..=steps {
            let x0 = budget * k as f64 / steps as f64;
            let x1 = (budget - x0).min(90_000.0);
            grid_best = grid_best.max(cells[0].response(x0) + cells[1].response(x1));
        }
        assert!(
            best.total_return >= grid_best - 1e-6,
            "{} < {grid_best}",
            best.total_return
        );
        assert!((best.total_return - grid_best).abs() / grid_best < 1e-6);
        assert!((best.total_spend - budget).abs() < 1e-6);
    }

    #[test]
    fn kkt_conditions_hold() {
        let cells = [
            cell(2000.0, 150.0, 0.7, 2300.0, 10_000.0, None),
            cell(800.0, 500.0, 0.1, 6000.0, 0.0, Some(50_000.0)),
            cell(3000.0, 100.0, 0.3, 1500.0, 0.0, Some(20_000.0)),
            cell(100.0, 1000.0, 0.05, 1000.0, 5_000.0, None),
        ];
        let a = optimise(&cells, 600_000.0).unwrap();
        assert!((a.total_spend - 600_000.0).abs() < 1e-6);
        for (c, x) in cells.iter().zip(&a.spend) {
            let m = c.marginal(*x);
            if *x > c.min_spend + 1e-6 && *x < c.upper() - 1e-6 {
                assert!(
                    (m - a.lambda).abs() / a.lambda < 1e-6,
                    "interior cell off λ: {m} vs {}",
                    a.lambda
                );
            } else if (*x - c.min_spend).abs() < 1e-6 {
                assert!(
                    m <= a.lambda * (1.0 + 1e-6),
                    "cell at its minimum would want less"
                );
            } else {
                assert!(
                    m >= a.lambda * (1.0 - 1e-6),
                    "cell at its maximum would want more"
                );
            }
        }
    }

    #[test]
    fn infeasible_and_unusable_budgets_say_so() {
        let cells = [
            cell(100.0, 100.0, 0.5, 1000.0, 6_000.0, Some(8_000.0)),
            cell(100.0, 100.0, 0.5, 1000.0, 5_000.0, Some(9_000.0)),
        ];
        assert_eq!(
            optimise(&cells, 10_000.0),
            Err(PlanError::Infeasible {
                min_total: 11_000.0,
                budget: 10_000.0
            })
        );
        let a = optimise(&cells, 20_000.0).unwrap();
        assert_eq!(a.spend, vec![8_000.0, 9_000.0]);
        assert_eq!(a.unused, 3_000.0);
        let bad = [cell(-1.0, 100.0, 0.5, 1000.0, 0.0, None)];
        assert_eq!(
            optimise(&bad, 1.0),
            Err(PlanError::InvalidCell {
                index: 0,
                reason: CellProblem::Audience
            })
        );
        assert_eq!(optimise(&[], 1.0), Err(PlanError::NoCells));
    }
}
