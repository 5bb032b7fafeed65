//! The shell: header with navigation and language switch, the routed page,
//! and the privacy footer.

use crate::domain::planner::scenario::Scenario;
use crate::ui::components::import_controller::ImportController;
use crate::ui::i18n::Lang;
use crate::ui::pages::campaigns_page::CampaignsPage;
use crate::ui::pages::data_page::DataPage;
use crate::ui::pages::panorama_page::PanoramaPage;
use crate::ui::pages::planner_page::PlannerPage;
use crate::ui::pages::report_page::ReportPage;
use crate::ui::pages::segments_page::SegmentsPage;
use crate::ui::state::{AppContext, Route};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

#[component]
pub fn App() -> impl IntoView {
    let ctx = AppContext::new();
    provide_context(ctx);
    ctx.remember_settings();
    // One import controller for the app: it outlives the Data page, so kept
    // data loads at start whatever view the link opens.
    let controller = ImportController::new(ctx);
    provide_context(controller);
    controller.restore();
    follow_location_hash(ctx);

    // Keep <html lang> in step so fonts and screen readers pick the language.
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.tag());
        }
        let page = match ctx.route.get() {
            Route::Data => lang.t().nav_data,
            Route::Segments => lang.t().nav_segments,
            Route::Panorama => lang.t().nav_panorama,
            Route::Campaigns => lang.t().nav_campaigns,
            Route::Planner => lang.t().nav_planner,
            Route::Report => lang.t().nav_report,
        };
        document().set_title(&format!("{} · {page}", lang.t().app_title));
    });

    let update_ready = RwSignal::new(false);
    crate::ui::io::on_update_ready(move || update_ready.set(true));

    let t = move || ctx.lang.get().t();
    let toggle = move |_| {
        let next = match ctx.lang.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        ctx.set_lang(next);
    };
    let nav_class = move |r: Route| {
        if ctx.route.get() == r {
            "nav-link active"
        } else {
            "nav-link"
        }
    };

    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-title">{move || t().app_title}</span>
                <span class="brand-tagline">{move || t().app_tagline}</span>
            </div>
            <nav class="app-nav" aria-label=move || t().nav_label>
                <a href=Route::Data.hash() class=move || nav_class(Route::Data) data-testid="nav-data"
                    aria-current=move || (ctx.route.get() == Route::Data).then_some("page")>
                    {move || t().nav_data}
                </a>
                <a href=Route::Segments.hash() class=move || nav_class(Route::Segments) data-testid="nav-segments"
                    aria-current=move || (ctx.route.get() == Route::Segments).then_some("page")>
                    {move || t().nav_segments}
                </a>
                <a href=Route::Panorama.hash() class=move || nav_class(Route::Panorama) data-testid="nav-panorama"
                    aria-current=move || (ctx.route.get() == Route::Panorama).then_some("page")>
                    {move || t().nav_panorama}
                </a>
                <a href=Route::Campaigns.hash() class=move || nav_class(Route::Campaigns) data-testid="nav-campaigns"
                    aria-current=move || (ctx.route.get() == Route::Campaigns).then_some("page")>
                    {move || t().nav_campaigns}
                </a>
                <a href=Route::Planner.hash() class=move || nav_class(Route::Planner) data-testid="nav-planner"
                    aria-current=move || (ctx.route.get() == Route::Planner).then_some("page")>
                    {move || t().nav_planner}
                </a>
                <a href=Route::Report.hash() class=move || nav_class(Route::Report) data-testid="nav-report"
                    aria-current=move || (ctx.route.get() == Route::Report).then_some("page")>
                    {move || t().nav_report}
                </a>
            </nav>
            <button class="lang-switch" data-testid="lang-switch" on:click=toggle
                lang=move || match ctx.lang.get() { Lang::Zh => "en", Lang::En => "zh-CN" }>
                {move || t().lang_switch}
            </button>
        </header>
        <Show when=move || update_ready.get()>
            <div class="update-banner" role="status" data-testid="update-ready">
                {move || crate::ui::i18n::tr(ctx.lang.get(), "新版本已就绪。", "A new version is ready.")}" "
                <button class="button small" data-testid="apply-update" on:click=move |_| crate::ui::io::apply_update()>
                    {move || crate::ui::i18n::tr(ctx.lang.get(), "刷新使用新版本", "Reload to use it")}
                </button>
            </div>
        </Show>
        <main class="app-main">
            {move || match ctx.route.get() {
                Route::Data => view! { <DataPage/> }.into_any(),
                Route::Segments => view! { <SegmentsPage/> }.into_any(),
                Route::Panorama => view! { <PanoramaPage/> }.into_any(),
                Route::Campaigns => view! { <CampaignsPage/> }.into_any(),
                Route::Planner => view! { <PlannerPage/> }.into_any(),
                Route::Report => view! { <ReportPage/> }.into_any(),
            }}
        </main>
        <footer class="app-footer" data-testid="privacy-note">{move || t().footer_privacy}</footer>
    }
}

/// Routes follow `location.hash`, which works on any static host and sub-path.
/// `#/planner?plan=…` (a scenario link) replaces the plan, then leaves the
/// plain route in the address bar so a reload keeps later edits.
fn follow_location_hash(ctx: AppContext) {
    let read = move || {
        let hash = window().location().hash().unwrap_or_default();
        let route = Route::from_hash(&hash);
        ctx.route.set(route);
        if let Some(param) = hash.split_once("?plan=").map(|(_, p)| p.to_owned()) {
            match Scenario::from_link_param(&param) {
                Ok(s) => {
                    ctx.replace_plan(s, true);
                    ctx.plan_link_error.set(None);
                }
                Err(e) => ctx.plan_link_error.set(Some(e.to_string())),
            }
            if let Ok(h) = window().history() {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(route.hash()));
            }
        }
    };
    read();
    let cb = Closure::<dyn Fn()>::new(read);
    let _ = window().add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    cb.forget();
}
