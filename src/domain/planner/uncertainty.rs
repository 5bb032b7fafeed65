//! Uncertainty of a plan (DOMAIN §8): each cell's cost, conversion and value
//! range, a seeded Monte Carlo of the plan's return, and the sensitivity of
//! the return to each parameter.

use super::cells::mid;
use super::PlanCell;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Monte Carlo draws and seed of the plan shown: fixed, so the page shows
/// the same figures for the same plan.
pub const DRAWS: usize = 2_000;
pub const SEED: u64 = 2024;

/// The ranges a cell's parameters are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ranges {
    pub cost: (f64, f64),
    pub conversion: (f64, f64),
    pub value: (f64, f64),
}

/// A cell's ranges: the ones it carries, else its type's DOMAIN §3 range
/// when that holds the cell's figure, else ±20% around the figure. The value
/// range is the type's return-ratio range scaled around the cell's value.
pub fn ranges(c: &PlanCell) -> Ranges {
    let p = c.campaign_type.profile();
    let around = |v: f64, r: (f64, f64)| {
        if (r.0..=r.1).contains(&v) {
            r
        } else {
            (v * 0.8, v * 1.2)
        }
    };
    let conversion = around(c.conversion_rate, p.conversion);
    let m = mid(p.ratio);
    Ranges {
        cost: c
            .cost_range
            .unwrap_or_else(|| around(c.cost_per_person, p.cost)),
        conversion: c
            .conversion_range
            .unwrap_or((conversion.0, conversion.1.min(1.0))),
        value: c.value_range.unwrap_or((
            c.value_per_conversion * p.ratio.0 / m,
            c.value_per_conversion * p.ratio.1 / m,
        )),
    }
}

/// R(x) with the given cost, conversion and value.
fn response(c: &PlanCell, cost: f64, conv: f64, value: f64, x: f64) -> f64 {
    if c.audience <= 0.0 {
        return 0.0;
    }
    -value * conv * c.audience * (-x / (cost * c.audience)).exp_m1()
}

/// P10, P50 and P90.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// The q-quantile of sorted values, linear between order statistics
/// (numpy's default).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let (i, frac) = (h.floor() as usize, h - h.floor());
    let next = sorted[(i + 1).min(sorted.len() - 1)];
    sorted[i] + frac * (next - sorted[i])
}

fn percentiles(mut v: Vec<f64>) -> Percentiles {
    v.sort_by(f64::total_cmp);
    Percentiles {
        p10: quantile(&v, 0.1),
        p50: quantile(&v, 0.5),
        p90: quantile(&v, 0.9),
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MonteCarlo {
    pub draws: usize,
    /// Return of the optimised plan.
    pub optimised: Percentiles,
    /// Return of the baseline plan.
    pub baseline: Percentiles,
    /// Return ratio of the optimised plan.
    pub ratio: Percentiles,
    /// Share of draws where the optimised plan returns more than the baseline.
    pub p_beats_baseline: f64,
}

/// Draws every cell's cost, conversion and value uniformly from its range,
/// `draws` times, and returns the spread of both plans' return. The plans
/// (spend per cell) stay fixed: they are decided before the uncertainty
/// resolves. Same seed, same result.
pub fn monte_carlo(
    cells: &[PlanCell],
    optimised: &[f64],
    baseline: &[f64],
    draws: usize,
    seed: u64,
) -> MonteCarlo {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rs: Vec<Ranges> = cells.iter().map(ranges).collect();
    let spend: f64 = optimised.iter().sum();
    let mut opt = Vec::with_capacity(draws);
    let mut base = Vec::with_capacity(draws);
    let mut beats = 0usize;
    let draw = |r: (f64, f64), rng: &mut ChaCha8Rng| {
        if r.1 > r.0 {
            rng.random_range(r.0..r.1)
        } else {
            r.0
        }
    };
    for _ in 0..draws {
        let (mut o, mut b) = (0.0, 0.0);
        for (k, c) in cells.iter().enumerate() {
            let cost = draw(rs[k].cost, &mut rng);
            let conv = draw(rs[k].conversion, &mut rng);
            let value = draw(rs[k].value, &mut rng);
            o += response(c, cost, conv, value, optimised[k]);
            b += response(c, cost, conv, value, baseline[k]);
        }
        beats += usize::from(o > b);
        opt.push(o);
        base.push(b);
    }
    let ratio = opt
        .iter()
        .map(|o| if spend > 0.0 { o / spend } else { 0.0 })
        .collect();
    MonteCarlo {
        draws,
        optimised: percentiles(opt),
        baseline: percentiles(base),
        ratio: percentiles(ratio),
        p_beats_baseline: if draws > 0 {
            beats as f64 / draws as f64
        } else {
            0.0
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Param {
    Cost,
    Conversion,
    Value,
}

/// The plan's return with one parameter of one cell at each end of its range.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Swing {
    pub cell: usize,
    pub param: Param,
    /// Return with the parameter at the low end of its range.
    pub at_low: f64,
    /// … at the high end.
    pub at_high: f64,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// One-at-a-time sensitivity of the plan's return (a tornado): every
/// parameter of every cell moved to each end of its range, the rest held at
/// their figures. Widest swing first.
pub fn sensitivity(cells: &[PlanCell], spend: &[f64]) -> Vec<Swing> {
    let total: f64 = cells.iter().zip(spend).map(|(c, x)| c.response(*x)).sum();
    let mut out = Vec::with_capacity(cells.len() * 3);
    for (k, c) in cells.iter().enumerate() {
        let r = ranges(c);
        let here = c.response(spend[k]);
        let (cost, conv, value) = (c.cost_per_person, c.conversion_rate, c.value_per_conversion);
        let at = |cost, conv, value| total - here + response(c, cost, conv, value, spend[k]);
        out.push(Swing {
            cell: k,
            param: Param::Cost,
            at_low: at(r.cost.0, conv, value),
            at_high: at(r.cost.1, conv, value),
        });
        out.push(Swing {
            cell: k,
            param: Param::Conversion,
            at_low: at(cost, r.conversion.0, value),
            at_high: at(cost, r.conversion.1, value),
        });
        out.push(Swing {
            cell: k,
            param: Param::Value,
            at_low: at(cost, conv, r.value.0),
            at_high: at(cost, conv, r.value.1),
        });
    }
    out.sort_by(|a, b| b.width().total_cmp(&a.width()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::planner::{CampaignType, PlanStage};

    fn retention() -> PlanCell {
        PlanCell::new(
            CampaignType::Retention,
            PlanStage::Growth,
            1000.0,
            150.0,
            0.7,
            2000.0,
        )
    }

    #[test]
    fn quantiles_match_numpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [10, 50, 90]) = 1.4, 3, 7.6
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert!((quantile(&v, 0.1) - 1.4).abs() < 1e-12);
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.9) - 7.6).abs() < 1e-12);
        assert_eq!(quantile(&[], 0.5), 0.0);
    }

    #[test]
    fn default_ranges_follow_domain_3() {
        let r = ranges(&retention());
        assert_eq!(r.cost, (100.0, 200.0));
        assert_eq!(r.conversion, (0.6, 0.8));
        // Ratio 1:8–1:15 around the midpoint 11.5.
        assert!((r.value.0 - 2000.0 * 8.0 / 11.5).abs() < 1e-9);
        assert!((r.value.1 - 2000.0 * 15.0 / 11.5).abs() < 1e-9);
        let mut odd = retention();
        odd.cost_per_person = 500.0;
        assert_eq!(ranges(&odd).cost, (400.0, 600.0));
    }

    #[test]
    fn point_ranges_give_the_point_and_value_only_is_uniform() {
        let mut c = retention();
        c.cost_range = Some((150.0, 150.0));
        c.conversion_range = Some((0.7, 0.7));
        c.value_range = Some((2000.0, 2000.0));
        let x = 100_000.0;
        let exact = c.response(x);
        let mc = monte_carlo(std::slice::from_ref(&c), &[x], &[x / 2.0], 500, 7);
        assert!((mc.optimised.p10 - exact).abs() < 1e-6);
        assert!((mc.optimised.p90 - exact).abs() < 1e-6);
        assert_eq!(mc.p_beats_baseline, 1.0);
        // Value uniform on [1000, 3000]: the return is linear in it, so its
        // P10/P50/P90 are the response at values 1200, 2000 and 2800.
        c.value_range = Some((1000.0, 3000.0));
        let mc = monte_carlo(std::slice::from_ref(&c), &[x], &[x], 20_000, 7);
        let per_yuan = exact / 2000.0;
        for (got, v) in [
            (mc.optimised.p10, 1200.0),
            (mc.optimised.p50, 2000.0),
            (mc.optimised.p90, 2800.0),
        ] {
            assert!(
                (got - per_yuan * v).abs() / (per_yuan * v) < 0.02,
                "{got} vs {}",
                per_yuan * v
            );
        }
        // Ties are not wins.
        assert_eq!(mc.p_beats_baseline, 0.0);
        assert_eq!(
            mc,
            monte_carlo(std::slice::from_ref(&c), &[x], &[x], 20_000, 7)
        );
    }

    #[test]
    fn sensitivity_by_hand() {
        let c = retention();
        let x = 150_000.0;
        let s = sensitivity(std::slice::from_ref(&c), &[x]);
        assert_eq!(s.len(), 3);
        let value = s.iter().find(|w| w.param == Param::Value).unwrap();
        let r = ranges(&c);
        assert!((value.at_high - c.response(x) * r.value.1 / 2000.0).abs() < 1e-6);
        let cost = s.iter().find(|w| w.param == Param::Cost).unwrap();
        // Dearer contacts reach fewer people.
        assert!(cost.at_high < cost.at_low);
        assert!(s.windows(2).all(|w| w[0].width() >= w[1].width()));
    }
}
