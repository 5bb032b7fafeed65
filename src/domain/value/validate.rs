//! Model choice on the user's data (DOMAIN §9): fit every visit model on the
//! visits up to a cut, predict repeat visits in (cut, as-of] and compare with
//! what happened, in total, by calibration repeat visits and by days since
//! the last visit, plus a cumulative tracking curve. The model with the
//! lowest held-out error is the `auto` choice.

use super::history::{Compressed, Holdout};
use super::visits::{fit, ModelKind, VisitFit};
use crate::domain::summary::CustomerSource;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which model to use: one by name, or the best held-out one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModelChoice {
    Auto,
    Model(ModelKind),
}

impl ModelChoice {
    pub fn id(self) -> &'static str {
        match self {
            ModelChoice::Auto => "auto",
            ModelChoice::Model(m) => m.id(),
        }
    }

    pub fn from_id(id: &str) -> Option<ModelChoice> {
        match id {
            "auto" => Some(ModelChoice::Auto),
            _ => ModelKind::from_id(id).map(ModelChoice::Model),
        }
    }
}

/// Calibration repeat-visit buckets: 0, 1, …, 6, then 7+.
pub const FREQUENCY_BUCKETS: usize = 8;

/// Days since the last visit at the cut: upper bounds of 0–90, 91–180,
/// 181–365, 366–730; the last bucket is 731+.
pub const RECENCY_BOUNDS: [f64; 4] = [90.0, 180.0, 365.0, 730.0];

/// Predicted against actual repeat visits in the holdout for one group.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Bucket {
    pub customers: usize,
    pub predicted: f64,
    pub actual: f64,
}

impl Bucket {
    fn add(&mut self, predicted: f64, actual: f64) {
        self.customers += 1;
        self.predicted += predicted;
        self.actual += actual;
    }
}

/// Cumulative repeat visits since the cut, predicted and actual.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub day: u32,
    pub predicted: f64,
    pub actual: f64,
}

/// How one model did on the holdout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelValidation {
    pub kind: ModelKind,
    pub fit: VisitFit,
    pub total: Bucket,
    /// [0, 1, …, 6, 7+] calibration repeat visits.
    pub by_frequency: Vec<Bucket>,
    /// 0–90, 91–180, 181–365, 366–730, 731+ days since the last visit.
    pub by_recency: Vec<Bucket>,
    /// Cumulative visits since the cut at each curve step (and at the
    /// as-of date). Actual: exact; predicted: the shape from a systematic
    /// sample of [`CURVE_SAMPLE`] customers, scaled to the exact total.
    pub curve: Vec<CurvePoint>,
    /// The held-out error: see [`bucket_error`].
    pub error: f64,
}

/// The held-out error measure (id `bucket_error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorMetric {
    /// See [`bucket_error`].
    BucketError,
}

impl ErrorMetric {
    pub fn id(self) -> &'static str {
        match self {
            ErrorMetric::BucketError => "bucket_error",
        }
    }
}

/// Why auto chose what it chose, for the page to say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoReason {
    pub metric: ErrorMetric,
    pub chosen: ModelKind,
    pub chosen_error: f64,
    /// The lowest error of the eligible models (may be a more complex
    /// model within tolerance of the chosen one).
    pub lowest: ModelKind,
    pub lowest_error: f64,
    /// Error of the best model not chosen, and by how much the chosen one
    /// beats it (negative when a simpler model was kept within tolerance).
    pub runner_up: Option<(ModelKind, f64)>,
    pub margin: f64,
    /// Models not eligible because their fit has problems (while another's is clean).
    pub passed_over: Vec<ModelKind>,
}

/// The held-out comparison of every model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    pub cut: NaiveDate,
    pub as_of: NaiveDate,
    pub models: Vec<ModelValidation>,
    pub auto: ModelKind,
    pub reason: AutoReason,
}

/// Why there is nothing to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValidationError {
    /// The cut must be before the as-of date.
    CutNotBeforeAsOf,
    /// No customer had a visit on or before the cut.
    NoCalibrationCustomers,
    /// A customer summary holds the split at a year before its as-of date
    /// only; another cut needs the visits.
    CutNeedsVisits,
}

/// The predicted tracking curve is computed on every n-th customer so that
/// about this many are used, then scaled to the exact predicted total.
pub const CURVE_SAMPLE: usize = 10_000;

/// A simpler model (earlier in [`ModelKind::ALL`]) is kept when its error is
/// within this much (share of actual visits) of the lowest.
pub const SIMPLER_TOLERANCE: f64 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidationOptions {
    /// Default: as-of − 365 days.
    pub cut: Option<NaiveDate>,
    /// Spacing of the tracking curve in days.
    pub curve_step_days: u32,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            cut: None,
            curve_step_days: 28,
        }
    }
}

/// Fits every model on the visits up to the cut and compares predictions
/// with the visits in (cut, as_of].
pub fn validate(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    opts: &ValidationOptions,
) -> Result<Validation, ValidationError> {
    Ok(ValidationSteps::start(d, as_of, opts)?.finish())
}

/// [`validate`] one model at a time, so that a caller that must stay
/// responsive (the engine's warm-up) can do other work between the fits.
/// The result is the same as [`validate`]'s.
pub struct ValidationSteps {
    cut: NaiveDate,
    as_of: NaiveDate,
    split: Vec<Holdout>,
    prepared: Prepared,
    models: Vec<ModelValidation>,
}

impl ValidationSteps {
    /// Splits the histories at the cut and prepares what every model's
    /// scoring shares; no model is fitted yet.
    pub fn start(
        d: &(impl CustomerSource + ?Sized),
        as_of: NaiveDate,
        opts: &ValidationOptions,
    ) -> Result<ValidationSteps, ValidationError> {
        let cut = opts
            .cut
            .unwrap_or_else(|| as_of.checked_sub_days(Days::new(365)).unwrap_or(as_of));
        if cut >= as_of {
            return Err(ValidationError::CutNotBeforeAsOf);
        }
        let split = d
            .holdout(cut, as_of)
            .ok_or(ValidationError::CutNeedsVisits)?;
        if split.is_empty() {
            return Err(ValidationError::NoCalibrationCustomers);
        }
        let days = (as_of - cut).num_days() as f64;
        let prepared = Prepared::new(&split, days, opts.curve_step_days);
        Ok(ValidationSteps {
            cut,
            as_of,
            split,
            prepared,
            models: Vec::with_capacity(ModelKind::ALL.len()),
        })
    }

    /// Fits and scores the next model of [`ModelKind::ALL`]; true when
    /// every model is done.
    pub fn step(&mut self) -> bool {
        if let Some(&kind) = ModelKind::ALL.get(self.models.len()) {
            self.models.push(self.prepared.model(&self.split, kind));
        }
        self.models.len() >= ModelKind::ALL.len()
    }

    /// The comparison, once [`ValidationSteps::step`] has returned true
    /// (models not yet stepped are done here).
    pub fn finish(mut self) -> Validation {
        while !self.step() {}
        let (auto, reason) = choose(&self.models);
        Validation {
            cut: self.cut,
            as_of: self.as_of,
            models: self.models,
            auto,
            reason,
        }
    }
}

/// The error metric: (Σ over frequency buckets |predicted − actual| + Σ over
/// recency buckets |predicted − actual|) / (2 × actual total). It is 0 for a
/// perfect model, and it catches a model that is right in total only because
/// over- and under-predictions in different groups cancel.
pub fn bucket_error(by_frequency: &[Bucket], by_recency: &[Bucket]) -> f64 {
    let dev = |b: &[Bucket]| {
        b.iter()
            .map(|b| (b.predicted - b.actual).abs())
            .sum::<f64>()
    };
    let actual: f64 = by_frequency.iter().map(|b| b.actual).sum();
    (dev(by_frequency) + dev(by_recency)) / (2.0 * actual.max(1.0))
}

/// Fits each of `kinds` on the calibration histories of `split` (days) and
/// scores them on its holdout of `days` days.
pub fn compare(
    split: &[Holdout],
    days: f64,
    curve_step: u32,
    kinds: &[ModelKind],
) -> (Vec<ModelValidation>, ModelKind, AutoReason) {
    let prepared = Prepared::new(split, days, curve_step);
    let models: Vec<ModelValidation> = kinds.iter().map(|&k| prepared.model(split, k)).collect();
    let (auto, reason) = choose(&models);
    (models, auto, reason)
}

/// What every model's fit and scoring on one split share.
struct Prepared {
    data: Compressed,
    triples: Vec<(u32, f64, f64)>,
    days: f64,
    horizons: Vec<f64>,
    actual_curve: Vec<f64>,
    curve_sample: Vec<(u32, f64, f64)>,
}

impl Prepared {
    fn new(split: &[Holdout], days: f64, curve_step: u32) -> Prepared {
        let data = Compressed::from_histories(split.iter().map(|h| &h.history), 1.0);
        let triples: Vec<(u32, f64, f64)> = split
            .iter()
            .map(|h| (h.history.x, h.history.t_x, h.history.t_cal))
            .collect();
        let step = curve_step.max(1);
        let mut horizons: Vec<f64> = (1..)
            .map(|i| f64::from(i * step))
            .take_while(|&h| h < days)
            .collect();
        horizons.push(days);
        // Without the day of each holdout visit (a summary) there is no curve.
        let days_known = split.iter().all(|h| h.visit_days.is_some());
        if !days_known {
            horizons.clear();
        }
        let mut actual_curve = vec![0.0; horizons.len()];
        for h in split {
            for &d in h.visit_days.iter().flatten() {
                let i = horizons.partition_point(|&hz| hz < f64::from(d));
                if i < actual_curve.len() {
                    actual_curve[i] += 1.0;
                }
            }
        }
        for i in 1..actual_curve.len() {
            actual_curve[i] += actual_curve[i - 1];
        }
        let every = split.len().div_ceil(CURVE_SAMPLE).max(1);
        let curve_sample: Vec<(u32, f64, f64)> = triples.iter().step_by(every).copied().collect();
        Prepared {
            data,
            triples,
            days,
            horizons,
            actual_curve,
            curve_sample,
        }
    }

    /// Fits `kind` on the calibration histories and scores it on the holdout.
    fn model(&self, split: &[Holdout], kind: ModelKind) -> ModelValidation {
        let (days, horizons) = (self.days, &self.horizons);
        let f = fit(kind, &self.data);
        let mut total = Bucket::default();
        let mut by_frequency = vec![Bucket::default(); FREQUENCY_BUCKETS];
        let mut by_recency = vec![Bucket::default(); RECENCY_BOUNDS.len() + 1];
        f.params
            .conditional_each(&self.triples, &[days], 0.0, |i, _, expected, _| {
                let h = &split[i];
                let (pred, act) = (expected[0], f64::from(h.actual_visits));
                total.add(pred, act);
                by_frequency[(h.history.x as usize).min(FREQUENCY_BUCKETS - 1)].add(pred, act);
                let recency = h.history.t_cal - h.history.t_x;
                by_recency[RECENCY_BOUNDS.partition_point(|&b| b < recency)].add(pred, act);
            });
        // The curve's shape from a systematic sample of customers, its
        // level from the exact total: every point costs a full pass.
        let mut predicted_curve = vec![0.0; horizons.len()];
        if !horizons.is_empty() {
            f.params
                .conditional_each(&self.curve_sample, horizons, 0.0, |_, _, expected, _| {
                    for (p, e) in predicted_curve.iter_mut().zip(expected) {
                        *p += e;
                    }
                });
        }
        let end = predicted_curve.last().copied().unwrap_or(0.0);
        if end > 0.0 {
            let scale = total.predicted / end;
            predicted_curve.iter_mut().for_each(|p| *p *= scale);
        }
        let error = bucket_error(&by_frequency, &by_recency);
        let curve = horizons
            .iter()
            .zip(predicted_curve.iter().zip(&self.actual_curve))
            .map(|(&day, (&predicted, &actual))| CurvePoint {
                day: day as u32,
                predicted,
                actual,
            })
            .collect();
        ModelValidation {
            kind,
            fit: f,
            total,
            by_frequency,
            by_recency,
            curve,
            error,
        }
    }
}

/// The lowest-error model, unless a simpler one is within tolerance. Fits
/// with problems (degenerate, not identified) are passed over when any fit
/// is clean. Non-finite errors never win.
fn choose(models: &[ModelValidation]) -> (ModelKind, AutoReason) {
    let err = |m: &ModelValidation| {
        if m.error.is_finite() {
            m.error
        } else {
            f64::INFINITY
        }
    };
    let any_clean = models.iter().any(|m| m.fit.is_clean());
    let eligible: Vec<&ModelValidation> = models
        .iter()
        .filter(|m| !any_clean || m.fit.is_clean())
        .collect();
    let passed_over = models
        .iter()
        .filter(|m| any_clean && !m.fit.is_clean())
        .map(|m| m.kind)
        .collect();
    let lowest = *eligible
        .iter()
        .min_by(|a, b| err(a).total_cmp(&err(b)))
        .expect("at least one model");
    let chosen = *eligible
        .iter()
        .find(|m| err(m) <= err(lowest) + SIMPLER_TOLERANCE)
        .unwrap_or(&lowest);
    let runner_up = models
        .iter()
        .filter(|m| m.kind != chosen.kind)
        .min_by(|a, b| err(a).total_cmp(&err(b)))
        .map(|m| (m.kind, err(m)));
    let margin = runner_up.map_or(0.0, |r| r.1 - err(chosen));
    (
        chosen.kind,
        AutoReason {
            metric: ErrorMetric::BucketError,
            chosen: chosen.kind,
            chosen_error: err(chosen),
            lowest: lowest.kind,
            lowest_error: err(lowest),
            runner_up,
            margin,
            passed_over,
        },
    )
}
