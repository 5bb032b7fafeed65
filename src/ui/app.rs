//! The shell: header with navigation and language switch, the routed view,
//! and the privacy footer. It starts the engine and provides the states
//! the views share.

use crate::domain::planner::scenario::{JsonProblem, Scenario, ScenarioError};
use crate::engine::protocol::{Request, ScenarioTask};
use crate::i18n::shell::ShellText;
use crate::i18n::Text;
use crate::ui::campaigns::campaign_costs::CampaignCosts;
use crate::ui::campaigns::campaigns_page::CampaignsPage;
use crate::ui::data::data_page::DataPage;
use crate::ui::data::import_state::ImportState;
use crate::ui::engine_client;
use crate::ui::io;
use crate::ui::panorama::panorama_page::PanoramaPage;
use crate::ui::planner::planner_page::PlannerPage;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::report::report_page::ReportPage;
use crate::ui::route::Route;
use crate::ui::segments::segments_page::SegmentsPage;
use crate::ui::state::AppContext;
use crate::ui::value::value_page::ValuePage;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    engine_client::start();
    // Before anything is saved: a setting that cannot be kept says so.
    let storage_failed = RwSignal::new(false);
    io::on_storage_failure(move || storage_failed.set(true));
    let ctx = AppContext::new();
    provide_context(ctx);
    ctx.remember_settings();
    provide_context(CampaignCosts::new());
    let planner = PlannerState::new(ctx);
    provide_context(planner);
    // One import state for the app: it outlives the Data view, so kept
    // data loads at start whatever view the link opens.
    let import = ImportState::new(ctx);
    provide_context(import);
    import.restore();
    follow_location_hash(ctx, planner);

    // Keep <html lang> and the title in step with the language and view.
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.tag());
        }
        let page = ctx.route.get().name().text(lang);
        document().set_title(&ShellText::PageTitle { page }.text(lang));
    });

    let update_ready = RwSignal::new(false);
    io::on_update_ready(move || update_ready.set(true));

    let nav = Route::ALL
        .into_iter()
        .map(|r| {
            let current = move || ctx.route.get() == r;
            view! {
                <a href=r.hash() class="nav-link" class:active=current data-testid=r.testid()
                    aria-current=move || current().then_some("page")>
                    {move || ctx.t(r.name())}
                </a>
            }
        })
        .collect_view();

    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-title">{ctx.tr(ShellText::AppTitle)}</span>
                <span class="brand-tagline">{ctx.tr(ShellText::AppTagline)}</span>
            </div>
            <nav class="app-nav" aria-label=move || ctx.t(ShellText::NavLabel)>{nav}</nav>
            <button class="lang-switch" data-testid="lang-switch"
                on:click=move |_| ctx.set_lang(ctx.lang.get_untracked().other())
                lang=move || ctx.lang.get().other().tag()>
                {ctx.tr(ShellText::LangSwitch)}
            </button>
        </header>
        <Show when=move || update_ready.get()>
            <div class="update-banner" role="status" data-testid="update-ready">
                {ctx.tr(ShellText::UpdateReady)}" "
                <button class="button small" data-testid="apply-update" on:click=move |_| io::apply_update()>
                    {ctx.tr(ShellText::UpdateApply)}
                </button>
            </div>
        </Show>
        <Show when=move || storage_failed.get()>
            <div class="update-banner" role="status" data-testid="storage-warning">
                {ctx.tr(ShellText::StorageFailed)}
            </div>
        </Show>
        <main class="app-main">
            {move || match ctx.route.get() {
                Route::Data => view! { <DataPage/> }.into_any(),
                Route::Segments => view! { <SegmentsPage/> }.into_any(),
                Route::Panorama => view! { <PanoramaPage/> }.into_any(),
                Route::Value => view! { <ValuePage/> }.into_any(),
                Route::Campaigns => view! { <CampaignsPage/> }.into_any(),
                Route::Planner => view! { <PlannerPage/> }.into_any(),
                Route::Report => view! { <ReportPage/> }.into_any(),
            }}
        </main>
        <footer class="app-footer" data-testid="privacy-note">{ctx.tr(ShellText::FooterPrivacy)}</footer>
    }
}

/// Routes follow `location.hash`. `#/planner?plan=…` (a scenario link)
/// replaces the plan, then leaves the plain route in the address bar so a
/// reload keeps later edits.
fn follow_location_hash(ctx: AppContext, planner: PlannerState) {
    let read = move || {
        let hash = window().location().hash().unwrap_or_default();
        let route = Route::from_hash(&hash);
        ctx.route.set(route);
        if let Some(param) = hash.split_once("?plan=").map(|(_, p)| p.to_owned()) {
            let task = ScenarioTask::ParseLink { param };
            engine_client::ask::<Result<Scenario, ScenarioError>>(
                Request::Scenario(task),
                move |read| match read {
                    Some(Ok(s)) => {
                        planner.replace_plan(s, true);
                        planner.link_error.set(None);
                        planner.link_opened.set(true);
                    }
                    Some(Err(e)) => {
                        planner.link_opened.set(false);
                        planner.link_error.set(Some(e));
                    }
                    None => {
                        planner.link_opened.set(false);
                        planner.link_error.set(Some(ScenarioError::Json {
                            line: 0,
                            column: 0,
                            problem: JsonProblem::DamagedLink,
                        }));
                    }
                },
            );
            io::replace_hash(route.hash());
        }
    };
    read();
    // The listener lives as long as the page.
    let handle = window_event_listener(leptos::ev::hashchange, move |_| read());
    std::mem::forget(handle);
}
