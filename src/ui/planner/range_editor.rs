//! Each cell's ranges for the Monte Carlo, editable (the industry
//! reference ranges by default).

use crate::domain::planner::uncertainty::Param;
use crate::i18n::names;
use crate::i18n::planner::PlanText;
use crate::ui::planner::planner_state::{CellKey, PlannerState};
use crate::ui::planner::range_input::RangeInput;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn RangeEditor() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let row = move |(i, _, _): CellKey| {
        let name = move || {
            planner
                .cells
                .with(|cells| {
                    cells
                        .get(i)
                        .map(|c| names::plan_cell(ctx.lang.get(), c.campaign_type, c.stage))
                })
                .unwrap_or_default()
        };
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td data-label=move || ctx.t(PlanText::CostPerPerson)><span class="inputs"><RangeInput index=i param=Param::Cost high=false/>" – "<RangeInput index=i param=Param::Cost high=true/></span></td>
                <td data-label=move || ctx.t(PlanText::ConversionPct)><span class="inputs"><RangeInput index=i param=Param::Conversion high=false/>" – "<RangeInput index=i param=Param::Conversion high=true/></span></td>
                <td data-label=move || ctx.t(PlanText::ValuePerConversion)><span class="inputs"><RangeInput index=i param=Param::Value high=false/>" – "<RangeInput index=i param=Param::Value high=true/></span></td>
            </tr>
        }
    };
    view! {
        <details class="ranges" data-testid="range-editor">
            <summary>{ctx.tr(PlanText::EditRanges)}</summary>
            <div class="table-scroll" tabindex="0">
                <table class="mini plan-cells stack">
                    <thead><tr>
                        <th>{ctx.tr(PlanText::Cell)}</th>
                        <th>{ctx.tr(PlanText::CostPerPerson)}</th>
                        <th>{ctx.tr(PlanText::ConversionPct)}</th>
                        <th>{ctx.tr(PlanText::ValuePerConversion)}</th>
                    </tr></thead>
                    <tbody><For each=move || planner.keys.get() key=|k| *k children=row/></tbody>
                </table>
            </div>
        </details>
    }
}
