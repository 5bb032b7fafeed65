//! The visit models of DOMAIN §9: BG/NBD, MBG/NBD, BG/CNBD-k and MBG/CNBD-k
//! as one family (BTYDplus `xbgcnbd`): rate λ ~ Gamma(r, α), Erlang-k gaps
//! (k = 1 is the Poisson case), dropout p ~ Beta(a, b) after each repeat
//! visit (the M variants also at the first visit). Maximum likelihood on
//! compressed triples, P(alive), and exact conditional expectations.

use super::history::Compressed;
use super::optimise::{bfgs, bfgs_from, BfgsOptions};
use super::special::{
    beta_expectation, digamma_rising, gauss_beta, gauss_gamma, hyp2f1_series, ln_beta_ratio,
    ln_rising, sigmoid, GaussRule,
};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use statrs::function::gamma::ln_gamma;

/// The four visit models (ids as the app stores them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ModelKind {
    BgNbd,
    MbgNbd,
    BgCnbd,
    MbgCnbd,
}

impl ModelKind {
    /// In order of preference: simpler first (auto keeps a simpler model
    /// when a more complex one is not clearly better).
    pub const ALL: [ModelKind; 4] = [
        ModelKind::BgNbd,
        ModelKind::MbgNbd,
        ModelKind::BgCnbd,
        ModelKind::MbgCnbd,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ModelKind::BgNbd => "bgnbd",
            ModelKind::MbgNbd => "mbgnbd",
            ModelKind::BgCnbd => "bgcnbd",
            ModelKind::MbgCnbd => "mbgcnbd",
        }
    }

    pub fn from_id(id: &str) -> Option<ModelKind> {
        ModelKind::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Customers may drop out at their first visit (the "M" models).
    pub fn dropout_at_zero(self) -> bool {
        matches!(self, ModelKind::MbgNbd | ModelKind::MbgCnbd)
    }

    /// k is fitted (1..=10) rather than fixed at 1.
    pub fn fits_k(self) -> bool {
        matches!(self, ModelKind::BgCnbd | ModelKind::MbgCnbd)
    }
}

/// Parameters of one model of the family, in the unit of time it was fitted in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VisitParams {
    /// Erlang shape of the gaps between visits (1 = Poisson visits).
    pub k: u32,
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    /// Dropout possible at the first visit (MBG variants).
    pub dropout_at_zero: bool,
}

/// A parameter, for problem reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Param {
    R,
    Alpha,
    A,
    B,
    P,
    Q,
    V,
}

/// Why a fit cannot be trusted as it stands (never a NaN in its place).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum FitProblem {
    /// Nothing to fit.
    NoCustomers,
    /// Nobody came back: rate and dropout cannot be told apart.
    NoRepeaters,
    /// Every customer has the same number of repeat visits.
    AllSameFrequency,
    /// The optimum runs to the edge of the allowed range: not identified.
    ParameterAtBound { param: Param, value: f64 },
    /// The likelihood is not finite at the start or the end.
    NonFiniteLikelihood,
    /// The optimiser stopped before the gradient vanished.
    NotConverged,
    /// The curvature at the optimum is (near) singular: some parameter
    /// combination is not determined by the data. Ratio of extreme eigenvalues.
    SingularHessian { condition: f64 },
    /// Gamma-Gamma: no customer with repeat visits and a positive mean spend.
    NoPositiveSpend,
}

/// A fitted visit model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitFit {
    pub kind: ModelKind,
    pub params: VisitParams,
    /// Full log-likelihood, including the Erlang ln-gap term (comparable across k).
    pub log_likelihood: f64,
    /// (k, log-likelihood) of each k tried in the search (on the search
    /// copy of the data), or the one fitted k.
    pub k_trials: Vec<(u32, f64)>,
    /// The grid t_x and T were rounded to for the fit, if the data was too
    /// large to fit at full resolution; the log-likelihood is of that data.
    pub time_grid: Option<f64>,
    /// Likelihood evaluations the fit took (all k tried).
    pub evaluations: usize,
    pub problems: Vec<FitProblem>,
    /// The inverse of −LL/N's curvature in log-parameters (on the search
    /// sample; row major), when it is positive definite: with `params`, a
    /// start for refitting the model on similar data.
    #[serde(default)]
    pub inverse_curvature: Option<[f64; 16]>,
}

impl VisitFit {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Per-x constants of the likelihood and their derivatives.
struct XTerms {
    s: f64,
    konst: f64,
    d_r: f64,
    d_alpha: f64,
    d_a: f64,
    d_b: f64,
    /// ln(a/(b + x − 1 + δ)), or −∞ when a BG customer with x = 0 cannot be dead.
    ln_s1: f64,
    b_dead: f64,
}

/// The S2 polynomials of one x: S2 = Σ c_j q^j, ∂S2/∂r = Σ dc_j q^j and
/// ∂S2/∂q = Σ jc_j q^j with jc_j = (j + 1) c_{j+1}; c_j = (s)_j / j!.
/// Kept between x values so a likelihood evaluation allocates once.
#[derive(Default)]
struct S2Coefficients {
    c: Vec<f64>,
    dc: Vec<f64>,
    jc: Vec<f64>,
}

fn x_terms(p: &VisitParams, x: u32, poly: &mut S2Coefficients) -> XTerms {
    let (k, r, alpha, a, b) = (p.k, p.r, p.alpha, p.a, p.b);
    let delta = u32::from(p.dropout_at_zero);
    let s = r + f64::from(k * x);
    let n = x + delta;
    let konst = ln_beta_ratio(a, b, n) + ln_rising(r, k * x) + r * alpha.ln();
    let d_a = -digamma_rising(a + b, n);
    let d_b = digamma_rising(b, n) - digamma_rising(a + b, n);
    let can_die = p.dropout_at_zero || x > 0;
    let b_dead = b + f64::from(x + delta) - 1.0;
    let ln_s1 = if can_die {
        (a / b_dead).ln()
    } else {
        f64::NEG_INFINITY
    };
    let S2Coefficients { c, dc, jc } = poly;
    c.clear();
    dc.clear();
    jc.clear();
    let (mut cj, mut dcj) = (1.0, 0.0);
    for j in 0..k {
        c.push(cj);
        dc.push(dcj);
        if j > 0 {
            jc.push(f64::from(j) * cj);
        }
        let f = (s + f64::from(j)) / f64::from(j + 1);
        dcj = dcj * f + cj / f64::from(j + 1);
        cj *= f;
    }
    jc.push(0.0);
    XTerms {
        s,
        konst,
        d_r: digamma_rising(r, k * x) + alpha.ln(),
        d_alpha: r / alpha,
        d_a,
        d_b,
        ln_s1,
        b_dead,
    }
}

/// ln(α + t), 1/(α + t) and t for each entry of a time table.
fn time_terms(alpha: f64, times: &[f64]) -> Vec<(f64, f64, f64)> {
    times
        .iter()
        .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t), t))
        .collect()
}

/// Σ w ln y as ln Π y^w: a product kept as mantissa × 2^exponent, so the
/// likelihood takes one ln in all instead of one per triple (ln is a
/// software function in wasm). Each factor's rounding adds at most half an
/// ulp of relative error, which is below the error of summing logs. Terms
/// with a weight that is not a small whole number, or a y beyond 2^±400
/// (or not a positive normal number), are added to the sum as w ln y.
#[derive(Default)]
struct LnProduct {
    mantissa: Option<f64>,
    exponent: i64,
}

impl LnProduct {
    fn exponent_of(y: f64) -> i64 {
        ((y.to_bits() >> 52) & 0x7ff) as i64 - 1023
    }

    fn add(&mut self, y: f64, w: f64, sum: &mut f64) {
        let e = Self::exponent_of(y);
        let small_whole = w.fract() == 0.0 && (1.0..=8.0).contains(&w);
        if !(small_whole && y.is_normal() && y > 0.0 && (e.abs() as f64) * w < 400.0) {
            *sum += w * y.ln();
            return;
        }
        let mut m = self.mantissa.unwrap_or(1.0);
        for _ in 0..w as u32 {
            m *= y;
        }
        let em = Self::exponent_of(m);
        if em.abs() > 100 {
            // Keep the mantissa in [1, 2): move its binary exponent out.
            m = f64::from_bits((m.to_bits() & !(0x7ff << 52)) | (1023 << 52));
            self.exponent += em;
        }
        self.mantissa = Some(m);
    }

    fn ln(&self) -> f64 {
        self.mantissa.map_or(0.0, |m| {
            m.ln() + self.exponent as f64 * std::f64::consts::LN_2
        })
    }
}

/// The log-likelihood of the data, and its gradient in (r, α, a, b) when asked.
///
/// The triples are sorted by x, then t_x, then T: the x terms are computed
/// once per x, the t_x terms once per run, and each triple costs one exp,
/// one ln, one division and three Horner sums of k terms.
pub fn log_likelihood(p: &VisitParams, data: &Compressed, grad: Option<&mut [f64; 4]>) -> f64 {
    let lt = time_terms(p.alpha, &data.ts);
    let ltx = time_terms(p.alpha, &data.txs);
    let mut poly = S2Coefficients::default();
    let (mut ll, mut gr, mut ga, mut gaa, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut ln_prod = LnProduct::default();
    for group in data.triples.chunk_by(|u, v| u.ix == v.ix) {
        let xtm = x_terms(p, data.xs[group[0].ix as usize], &mut poly);
        let s = xtm.s;
        let (c, dc, jc) = (&poly.c[..], &poly.dc[..], &poly.jc[..]);
        let poisson = c.len() == 1;
        // Σ w, and Σ w f1 (the share of the "dead" term) over the group.
        let (mut w_x, mut f1_x) = (0.0, 0.0);
        for run in group.chunk_by(|u, v| u.itx == v.itx) {
            let (l_tx, i_tx, t_x) = ltx[run[0].itx as usize];
            for tr in run {
                let w = tr.weight;
                let (l_t, i_t, t) = lt[tr.it as usize];
                // S2 = Σ c_j q^j with q = (T − t_x)/(α + T), by Horner.
                let (mut s2, mut s2r, mut s2q) = (1.0, 0.0, 0.0);
                if !poisson {
                    let q = (t - t_x) * i_t;
                    s2 = 0.0;
                    for ((&cj, &dcj), &jcj) in c.iter().zip(dc).zip(jc).rev() {
                        s2 = s2 * q + cj;
                        s2r = s2r * q + dcj;
                        s2q = s2q * q + jcj;
                    }
                    // ∂S2/∂α = ∂S2/∂q · (−q/(α + T)).
                    s2q *= -q * i_t;
                }
                let z1 = xtm.ln_s1 + s * (l_t - l_tx);
                // l = ln(S1 + S2); f1 = S1/(S1 + S2); inv = 1/(S1 + S2).
                // ln(S1 + S2) is summed as the ln of a running product where
                // that is exact enough ([`LnProduct`]), else term by term.
                let (f1, inv) = if z1 == f64::NEG_INFINITY {
                    if !poisson {
                        ln_prod.add(s2, w, &mut ll);
                    }
                    (0.0, 1.0 / s2)
                } else if z1 < 600.0 {
                    // One exp: S1 cannot overflow here.
                    let s1 = z1.exp();
                    let inv = 1.0 / (s1 + s2);
                    ln_prod.add(s1 + s2, w, &mut ll);
                    (s1 * inv, inv)
                } else {
                    // ln(S1 + S2) = ln S1 + ln(1 + S2/S1), S2/S1 tiny.
                    let r = (s2.ln() - z1).exp();
                    let f1 = 1.0 / (1.0 + r);
                    ll += w * (z1 + r.ln_1p());
                    (f1, (1.0 - f1) / s2)
                };
                w_x += w;
                f1_x += w * f1;
                ll -= w * s * l_t;
                gr += w * (-l_t + f1 * (l_t - l_tx) + s2r * inv);
                ga += w * (-s * i_t + f1 * s * (i_t - i_tx) + s2q * inv);
            }
        }
        ll += w_x * xtm.konst;
        gr += w_x * xtm.d_r;
        ga += w_x * xtm.d_alpha;
        gaa += w_x * xtm.d_a;
        gb += w_x * xtm.d_b;
        if f1_x > 0.0 {
            gaa += f1_x / p.a;
            gb -= f1_x / xtm.b_dead;
        }
    }
    ll += ln_prod.ln();
    let km1 = f64::from(p.k - 1);
    let ln_fact: f64 = (1..p.k).map(|i| f64::from(i).ln()).sum();
    ll += km1 * data.litt_sum - data.x_sum * ln_fact;
    if let Some(g) = grad {
        *g = [gr, ga, gaa, gb];
    }
    ll
}

/// Bounds on the fitted parameters, as multiples of their natural scale
/// (α: the mean observation time): beyond them a parameter is not identified.
const BOUND: f64 = 1e5;
const LN_CLAMP: f64 = 30.0;
/// A k search's warm start this far from the natural scale is drifting
/// along a degenerate ridge: the next k is also fitted from the default guess.
const DRIFT: f64 = 1e3;

/// How to fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// Fix k instead of searching 1..=10 (CNBD models; ignored by k = 1 models).
    pub k: Option<u32>,
    /// Start here instead of the default guess (e.g. the held-out fit).
    pub start: Option<VisitParams>,
    /// With `start`: the inverse curvature there (e.g. the held-out fit's
    /// [`VisitFit::inverse_curvature`]), for the first quasi-Newton step.
    pub start_inverse_curvature: Option<[f64; 16]>,
    /// Above this many distinct triples, times are rounded to a grid
    /// (see [`Compressed::coarsened`]) until there are at most this many.
    /// The default is beyond day-level data of a million customers.
    pub max_triples: usize,
    /// The k search and a first fit run on a stratified sample of about
    /// this many customers (exact times); from that optimum, with the
    /// sample's curvature as the first inverse Hessian, a few quasi-Newton
    /// steps on all the data (as above) reach its own optimum.
    pub search_customers: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            k: None,
            start: None,
            start_inverse_curvature: None,
            max_triples: 1_000_000,
            search_customers: 5_000,
        }
    }
}

/// The data at most `max` triples large: rounded to the finest grid (from
/// span/512, doubling) that gets there. Returns the grid used.
fn at_most(data: &Compressed, max: usize) -> (std::borrow::Cow<'_, Compressed>, Option<f64>) {
    if data.triples.len() <= max {
        return (std::borrow::Cow::Borrowed(data), None);
    }
    let span = data.ts.last().copied().unwrap_or(1.0).max(1e-9);
    // Start near a few days on multi-year data; each pass re-sorts every triple.
    let mut grid = span / 512.0;
    let mut coarse = data.coarsened(grid);
    while coarse.triples.len() > max && grid < span {
        grid *= 2.0;
        coarse = coarse.coarsened(grid);
    }
    (std::borrow::Cow::Owned(coarse), Some(grid))
}

/// Fits `kind` to the data with default options: `k` is searched over
/// 1..=10 for the CNBD models (stopping once the likelihood has fallen
/// twice in a row, as BTYDplus does).
pub fn fit(kind: ModelKind, data: &Compressed) -> VisitFit {
    fit_with(kind, data, &FitOptions::default())
}

/// Fits `kind` to the data.
pub fn fit_with(kind: ModelKind, data: &Compressed, opts: &FitOptions) -> VisitFit {
    let dz = kind.dropout_at_zero();
    let mut problems = Vec::new();
    if data.customers == 0.0 {
        problems.push(FitProblem::NoCustomers);
    } else if !data.has_repeaters() {
        problems.push(FitProblem::NoRepeaters);
    } else if data.xs.len() == 1 {
        problems.push(FitProblem::AllSameFrequency);
    }
    let mean_t = data
        .triples
        .iter()
        .map(|tr| tr.weight * data.ts[tr.it as usize])
        .sum::<f64>()
        / data.customers.max(1.0);
    let scale = if mean_t > 0.0 { mean_t } else { 1.0 };
    let rate = (data.x_sum / (data.customers.max(1.0) * scale)).max(1e-3 / scale);
    let guess = VisitParams {
        k: 1,
        r: 1.0,
        alpha: 1.0 / rate,
        a: 1.0,
        b: 3.0,
        dropout_at_zero: dz,
    };
    let mut start = opts.start.unwrap_or(guess);
    start.dropout_at_zero = dz;
    let (work, grid) = at_most(data, opts.max_triples);
    // The sample the k search, the first fit and the curvature use: all
    // the data when it is small.
    let search = data.thinned(opts.search_customers);
    let sampled = data.customers > opts.search_customers as f64 || grid.is_some();
    let mut trials: Vec<(u32, f64)> = Vec::new();
    let mut evaluations = 0;
    let k_fixed = if kind.fits_k() { opts.k } else { Some(1) };
    let k = match k_fixed {
        Some(k) => k.clamp(1, 10),
        None => {
            // Search k on the sample, warm-starting each k from the last.
            let mut best: Option<(u32, f64, VisitParams)> = None;
            let mut s = VisitParams { k: 1, ..start };
            for k in 1..=10u32 {
                if k > 1 {
                    s.alpha *= f64::from(k) / f64::from(k - 1);
                }
                s.k = k;
                let drifting = !within(&s, scale, DRIFT);
                let (mut p, mut ll, _) = fit_k(&s, &search, None, &mut evaluations);
                if k > 1 && (drifting || !(ll.is_finite() && within(&p, scale, BOUND))) {
                    // A warm start can carry a degenerate optimum (a → 0,
                    // b → ∞) from one k to the next, and it may stop
                    // anywhere along that ridge: then start afresh too.
                    let fresh = VisitParams {
                        k,
                        alpha: guess.alpha * f64::from(k),
                        ..guess
                    };
                    let (p2, ll2, _) = fit_k(&fresh, &search, None, &mut evaluations);
                    if ll2 > ll || !ll.is_finite() {
                        (p, ll) = (p2, ll2);
                    }
                }
                trials.push((k, ll));
                if ll.is_finite() && best.is_none_or(|b| ll > b.1) {
                    best = Some((k, ll, p));
                }
                if ll.is_finite() {
                    s = p;
                }
                let n = trials.len();
                if n >= 3 && trials[n - 1].1 < trials[n - 2].1 && trials[n - 2].1 < trials[n - 3].1
                {
                    break;
                }
            }
            match best {
                Some((k, _, p)) => {
                    start = p;
                    k
                }
                None => 1,
            }
        }
    };
    if start.k != k {
        start.alpha *= f64::from(k) / f64::from(start.k.max(1));
    }
    start.k = k;
    // On a sample: its optimum (unless the k search just found it) and its
    // curvature start the fit on all the data, which then takes a few steps.
    let mut curvature = None;
    if sampled {
        if k_fixed.is_some() {
            let h0 = opts
                .start_inverse_curvature
                .filter(|_| opts.start.is_some_and(|p| p.k == k));
            let (p, ll, _) = fit_k(
                &start,
                &search,
                h0.as_ref().map(|h| &h[..]),
                &mut evaluations,
            );
            if ll.is_finite() {
                start = p;
            }
        }
        evaluations += 8;
        curvature = Some(hessian(&start, &search));
    }
    let h0 = curvature.as_ref().and_then(inverse);
    let (mut params, mut ll, mut converged) = fit_k(&start, &work, h0.as_deref(), &mut evaluations);
    if !ll.is_finite() && (opts.start.is_some() || sampled) {
        // A poor warm start: try the default guess.
        (params, ll, converged) = fit_k(&VisitParams { k, ..guess }, &work, None, &mut evaluations);
    }
    if trials.is_empty() {
        trials.push((k, ll));
    }
    let mut inverse_curvature = None;
    if !ll.is_finite() {
        problems.push(FitProblem::NonFiniteLikelihood);
    } else {
        if !converged {
            problems.push(FitProblem::NotConverged);
        }
        for (param, v, s) in [
            (Param::R, params.r, 1.0),
            (Param::Alpha, params.alpha, scale),
            (Param::A, params.a, 1.0),
            (Param::B, params.b, 1.0),
        ] {
            if v / s > BOUND || v / s < 1.0 / BOUND {
                problems.push(FitProblem::ParameterAtBound { param, value: v });
            }
        }
        // The curvature on the sample: the condition number of −LL/N does
        // not depend on N. On large data it is at the sample's optimum,
        // where the fit on all the data started.
        let h = curvature.unwrap_or_else(|| {
            evaluations += 8;
            hessian(&params, &search)
        });
        if let Some(condition) = ill_conditioned(&h) {
            problems.push(FitProblem::SingularHessian { condition });
        }
        inverse_curvature = inverse(&h).and_then(|v| v.try_into().ok());
    }
    VisitFit {
        kind,
        params,
        log_likelihood: ll,
        k_trials: trials,
        time_grid: grid,
        evaluations,
        problems,
        inverse_curvature,
    }
}

/// Every parameter within `bound` of its natural scale.
fn within(p: &VisitParams, scale: f64, bound: f64) -> bool {
    [p.r, p.alpha / scale, p.a, p.b]
        .iter()
        .all(|v| (1.0 / bound..=bound).contains(v))
}

fn with_log(p: &VisitParams, th: &[f64]) -> VisitParams {
    let e = |v: f64| v.clamp(-LN_CLAMP, LN_CLAMP).exp();
    VisitParams {
        r: e(th[0]),
        alpha: e(th[1]),
        a: e(th[2]),
        b: e(th[3]),
        ..*p
    }
}

/// −LL/N and its gradient in log-parameters.
fn objective(p0: &VisitParams, data: &Compressed, th: &[f64], g: &mut [f64]) -> f64 {
    let p = with_log(p0, th);
    let mut gr = [0.0; 4];
    let ll = log_likelihood(&p, data, Some(&mut gr));
    let n = data.customers.max(1.0);
    let vals = [p.r, p.alpha, p.a, p.b];
    for i in 0..4 {
        g[i] = -gr[i] * vals[i] / n;
    }
    if ll.is_finite() {
        -ll / n
    } else {
        f64::INFINITY
    }
}

fn fit_k(
    start: &VisitParams,
    data: &Compressed,
    inverse_hessian: Option<&[f64]>,
    evals: &mut usize,
) -> (VisitParams, f64, bool) {
    let th0 = [start.r.ln(), start.alpha.ln(), start.a.ln(), start.b.ln()];
    let opts = BfgsOptions::default();
    let mut m = bfgs_from(
        |th, g| objective(start, data, th, g),
        &th0,
        inverse_hessian,
        &opts,
    );
    *evals += m.evaluations;
    if !m.converged && m.f.is_finite() {
        // One restart from where it stopped, with a fresh Hessian guess.
        m = bfgs(|th, g| objective(start, data, th, g), &m.x, &opts);
        *evals += m.evaluations;
    }
    let p = with_log(start, &m.x);
    let ll = log_likelihood(&p, data, None);
    let converged = m.converged || m.grad.iter().all(|g| g.abs() < 1e-6);
    (p, ll, converged)
}

/// The Hessian of −LL/N in log-parameters at `p` (central differences of
/// the analytic gradient: eight evaluations; [`symmetric_eigen`]
/// symmetrises it).
fn hessian(p: &VisitParams, data: &Compressed) -> [[f64; 4]; 4] {
    let th = [p.r.ln(), p.alpha.ln(), p.a.ln(), p.b.ln()];
    let mut h = [[0.0; 4]; 4];
    let eps = 1e-4;
    for i in 0..4 {
        let (mut gp, mut gm) = ([0.0; 4], [0.0; 4]);
        let mut t = th;
        t[i] += eps;
        objective(p, data, &t, &mut gp);
        t[i] -= 2.0 * eps;
        objective(p, data, &t, &mut gm);
        for j in 0..4 {
            h[i][j] = (gp[j] - gm[j]) / (2.0 * eps);
        }
    }
    h
}

/// The condition number of a Hessian when it is not positive definite or
/// above 1e10.
fn ill_conditioned(h: &[[f64; 4]; 4]) -> Option<f64> {
    let (ev, _) = symmetric_eigen(*h);
    let (lo, hi) = ev.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
        (lo.min(v), hi.max(v.abs()))
    });
    let condition = if lo > 0.0 { hi / lo } else { f64::INFINITY };
    (condition.is_nan() || condition >= 1e10).then_some(condition)
}

/// The inverse of a well-conditioned positive definite Hessian, row major.
fn inverse(h: &[[f64; 4]; 4]) -> Option<Vec<f64>> {
    if ill_conditioned(h).is_some() {
        return None;
    }
    let (ev, v) = symmetric_eigen(*h);
    let mut out = vec![0.0; 16];
    for i in 0..4 {
        for j in 0..4 {
            out[i * 4 + j] = (0..4).map(|e| v[i][e] * v[j][e] / ev[e]).sum();
        }
    }
    out.iter().all(|x| x.is_finite()).then_some(out)
}

/// Eigenvalues and eigenvectors (columns) of a symmetric 4×4 matrix
/// (cyclic Jacobi rotations).
#[allow(
    clippy::needless_range_loop,
    reason = "indices mirror the rotation formulas"
)]
fn symmetric_eigen(mut a: [[f64; 4]; 4]) -> ([f64; 4], [[f64; 4]; 4]) {
    let mut v = [[0.0; 4]; 4];
    for i in 0..4 {
        v[i][i] = 1.0;
        for j in 0..i {
            let m = 0.5 * (a[i][j] + a[j][i]);
            a[i][j] = m;
            a[j][i] = m;
        }
    }
    for _ in 0..50 {
        let off: f64 = (0..4)
            .flat_map(|i| (0..4).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off.is_nan() || off <= 1e-30 {
            break;
        }
        for p in 0..4 {
            for q in p + 1..4 {
                if a[p][q] == 0.0 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..4 {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..4 {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for k in 0..4 {
                    let (vkp, vkq) = (v[k][p], v[k][q]);
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ([a[0][0], a[1][1], a[2][2], a[3][3]], v)
}

/// What the model says about one customer, given alive-or-not uncertainty.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    pub p_alive: f64,
    /// Expected repeat visits in (T, T + h] for each asked horizon h.
    pub expected: Vec<f64>,
    /// Expected visits over the whole future, each discounted continuously
    /// at the asked rate (per unit of time); 0 when no rate was asked.
    pub discounted: f64,
}

/// Expected visits in (T, T + t] of an alive BG-type (k = 1) customer with
/// posterior λ ~ Gamma(s, β), p ~ Beta(a, b'):
/// (a + b' − 1)/(a − 1) [1 − (β/(β+t))^s ₂F₁(s, b'; a + b' − 1; t/(β + t))].
/// Three paths: the Pfaff-transformed series (no 1/(a − 1) singularity) for
/// small t/β, the ₂F₁ series, and quadrature over p when neither is safe.
pub fn bg_alive_expectation(s: f64, beta: f64, a: f64, bp: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let w = t / beta;
    let c = a + bp - 1.0;
    if w <= 0.5 && s * w <= 10.0 {
        // c Σ_{n≥1} (s)_n (a)_{n−1} / ((c)_n n!) (−1)^{n+1} w^n.
        let mut u = s * w / c;
        let mut sum = u;
        for n in 1..2000 {
            let nf = f64::from(n);
            u *= -(s + nf) * (a + nf - 1.0) / ((c + nf) * (nf + 1.0)) * w;
            sum += u;
            if u.abs() <= 1e-17 * sum.abs() {
                return c * sum;
            }
        }
    }
    let z = t / (beta + t);
    if (a - 1.0).abs() > 1e-3 && z < 0.98 {
        if let Some(f) = hyp2f1_series(s, bp, c, z) {
            let e = c / (a - 1.0) * (1.0 - (-s * w.ln_1p()).exp() * f);
            if e.is_finite() && e >= 0.0 {
                return e;
            }
        }
    }
    bg_alive_expectation_quadrature(s, beta, a, bp, t)
}

/// The same expectation as E_p[(1 − (1 + p t/β)^−s)/p], by quadrature.
pub fn bg_alive_expectation_quadrature(s: f64, beta: f64, a: f64, bp: f64, t: f64) -> f64 {
    let w = t / beta;
    beta_expectation(a, bp, |p, _| {
        let y = p * w;
        if y < 1e-300 {
            s * w
        } else {
            -(-s * y.ln_1p()).exp_m1() / p
        }
    })
}

/// Expected visits in (T, T + t] of an alive CNBD-k customer with m < k
/// phases done since the last visit, posterior λ ~ Gamma(s0 + m, β) (s is
/// that shape) and p ~ Beta(a, b'): Σ_n NB(n; s, t/(β+t)) C(⌊(n + m)/k⌋),
/// with C(J) = Σ_{j≤J} E[(1 − p)^{j−1}]. Exact: phases are Poisson(λ), a
/// visit is every k-th phase, and the customer survives each visit w.p. 1 − p.
pub fn cnbd_alive_expectation(s: f64, beta: f64, m: u32, k: u32, a: f64, bp: f64, t: f64) -> f64 {
    // Shape s0 + m with s0 = s − m: the m-th entry of the joint sum.
    cnbd_alive_expectations(s - f64::from(m), beta, k, a, bp, t)[m as usize]
}

/// [`cnbd_alive_expectation`] for every m < k at once: NB(n; s0 + m + 1, q)
/// = NB(n; s0 + m, q) (s0 + m + n)/(s0 + m) (1 − q), so one walk over n
/// serves all m.
pub fn cnbd_alive_expectations(s0: f64, beta: f64, k: u32, a: f64, bp: f64, t: f64) -> Vec<f64> {
    let mut out = vec![0.0; k as usize];
    let mut scratch = CnbdScratch::default();
    cnbd_alive_expectations_into(s0, beta, a, bp, t, &mut out, &mut scratch, true);
    out
}

/// Buffers [`cnbd_alive_expectations_into`] reuses between calls.
#[derive(Default)]
struct CnbdScratch {
    cum: Vec<f64>,
    pm: Vec<f64>,
    shape: Vec<f64>,
    inv: Vec<f64>,
}

/// [`cnbd_alive_expectations`] into `out` (one entry per m, k = its
/// length), allocating nothing once the scratch buffers have grown.
/// `vectorised: false` forces the per-n chain (for the tests).
#[allow(clippy::too_many_arguments)]
fn cnbd_alive_expectations_into(
    s0: f64,
    beta: f64,
    a: f64,
    bp: f64,
    t: f64,
    out: &mut [f64],
    scratch: &mut CnbdScratch,
    vectorised: bool,
) {
    let km = out.len();
    let k = km as u32;
    out.fill(0.0);
    if t <= 0.0 {
        return;
    }
    let q = t / (beta + t);
    let ln_q = q.ln();
    let ln_1q = -(t / beta).ln_1p();
    let one_q = beta / (beta + t);
    let mode_of = |s: f64| ((s - 1.0) * q / (1.0 - q)).max(0.0).floor().min(1e7) as u32;
    let ln_pmf = |s: f64, n: u32| {
        let nf = f64::from(n);
        ln_gamma(s + nf) - ln_gamma(s) - ln_gamma(nf + 1.0) + s * ln_1q + nf * ln_q
    };
    // The range of n where NB(s0) or NB(s0 + k − 1) is not negligible.
    let (mode_lo, mode_hi) = (mode_of(s0), mode_of(s0 + f64::from(k - 1)));
    // The walks need only the pmf relative to each mode.
    let mut lo = mode_lo;
    let mut p = 1.0;
    while lo > 0 && p > 1e-18 {
        p *= f64::from(lo) / ((s0 + f64::from(lo) - 1.0) * q);
        lo -= 1;
    }
    let s_hi = s0 + f64::from(k - 1);
    let mut hi = mode_hi;
    let mut p = 1.0;
    while p > 1e-18 && hi < lo + 2_000_000 {
        p *= (s_hi + f64::from(hi)) / f64::from(hi + 1) * q;
        hi += 1;
    }
    let j_max = (hi + k) / k + 1;
    let CnbdScratch {
        cum,
        pm,
        shape,
        inv,
    } = scratch;
    cum.clear();
    let (mut cj, mut total) = (1.0, 0.0);
    cum.push(0.0);
    for j in 1..=j_max {
        total += cj;
        cum.push(total);
        cj *= (bp + f64::from(j) - 1.0) / (a + bp + f64::from(j) - 1.0);
    }
    // pm[m] = NB(lo; s0 + m, q), from NB(lo; s0) by the shape recurrence.
    let p0 = ln_pmf(s0, lo).exp();
    let lo_f = f64::from(lo);
    shape.clear();
    shape.extend((0..k).map(|m| s0 + f64::from(m)));
    pm.clear();
    let mut v = p0;
    for &sm in shape.iter() {
        pm.push(v);
        v *= (sm + lo_f) * one_q / sm;
    }
    if vectorised && pm.iter().all(|&v| v > 1e-290) {
        // Walk u = n + m, the phases by the horizon's end: C(⌊u/k⌋) is one
        // number for every m, and NB(u − m; s0 + m) steps to u + 1 by
        // (s0 + u) q/(u − m + 1), so each u is one contiguous loop over the
        // m whose n = u − m lies in [lo, hi]. Series m starts at u = lo + m
        // with pm[m]; inv[hi − n] = 1/(n + 1).
        // k fixed at compile time keeps the m loop in registers (k ≤ 10);
        // any other k takes the general steps.
        let fixed_k = (1..=10).contains(&km);
        let offset = if fixed_k { k - 1 } else { 0 };
        // inv[hi + offset − n] = 1/(n + 1) for n in [lo − offset, hi +
        // offset], 0 below lo (a series not yet started stays 0).
        inv.clear();
        inv.extend(
            (i64::from(lo) - i64::from(offset)..=i64::from(hi + offset))
                .rev()
                .map(|n| {
                    if n < i64::from(lo) {
                        0.0
                    } else {
                        1.0 / (n as f64 + 1.0)
                    }
                }),
        );
        let walk = UWalk {
            lo,
            hi,
            k,
            offset,
            s0,
            q,
            cum,
            inv,
        };
        macro_rules! fixed {
            ($($k:literal)*) => {
                match km {
                    $($k => walk.fixed::<$k>(out, pm),)*
                    _ => walk.edge(lo..hi + k, out, pm),
                }
            };
        }
        fixed!(1 2 3 4 5 6 7 8 9 10);
    } else {
        // A start that underflows would stay 0 in the walk above: here
        // every n rebuilds the m chain from NB(n; s0) instead.
        let mut p0 = p0;
        for n in lo..=hi {
            let mut v = p0;
            let nf = f64::from(n);
            // ⌊(n + m)/k⌋ is ⌊n/k⌋ until m reaches k − n mod k, then one more.
            let (base, rem) = ((n / k) as usize, (n % k) as usize);
            let (c_lo, c_hi) = (cum[base], cum[base + 1]);
            for (m, (o, &sm)) in out.iter_mut().zip(shape.iter()).enumerate() {
                *o += v * if m < km - rem { c_lo } else { c_hi };
                v *= (sm + nf) * one_q / sm;
            }
            p0 *= (s0 + nf) / (nf + 1.0) * q;
        }
    }
}

/// The walk over u = n + m of [`cnbd_alive_expectations_into`]: series m
/// holds NB(u − m; s0 + m, q) from n = u − m = lo on.
struct UWalk<'a> {
    lo: u32,
    hi: u32,
    k: u32,
    /// inv's entries reach this far beyond [lo, hi] on both sides.
    offset: u32,
    s0: f64,
    q: f64,
    /// C(J) by J.
    cum: &'a [f64],
    /// inv[hi + offset − n] = 1/(n + 1).
    inv: &'a [f64],
}

impl UWalk<'_> {
    /// The steps u in `us`, each over the m whose n = u − m is in [lo, hi]
    /// (any k).
    fn edge(&self, us: std::ops::Range<u32>, out: &mut [f64], pm: &mut [f64]) {
        for u in us {
            let m0 = u.saturating_sub(self.hi) as usize;
            let m1 = (u - self.lo).min(self.k - 1) as usize + 1;
            let c = self.cum[(u / self.k) as usize];
            let g = (self.s0 + f64::from(u)) * self.q;
            let j0 = (self.hi + self.offset + m0 as u32 - u) as usize;
            let r = &self.inv[j0..j0 + (m1 - m0)];
            for ((o, v), &r) in out[m0..m1].iter_mut().zip(&mut pm[m0..m1]).zip(r) {
                *o += *v * c;
                *v *= g * r;
            }
        }
    }

    /// Every step u in [lo, hi + K − 1] over all K = k series at once
    /// (inv built with offset K − 1): series m joins at u = lo + m with
    /// pm[m] (its slot is 0 before, and stays 0 as inv is 0 there), and
    /// after n = hi it runs on into the tail, which adds NB terms beyond
    /// the truncation (each under 1e-18 of the mode), not errors. The
    /// joins happen in the first K − 1 steps.
    fn fixed<const K: usize>(&self, out: &mut [f64], pm: &[f64]) {
        let last = self.hi + (self.k - 1);
        let mut block = Block::new(self.lo, self.k);
        let (mut o, mut v) = ([0.0; K], [0.0; K]);
        // A loop of constant length: unrolled, its indices are constants too.
        for m in 0..K - 1 {
            v[m] = pm[m];
            let u = self.lo + m as u32;
            self.step(&mut o, &mut v, u, last, self.cum[block.next()]);
        }
        v[K - 1] = pm[K - 1];
        for u in self.lo + (self.k - 1)..=last {
            self.step(&mut o, &mut v, u, last, self.cum[block.next()]);
        }
        out[..K].copy_from_slice(&o);
    }

    #[inline(always)]
    fn step<const K: usize>(&self, o: &mut [f64; K], v: &mut [f64; K], u: u32, last: u32, c: f64) {
        let g = (self.s0 + f64::from(u)) * self.q;
        let j0 = (last - u) as usize;
        let r: &[f64; K] = self.inv[j0..j0 + K].try_into().expect("K entries");
        for m in 0..K {
            o[m] += v[m] * c;
            v[m] *= g * r[m];
        }
    }
}

/// ⌊u/k⌋ for u = from, from + 1, … without a division per step.
struct Block {
    block: usize,
    rem: u32,
    k: u32,
}

impl Block {
    fn new(from: u32, k: u32) -> Block {
        Block {
            block: (from / k) as usize,
            rem: from % k,
            k,
        }
    }

    /// ⌊u/k⌋ of this step, then moves to the next.
    fn next(&mut self) -> usize {
        let b = self.block;
        self.rem += 1;
        if self.rem == self.k {
            (self.block, self.rem) = (self.block + 1, 0);
        }
        b
    }
}

/// Gauss nodes per distinct x for the discounted whole-future sums.
const GAMMA_NODES: usize = 12;
const BETA_NODES: usize = 10;

/// Per-(x, T) values of an alive customer: expectations for each horizon
/// and the discounted sum, per m = phases done since the last visit.
struct AliveValues {
    /// [horizon][m], then the discounted sums per m.
    values: Vec<f64>,
}

impl VisitParams {
    fn delta(&self) -> u32 {
        u32::from(self.dropout_at_zero)
    }

    /// ln of the "dead" term S1, the alive sum S2 and its terms c_j ρ^j
    /// (ρ = (T − t_x)/(α + T)); P(alive) = S2/(S1 + S2).
    fn alive_terms(&self, x: u32, t_x: f64, t_cal: f64, w: &mut Vec<f64>) -> (f64, f64) {
        let s = self.r + f64::from(self.k * x);
        let rho = (t_cal - t_x) / (self.alpha + t_cal);
        w.clear();
        let mut cj = 1.0;
        for j in 0..self.k {
            w.push(cj);
            cj *= (s + f64::from(j)) / f64::from(j + 1) * rho;
        }
        let s2: f64 = w.iter().sum();
        let ln_s1 = if self.dropout_at_zero || x > 0 {
            (self.a / (self.b + f64::from(x + self.delta()) - 1.0)).ln()
                + s * ((self.alpha + t_cal) / (self.alpha + t_x)).ln()
        } else {
            f64::NEG_INFINITY
        };
        (ln_s1, s2)
    }

    /// Probability the customer is still alive at T.
    pub fn p_alive(&self, x: u32, t_x: f64, t_cal: f64) -> f64 {
        let mut w = Vec::new();
        let (ln_s1, s2) = self.alive_terms(x, t_x, t_cal, &mut w);
        sigmoid(s2.ln() - ln_s1)
    }

    fn alive_values(
        &self,
        x: u32,
        t_cal: f64,
        horizons: &[f64],
        discount: f64,
        rules: &mut FxHashMap<u32, (GaussRule, GaussRule)>,
        scratch: &mut CnbdScratch,
    ) -> AliveValues {
        let k = self.k;
        let s0 = self.r + f64::from(k * x);
        let beta = self.alpha + t_cal;
        let bp = self.b + f64::from(x + self.delta());
        let mut values = Vec::with_capacity((horizons.len() + 1) * k as usize);
        for &h in horizons {
            if k == 1 {
                values.push(bg_alive_expectation(s0, beta, self.a, bp, h));
            } else {
                let at = values.len();
                values.resize(at + k as usize, 0.0);
                cnbd_alive_expectations_into(
                    s0,
                    beta,
                    self.a,
                    bp,
                    h,
                    &mut values[at..],
                    scratch,
                    true,
                );
            }
        }
        if discount > 0.0 {
            let (gam, bet) = rules.entry(x).or_insert_with(|| {
                (
                    gauss_gamma(s0, GAMMA_NODES),
                    gauss_beta(self.a, bp, BETA_NODES),
                )
            });
            // Given λ, p and m: Σ_j (1−p)^{j−1} ρ^{jk−m} = ρ^{k−m}/(1 − (1−p)ρ^k),
            // ρ = λ/(λ+δ); λ = g/β, and Gamma(s0 + m) = Gamma(s0) tilted by g^m.
            let mut sums = vec![0.0; k as usize];
            for (&g, &wg) in gam.nodes.iter().zip(&gam.weights) {
                let rho = g / (g + discount * beta);
                let rk = rho.powi(k as i32);
                let inner: f64 = bet
                    .nodes
                    .iter()
                    .zip(&bet.weights)
                    .map(|(&p, &wp)| wp / (1.0 - (1.0 - p) * rk))
                    .sum();
                // g^m/(s0)_m · ρ^{k−m}, built up over m.
                let mut term = wg * rk * inner;
                for (m, sum) in sums.iter_mut().enumerate() {
                    *sum += term;
                    term *= g / ((s0 + m as f64) * rho);
                }
            }
            values.extend(sums);
        } else {
            values.extend(std::iter::repeat_n(0.0, k as usize));
        }
        AliveValues { values }
    }

    /// P(alive), expected visits for each horizon and the discounted whole
    /// future (continuous rate `discount` per unit of time; 0 for none), for
    /// each (x, t_x, T). Work is shared between customers with the same
    /// (x, T); each customer then costs O(k).
    pub fn conditional(
        &self,
        customers: &[(u32, f64, f64)],
        horizons: &[f64],
        discount: f64,
    ) -> Vec<Conditional> {
        let mut out = Vec::with_capacity(customers.len());
        self.conditional_each(
            customers,
            horizons,
            discount,
            |_, p_alive, expected, discounted| {
                out.push(Conditional {
                    p_alive,
                    expected: expected.to_vec(),
                    discounted,
                });
            },
        );
        out
    }

    /// [`Self::conditional`] without allocating per customer: calls `f` with
    /// the customer's index, P(alive), expectations and discounted visits.
    pub fn conditional_each(
        &self,
        customers: &[(u32, f64, f64)],
        horizons: &[f64],
        discount: f64,
        mut f: impl FnMut(usize, f64, &[f64], f64),
    ) {
        let k = self.k as usize;
        let nh = horizons.len();
        let mut cache: FxHashMap<(u32, u64), AliveValues> = FxHashMap::default();
        let mut rules = FxHashMap::default();
        let mut scratch = CnbdScratch::default();
        let mut w = Vec::with_capacity(k);
        let mut expected = vec![0.0; nh];
        for (i, &(x, t_x, t_cal)) in customers.iter().enumerate() {
            let av = cache.entry((x, t_cal.to_bits())).or_insert_with(|| {
                self.alive_values(x, t_cal, horizons, discount, &mut rules, &mut scratch)
            });
            let (ln_s1, s2) = self.alive_terms(x, t_x, t_cal, &mut w);
            let p_alive = sigmoid(s2.ln() - ln_s1);
            let scale = p_alive / s2;
            let mix =
                |row: &[f64]| -> f64 { scale * w.iter().zip(row).map(|(a, b)| a * b).sum::<f64>() };
            for (h, e) in expected.iter_mut().enumerate() {
                *e = mix(&av.values[h * k..(h + 1) * k]);
            }
            let discounted = mix(&av.values[nh * k..(nh + 1) * k]);
            f(i, p_alive, &expected, discounted);
        }
    }

    /// Expected repeat visits in (T, T + t] for one customer.
    pub fn expected_visits(&self, x: u32, t_x: f64, t_cal: f64, t: f64) -> f64 {
        self.conditional(&[(x, t_x, t_cal)], &[t], 0.0)[0].expected[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Σ_n NB(n; s0 + m, q) C(⌊(n + m)/k⌋) term by term in logs, far into
    /// the tail: an independent check of both walks.
    fn direct(s0: f64, beta: f64, k: u32, a: f64, bp: f64, t: f64) -> Vec<f64> {
        let q = t / (beta + t);
        let c = |jmax: u32| -> f64 {
            let (mut e, mut sum) = (1.0, 0.0);
            for j in 1..=jmax {
                sum += e;
                e *= (bp + f64::from(j) - 1.0) / (a + bp + f64::from(j) - 1.0);
            }
            sum
        };
        (0..k)
            .map(|m| {
                let s = s0 + f64::from(m);
                (0..4000u32)
                    .map(|n| {
                        let nf = f64::from(n);
                        let ln_p = ln_gamma(s + nf) - ln_gamma(s) - ln_gamma(nf + 1.0)
                            + s * (1.0 - q).ln()
                            + nf * q.ln();
                        ln_p.exp() * c((n + m) / k)
                    })
                    .sum()
            })
            .collect()
    }

    #[test]
    fn both_walks_of_the_cnbd_sum_agree_with_a_direct_sum() {
        // (s0, β, k, a, b', t): a few visits a year over days, many visits,
        // a short horizon, k = 1, 10 and 12, a narrow range (k > its width),
        // a near-certain dropout.
        let cases = [
            (6.0 + 8.0 * 3.0, 136.0 + 900.0, 8, 1.96, 12.7, 365.0),
            (6.0 + 8.0 * 3.0, 136.0 + 900.0, 8, 1.96, 12.7, 90.0),
            (0.3 + 10.0 * 40.0, 2500.0, 10, 0.5, 41.0, 365.0),
            (0.24, 38.0, 1, 0.79, 2.4, 39.0),
            (0.5, 4000.0, 9, 1.2, 3.0, 2.0),
            (1.5 + 3.0 * 2.0, 60.0, 3, 50.0, 0.2, 120.0),
            // k beyond the compiled sizes: the general steps.
            (3.0 + 12.0 * 2.0, 300.0, 12, 1.1, 5.0, 200.0),
        ];
        for (s0, beta, k, a, bp, t) in cases {
            let want = direct(s0, beta, k, a, bp, t);
            // Both walks drop terms below 1e-18 of the mode: compare on
            // the scale of the largest entry.
            let scale = want.iter().copied().fold(0.0, f64::max);
            for vectorised in [true, false] {
                let mut out = vec![0.0; k as usize];
                let mut scratch = CnbdScratch::default();
                cnbd_alive_expectations_into(
                    s0,
                    beta,
                    a,
                    bp,
                    t,
                    &mut out,
                    &mut scratch,
                    vectorised,
                );
                for (m, (g, w)) in out.iter().zip(&want).enumerate() {
                    assert!(
                        (g - w).abs() <= 1e-12 * scale,
                        "{s0} {beta} k={k} m={m} vectorised={vectorised}: {g} vs {w}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_running_product_sums_logs() {
        // Whole and fractional weights, values from 1e-300 to 1e300, and
        // long runs that push the mantissa past 2^±100 many times.
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng >> 11) as f64 / (1u64 << 53) as f64
        };
        for (n, span) in [(10, 1.0), (20_000, 5.0), (20_000, 300.0)] {
            let mut prod = LnProduct::default();
            let (mut by_prod, mut by_sum) = (0.0, 0.0);
            let mut scale = 0.0f64;
            for i in 0..n {
                let y = 10f64.powf(span * (2.0 * next() - 1.0));
                let w = if i % 7 == 3 {
                    0.25 + next()
                } else {
                    (1 + i % 9) as f64
                };
                prod.add(y, w, &mut by_prod);
                by_sum += w * y.ln();
                scale += (w * y.ln()).abs();
            }
            let got = by_prod + prod.ln();
            assert!(
                (got - by_sum).abs() <= 1e-13 * scale,
                "n={n} span={span}: {got} vs {by_sum}"
            );
        }
    }

    #[test]
    fn an_underflowing_start_takes_the_chain() {
        // NB(0; s0 + 9) with 1 − q = 1e-33 underflows: the walk over u
        // would keep m = 9 at 0; the chain gives the same as forced.
        let (s0, beta, a, bp, t) = (0.01, 1.0, 1.0, 3.0, 1e-33f64.recip());
        let mut scratch = CnbdScratch::default();
        let (mut auto, mut chain) = (vec![0.0; 10], vec![0.0; 10]);
        cnbd_alive_expectations_into(s0, beta, a, bp, t, &mut auto, &mut scratch, true);
        cnbd_alive_expectations_into(s0, beta, a, bp, t, &mut chain, &mut scratch, false);
        assert_eq!(auto, chain);
        assert!(auto.iter().all(|v| v.is_finite() && *v > 0.0), "{auto:?}");
    }
}
