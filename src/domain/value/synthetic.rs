//! Seeded synthetic data for the value models: car-service-like customers
//! who come back at regular intervals (Erlang gaps) and leave silently, as
//! a [`Dataset`]; and a simulator of any fitted visit model, to check the
//! conditional expectations against what the model itself generates.

use super::history::{CustomerHistory, Holdout};
use super::visits::VisitParams;
use crate::domain::model::{Dataset, DatasetBuilder, OptionalColumns, VisitRow};
use crate::domain::money::Fen;
use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Gamma};

/// Regular visitors: each customer's gaps are Gamma(gap_shape) with a mean
/// that varies across customers (Gamma with shape `rate_shape`), and after
/// every visit (the first included) they leave for good with probability
/// p ~ Beta(churn_a, churn_b). First visits are spread evenly over
/// [start, end]; spend per visit is Gamma-Gamma.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegularVisits {
    pub seed: u64,
    pub customers: usize,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub mean_gap_days: f64,
    pub gap_shape: f64,
    pub rate_shape: f64,
    pub churn_a: f64,
    pub churn_b: f64,
    /// Mean spend per visit in yuan.
    pub mean_spend: f64,
}

impl RegularVisits {
    /// Service every ~6 months, gaps with a CV of 0.35 (shape 8).
    pub fn six_month(seed: u64, customers: usize) -> Self {
        RegularVisits {
            seed,
            customers,
            start: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
            mean_gap_days: 182.0,
            gap_shape: 8.0,
            rate_shape: 6.0,
            churn_a: 2.0,
            churn_b: 10.0,
            mean_spend: 1500.0,
        }
    }

    /// Annual service: ~12 months, shape 6, more loyal.
    pub fn twelve_month(seed: u64, customers: usize) -> Self {
        RegularVisits {
            mean_gap_days: 365.0,
            gap_shape: 6.0,
            rate_shape: 8.0,
            churn_a: 2.0,
            churn_b: 8.0,
            mean_spend: 2600.0,
            ..RegularVisits::six_month(seed, customers)
        }
    }

    /// Visits as a data set (one row per visit, ids "S0000001"…).
    pub fn dataset(&self) -> Dataset {
        let mut b = DatasetBuilder::new(OptionalColumns::default());
        let span = (self.end - self.start).num_days().max(1) as f64;
        let gap_scale = self.mean_gap_days / self.gap_shape;
        let rate = Gamma::new(self.rate_shape, 1.0 / self.rate_shape).expect("valid shape");
        let churn = Beta::new(self.churn_a, self.churn_b).expect("valid beta");
        let gap = Gamma::new(self.gap_shape, 1.0).expect("valid shape");
        // Spend: visit totals Gamma(6, ν), ν ~ Gamma(q = 4, ·) around the mean.
        let (sp, sq) = (6.0, 4.0);
        let nu = Gamma::new(sq, 1.0).expect("valid shape");
        for i in 0..self.customers {
            let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
            rng.set_stream(i as u64);
            let id = format!("S{i:07}");
            let speed: f64 = rate.sample(&mut rng);
            let p: f64 = churn.sample(&mut rng);
            let scale = self.mean_spend * (sq - 1.0) / sp / nu.sample(&mut rng);
            let spend = Gamma::new(sp, scale).expect("valid spend");
            let mut t = rng.random::<f64>() * span;
            loop {
                let date = self.start + Days::new(t as u64);
                if date > self.end {
                    break;
                }
                let yuan: f64 = spend.sample(&mut rng);
                b.push(VisitRow {
                    customer: id.as_str(),
                    date,
                    amount: Fen((yuan * 100.0).round() as i64),
                    campaign: None,
                    store: None,
                    delivery: None,
                    nps: None,
                    complaint: None,
                });
                if rng.random::<f64>() < p {
                    break;
                }
                // At least a day apart: a visit is one per date.
                t += (gap.sample(&mut rng) * gap_scale / speed).max(1.0);
            }
        }
        b.finish()
    }
}

/// Simulates `n` customers of a fitted visit model (BTYDplus
/// `xbgcnbd.GenerateData`): first visits spread evenly so that T runs over
/// (0, t_cal_max], then a holdout of `holdout` time units. Returns each
/// customer's history at the end of calibration and their holdout visits.
pub fn simulate(
    p: &VisitParams,
    n: usize,
    t_cal_max: f64,
    holdout: f64,
    seed: u64,
) -> Vec<Holdout> {
    let lambda = Gamma::new(p.r, 1.0 / p.alpha).expect("valid r, alpha");
    let churn = Beta::new(p.a, p.b).expect("valid a, b");
    let gap = Gamma::new(f64::from(p.k), 1.0).expect("valid k");
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(i as u64);
        let lam: f64 = lambda.sample(&mut rng).max(1e-300);
        let pp: f64 = churn.sample(&mut rng);
        let t_cal = t_cal_max * (i as f64 + 0.5) / n as f64;
        let end = t_cal + holdout;
        // Alive after the first visit unless an M model drops out there.
        let mut alive = !(p.dropout_at_zero && rng.random::<f64>() < pp);
        let (mut t, mut last, mut x, mut litt, mut after) = (0.0, 0.0, 0u32, 0.0, 0u32);
        let mut days = Vec::new();
        while alive {
            t += gap.sample(&mut rng) / lam;
            if t > end {
                break;
            }
            if t <= t_cal {
                x += 1;
                litt += (t - last).ln();
                last = t;
            } else {
                after += 1;
                days.push((t - t_cal).ceil() as u32);
            }
            alive = rng.random::<f64>() >= pp;
        }
        out.push(Holdout {
            customer: i as u32,
            history: CustomerHistory {
                x,
                t_x: last,
                t_cal,
                mean_repeat_spend: None,
                litt,
            },
            actual_visits: after,
            visit_days: Some(days),
        });
    }
    out
}
