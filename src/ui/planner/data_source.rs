//! Where the audiences come from, a way back to the defaults, the stage
//! another view asked to highlight, and a scenario link that failed.

use crate::i18n::planner::PlanText;
use crate::i18n::{format, names, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::planner::prospect_pool::ProspectPool;
use crate::ui::route::Route;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn DataSource() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let text = move || match planner.inputs.get() {
        Some(i) => {
            let n: usize = i.customers.iter().sum();
            ctx.t(PlanText::SourceData {
                n: format::count(n as u64),
            })
        }
        None => ctx.t(PlanText::SourceExample),
    };
    let focus = move || {
        ctx.plan_focus.get().map(|s| {
            let l = ctx.lang.get();
            view! {
                <p class="notice focus-note" data-testid="plan-focus">
                    {PlanText::Focus { stage: names::plan_stage(l, s).to_owned() }.text(l)}
                    " "
                    <button class="button small secondary" on:click=move |_| ctx.plan_focus.set(None)>
                        {PlanText::ClearFocus.text(l)}
                    </button>
                </p>
            }
        })
    };
    let link_error = move || {
        planner.link_error.get().map(|e| {
            let l = ctx.lang.get();
            let why = e.message(l, &|i| format!("#{}", i + 1));
            view! {
                <p class="notice error" role="alert" data-testid="plan-link-error">
                    {PlanText::LinkError { why }.text(l)}
                </p>
            }
        })
    };
    view! {
        <section class="card">
            <p class="source-line" data-testid="plan-source">{text}</p>
            <ProspectPool/>
            <div class="toolbar">
                <button class="button small secondary" data-testid="reset-plan"
                    on:click=move |_| planner.replace_plan(planner.default_plan(), false)>
                    {move || if planner.inputs.with(Option::is_some) {
                        ctx.t(PlanText::ResetFromData)
                    } else {
                        ctx.t(PlanText::ResetDefault)
                    }}
                </button>
                <Show when=move || ctx.data.with(Option::is_none)>
                    <a href=Route::Data.hash()>{ctx.tr(PlanText::LoadData)}</a>
                </Show>
            </div>
            {focus}
            <Show when=move || planner.link_opened.get()>
                <p class="notice" data-testid="plan-link-opened">{ctx.tr(PlanText::LinkOpened)}</p>
            </Show>
            {link_error}
        </section>
    }
}
