//! An input for one figure of one cell; a typo puts the figure back.

use crate::domain::planner::PlanCell;
use crate::i18n::format::parse_number;
use crate::i18n::planner::PlanText;
use crate::i18n::{names, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

/// Which figure of a cell an input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellField {
    Audience,
    Cost,
    Conversion,
    Value,
    Min,
    Max,
    Baseline,
}

impl CellField {
    fn id(self) -> &'static str {
        match self {
            CellField::Audience => "audience",
            CellField::Cost => "cost",
            CellField::Conversion => "conversion",
            CellField::Value => "value",
            CellField::Min => "min",
            CellField::Max => "max",
            CellField::Baseline => "baseline",
        }
    }

    fn name(self) -> PlanText {
        match self {
            CellField::Audience => PlanText::FieldAudience,
            CellField::Cost => PlanText::FieldCost,
            CellField::Conversion => PlanText::FieldConversion,
            CellField::Value => PlanText::FieldValue,
            CellField::Min => PlanText::FieldMin,
            CellField::Max => PlanText::FieldMax,
            CellField::Baseline => PlanText::FieldBaseline,
        }
    }

    /// The figure as the input shows it (conversion in %; no maximum: blank).
    fn get(self, c: &PlanCell) -> String {
        let plain = |v: f64| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{}", (v * 100.0).round() / 100.0)
            }
        };
        match self {
            CellField::Audience => plain(c.audience),
            CellField::Cost => plain(c.cost_per_person),
            CellField::Conversion => plain(c.conversion_rate * 100.0),
            CellField::Value => plain(c.value_per_conversion),
            CellField::Min => plain(c.min_spend),
            CellField::Max => c.max_spend.map(plain).unwrap_or_default(),
            CellField::Baseline => plain(c.baseline_spend.unwrap_or(0.0)),
        }
    }

    /// Sets the figure from what the user typed; `false` when it is not a number.
    fn set(self, c: &mut PlanCell, text: &str) -> bool {
        if self == CellField::Max && text.trim().is_empty() {
            c.max_spend = None;
            return true;
        }
        let Some(v) = parse_number(text) else {
            return false;
        };
        match self {
            CellField::Audience => c.audience = v,
            CellField::Cost => c.cost_per_person = v,
            CellField::Conversion => c.conversion_rate = v / 100.0,
            CellField::Value => c.value_per_conversion = v,
            CellField::Min => c.min_spend = v,
            CellField::Max => c.max_spend = Some(v),
            CellField::Baseline => c.baseline_spend = Some(v),
        }
        true
    }
}

#[component]
pub fn NumField(index: usize, field: CellField) -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let value = move || {
        planner
            .cells
            .with(|cells| cells.get(index).map(|c| field.get(c)))
            .unwrap_or_default()
    };
    let label = move || {
        let l = ctx.lang.get();
        let cell = planner
            .cells
            .with(|cells| {
                cells
                    .get(index)
                    .map(|c| names::plan_cell(l, c.campaign_type, c.stage))
            })
            .unwrap_or_default();
        PlanText::FieldLabel {
            cell,
            what: field.name().text(l),
        }
        .text(l)
    };
    view! {
        <input type="text" inputmode="decimal" class="num-input" data-field=field.id()
            aria-label=label prop:value=value
            on:change=move |ev| {
                let text = event_target_value(&ev);
                let mut ok = true;
                planner.edit_plan(|s| if let Some(c) = s.cells.get_mut(index) { ok = field.set(c, &text) });
                if !ok {
                    // Not a number: put the figure back.
                    let shown = planner.cells.with_untracked(|c| c.get(index).map(|c| field.get(c))).unwrap_or_default();
                    event_target::<web_sys::HtmlInputElement>(&ev).set_value(&shown);
                }
            }/>
    }
}
