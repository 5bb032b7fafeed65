//! The Panorama view: the map, the dashboard, the flow and the calendar.

use crate::engine::protocol::{PanoramaView, Query};
use crate::i18n::panorama::PanoText;
use crate::i18n::shell::Common;
use crate::ui::components::later::Later;
use crate::ui::components::no_data::NoData;
use crate::ui::engine_client::use_query;
use crate::ui::panorama::calendar::Calendar;
use crate::ui::panorama::kpi_dashboard::KpiDashboard;
use crate::ui::panorama::panorama_map::PanoramaMap;
use crate::ui::panorama::stage_flow::StageFlow;
use crate::ui::panorama::targets_editor::TargetsEditor;
use crate::ui::panorama::value_kpis::ValueKpis;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn PanoramaPage() -> impl IntoView {
    let ctx = app();
    let stages = ctx.stages();
    let answer = use_query::<PanoramaView>(move || {
        Some(Query::Dashboard {
            at: ctx.at()?,
            stages: stages.get(),
        })
    });
    // The engine's figures against the targets in force: editing a target
    // recomputes nothing.
    let view: Signal<Option<Arc<PanoramaView>>> = Memo::new(move |_| {
        let v = answer.get()?;
        Some(ctx.targets.with(|t| {
            Arc::new(PanoramaView {
                dashboard: v.dashboard.retargeted(t),
                stages: v.stages.clone(),
            })
        }))
    })
    .into();
    view! {
        <section class="page" aria-labelledby="pano-title">
            <h1 id="pano-title">{ctx.tr(PanoText::Title)}</h1>
            <p class="intro">{ctx.tr(PanoText::Intro)}</p>
            <Show when=move || ctx.data.with(Option::is_some) fallback=|| view! { <NoData/> }>
                <Show when=move || view.with(Option::is_some)
                    fallback=move || view! { <p class="muted" role="status">{ctx.tr(Common::Working)}</p> }>
                    <PanoramaMap view=view/>
                    // The executive summary carries these in the report.
                    <div class="no-report"><KpiDashboard view=view/></div>
                    <Later><ValueKpis/></Later>
                    <div class="no-report"><TargetsEditor/></div>
                    <Later turns=1><div class="no-report"><StageFlow/></div></Later>
                </Show>
            </Show>
            <div class="no-report"><Calendar/></div>
        </section>
    }
}
