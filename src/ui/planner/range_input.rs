//! One end of one parameter's Monte Carlo range for one cell.

use crate::domain::planner::uncertainty::{ranges, Param};
use crate::domain::planner::PlanCell;
use crate::i18n::format::parse_number;
use crate::i18n::planner::{self as text, PlanText};
use crate::i18n::{names, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

fn param_id(p: Param) -> &'static str {
    match p {
        Param::Cost => "cost",
        Param::Conversion => "conversion",
        Param::Value => "value",
    }
}

#[component]
pub fn RangeInput(index: usize, param: Param, high: bool) -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let value_of = move |cells: &[PlanCell]| {
        cells
            .get(index)
            .map(|c| {
                let r = ranges(c);
                let (lo, hi) = match param {
                    Param::Cost => r.cost,
                    Param::Conversion => (r.conversion.0 * 100.0, r.conversion.1 * 100.0),
                    Param::Value => r.value,
                };
                let v = if high { hi } else { lo };
                format!("{}", (v * 100.0).round() / 100.0)
            })
            .unwrap_or_default()
    };
    let value = move || planner.cells.with(|cells| value_of(cells));
    let value_now = move || planner.cells.with_untracked(|cells| value_of(cells));
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
        let end = if high { PlanText::High } else { PlanText::Low };
        PlanText::RangeLabel {
            cell,
            param: text::param(l, param).to_owned(),
            end: end.text(l),
        }
        .text(l)
    };
    view! {
        <input type="text" inputmode="decimal" class="num-input"
            data-range=format!("{}-{}", param_id(param), if high { "high" } else { "low" })
            aria-label=label prop:value=value
            on:change=move |ev| {
                let Some(v) = parse_number(&event_target_value(&ev)) else {
                    event_target::<web_sys::HtmlInputElement>(&ev).set_value(&value_now());
                    return;
                };
                planner.edit_plan(|s| {
                    let Some(c) = s.cells.get_mut(index) else { return };
                    let r = ranges(c);
                    let set = |(lo, hi): (f64, f64), v: f64| if high { (lo, v) } else { (v, hi) };
                    match param {
                        Param::Cost => c.cost_range = Some(set(r.cost, v)),
                        Param::Conversion => c.conversion_range = Some(set(r.conversion, v / 100.0)),
                        Param::Value => c.value_range = Some(set(r.value, v)),
                    }
                });
            }/>
    }
}
