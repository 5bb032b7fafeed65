//! CLV and P(alive) by segment and by stage.

use crate::domain::value::summary::GroupValue;
use crate::engine::protocol::ValueView;
use crate::i18n::shell::Common;
use crate::i18n::value::ValueText;
use crate::i18n::{format, names, Lang, Text};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

fn table(l: Lang, rows: Vec<(String, GroupValue)>, testid: &'static str) -> impl IntoView {
    let no = || Common::NoData.text(l);
    let body = rows
        .into_iter()
        .map(|(name, g)| {
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num" data-label=ValueText::ColCustomers.text(l)>{format::count(g.customers as u64)}</td>
                    <td class="num" data-label=ValueText::MeanPAlive.text(l)>{g.mean_p_alive.map(format::percent).unwrap_or_else(no)}</td>
                    <td class="num" data-label=ValueText::MeanClv.text(l)>{g.mean_clv_365d.map(|v| format::yuan(v, l)).unwrap_or_else(no)}</td>
                    <td class="num" data-label=ValueText::TotalClv.text(l)>{format::yuan(g.total_clv_365d, l)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="mini stack" data-testid=testid>
            <thead><tr>
                <th></th>
                <th class="num">{ValueText::ColCustomers.text(l)}</th>
                <th class="num">{ValueText::MeanPAlive.text(l)}</th>
                <th class="num">{ValueText::MeanClv.text(l)}</th>
                <th class="num">{ValueText::TotalClv.text(l)}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

#[component]
pub fn ValueByGroup(view: Signal<Option<Arc<ValueView>>>) -> impl IntoView {
    let ctx = app();
    let segments = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let s = &v.as_ref()?.result.as_ref().ok()?.summary;
            let rows = s
                .by_segment
                .iter()
                .map(|(k, g)| (names::segment(l, *k).to_owned(), *g))
                .collect();
            Some(table(l, rows, "value-by-segment"))
        })
    };
    let stages = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let s = &v.as_ref()?.result.as_ref().ok()?.summary;
            let rows = s
                .by_stage
                .iter()
                .map(|(k, g)| (names::stage(l, *k).to_owned(), *g))
                .collect();
            Some(table(l, rows, "value-by-stage"))
        })
    };
    view! {
        <div class="chart-grid">
            <section class="card chart-card wide">
                <h2>{ctx.tr(ValueText::BySegment)}</h2>
                <div class="table-scroll" tabindex="0">{segments}</div>
            </section>
            <section class="card chart-card wide">
                <h2>{ctx.tr(ValueText::ByStage)}</h2>
                <div class="table-scroll" tabindex="0">{stages}</div>
            </section>
        </div>
    }
}
