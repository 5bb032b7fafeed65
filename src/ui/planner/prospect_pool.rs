//! The prospect pool, a labelled input: the audience of every prospect
//! cell (acquisition, brand), with its default and where it comes from.

use crate::i18n::format;
use crate::i18n::planner::PlanText;
use crate::i18n::Text;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn ProspectPool() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let pool = move || planner.plan.with(|s| s.prospect_pool());
    let shown = move || pool().map(|v| format!("{v}")).unwrap_or_default();
    let hint = move || {
        let l = ctx.lang.get();
        match planner.inputs.get() {
            Some(i) => PlanText::ProspectPoolData {
                acquired: format::count(i.acquired_12m as u64),
                pool: format::count(i.prospects() as u64),
            }
            .text(l),
            None => PlanText::ProspectPoolExample.text(l),
        }
    };
    view! {
        <Show when=move || pool().is_some()>
            <label class="setting">
                <span>{ctx.tr(PlanText::ProspectPool)}</span>
                <input type="text" inputmode="numeric" class="num-input" data-testid="prospect-pool"
                    prop:value=shown
                    on:change=move |ev| {
                        match format::parse_number(&event_target_value(&ev)) {
                            Some(v) if v >= 0.0 && v.is_finite() => planner.edit_plan(|s| s.set_prospect_pool(v.round())),
                            // Not a number of people: put the figure back.
                            _ => event_target::<web_sys::HtmlInputElement>(&ev).set_value(&shown()),
                        }
                    }/>
            </label>
            <p class="muted small" data-testid="prospect-pool-hint">{hint}</p>
        </Show>
    }
}
