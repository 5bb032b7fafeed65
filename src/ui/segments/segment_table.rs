//! The segment table: customers, shares, averages and the suggested budget
//! share per segment; a row opens its customers.

use crate::domain::segmentation::Group;
use crate::engine::protocol::{SegmentLine, SegmentsView};
use crate::i18n::segments::SegText;
use crate::i18n::{format, names, Lang, Text};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn SegmentTable(
    view: Signal<Option<Arc<SegmentsView>>>,
    group: RwSignal<Group>,
) -> impl IntoView {
    let ctx = app();
    let rows = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            v.as_ref().map(|v| {
                v.segments
                    .iter()
                    .map(|s| segment_row(l, s, group))
                    .collect_view()
            })
        })
    };
    let header = [
        SegText::Segment,
        SegText::Customers,
        SegText::Share,
        SegText::Typical,
        SegText::RevenueShare,
        SegText::AvgSpend,
        SegText::AvgVisits,
        SegText::AvgRecency,
        SegText::Budget,
    ]
    .into_iter()
    .map(|t| view! { <th scope="col">{move || ctx.t(t.clone())}</th> })
    .collect_view();
    view! {
        <section class="card" aria-labelledby="seg-table-title">
            <h2 id="seg-table-title">{ctx.tr(SegText::Segment)}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="segments stack" data-testid="segment-table">
                    <thead><tr>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted small" data-testid="budget-share-note">{ctx.tr(SegText::BudgetNote)}</p>
        </section>
    }
}

fn segment_row(l: Lang, s: &SegmentLine, group: RwSignal<Group>) -> impl IntoView {
    let seg = s.line.key;
    let g = s.line.summary;
    let or_none = |v: Option<String>| v.unwrap_or_else(|| SegText::Empty.text(l));
    let selected = move || group.get() == Group::Segment(seg);
    let (lo, hi) = s.typical;
    let cell = |label: SegText, value: String, class: &'static str| {
        view! { <td class=class data-label=label.text(l)>{value}</td> }
    };
    view! {
        <tr class:selected=selected class="clickable" data-testid=format!("segment-row-{}", seg.id())
            on:click=move |_| group.set(Group::Segment(seg))>
            <th scope="row">
                <button class="link" aria-pressed=move || selected().to_string()>{names::segment(l, seg)}</button>
            </th>
            <td class="num" data-label=SegText::Customers.text(l) data-testid=format!("segment-count-{}", seg.id())>{format::count(g.customers as u64)}</td>
            {cell(SegText::Share, or_none(s.line.customer_share.map(format::percent)), "num")}
            {cell(SegText::Typical, format!("{:.0}–{:.0}%", lo * 100.0, hi * 100.0), "num muted")}
            {cell(SegText::RevenueShare, or_none(s.line.revenue_share.map(format::percent)), "num")}
            {cell(SegText::AvgSpend, or_none(g.avg_spend().map(|v| format::yuan(v, l))), "num")}
            {cell(SegText::AvgVisits, or_none(g.avg_visits().map(|v| format!("{v:.1}"))), "num")}
            {cell(SegText::AvgRecency, or_none(g.avg_recency().map(|v| format!("{v:.0}"))), "num")}
            {cell(SegText::Budget, format::percent(s.budget_share), "num")}
        </tr>
    }
}
