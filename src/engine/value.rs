//! The engine's customer-value side (DOMAIN §9): the held-out validation
//! and the chosen model, fitted once per (data, as-of, choice, cut) and
//! cached; each customer's scores for the other views; the value view.

use super::protocol::{At, DataId, ModelView, ValueView};
use super::Engine;
use crate::domain::model::CustomerIdx;
use crate::domain::segmentation::SegmentSettings;
use crate::domain::value::history::CustomerHistory;
use crate::domain::value::score::{
    checked_report_from, CustomerValue, ScoreOptions, ValueProblem, ValueReport,
};
use crate::domain::value::summary::ValueSummary;
use crate::domain::value::validate::{
    validate, ModelChoice, Validation, ValidationError, ValidationOptions, ValidationSteps,
};
use chrono::NaiveDate;
use std::sync::Arc;

/// A fitted model with every customer's scores, findable by customer.
pub struct Valued {
    pub report: ValueReport,
    /// Each customer's history at the as-of date, in `report.customers` order.
    histories: Vec<(CustomerIdx, CustomerHistory)>,
    /// Position in `report.customers` by customer index (`u32::MAX`: none).
    index: Vec<u32>,
}

impl Valued {
    fn new(report: ValueReport, histories: Vec<(CustomerIdx, CustomerHistory)>) -> Valued {
        let len = report
            .customers
            .iter()
            .map(|v| v.customer as usize + 1)
            .max()
            .unwrap_or(0);
        let mut index = vec![u32::MAX; len];
        for (i, v) in report.customers.iter().enumerate() {
            index[v.customer as usize] = i as u32;
        }
        Valued {
            report,
            histories,
            index,
        }
    }

    pub fn get(&self, customer: CustomerIdx) -> Option<&CustomerValue> {
        let i = *self.index.get(customer as usize)?;
        self.report.customers.get(i as usize)
    }

    /// What the customer is expected to spend in the next `days` (yuan).
    pub fn spend_ahead(&self, customer: CustomerIdx, days: f64) -> Option<f64> {
        let i = *self.index.get(customer as usize)? as usize;
        let (_, h) = self.histories.get(i)?;
        let v = self.report.customers.get(i)?;
        let per_visit = v.expected_spend_per_visit.ok()?;
        let visits = self
            .report
            .visits
            .params
            .expected_visits(h.x, h.t_x, h.t_cal, days);
        Some(visits * per_visit)
    }

    /// P(alive) by customer index, for the lights of preset C.
    pub fn p_alive_by_customer(&self) -> Vec<Option<f64>> {
        (0..self.index.len())
            .map(|c| self.get(c as CustomerIdx).map(|v| v.p_alive))
            .collect()
    }
}

pub(super) type ValueKey = (DataId, NaiveDate, ModelChoice, Option<NaiveDate>);
pub(super) type ValidationKey = (DataId, NaiveDate, Option<NaiveDate>);
pub(super) type Fitted = Result<Arc<Valued>, ValueProblem>;

/// JSON has no infinity: a failed fit's figures (a log-likelihood of −∞,
/// an infinite error or condition number) travel as the largest finite
/// numbers, which the page shows as failed, not as numbers.
fn finite(v: &mut ModelView) {
    fn f(x: &mut f64) {
        if !x.is_finite() {
            *x = if *x < 0.0 { f64::MIN } else { f64::MAX };
        }
    }
    fn fit(x: &mut crate::domain::value::visits::VisitFit) {
        f(&mut x.log_likelihood);
        x.k_trials.iter_mut().for_each(|t| f(&mut t.1));
        for p in &mut x.problems {
            problem(p);
        }
    }
    fn problem(p: &mut crate::domain::value::visits::FitProblem) {
        use crate::domain::value::visits::FitProblem as P;
        match p {
            P::ParameterAtBound { value, .. } => f(value),
            P::SingularHessian { condition } => f(condition),
            _ => {}
        }
    }
    fit(&mut v.fit);
    f(&mut v.spend.log_likelihood);
    for p in &mut v.spend.problems {
        problem(p);
    }
    if let Some(val) = &mut v.validation {
        for m in &mut val.models {
            fit(&mut m.fit);
            f(&mut m.error);
        }
        let r = &mut val.reason;
        f(&mut r.chosen_error);
        f(&mut r.lowest_error);
        f(&mut r.margin);
        if let Some((_, e)) = &mut r.runner_up {
            f(e);
        }
    }
}

fn validation_options(cut: Option<NaiveDate>) -> ValidationOptions {
    ValidationOptions {
        cut,
        ..ValidationOptions::default()
    }
}

impl Engine {
    /// The held-out comparison at `at` with `cut` (cached).
    fn validation(
        &mut self,
        at: &At,
        cut: Option<NaiveDate>,
    ) -> Option<Result<Validation, ValidationError>> {
        let as_of = self.loaded(at.data)?.as_of(at)?;
        let key: ValidationKey = (at.data, as_of, cut);
        if let Some((_, v)) = self.cache.validation.iter().find(|(k, _)| *k == key) {
            return Some(v.clone());
        }
        // A comparison the warm-up has started is finished, not redone.
        let v = match self.cache.validating.take() {
            Some((k, steps)) if k == key => Ok(steps.finish()),
            _ => validate(
                self.loaded(at.data)?.customers(),
                as_of,
                &validation_options(cut),
            ),
        };
        self.cache.validation = Some((key, v.clone()));
        Some(v)
    }

    /// One bounded step towards [`Engine::value`] at (`at`, `model`, `cut`),
    /// for the warm-up, which runs one step per turn so that a question
    /// from the page waits for one model's fit at most, not for all of
    /// them: start the held-out comparison, fit and score one model of it,
    /// or (the comparison done) fit and score the chosen model. True when
    /// the value is cached, or cannot be (no data, no such date).
    pub fn prepare_value(&mut self, at: &At, model: ModelChoice, cut: Option<NaiveDate>) -> bool {
        let Some(as_of) = self.loaded(at.data).and_then(|d| d.as_of(at)) else {
            return true;
        };
        let value_key: ValueKey = (at.data, as_of, model, cut);
        if self.cache.value.iter().any(|(k, _)| *k == value_key) {
            return true;
        }
        let key: ValidationKey = (at.data, as_of, cut);
        if self.cache.validation.iter().any(|(k, _)| *k == key) {
            self.value(at, model, cut);
            return true;
        }
        if let Some((k, steps)) = &mut self.cache.validating {
            if *k == key {
                if steps.step() {
                    self.validation(at, cut);
                }
                return false;
            }
        }
        let Some(d) = self.loaded(at.data) else {
            return true;
        };
        match ValidationSteps::start(d.customers(), as_of, &validation_options(cut)) {
            Ok(steps) => self.cache.validating = Some((key, steps)),
            Err(e) => self.cache.validation = Some((key, Err(e))),
        }
        false
    }

    /// The chosen model fitted at `at`, every customer scored (cached).
    pub(super) fn value(
        &mut self,
        at: &At,
        model: ModelChoice,
        cut: Option<NaiveDate>,
    ) -> Option<Fitted> {
        let as_of = self.loaded(at.data)?.as_of(at)?;
        let key: ValueKey = (at.data, as_of, model, cut);
        if let Some((_, v)) = self.cache.value.iter().find(|(k, _)| *k == key) {
            return Some(v.clone());
        }
        // The comparison is what the page shows; auto also chooses by it.
        let validation = self.validation(at, cut)?;
        let d = self.loaded(at.data)?.customers();
        let h = d.histories(as_of);
        let fitted = checked_report_from(
            d,
            &h,
            as_of,
            model,
            Some(validation),
            &ScoreOptions::default(),
        )
        .map(|report| Arc::new(Valued::new(report, h)));
        if self.cache.value.len() >= 2 {
            self.cache.value.pop_front();
        }
        self.cache.value.push_back((key, fitted.clone()));
        Some(fitted)
    }

    /// The Customer value view.
    pub(super) fn value_view(
        &mut self,
        at: &At,
        settings: &SegmentSettings,
        model: ModelChoice,
        cut: Option<NaiveDate>,
    ) -> Option<ValueView> {
        let as_of = self.loaded(at.data)?.as_of(at)?;
        let fitted = self.value(at, model, cut)?;
        let result = match fitted {
            Err(p) => Err(p),
            Ok(v) => {
                let (seg, _) = self.segmentation(at, settings, model)?;
                let summary = ValueSummary::of(&v.report, &seg);
                let d = self.loaded(at.data)?.customers();
                let slipping_ids = summary
                    .slipping
                    .iter()
                    .map(|s| {
                        d.customer_ids()
                            .get(s.customer as usize)
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                // The comparison is shown even for a model picked by name.
                let validation = match (&v.report.validation, self.validation(at, cut)) {
                    (Some(v), _) => Some(v.clone()),
                    (None, Some(Ok(v))) => Some(v),
                    _ => None,
                };
                let mut view = ModelView {
                    choice: model,
                    fit: v.report.visits.clone(),
                    spend: v.report.spend.clone(),
                    validation,
                    summary,
                    slipping_ids,
                    customers: v.report.customers.len(),
                };
                finite(&mut view);
                Ok(view)
            }
        };
        Some(ValueView { as_of, result })
    }
}
