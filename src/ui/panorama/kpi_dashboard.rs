//! The KPI dashboard: every overall KPI with its target, status and base.

use crate::engine::protocol::PanoramaView;
use crate::i18n::panorama::{self as text, PanoText};
use crate::i18n::{format, names, Text};
use crate::ui::panorama::panorama_map::status_class;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn KpiDashboard(view: Signal<Option<Arc<PanoramaView>>>) -> impl IntoView {
    let ctx = app();
    let cards = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            v.as_ref().map(|v| {
                v.dashboard
                    .overall
                    .iter()
                    .map(|k| {
                        let status = k.status();
                        view! {
                            <div class="kpi-card">
                                <div class="muted small">{names::kpi(l, k.id)}</div>
                                <div class="kpi-big" data-testid=format!("kpi-{}", k.id.id())>{text::kpi_value(l, k)}</div>
                                <div class="small">{text::kpi_target_from(l, k)}" · "<span class=status_class(status)>{text::status(l, status)}</span></div>
                                <div class="muted small">{PanoText::Base { n: format::count(k.base as u64) }.text(l)}</div>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="kpi-title">
            <h2 id="kpi-title">{ctx.tr(PanoText::DashboardTitle)}</h2>
            <p class="muted small">{move || text::dashboard_hint(ctx.lang.get())}</p>
            <div class="kpi-grid">{cards}</div>
        </section>
    }
}
