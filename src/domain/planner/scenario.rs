//! A planner scenario: the budget, the cells and the baseline rule; its
//! JSON file form, the baseline plan, the figures of a plan, and `plan.csv`.

use super::cells::{default_budget, default_cell, DataInputs, DEFAULT_PAIRS};
use super::{optimise, validate, Allocation, CampaignType, PlanCell, PlanError, PlanStage};
use crate::domain::export::text_cell;
use serde::{Deserialize, Serialize};

/// How the baseline plan (the one the optimised plan is compared with)
/// spends the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineRule {
    /// Seed 001: 75% of the budget on acquisition, the rest on the other
    /// cells; within each part in proportion to each cell's c × N.
    #[default]
    #[serde(rename = "acquisition_75")]
    Acquisition75,
    /// Every cell in proportion to c × N (the cost of reaching its audience once).
    Proportional,
    /// The same on every cell.
    Equal,
    /// Each cell's `baseline_spend` as typed.
    Custom,
}

impl BaselineRule {
    pub const ALL: [BaselineRule; 4] = [
        BaselineRule::Acquisition75,
        BaselineRule::Proportional,
        BaselineRule::Equal,
        BaselineRule::Custom,
    ];

    pub fn id(self) -> &'static str {
        match self {
            BaselineRule::Acquisition75 => "acquisition_75",
            BaselineRule::Proportional => "proportional",
            BaselineRule::Equal => "equal",
            BaselineRule::Custom => "custom",
        }
    }

    pub fn from_id(id: &str) -> Option<BaselineRule> {
        BaselineRule::ALL.into_iter().find(|b| b.id() == id)
    }
}

/// A whole plan as the user edits, saves and exchanges it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub budget: f64,
    pub cells: Vec<PlanCell>,
    /// Absent in a file: `custom` when any cell has a `baseline_spend`.
    #[serde(default)]
    pub baseline: Option<BaselineRule>,
}

/// The largest scenario file read, and the longest scenario link
/// parameter, both checked before parsing: 1 MB. A full plan of
/// [`MAX_SCENARIO_CELLS`] cells is about 15 KB of JSON; a larger file is
/// another file, and parsing tens of megabytes would freeze the page.
pub const MAX_SCENARIO_BYTES: usize = 1_000_000;

/// The most cells a scenario holds: one per campaign type × stage, 7 × 5.
pub const MAX_SCENARIO_CELLS: usize = CampaignType::ALL.len() * PlanStage::ALL.len();

/// The largest budget and spend (minimum, maximum, baseline) a scenario
/// accepts, in yuan: 1e12 (a trillion), far beyond any dealer group's
/// marketing budget and well inside exact sums of money in f64.
pub const MAX_BUDGET: f64 = 1e12;
/// The largest audience of a cell, in people: 1e9.
pub const MAX_AUDIENCE: f64 = 1e9;
/// The largest cost per person (and cost range), in yuan: 1e7.
pub const MAX_COST_PER_PERSON: f64 = 1e7;
/// The largest value per conversion (and value range), in yuan: 1e9.
pub const MAX_VALUE_PER_CONVERSION: f64 = 1e9;

/// A figure of a scenario that has an upper limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    Budget,
    /// A cell's minimum, maximum or baseline spend.
    Spend,
    Audience,
    /// The cost per person or either end of its range.
    CostPerPerson,
    /// The value per conversion or either end of its range.
    ValuePerConversion,
}

impl Figure {
    /// The largest value a scenario accepts for this figure.
    pub fn limit(self) -> f64 {
        match self {
            Figure::Budget | Figure::Spend => MAX_BUDGET,
            Figure::Audience => MAX_AUDIENCE,
            Figure::CostPerPerson => MAX_COST_PER_PERSON,
            Figure::ValuePerConversion => MAX_VALUE_PER_CONVERSION,
        }
    }
}

/// Why a scenario file cannot be used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScenarioError {
    /// Not JSON of the scenario's shape (line and column of the problem).
    Json {
        line: usize,
        column: usize,
        problem: JsonProblem,
    },
    Plan(PlanError),
    /// A file of more than `limit` bytes ([`MAX_SCENARIO_BYTES`]), refused
    /// before parsing.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// A link parameter of more than `limit` characters
    /// ([`MAX_SCENARIO_BYTES`]), refused before decoding.
    LinkTooLong {
        chars: usize,
        limit: usize,
    },
    /// More cells than campaign types × stages ([`MAX_SCENARIO_CELLS`]).
    TooManyCells {
        cells: usize,
        limit: usize,
    },
    /// Cell `index` has the campaign type and stage of cell `first`.
    DuplicateCell {
        index: usize,
        first: usize,
    },
    /// A figure above its limit (`cell`: `None` for the budget).
    OutOfRange {
        cell: Option<usize>,
        figure: Figure,
        limit: f64,
    },
}

/// What is wrong with a scenario's JSON, as data (the words are i18n's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JsonProblem {
    Syntax,
    Truncated,
    MissingField(String),
    /// A campaign type, stage or baseline id that does not exist.
    UnknownName(String),
    /// Valid JSON of another shape.
    Shape,
    /// A scenario link that is not base64 of a scenario.
    DamagedLink,
}

impl JsonProblem {
    fn of(e: &serde_json::Error) -> JsonProblem {
        use serde_json::error::Category;
        let text = e.to_string();
        // serde names the field or variant between backticks.
        let quoted = || text.split('`').nth(1).unwrap_or_default().to_owned();
        match e.classify() {
            Category::Syntax | Category::Io => JsonProblem::Syntax,
            Category::Eof => JsonProblem::Truncated,
            Category::Data if text.starts_with("missing field") => {
                JsonProblem::MissingField(quoted())
            }
            Category::Data if text.starts_with("unknown variant") => {
                JsonProblem::UnknownName(quoted())
            }
            Category::Data => JsonProblem::Shape,
        }
    }
}

impl Scenario {
    /// The default plan: `DEFAULT_PAIRS` with DOMAIN §3 midpoints and, when
    /// data is loaded, its audiences and values.
    pub fn default_for(data: Option<&DataInputs>) -> Scenario {
        Scenario {
            budget: default_budget(data),
            cells: DEFAULT_PAIRS
                .iter()
                .map(|(t, s)| default_cell(*t, *s, data))
                .collect(),
            baseline: Some(BaselineRule::Acquisition75),
        }
    }

    /// The prospect pool: the audience of the plan's prospect cells (the
    /// first one's; they share it unless edited one by one). `None` when
    /// the plan has no prospect cell.
    pub fn prospect_pool(&self) -> Option<f64> {
        self.cells
            .iter()
            .find(|c| c.stage == PlanStage::Prospect)
            .map(|c| c.audience)
    }

    /// Sets the audience of every prospect cell to `people` (the pool a
    /// campaign for prospects can reach); other cells are left alone.
    pub fn set_prospect_pool(&mut self, people: f64) {
        for c in self
            .cells
            .iter_mut()
            .filter(|c| c.stage == PlanStage::Prospect)
        {
            c.audience = people;
        }
    }

    /// Reads a scenario file; checks its size first, then the cells (one
    /// per campaign type × stage), every figure and the budget.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let s = Scenario::from_json_unchecked(text)?;
        if s.cells.len() > MAX_SCENARIO_CELLS {
            return Err(ScenarioError::TooManyCells {
                cells: s.cells.len(),
                limit: MAX_SCENARIO_CELLS,
            });
        }
        for (index, c) in s.cells.iter().enumerate() {
            let same = |o: &PlanCell| o.campaign_type == c.campaign_type && o.stage == c.stage;
            if let Some(first) = s.cells[..index].iter().position(same) {
                return Err(ScenarioError::DuplicateCell { index, first });
            }
        }
        validate(&s.cells).map_err(ScenarioError::Plan)?;
        if !s.budget.is_finite() || s.budget < 0.0 {
            return Err(ScenarioError::Plan(PlanError::InvalidBudget));
        }
        s.check_figures()?;
        Ok(s)
    }

    /// Every figure within its limit ([`Figure::limit`]).
    fn check_figures(&self) -> Result<(), ScenarioError> {
        let check = |cell: Option<usize>, figure: Figure, v: f64| {
            let limit = figure.limit();
            // Written so that a NaN is refused too.
            if v.abs() <= limit {
                Ok(())
            } else {
                Err(ScenarioError::OutOfRange {
                    cell,
                    figure,
                    limit,
                })
            }
        };
        check(None, Figure::Budget, self.budget)?;
        for (i, c) in self.cells.iter().enumerate() {
            let at = Some(i);
            check(at, Figure::Audience, c.audience)?;
            check(at, Figure::CostPerPerson, c.cost_per_person)?;
            check(at, Figure::ValuePerConversion, c.value_per_conversion)?;
            check(at, Figure::Spend, c.min_spend)?;
            for v in [c.max_spend, c.baseline_spend].into_iter().flatten() {
                check(at, Figure::Spend, v)?;
            }
            let ranges = [
                (Figure::CostPerPerson, c.cost_range),
                (Figure::ValuePerConversion, c.value_range),
            ];
            for (figure, range) in ranges {
                if let Some((lo, hi)) = range {
                    check(at, figure, lo)?;
                    check(at, figure, hi)?;
                }
            }
        }
        Ok(())
    }

    /// A scenario file of `bytes` is read only up to [`MAX_SCENARIO_BYTES`]
    /// (the page checks a picked file's size with it before reading it).
    pub fn check_file_size(bytes: usize) -> Result<(), ScenarioError> {
        if bytes > MAX_SCENARIO_BYTES {
            return Err(ScenarioError::TooLarge {
                bytes,
                limit: MAX_SCENARIO_BYTES,
            });
        }
        Ok(())
    }

    /// Reads a scenario file's shape without checking its figures (to name
    /// the cell a `ScenarioError::Plan` is about); its size is checked
    /// before parsing all the same.
    pub fn from_json_unchecked(text: &str) -> Result<Scenario, ScenarioError> {
        Scenario::check_file_size(text.len())?;
        let mut s: Scenario =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
                ScenarioError::Json {
                    line: e.line(),
                    column: e.column(),
                    problem: JsonProblem::of(&e),
                }
            })?;
        if s.baseline.is_none() {
            s.baseline = Some(if s.cells.iter().any(|c| c.baseline_spend.is_some()) {
                BaselineRule::Custom
            } else {
                BaselineRule::Acquisition75
            });
        }
        Ok(s)
    }

    /// The file form (pretty JSON); `from_json` reads it back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.json_value()).unwrap_or_default()
    }

    /// The JSON of files and links: optional figures nobody set are left
    /// out (the wire format between page and engine keeps every field, as
    /// postcard cannot skip one).
    fn json_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        let unset = |o: &mut serde_json::Map<String, serde_json::Value>, keys: &[&str]| {
            for k in keys {
                if o.get(*k).is_some_and(|x| x.is_null()) {
                    o.remove(*k);
                }
            }
        };
        if let Some(o) = v.as_object_mut() {
            unset(o, &["baseline"]);
            if let Some(cells) = o.get_mut("cells").and_then(|c| c.as_array_mut()) {
                for c in cells.iter_mut().filter_map(|c| c.as_object_mut()) {
                    unset(
                        c,
                        &[
                            "baseline_spend",
                            "cost_range",
                            "conversion_range",
                            "value_range",
                        ],
                    );
                }
            }
        }
        v
    }

    /// The scenario as a URL-safe parameter (base64url of the compact JSON):
    /// a link that reproduces the plan, with no customer record in it.
    pub fn to_link_param(&self) -> String {
        use base64::Engine;
        let json = serde_json::to_vec(&self.json_value()).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    /// Reads a `to_link_param` parameter back, with the checks of `from_json`.
    pub fn from_link_param(param: &str) -> Result<Scenario, ScenarioError> {
        use base64::Engine;
        if param.len() > MAX_SCENARIO_BYTES {
            return Err(ScenarioError::LinkTooLong {
                chars: param.chars().count(),
                limit: MAX_SCENARIO_BYTES,
            });
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(param.trim().trim_end_matches('='))
            .map_err(|_| ScenarioError::Json {
                line: 1,
                column: 1,
                problem: JsonProblem::DamagedLink,
            })?;
        Scenario::from_json(&String::from_utf8_lossy(&bytes))
    }

    pub fn baseline_rule(&self) -> BaselineRule {
        self.baseline.unwrap_or_default()
    }

    /// The baseline plan's spend per cell ([`Scenario::baseline_plan`]).
    pub fn baseline_spend(&self) -> Vec<f64> {
        self.baseline_plan().spend
    }

    /// The baseline plan: the rule's spend per cell, with what a cell gets
    /// past saturation (3 × c × N, [`super::SATURATION`]) moved to the cells
    /// that still have room, in proportion to c × N; what no cell can take
    /// stays unspent.
    pub fn baseline_plan(&self) -> BaselinePlan {
        let mut spend = self.rule_spend();
        let caps: Vec<f64> = self.cells.iter().map(PlanCell::saturation).collect();
        let mut excess = 0.0;
        for (x, cap) in spend.iter_mut().zip(&caps) {
            if *x > *cap {
                excess += *x - *cap;
                *x = *cap;
            }
        }
        let over = excess;
        // Each round fills at least one cell or places all of the excess.
        for _ in 0..=self.cells.len() {
            let room: Vec<usize> = (0..spend.len())
                .filter(|&i| caps[i] - spend[i] > 1e-9)
                .collect();
            let weight: f64 = room.iter().map(|&i| caps[i]).sum();
            if excess <= 1e-9 || weight <= 0.0 {
                break;
            }
            let mut placed = 0.0;
            for &i in &room {
                let take = (excess * caps[i] / weight).min(caps[i] - spend[i]);
                spend[i] += take;
                placed += take;
            }
            excess -= placed;
        }
        let unspent = if excess > 1e-9 { excess } else { 0.0 };
        BaselinePlan {
            spend,
            moved: over - unspent,
            unspent,
        }
    }

    /// The baseline rule's spend per cell, before saturation.
    fn rule_spend(&self) -> Vec<f64> {
        let cells = &self.cells;
        let n = cells.len();
        let reach_cost = |c: &PlanCell| c.cost_per_person * c.audience;
        // Split `amount` over the cells `pick` selects, in proportion to
        // c × N (equally when none has an audience: saturation then moves
        // it on, and says so, instead of letting it vanish).
        let split = |amount: f64, pick: &dyn Fn(&PlanCell) -> bool, out: &mut Vec<f64>| {
            let total: f64 = cells.iter().filter(|c| pick(c)).map(reach_cost).sum();
            let picked = cells.iter().filter(|c| pick(c)).count();
            for (x, c) in out.iter_mut().zip(cells) {
                if pick(c) && total > 0.0 {
                    *x += amount * reach_cost(c) / total;
                } else if pick(c) {
                    *x += amount / picked as f64;
                }
            }
        };
        let mut spend = vec![0.0; n];
        match self.baseline_rule() {
            BaselineRule::Custom => {
                for (x, c) in spend.iter_mut().zip(cells) {
                    *x = c.baseline_spend.unwrap_or(0.0);
                }
            }
            BaselineRule::Equal if n > 0 => spend.fill(self.budget / n as f64),
            BaselineRule::Equal => {}
            BaselineRule::Acquisition75 => {
                let is_acq = |c: &PlanCell| c.campaign_type == CampaignType::Acquisition;
                let acq = cells.iter().filter(|c| is_acq(c)).count();
                if acq == 0 || acq == n {
                    split(self.budget, &|_| true, &mut spend);
                } else {
                    split(self.budget * 0.75, &is_acq, &mut spend);
                    split(self.budget * 0.25, &|c| !is_acq(c), &mut spend);
                }
            }
            BaselineRule::Proportional => split(self.budget, &|_| true, &mut spend),
        }
        spend
    }

    pub fn optimise(&self) -> Result<Allocation, PlanError> {
        optimise(&self.cells, self.budget)
    }
}

/// The expected figures of a plan (DOMAIN §8).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanFigures {
    pub spend: f64,
    pub conversions: f64,
    pub ret: f64,
}

impl PlanFigures {
    pub fn of(cells: &[PlanCell], spend: &[f64]) -> PlanFigures {
        let mut f = PlanFigures {
            spend: 0.0,
            conversions: 0.0,
            ret: 0.0,
        };
        for (c, x) in cells.iter().zip(spend) {
            f.spend += x;
            f.conversions += c.conversions(*x);
            f.ret += c.response(*x);
        }
        f
    }

    /// Return ratio Σ R ÷ Σ x ("1:x"); `None` when nothing is spent or a
    /// figure cannot be computed (a cell without a valid curve).
    pub fn ratio(&self) -> Option<f64> {
        let r = self.ret / self.spend;
        (self.spend > 0.0 && r.is_finite()).then_some(r)
    }

    /// Net ROI (Σ R − Σ x) ÷ Σ x, under the same conditions.
    pub fn roi(&self) -> Option<f64> {
        self.ratio().map(|r| r - 1.0)
    }

    /// Whether every figure is a number (a cell with cost 0 makes none).
    pub fn is_finite(&self) -> bool {
        self.spend.is_finite() && self.conversions.is_finite() && self.ret.is_finite()
    }
}

/// The relative change from `from` to `to`; `None` from 0 or non-numbers.
pub fn relative_change(from: f64, to: f64) -> Option<f64> {
    let c = (to - from) / from;
    (from.abs() > 1e-9 && c.is_finite()).then_some(c)
}

/// The baseline plan's spend per cell, and what saturation changed: the
/// yuan moved from saturated cells to others, and the yuan no cell could
/// take (left unspent).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BaselinePlan {
    pub spend: Vec<f64>,
    pub moved: f64,
    pub unspent: f64,
}

/// A plan solved: the optimised allocation (or why not) and the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct SolvedPlan {
    pub cells: Vec<PlanCell>,
    pub budget: f64,
    pub optimised: Result<Allocation, PlanError>,
    pub baseline: Vec<f64>,
    /// Yuan the baseline rule would have put past saturation, moved to
    /// other cells, and the part no cell could take.
    pub baseline_moved: f64,
    pub baseline_unspent: f64,
}

/// One stage's spend and return in both plans, with its share of each
/// plan's spend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageLine {
    pub stage: PlanStage,
    pub baseline: PlanFigures,
    pub optimised: PlanFigures,
    pub baseline_share: Option<f64>,
    pub optimised_share: Option<f64>,
}

impl SolvedPlan {
    pub fn solve(s: &Scenario) -> SolvedPlan {
        let b = s.baseline_plan();
        SolvedPlan {
            cells: s.cells.clone(),
            budget: s.budget,
            optimised: s.optimise(),
            baseline: b.spend,
            baseline_moved: b.moved,
            baseline_unspent: b.unspent,
        }
    }

    /// The optimised spend per cell, if the plan could be optimised.
    pub fn spend(&self) -> Option<&[f64]> {
        self.optimised.as_ref().ok().map(|a| a.spend.as_slice())
    }

    pub fn baseline_figures(&self) -> PlanFigures {
        PlanFigures::of(&self.cells, &self.baseline)
    }

    pub fn optimised_figures(&self) -> Option<PlanFigures> {
        self.spend().map(|x| PlanFigures::of(&self.cells, x))
    }

    /// Both plans by stage (empty when the plan cannot be optimised).
    pub fn stages(&self) -> Vec<StageLine> {
        let Some(x) = self.spend() else {
            return Vec::new();
        };
        let (opt, base) = (
            by_stage(&self.cells, x),
            by_stage(&self.cells, &self.baseline),
        );
        let total = |rows: &[(PlanStage, PlanFigures)]| rows.iter().map(|r| r.1.spend).sum::<f64>();
        let (to, tb) = (total(&opt), total(&base));
        let share = |part: f64, whole: f64| (whole > 0.0 && part.is_finite()).then(|| part / whole);
        opt.into_iter()
            .zip(base)
            .map(|((stage, o), (_, b))| StageLine {
                stage,
                baseline: b,
                optimised: o,
                baseline_share: share(b.spend, tb),
                optimised_share: share(o.spend, to),
            })
            .collect()
    }
}

/// A saved plan's headline figures, for plans side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanHeadline {
    pub budget: f64,
    pub optimised: Option<PlanFigures>,
    pub baseline: PlanFigures,
    pub stages: Vec<(PlanStage, PlanFigures)>,
}

impl PlanHeadline {
    pub fn of(s: &Scenario) -> PlanHeadline {
        let solved = SolvedPlan::solve(s);
        PlanHeadline {
            budget: s.budget,
            optimised: solved.optimised_figures(),
            baseline: solved.baseline_figures(),
            stages: solved
                .spend()
                .map(|x| by_stage(&s.cells, x))
                .unwrap_or_default(),
        }
    }

    /// The optimised spend on a stage, if the plan could be optimised.
    pub fn stage_spend(&self, stage: PlanStage) -> Option<f64> {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, f)| f.spend)
    }
}

/// Spend, conversions and return per stage, in `PlanStage::ALL` order.
pub fn by_stage(cells: &[PlanCell], spend: &[f64]) -> Vec<(PlanStage, PlanFigures)> {
    PlanStage::ALL
        .iter()
        .map(|s| {
            let (c, x): (Vec<PlanCell>, Vec<f64>) = cells
                .iter()
                .zip(spend)
                .filter(|(c, _)| c.stage == *s)
                .map(|(c, x)| (c.clone(), *x))
                .unzip();
            (*s, PlanFigures::of(&c, &x))
        })
        .collect()
}

/// `plan.csv`: one row per cell with its inputs, the optimised plan and the
/// baseline beside it. Money in yuan to the fen, conversions to 0.01.
pub fn plan_csv(cells: &[PlanCell], optimised: &[f64], baseline: &[f64]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "campaign_type",
        "stage",
        "audience",
        "cost_per_person",
        "conversion_rate",
        "value_per_conversion",
        "min_spend",
        "max_spend",
        "spend",
        "expected_reach",
        "expected_conversions",
        "expected_return",
        "marginal_return",
        "baseline_spend",
        "baseline_conversions",
        "baseline_return",
    ];
    let _ = w.write_record(header);
    let money = |v: f64| format!("{v:.2}");
    for ((c, x), b) in cells.iter().zip(optimised).zip(baseline) {
        let _ = w.write_record([
            text_cell(c.campaign_type.id()).into_owned(),
            text_cell(c.stage.id()).into_owned(),
            format!("{}", c.audience),
            money(c.cost_per_person),
            format!("{}", c.conversion_rate),
            money(c.value_per_conversion),
            money(c.min_spend),
            c.max_spend.map(money).unwrap_or_default(),
            money(*x),
            format!("{:.2}", c.reach(*x)),
            format!("{:.2}", c.conversions(*x)),
            money(c.response(*x)),
            format!("{:.4}", c.marginal(*x)),
            money(*b),
            format!("{:.2}", c.conversions(*b)),
            money(c.response(*b)),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{"budget": 1000000, "note": "extra fields are fine",
      "cells": [
        {"campaign_type": "retention", "stage": "growth", "audience": 15000, "cost_per_person": 150,
         "conversion_rate": 0.68, "value_per_conversion": 2300, "min_spend": 0, "max_spend": 1500000},
        {"campaign_type": "acquisition", "stage": "prospect", "audience": 40000, "cost_per_person": 450,
         "conversion_rate": 0.1, "value_per_conversion": 20000, "min_spend": 100000, "max_spend": null},
        {"campaign_type": "wake_up", "stage": "dormant", "audience": 5000, "cost_per_person": 100,
         "conversion_rate": 0.3, "value_per_conversion": 4000}
      ]}"#;

    #[test]
    fn the_prospect_pool_is_every_prospect_cells_audience() {
        // The audiences of the prospect cells, or of the others.
        let audiences = |s: &Scenario, prospect: bool| -> Vec<f64> {
            s.cells
                .iter()
                .filter(|c| (c.stage == PlanStage::Prospect) == prospect)
                .map(|c| c.audience)
                .collect()
        };
        let mut s = Scenario::default_for(None);
        assert!(
            audiences(&s, true).len() >= 2,
            "acquisition and brand aim at prospects"
        );
        assert_eq!(s.prospect_pool(), Some(40_000.0));
        let others = audiences(&s, false);
        s.set_prospect_pool(12_500.0);
        assert_eq!(s.prospect_pool(), Some(12_500.0));
        assert!(audiences(&s, true).iter().all(|&a| a == 12_500.0));
        assert_eq!(audiences(&s, false), others);
        s.cells.retain(|c| c.stage != PlanStage::Prospect);
        assert_eq!(s.prospect_pool(), None);
    }

    #[test]
    fn reads_the_issue_form_and_round_trips() {
        let s = Scenario::from_json(FILE).unwrap();
        assert_eq!(s.budget, 1_000_000.0);
        assert_eq!(s.cells.len(), 3);
        assert_eq!(s.cells[0].campaign_type, CampaignType::Retention);
        assert_eq!(s.cells[0].max_spend, Some(1_500_000.0));
        assert_eq!(s.cells[1].max_spend, None);
        assert_eq!(s.cells[2].stage, PlanStage::Dormant);
        assert_eq!(s.cells[2].min_spend, 0.0);
        assert_eq!(s.baseline_rule(), BaselineRule::Acquisition75);
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn links_round_trip_and_damaged_links_say_so() {
        let s = Scenario::from_json(FILE).unwrap();
        let p = s.to_link_param();
        assert!(p
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(Scenario::from_link_param(&p).unwrap(), s);
        let e = Scenario::from_link_param("not*base64").unwrap_err();
        assert_eq!(e.to_string(), "The link is damaged or cut short.");
        assert!(Scenario::from_link_param(&p[..p.len() / 2]).is_err());
    }

    #[test]
    fn bad_files_say_where_and_why() {
        let e = Scenario::from_json("{\"budget\": 5,\n \"cells\": [{\"campaign_type\": \"tv\"}]}")
            .unwrap_err();
        match e {
            ScenarioError::Json { line, problem, .. } => {
                assert_eq!(line, 2);
                assert_eq!(problem, JsonProblem::UnknownName("tv".into()));
            }
            other => panic!("{other:?}"),
        }
        let e = Scenario::from_json(&FILE.replace("\"audience\": 5000", "\"audience\": -5"))
            .unwrap_err();
        assert_eq!(e.to_string(), "Cell 3: the audience cannot be negative.");
        let e = Scenario::from_json(&FILE.replace("1000000", "-1")).unwrap_err();
        assert_eq!(e, ScenarioError::Plan(PlanError::InvalidBudget));
        assert!(matches!(
            Scenario::from_json("not json"),
            Err(ScenarioError::Json {
                problem: JsonProblem::Syntax,
                ..
            })
        ));
        assert!(matches!(
            Scenario::from_json("{\"budget\": 5}"),
            Err(ScenarioError::Json {
                problem: JsonProblem::MissingField(f),
                ..
            }) if f == "cells"
        ));
    }

    #[test]
    fn baselines_by_hand() {
        let mut s = Scenario::from_json(FILE).unwrap();
        // c × N: 2.25 M, 18 M, 0.5 M.
        let b = s.baseline_spend();
        assert!((b[1] - 750_000.0).abs() < 1e-6);
        assert!((b[0] - 250_000.0 * 2.25 / 2.75).abs() < 1e-6);
        assert!((b[2] - 250_000.0 * 0.5 / 2.75).abs() < 1e-6);
        s.baseline = Some(BaselineRule::Equal);
        assert!(s
            .baseline_spend()
            .iter()
            .all(|x| (x - 1_000_000.0 / 3.0).abs() < 1e-6));
        s.baseline = Some(BaselineRule::Proportional);
        let b = s.baseline_spend();
        assert!((b[1] - 1_000_000.0 * 18.0 / 20.75).abs() < 1e-6);
        s.cells[0].baseline_spend = Some(5.0);
        s.baseline = None;
        let text = s.to_json();
        let back = Scenario::from_json(&text).unwrap();
        assert_eq!(back.baseline_rule(), BaselineRule::Custom);
        assert_eq!(back.baseline_spend(), vec![5.0, 0.0, 0.0]);
    }

    #[test]
    fn figures_and_csv_agree_by_hand() {
        let cells = vec![PlanCell::new(
            CampaignType::Retention,
            PlanStage::Growth,
            1000.0,
            100.0,
            0.5,
            2000.0,
        )];
        // x = cN = 100,000: reach 1000 (1 − 1/e) = 632.12, conversions 316.06,
        // return 632,120.56.
        let f = PlanFigures::of(&cells, &[100_000.0]);
        let e = 1.0 - (-1.0f64).exp();
        assert!((f.conversions - 500.0 * e).abs() < 1e-9);
        assert!((f.ret - 1_000_000.0 * e).abs() < 1e-6);
        assert!((f.ratio().unwrap() - 10.0 * e).abs() < 1e-12);
        assert!((f.roi().unwrap() - (10.0 * e - 1.0)).abs() < 1e-12);
        let csv = plan_csv(&cells, &[100_000.0], &[0.0]);
        let row = csv.lines().nth(1).unwrap();
        assert_eq!(
            row,
            "retention,growth,1000,100.00,0.5,2000.00,0.00,,100000.00,632.12,316.06,632120.56,3.6788,0.00,0.00,0.00"
        );
        let stages = by_stage(&cells, &[100_000.0]);
        assert_eq!(stages.len(), 5);
        assert_eq!(stages[2].0, PlanStage::Growth);
        assert_eq!(stages[2].1, f);
        assert_eq!(stages[0].1.spend, 0.0);
    }

    #[test]
    fn a_baseline_never_pours_past_saturation() {
        // Ten prospects at ¥450 saturate at 3 × 450 × 10 = ¥13,500; 1,000
        // customers at ¥100 at ¥300,000.
        let cells = vec![
            PlanCell::new(
                CampaignType::Acquisition,
                PlanStage::Prospect,
                10.0,
                450.0,
                0.1,
                20_000.0,
            ),
            PlanCell::new(
                CampaignType::Retention,
                PlanStage::Growth,
                1000.0,
                100.0,
                0.5,
                2000.0,
            ),
        ];
        let s = |budget: f64| Scenario {
            budget,
            cells: cells.clone(),
            baseline: Some(BaselineRule::Acquisition75),
        };
        // ¥75,000 on acquisition: ¥61,500 past saturation go to retention.
        let b = s(100_000.0).baseline_plan();
        assert_eq!(b.spend, vec![13_500.0, 86_500.0]);
        assert_eq!((b.moved, b.unspent), (61_500.0, 0.0));
        // Both saturated: ¥736,500 past the prospects, ¥50,000 of it fits
        // retention, ¥686,500 of ¥1,000,000 has nowhere to go.
        let b = s(1_000_000.0).baseline_plan();
        assert_eq!(b.spend, vec![13_500.0, 300_000.0]);
        assert_eq!((b.moved, b.unspent), (50_000.0, 686_500.0));
        // The optimiser keeps to the same limit.
        let a = s(1_000_000.0).optimise().unwrap();
        assert_eq!(a.spend, vec![13_500.0, 300_000.0]);
        assert_eq!(a.unused, 686_500.0);
    }
}
