//! The plan's files: import and export the scenario (JSON), `plan.csv`
//! (written by the engine), and a scenario link.

use crate::domain::planner::scenario::Scenario;
use crate::engine::protocol::Export;
use crate::i18n::planner::PlanText;
use crate::i18n::{names, Text};
use crate::ui::engine_client;
use crate::ui::io;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[component]
pub fn PlanFiles() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    // (is an error, text)
    let message = RwSignal::new(None::<(bool, String)>);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = io::picked_file(&ev) else {
            return;
        };
        let name = file.name();
        spawn_local(async move {
            let l = ctx.lang.get_untracked();
            let text = match io::read_file(&file).await {
                Ok(bytes) => String::from_utf8(bytes).map_err(|_| PlanText::NotUtf8.text(l)),
                Err(e) => Err(e),
            };
            let outcome = text.and_then(|t| {
                Scenario::from_json(&t).map_err(|e| {
                    let cells = Scenario::from_json_unchecked(&t)
                        .map(|s| s.cells)
                        .unwrap_or_default();
                    e.message(l, &|i| {
                        cells.get(i).map_or_else(
                            || format!("#{}", i + 1),
                            |c| names::plan_cell(l, c.campaign_type, c.stage),
                        )
                    })
                })
            });
            match outcome {
                Ok(s) => {
                    let n = s.cells.len();
                    planner.replace_plan(s, true);
                    message.set(Some((false, PlanText::Imported { name, n }.text(l))));
                }
                Err(why) => message.set(Some((true, PlanText::ImportFailed { name, why }.text(l)))),
            }
        });
    };
    let export_scenario = move |_| {
        let json = planner.plan.with_untracked(Scenario::to_json);
        if let Err(e) = io::download("scenario.json", "application/json", json.as_bytes()) {
            message.set(Some((true, e)));
        }
    };
    let export_plan = move |_| {
        let export = planner.solved.with_untracked(|s| {
            s.spend().map(|x| Export::Plan {
                cells: s.cells.clone(),
                optimised: x.to_vec(),
                baseline: s.baseline.clone(),
            })
        });
        match export {
            Some(e) => engine_client::export(e, move |why| message.set(Some((true, why)))),
            None => message.set(Some((true, ctx.t(PlanText::CannotExport)))),
        }
    };
    let link = RwSignal::new(None::<String>);
    let share = move |_| {
        let here = window().location().href().unwrap_or_default();
        let base = here.split('#').next().unwrap_or_default().to_owned();
        let param = planner.plan.with_untracked(Scenario::to_link_param);
        link.set(Some(format!("{base}#/planner?plan={param}")));
    };
    view! {
        <div class="toolbar">
            <label class="file-label">
                <input type="file" class="visually-hidden" data-testid="import-scenario"
                    accept=".json,application/json" on:change=import/>
                <span class="button small secondary">{move || ctx.t(PlanText::ImportScenario)}</span>
            </label>
            <button class="button small secondary" data-testid="export-scenario" on:click=export_scenario>
                {move || ctx.t(PlanText::ExportScenario)}
            </button>
            <button class="button small" data-testid="export-plan" on:click=export_plan>
                {move || ctx.t(PlanText::ExportPlan)}
            </button>
            <button class="button small secondary" data-testid="share-plan" on:click=share>
                {move || ctx.t(PlanText::ShareLink)}
            </button>
        </div>
        {move || link.get().map(|url| view! {
            <label class="setting wide share-link">
                <span>{move || ctx.t(PlanText::LinkHint)}</span>
                <input type="text" readonly data-testid="share-link" prop:value=url
                    on:focus=move |ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } }/>
            </label>
        })}
        {move || message.get().map(|(error, text)| if error {
            view! { <p class="notice error" role="alert" data-testid="import-error">{text}</p> }.into_any()
        } else {
            view! { <p class="muted" role="status" data-testid="import-note">{text}</p> }.into_any()
        })}
    }
}
