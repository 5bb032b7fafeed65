//! The Segments view: as-of line, settings, the segment table, the
//! export, the charts, the strategy cards and the drill-down.

use crate::domain::rfm::Segment;
use crate::domain::segmentation::Group;
use crate::engine::protocol::Export;
use crate::i18n::format;
use crate::i18n::segments::SegText;
use crate::i18n::shell::Common;
use crate::ui::components::later::Later;
use crate::ui::components::no_data::NoData;
use crate::ui::engine_client;
use crate::ui::segments::customer_list::CustomerList;
use crate::ui::segments::empty_levels::EmptyLevels;
use crate::ui::segments::segment_charts::SegmentCharts;
use crate::ui::segments::segment_settings_panel::SegmentSettingsPanel;
use crate::ui::segments::segment_table::SegmentTable;
use crate::ui::segments::strategy_cards::StrategyCards;
use crate::ui::segments::use_segments;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn SegmentsPage() -> impl IntoView {
    let ctx = app();
    // Another view (the panorama map) may ask for a group; else the at-risk call list.
    let group = RwSignal::new(
        ctx.drill_request
            .get_untracked()
            .unwrap_or(Group::Segment(Segment::AtRisk)),
    );
    ctx.drill_request.set(None);
    let view = use_segments(ctx);
    let export_all = move |xlsx: bool| {
        if let Some(at) = ctx.at() {
            let (settings, model) = (
                ctx.segment_settings.get_untracked(),
                ctx.model.get_untracked(),
            );
            let group = Group::All;
            let e = if xlsx {
                Export::CustomersXlsx {
                    at,
                    settings,
                    model,
                    group,
                    lang: ctx.lang.get_untracked(),
                }
            } else {
                Export::Customers {
                    at,
                    settings,
                    model,
                    group,
                }
            };
            engine_client::export(e, |_| {});
        }
    };
    view! {
        <section class="page" aria-labelledby="seg-title">
            <h1 id="seg-title">{ctx.tr(SegText::Title)}</h1>
            <p class="intro">{ctx.tr(SegText::Intro)}</p>
            <Show when=move || ctx.data.with(Option::is_some) fallback=|| view! { <NoData/> }>
                <Show when=move || view.with(Option::is_some)
                    fallback=move || view! { <p class="muted" role="status">{ctx.tr(Common::Working)}</p> }>
                    <p class="muted">
                        {ctx.tr(SegText::AsOf)}{ctx.tr(Common::Colon)}
                        <span data-testid="seg-as-of">{move || view.with(|v| v.as_ref().map(|v| format::date(v.as_of, ctx.lang.get())))}</span>
                        " · " {ctx.tr(SegText::Customers)}{ctx.tr(Common::Colon)}
                        <span data-testid="seg-total" data-ms=move || view.with(|v| v.as_ref().map(|v| format!("{:.0}", v.compute_ms)))>
                            {move || view.with(|v| v.as_ref().map(|v| format::count(v.total.customers as u64)))}
                        </span>
                    </p>
                    <div class="no-report"><SegmentSettingsPanel/></div>
                    <EmptyLevels view=view/>
                    <SegmentTable view=view group=group/>
                    <div class="toolbar no-report">
                        <button class="button" data-testid="export-customers" on:click=move |_| export_all(false)>{ctx.tr(SegText::ExportAll)}</button>
                        <button class="button secondary" data-testid="export-customers-xlsx" on:click=move |_| export_all(true)>{ctx.tr(SegText::ExportXlsx)}</button>
                        <span class="muted small">{ctx.tr(SegText::ExportXlsxHint)}</span>
                    </div>
                    <Later><SegmentCharts view=view group=group/></Later>
                    <Later turns=1><div class="no-report"><StrategyCards view=view/></div></Later>
                    <Later turns=1><div class="no-report"><CustomerList group=group/></div></Later>
                </Show>
            </Show>
        </section>
    }
}
