//! Per-customer value scores at the as-of date (DOMAIN §9): P(alive),
//! expected visits in the next 90 and 365 days, expected spend per visit,
//! 12-month CLV, and the discounted residual CLV beside it.

use super::history::{Compressed, CustomerHistory};
use super::spend::{fit_spend, SpendError, SpendFit};
use super::validate::{validate, ModelChoice, Validation, ValidationError, ValidationOptions};
use super::visits::{fit_with, FitOptions, FitProblem, ModelKind, VisitFit};
use crate::domain::model::CustomerIdx;
use crate::domain::summary::CustomerSource;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Below this P(alive) a customer is marked "probably gone" (DOMAIN §9).
pub const PROBABLY_GONE: f64 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreOptions {
    /// Yearly discount rate of the residual CLV (CLVTools' default 10%).
    pub discount_per_year: f64,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            discount_per_year: 0.10,
        }
    }
}

/// One customer's value figures (money in yuan).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    pub customer: CustomerIdx,
    pub p_alive: f64,
    pub probably_gone: bool,
    /// Expected repeat visits in (T, T + 90 days].
    pub expected_visits_90d: f64,
    /// Expected repeat visits in (T, T + 365 days].
    pub expected_visits_365d: f64,
    pub expected_spend_per_visit: Result<f64, SpendError>,
    /// expected_visits_365d × expected_spend_per_visit, undiscounted.
    pub clv_365d: Result<f64, SpendError>,
    /// Residual CLV: every expected future visit (no horizon), each
    /// discounted continuously at the yearly rate, × expected spend.
    pub residual_clv: Result<f64, SpendError>,
}

/// Scores histories (in days) with fitted visit and spend models.
///
/// The residual's discounted visit count is E[Σ_j e^{−δ S_j}] over future
/// visit times S_j with δ = ln(1 + rate)/365 per day: given λ, p and the
/// phases since the last visit it is a closed geometric sum, and it is
/// averaged over the posterior of λ (12-point Gauss–Laguerre) and p (10-point
/// Gauss–Jacobi), once per distinct (x, T): within 3e-4 of a fine time
/// integral of the exact expectation in the tests.
pub fn score(
    customers: &[(CustomerIdx, CustomerHistory)],
    visits: &VisitFit,
    spend: &SpendFit,
    opts: &ScoreOptions,
) -> Vec<CustomerValue> {
    let triples: Vec<(u32, f64, f64)> = customers
        .iter()
        .map(|(_, h)| (h.x, h.t_x, h.t_cal))
        .collect();
    let delta = opts.discount_per_year.ln_1p() / 365.0;
    let mut out = Vec::with_capacity(customers.len());
    visits.params.conditional_each(
        &triples,
        &[90.0, 365.0],
        delta,
        |i, p_alive, e, discounted| {
            let (c, h) = &customers[i];
            let spend = spend.params.expected_spend(h.x, h.mean_repeat_spend);
            out.push(CustomerValue {
                customer: *c,
                p_alive,
                probably_gone: p_alive < PROBABLY_GONE,
                expected_visits_90d: e[0],
                expected_visits_365d: e[1],
                expected_spend_per_visit: spend,
                clv_365d: spend.map(|s| e[1] * s),
                residual_clv: spend.map(|s| discounted * s),
            });
        },
    );
    out
}

/// Everything the value page shows for one data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueReport {
    pub as_of: NaiveDate,
    pub visits: VisitFit,
    pub spend: SpendFit,
    /// Present when the model was chosen by held-out comparison.
    pub validation: Option<Validation>,
    pub customers: Vec<CustomerValue>,
}

/// Fits the chosen model (validating first for `Auto`) and the spend model
/// on every customer at `as_of`, and scores them all.
pub fn value_report(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    choice: ModelChoice,
    validation: &ValidationOptions,
    opts: &ScoreOptions,
) -> Result<ValueReport, ValidationError> {
    let v = match choice {
        ModelChoice::Model(_) => None,
        ModelChoice::Auto => Some(validate(d, as_of, validation)?),
    };
    let kind = match choice {
        ModelChoice::Model(k) => k,
        ModelChoice::Auto => v.as_ref().map_or(ModelKind::BgNbd, |v| v.auto),
    };
    Ok(fit_and_score(d, as_of, kind, v, opts))
}

/// Fits `kind` on every customer at `as_of` (with the k and the start of
/// its held-out fit, when `validation` has one), fits spend, scores all.
pub fn fit_and_score(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    kind: ModelKind,
    validation: Option<Validation>,
    opts: &ScoreOptions,
) -> ValueReport {
    fit_and_score_histories(&d.histories(as_of), as_of, kind, validation, opts)
}

/// [`fit_and_score`] on histories already taken at `as_of`.
pub fn fit_and_score_histories(
    h: &[(CustomerIdx, CustomerHistory)],
    as_of: NaiveDate,
    kind: ModelKind,
    validation: Option<Validation>,
    opts: &ScoreOptions,
) -> ValueReport {
    // The held-out fit of the chosen model gives k and a warm start (its
    // optimum and curvature).
    let opts_fit = validation
        .as_ref()
        .and_then(|v| v.models.iter().find(|m| m.kind == kind))
        .map_or_else(FitOptions::default, |m| FitOptions {
            k: Some(m.fit.params.k),
            start: Some(m.fit.params),
            start_inverse_curvature: m.fit.inverse_curvature,
            ..FitOptions::default()
        });
    let data = Compressed::from_histories(h.iter().map(|(_, h)| h), 1.0);
    let visits = fit_with(kind, &data, &opts_fit);
    let spend = fit_spend(h.iter().map(|(_, h)| (h.x, h.mean_repeat_spend)));
    let customers = score(h, &visits, &spend, opts);
    ValueReport {
        as_of,
        visits,
        spend,
        validation,
        customers,
    }
}

/// Why no value model can be fitted on a data set, for the page to say.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum ValueProblem {
    /// Fewer repeat customers than a model needs.
    TooFewRepeaters { repeaters: usize, min: usize },
    /// The held-out comparison cannot be made.
    Validation(ValidationError),
    /// The visit model's fit failed outright.
    Fit(FitProblem),
}

/// Below this many repeat customers no model is fitted.
pub const MIN_REPEATERS: usize = 30;

/// [`value_report`] for the app: refuses with a reason when the data cannot
/// carry a model (too few repeat customers, no held-out period, a failed
/// fit); a usable fit with flagged problems is returned with its flags.
pub fn checked_report(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    choice: ModelChoice,
    validation: Option<Result<Validation, ValidationError>>,
    opts: &ScoreOptions,
) -> Result<ValueReport, ValueProblem> {
    checked_report_from(d, &d.histories(as_of), as_of, choice, validation, opts)
}

/// [`checked_report`] with `d`'s histories at `as_of` already taken (the
/// engine keeps them beside the report).
pub fn checked_report_from(
    d: &(impl CustomerSource + ?Sized),
    h: &[(CustomerIdx, CustomerHistory)],
    as_of: NaiveDate,
    choice: ModelChoice,
    validation: Option<Result<Validation, ValidationError>>,
    opts: &ScoreOptions,
) -> Result<ValueReport, ValueProblem> {
    let repeaters = h.iter().filter(|(_, h)| h.x > 0).count();
    if repeaters < MIN_REPEATERS {
        return Err(ValueProblem::TooFewRepeaters {
            repeaters,
            min: MIN_REPEATERS,
        });
    }
    let validation = match (choice, validation) {
        (_, Some(Ok(v))) => Some(v),
        (ModelChoice::Auto, Some(Err(e))) => return Err(ValueProblem::Validation(e)),
        (ModelChoice::Auto, None) => Some(
            validate(d, as_of, &ValidationOptions::default()).map_err(ValueProblem::Validation)?,
        ),
        (ModelChoice::Model(_), _) => None,
    };
    let kind = match choice {
        ModelChoice::Model(k) => k,
        ModelChoice::Auto => validation.as_ref().map_or(ModelKind::BgNbd, |v| v.auto),
    };
    let report = fit_and_score_histories(h, as_of, kind, validation, opts);
    if let Some(p) = report.visits.problems.iter().find(|p| {
        matches!(
            p,
            FitProblem::NoCustomers
                | FitProblem::NoRepeaters
                | FitProblem::AllSameFrequency
                | FitProblem::NonFiniteLikelihood
        )
    }) {
        return Err(ValueProblem::Fit(*p));
    }
    Ok(report)
}
