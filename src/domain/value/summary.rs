//! What the Customer value view and the other views take from a fitted
//! model (DOMAIN §9): the P(alive) matrix, the CLV distribution, CLV and
//! P(alive) by segment and stage, the valuable customers slipping away,
//! and the LTV and lifetime KPIs (DOMAIN §5).

use super::score::{CustomerValue, ValueReport};
use super::validate::RECENCY_BOUNDS;
use super::visits::VisitParams;
use crate::domain::lifecycle::Stage;
use crate::domain::rfm::Segment;
use crate::domain::segmentation::Segmentation;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Gamma};
use serde::{Deserialize, Serialize};

/// Repeat-visit rows of the P(alive) matrix: 0…6, then 7+.
pub const FREQUENCY_ROWS: usize = 8;
/// Customers listed as slipping away.
pub const SLIPPING_SHOWN: usize = 20;
/// A customer is "slipping" when P(alive) is below this (and not yet
/// probably gone) and fell over the last [`SLIPPING_DAYS`].
pub const SLIPPING_BELOW: f64 = 0.5;
pub const SLIPPING_DAYS: f64 = 90.0;
/// Draws of the lifetime simulation, and its seed.
pub const LIFETIME_DRAWS: usize = 10_000;
pub const LIFETIME_SEED: u64 = 9;

/// Mean P(alive) of the customers in one cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Cell {
    pub customers: usize,
    pub mean_p_alive: Option<f64>,
}

/// A group's customers, mean P(alive) and 12-month CLV.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GroupValue {
    pub customers: usize,
    pub mean_p_alive: Option<f64>,
    pub mean_clv_365d: Option<f64>,
    pub total_clv_365d: f64,
}

impl GroupValue {
    fn add(&mut self, v: &CustomerValue, sums: &mut (f64, f64, usize)) {
        self.customers += 1;
        sums.0 += v.p_alive;
        if let Ok(c) = v.clv_365d {
            sums.1 += c;
            sums.2 += 1;
            self.total_clv_365d += c;
        }
    }

    fn close(&mut self, sums: (f64, f64, usize)) {
        self.mean_p_alive = (self.customers > 0).then(|| sums.0 / self.customers as f64);
        self.mean_clv_365d = (sums.2 > 0).then(|| sums.1 / sums.2 as f64);
    }
}

/// A valuable customer whose P(alive) is falling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Slipping {
    pub customer: u32,
    pub p_alive_before: f64,
    pub p_alive: f64,
    pub clv_365d: f64,
    /// What a year of the customer brings if they are still there.
    pub value_if_kept: f64,
}

/// Everything derived from a report for the views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueSummary {
    /// `matrix[frequency row][recency column]`.
    pub matrix: Vec<Vec<Cell>>,
    /// (low, high, customers) bins of 12-month CLV; the last is open
    /// (`None` above).
    pub clv_bins: Vec<(f64, Option<f64>, usize)>,
    pub by_segment: Vec<(Segment, GroupValue)>,
    pub by_stage: Vec<(Stage, GroupValue)>,
    pub total: GroupValue,
    pub probably_gone: usize,
    pub slipping: Vec<Slipping>,
    /// Mean LTV: spend so far plus the discounted residual CLV (yuan).
    pub ltv: Option<f64>,
    /// Median lifetime of a new customer in months (simulated, seeded).
    pub median_lifetime_months: Option<f64>,
}

fn frequency_row(x: u32) -> usize {
    (x as usize).min(FREQUENCY_ROWS - 1)
}

fn recency_column(days: f64) -> usize {
    RECENCY_BOUNDS
        .iter()
        .position(|b| days <= *b)
        .unwrap_or(RECENCY_BOUNDS.len())
}

/// Round bins for a histogram of values up to `top`: 10 bins of a step of
/// 1, 2 or 5 × 10^k, then one open bin above.
fn bins(top: f64) -> Vec<(f64, f64)> {
    let raw = (top / 10.0).max(1.0);
    let p = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    let mut out: Vec<(f64, f64)> = (0..10)
        .map(|i| (i as f64 * step, (i + 1) as f64 * step))
        .collect();
    out.push((10.0 * step, f64::INFINITY));
    out
}

/// The median time from a first visit to a new customer's last visit, in
/// months, over `draws` customers simulated from the fitted model.
pub fn median_lifetime_days(p: &VisitParams, draws: usize, seed: u64) -> Option<f64> {
    let lambda = Gamma::new(p.r, 1.0 / p.alpha).ok()?;
    let churn = Beta::new(p.a, p.b).ok()?;
    let gap = Gamma::new(f64::from(p.k), 1.0).ok()?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Fifty years: a customer who would outlive it counts as fifty years.
    let cap = 50.0 * 365.25;
    let mut lives: Vec<f64> = (0..draws)
        .map(|_| {
            let lam: f64 = lambda.sample(&mut rng).max(1e-300);
            let pp: f64 = churn.sample(&mut rng);
            let mut alive = !(p.dropout_at_zero && rng.random::<f64>() < pp);
            let mut t = 0.0;
            let mut last = 0.0;
            while alive && t < cap {
                t += gap.sample(&mut rng) / lam;
                if t < cap {
                    last = t;
                }
                alive = rng.random::<f64>() >= pp;
            }
            last
        })
        .collect();
    if lives.is_empty() {
        return None;
    }
    lives.sort_by(f64::total_cmp);
    Some(lives[lives.len() / 2])
}

impl ValueSummary {
    /// Each CLV bin's share of the customers binned (all 0 when none are).
    pub fn clv_bin_shares(&self) -> Vec<f64> {
        let total = self.clv_bins.iter().map(|b| b.2).sum::<usize>();
        self.clv_bins
            .iter()
            .map(|b| {
                if total == 0 {
                    0.0
                } else {
                    b.2 as f64 / total as f64
                }
            })
            .collect()
    }

    /// The share of the customers summarised who are probably gone (0 when
    /// there are none).
    pub fn probably_gone_share(&self) -> f64 {
        if self.total.customers == 0 {
            0.0
        } else {
            self.probably_gone as f64 / self.total.customers as f64
        }
    }

    /// Summarises a report; `seg` classifies the same customers at the same
    /// as-of date (for segments, stages and past spend).
    pub fn of(report: &ValueReport, seg: &Segmentation) -> ValueSummary {
        let columns = RECENCY_BOUNDS.len() + 1;
        let mut sums = vec![vec![(0usize, 0.0f64); columns]; FREQUENCY_ROWS];
        let mut row_of = vec![
            usize::MAX;
            seg.customers
                .iter()
                .map(|c| c.stats.customer as usize + 1)
                .max()
                .unwrap_or(0)
        ];
        for (i, c) in seg.customers.iter().enumerate() {
            row_of[c.stats.customer as usize] = i;
        }
        let mut by_segment: Vec<(Segment, GroupValue, (f64, f64, usize))> = Segment::ALL
            .iter()
            .map(|s| (*s, GroupValue::default(), (0.0, 0.0, 0)))
            .collect();
        let mut by_stage: Vec<(Stage, GroupValue, (f64, f64, usize))> = Stage::ALL
            .iter()
            .map(|s| (*s, GroupValue::default(), (0.0, 0.0, 0)))
            .collect();
        let mut total = GroupValue::default();
        let mut total_sums = (0.0, 0.0, 0);
        let mut ltv = (0.0, 0usize);
        let mut probably_gone = 0;
        let mut slipping = Vec::new();
        let clv_top = {
            let mut c: Vec<f64> = report
                .customers
                .iter()
                .filter_map(|v| v.clv_365d.ok())
                .collect();
            c.sort_by(f64::total_cmp);
            c.get(((c.len() as f64) * 0.99) as usize)
                .copied()
                .unwrap_or(0.0)
        };
        let bin_edges = bins(clv_top);
        let mut counts = vec![0usize; bin_edges.len()];
        let p = &report.visits.params;
        for v in &report.customers {
            let Some(&i) = row_of.get(v.customer as usize) else {
                continue;
            };
            let Some(c) = seg.customers.get(i) else {
                continue;
            };
            let x = c.stats.frequency.saturating_sub(1);
            let cell = &mut sums[frequency_row(x)][recency_column(f64::from(c.stats.recency_days))];
            cell.0 += 1;
            cell.1 += v.p_alive;
            total.add(v, &mut total_sums);
            if let Some(g) = by_segment.iter_mut().find(|g| g.0 == c.segment) {
                g.1.add(v, &mut g.2);
            }
            if let Some(g) = by_stage.iter_mut().find(|g| g.0 == c.stage) {
                g.1.add(v, &mut g.2);
            }
            probably_gone += usize::from(v.probably_gone);
            if let Ok(r) = v.residual_clv {
                ltv.0 += c.stats.monetary.yuan() + r;
                ltv.1 += 1;
            }
            if let Ok(clv) = v.clv_365d {
                if let Some(i) = bin_edges.iter().position(|b| clv >= b.0 && clv < b.1) {
                    counts[i] += 1;
                }
                // Silent for the whole window: P(alive) then was higher.
                let (t_cal, t_x) = (
                    f64::from(c.stats.recency_days) + tenure_to_last(c),
                    tenure_to_last(c),
                );
                if !v.probably_gone
                    && v.p_alive < SLIPPING_BELOW
                    && f64::from(c.stats.recency_days) >= SLIPPING_DAYS
                {
                    let before = p.p_alive(x, t_x, t_cal - SLIPPING_DAYS);
                    if before > v.p_alive {
                        slipping.push(Slipping {
                            customer: v.customer,
                            p_alive_before: before,
                            p_alive: v.p_alive,
                            clv_365d: clv,
                            value_if_kept: clv / v.p_alive.max(1e-12),
                        });
                    }
                }
            }
        }
        total.close(total_sums);
        slipping.sort_by(|a, b| {
            b.clv_365d
                .total_cmp(&a.clv_365d)
                .then(a.customer.cmp(&b.customer))
        });
        slipping.truncate(SLIPPING_SHOWN);
        ValueSummary {
            matrix: sums
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|(n, s)| Cell {
                            customers: n,
                            mean_p_alive: (n > 0).then(|| s / n as f64),
                        })
                        .collect()
                })
                .collect(),
            clv_bins: bin_edges
                .iter()
                .zip(counts)
                .map(|(b, n)| (b.0, b.1.is_finite().then_some(b.1), n))
                .collect(),
            by_segment: by_segment
                .into_iter()
                .map(|(s, mut g, sums)| {
                    g.close(sums);
                    (s, g)
                })
                .collect(),
            by_stage: by_stage
                .into_iter()
                .map(|(s, mut g, sums)| {
                    g.close(sums);
                    (s, g)
                })
                .collect(),
            total,
            probably_gone,
            slipping,
            ltv: (ltv.1 > 0).then(|| ltv.0 / ltv.1 as f64),
            median_lifetime_months: median_lifetime_days(p, LIFETIME_DRAWS, LIFETIME_SEED)
                .map(|d| d / (365.25 / 12.0)),
        }
    }
}

/// Days from the first to the last visit.
fn tenure_to_last(c: &crate::domain::segmentation::CustomerRow) -> f64 {
    (c.stats.last_visit - c.stats.first_visit).num_days() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_the_bins_and_of_the_probably_gone() {
        let mut s = ValueSummary {
            matrix: Vec::new(),
            clv_bins: vec![(0.0, Some(1_000.0), 1), (1_000.0, None, 3)],
            by_segment: Vec::new(),
            by_stage: Vec::new(),
            total: GroupValue {
                customers: 8,
                mean_p_alive: None,
                mean_clv_365d: None,
                total_clv_365d: 0.0,
            },
            probably_gone: 2,
            slipping: Vec::new(),
            ltv: None,
            median_lifetime_months: None,
        };
        assert_eq!(s.clv_bin_shares(), [0.25, 0.75]);
        assert_eq!(s.probably_gone_share(), 0.25);
        s.clv_bins.iter_mut().for_each(|b| b.2 = 0);
        s.total.customers = 0;
        assert_eq!(s.clv_bin_shares(), [0.0, 0.0]);
        assert_eq!(s.probably_gone_share(), 0.0);
    }

    #[test]
    fn histogram_bins_are_round() {
        let b = bins(9_300.0);
        assert_eq!(b[0], (0.0, 1_000.0));
        assert_eq!(b[9], (9_000.0, 10_000.0));
        assert_eq!(b[10].0, 10_000.0);
        assert!(b[10].1.is_infinite());
        assert_eq!(bins(0.0)[0], (0.0, 1.0));
        assert_eq!(recency_column(90.0), 0);
        assert_eq!(recency_column(91.0), 1);
        assert_eq!(recency_column(800.0), 4);
        assert_eq!(frequency_row(12), 7);
    }

    #[test]
    fn lifetimes_at_the_extremes_of_dropout() {
        // p ≈ 1 (a ≫ b): a BG customer drops out after the first repeat
        // visit, which comes after one gap: λ ~ Gamma(1, 100) days, so the
        // median of 100·E/G (E, G unit exponentials) is 100 days.
        let p = VisitParams {
            k: 1,
            r: 1.0,
            alpha: 100.0,
            a: 1e6,
            b: 1e-3,
            dropout_at_zero: false,
        };
        let m = median_lifetime_days(&p, 20_000, 1).expect("lifetime");
        assert!((m - 100.0).abs() < 6.0, "{m}");
        // The MBG variant may drop out at the first visit: nobody returns.
        let mbg = VisitParams {
            dropout_at_zero: true,
            ..p
        };
        assert_eq!(median_lifetime_days(&mbg, 2_000, 1), Some(0.0));
        // Without dropout at all (b ≫ a) the simulation runs to its cap.
        let p = VisitParams {
            a: 1e-3,
            b: 1e6,
            ..p
        };
        let m = median_lifetime_days(&p, 200, 1).expect("lifetime");
        assert!(m > 40.0 * 365.0, "{m}");
    }
}
