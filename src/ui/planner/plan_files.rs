//! The plan's files: import and export the scenario (JSON), `plan.csv`
//! (written by the engine), and a scenario link.

use crate::domain::planner::scenario::Scenario;
use crate::domain::planner::scenario::ScenarioError;
use crate::domain::planner::PlanCell;
use crate::engine::protocol::{Export, Request, ScenarioTask};
use crate::i18n::planner::PlanText;
use crate::i18n::{names, Text};
use crate::ui::engine_client;
use crate::ui::io;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The engine's reading of a scenario file: the scenario, or what is wrong
/// with it and its cells as far as they read.
type Parsed = Result<Scenario, (ScenarioError, Vec<PlanCell>)>;

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
        // Too large is refused by its size, before a byte is read or sent
        // (a 37 MB file would hold the page for a while just being copied).
        if let Err(e) = Scenario::check_file_size(file.size() as usize) {
            let l = ctx.lang.get_untracked();
            let why = e.message(l, &|i| format!("#{}", i + 1));
            message.set(Some((true, PlanText::ImportFailed { name, why }.text(l))));
            return;
        }
        spawn_local(async move {
            let l = ctx.lang.get_untracked();
            let text = match io::read_file(&file).await {
                Ok(bytes) => String::from_utf8(bytes).map_err(|_| PlanText::NotUtf8.text(l)),
                Err(e) => Err(e),
            };
            let text = match text {
                Ok(t) => t,
                Err(why) => {
                    message.set(Some((true, PlanText::ImportFailed { name, why }.text(l))));
                    return;
                }
            };
            let task = Request::Scenario(ScenarioTask::Parse { text });
            engine_client::ask::<Parsed>(task, move |read| {
                let l = ctx.lang.get_untracked();
                let outcome = match read {
                    Some(Ok(s)) => Ok(s),
                    Some(Err((e, cells))) => Err(e.message(l, &|i| {
                        cells.get(i).map_or_else(
                            || format!("#{}", i + 1),
                            |c| names::plan_cell(l, c.campaign_type, c.stage),
                        )
                    })),
                    None => Err(PlanText::NoAnswer.text(l)),
                };
                match outcome {
                    Ok(s) => {
                        let n = s.cells.len();
                        planner.replace_plan(s, true);
                        message.set(Some((false, PlanText::Imported { name, n }.text(l))));
                    }
                    Err(why) => {
                        message.set(Some((true, PlanText::ImportFailed { name, why }.text(l))))
                    }
                }
            });
        });
    };
    let export_scenario = move |_| {
        let scenario = planner.plan.get_untracked();
        engine_client::download(
            Request::Scenario(ScenarioTask::File { scenario }),
            move |why| message.set(Some((true, why))),
        );
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
        let scenario = planner.plan.get_untracked();
        engine_client::ask::<String>(
            Request::Scenario(ScenarioTask::Link { scenario }),
            move |param| {
                if let Some(param) = param {
                    link.set(Some(format!("{base}#/planner?plan={param}")));
                }
            },
        );
    };
    view! {
        <div class="toolbar">
            <label class="file-label">
                <input type="file" class="visually-hidden" data-testid="import-scenario"
                    accept=".json,application/json" on:change=import/>
                <span class="button small secondary">{ctx.tr(PlanText::ImportScenario)}</span>
            </label>
            <button class="button small secondary" data-testid="export-scenario" on:click=export_scenario>
                {ctx.tr(PlanText::ExportScenario)}
            </button>
            <button class="button small" data-testid="export-plan" on:click=export_plan>
                {ctx.tr(PlanText::ExportPlan)}
            </button>
            <button class="button small secondary" data-testid="share-plan" on:click=share>
                {ctx.tr(PlanText::ShareLink)}
            </button>
        </div>
        {move || link.get().map(|url| view! {
            <label class="setting wide share-link">
                <span>{ctx.tr(PlanText::LinkHint)}</span>
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
