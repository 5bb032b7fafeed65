//! The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"):
//! a customer's visit totals are Gamma(p, ν) with ν ~ Gamma(q, v) across
//! customers. Fitted on customers with repeat visits and a positive mean.

use super::optimise::{bfgs, bfgs_from, BfgsOptions};
use super::visits::{FitProblem, Param};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpendParams {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// Why a spend figure cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpendError {
    /// q ≤ 1: the population mean spend per visit is infinite.
    NoFiniteMean,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpendFit {
    pub params: SpendParams,
    pub log_likelihood: f64,
    /// Customers the fit used (x > 0, mean > 0).
    pub customers: usize,
    pub problems: Vec<FitProblem>,
}

impl SpendParams {
    /// Population mean spend per visit, v·p/(q − 1).
    pub fn population_mean(&self) -> Result<f64, SpendError> {
        if self.q > 1.0 {
            Ok(self.v * self.p / (self.q - 1.0))
        } else {
            Err(SpendError::NoFiniteMean)
        }
    }

    /// Expected spend per visit of a customer with `x` repeat visits of
    /// mean `mean` (DOMAIN §9: the population mean when x = 0 or mean ≤ 0).
    pub fn expected_spend(&self, x: u32, mean: Option<f64>) -> Result<f64, SpendError> {
        match mean {
            Some(m) if x > 0 && m > 0.0 => {
                // p(v + x m)/(p x + q − 1): a weighted average of the
                // population mean and the customer's own when q > 1.
                let px = self.p * f64::from(x);
                let den = px + self.q - 1.0;
                if den > 0.0 {
                    Ok(self.p * (self.v + f64::from(x) * m) / den)
                } else {
                    Err(SpendError::NoFiniteMean)
                }
            }
            _ => self.population_mean(),
        }
    }
}

/// Customers grouped by x: Σ ln m and each mean, so ln Γ terms are computed
/// once per distinct x.
struct Groups {
    by_x: Vec<(f64, f64, f64, Vec<f64>)>,
}

fn groups(data: &[(u32, f64)]) -> Groups {
    let mut sorted: Vec<(u32, f64)> = data.to_vec();
    // Ties are the same bits: an unstable sort gives the same order.
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut by_x: Vec<(f64, f64, f64, Vec<f64>)> = Vec::new();
    for (x, m) in sorted {
        let xf = f64::from(x);
        match by_x.last_mut() {
            Some(g) if g.0 == xf => {
                g.1 += 1.0;
                g.2 += m.ln();
                g.3.push(m);
            }
            _ => by_x.push((xf, 1.0, m.ln(), vec![m])),
        }
    }
    Groups { by_x }
}

/// Log-likelihood of (x, mean) pairs and its gradient in (p, q, v).
pub fn spend_log_likelihood(
    sp: &SpendParams,
    data: &[(u32, f64)],
    grad: Option<&mut [f64; 3]>,
) -> f64 {
    ll_groups(sp, &groups(data), grad)
}

fn ll_groups(sp: &SpendParams, g: &Groups, grad: Option<&mut [f64; 3]>) -> f64 {
    let SpendParams { p, q, v } = *sp;
    let (mut ll, mut dp, mut dq, mut dv) = (0.0, 0.0, 0.0, 0.0);
    let (lgq, psq, lnv) = (ln_gamma(q), digamma(q), v.ln());
    for (x, n, sum_ln_m, means) in &g.by_x {
        let (x, n) = (*x, *n);
        let px = p * x;
        let ln_x = x.ln();
        let (mut s_ln, mut s_inv) = (0.0, 0.0);
        for &m in means {
            s_ln += (x * m + v).ln();
            s_inv += 1.0 / (x * m + v);
        }
        ll += n * (ln_gamma(px + q) - ln_gamma(px) - lgq + q * lnv + px * ln_x)
            + (px - 1.0) * sum_ln_m
            - (px + q) * s_ln;
        let dg = digamma(px + q);
        dp += x * (n * (dg - digamma(px) + ln_x) + sum_ln_m - s_ln);
        dq += n * (dg - psq + lnv) - s_ln;
        dv += n * q / v - (px + q) * s_inv;
    }
    if let Some(gr) = grad {
        *gr = [dp, dq, dv];
    }
    ll
}

/// Above this many spending customers the spend fit starts from a sample's.
const SPEND_SAMPLE: usize = 5_000;

/// Fits Gamma-Gamma to the customers with x > 0 and a positive mean repeat
/// spend (yuan); others are skipped as DOMAIN §9 says.
pub fn fit_spend(customers: impl IntoIterator<Item = (u32, Option<f64>)>) -> SpendFit {
    let data: Vec<(u32, f64)> = customers
        .into_iter()
        .filter_map(|(x, m)| match m {
            Some(m) if x > 0 && m > 0.0 && m.is_finite() => Some((x, m)),
            _ => None,
        })
        .collect();
    let mut problems = Vec::new();
    let start_v = {
        let mean = data.iter().map(|d| d.1).sum::<f64>() / data.len().max(1) as f64;
        mean.max(1e-6)
    };
    if data.is_empty() {
        problems.push(FitProblem::NoPositiveSpend);
        return SpendFit {
            params: SpendParams {
                p: 1.0,
                q: 1.0,
                v: start_v,
            },
            log_likelihood: f64::NEG_INFINITY,
            customers: 0,
            problems,
        };
    }
    let g = groups(&data);
    let objective = |g: &Groups, n: f64, th: &[f64], gr: &mut [f64]| {
        let sp = SpendParams {
            p: th[0].clamp(-30.0, 30.0).exp(),
            q: th[1].clamp(-30.0, 30.0).exp(),
            v: th[2].clamp(-30.0, 30.0).exp(),
        };
        let mut d = [0.0; 3];
        let ll = ll_groups(&sp, g, Some(&mut d));
        gr[0] = -d[0] * sp.p / n;
        gr[1] = -d[1] * sp.q / n;
        gr[2] = -d[2] * sp.v / n;
        if ll.is_finite() {
            -ll / n
        } else {
            f64::INFINITY
        }
    };
    let n = data.len() as f64;
    let obj = |th: &[f64], gr: &mut [f64]| objective(&g, n, th, gr);
    let th0 = [0.0, 1.0f64.ln() + 1.0, start_v.ln()];
    let opts = BfgsOptions::default();
    // On many customers: the optimum of a systematic sample along (x, mean)
    // and its curvature start the fit on all of them, which then takes a
    // few steps (each step costs one ln per customer).
    let sampled = (data.len() > SPEND_SAMPLE)
        .then(|| {
            let step = data.len().div_ceil(SPEND_SAMPLE);
            let sample: Vec<(u32, f64)> = g
                .by_x
                .iter()
                .flat_map(|(x, _, _, means)| means.iter().map(move |&m| (*x as u32, m)))
                .step_by(step)
                .collect();
            let gs = groups(&sample);
            let ns = sample.len() as f64;
            let m = bfgs(|th, gr| objective(&gs, ns, th, gr), &th0, &opts);
            (m.converged && m.f.is_finite())
                .then(|| bfgs_from(obj, &m.x, Some(&m.inverse_hessian), &opts))
        })
        .flatten()
        .filter(|m| m.converged);
    let m = sampled.unwrap_or_else(|| {
        let mut m = bfgs(obj, &th0, &opts);
        if !m.converged && m.f.is_finite() {
            m = bfgs(obj, &m.x, &opts);
        }
        m
    });
    let params = SpendParams {
        p: m.x[0].exp(),
        q: m.x[1].exp(),
        v: m.x[2].exp(),
    };
    let ll = ll_groups(&params, &g, None);
    if !ll.is_finite() {
        problems.push(FitProblem::NonFiniteLikelihood);
    } else if !(m.converged || m.grad.iter().all(|v| v.abs() < 1e-6)) {
        problems.push(FitProblem::NotConverged);
    }
    for (param, val, scale) in [
        (Param::P, params.p, 1.0),
        (Param::Q, params.q, 1.0),
        (Param::V, params.v, start_v),
    ] {
        if val / scale > 1e5 || val / scale < 1e-5 {
            problems.push(FitProblem::ParameterAtBound { param, value: val });
        }
    }
    if g.by_x.len() == 1 && data.iter().all(|d| d.1 == data[0].1) {
        problems.push(FitProblem::AllSameFrequency);
    }
    SpendFit {
        params,
        log_likelihood: ll,
        customers: data.len(),
        problems,
    }
}
