//! The drill-down list: the customers of the selected group, sortable and
//! paged (the engine sends one page at a time), each with a line saying
//! why it is in its segment; exportable.

use crate::domain::segmentation::{Group, SortKey};
use crate::engine::protocol::{DrillPage, Export, Query, DRILL_PAGE};
use crate::i18n::segments::{self, SegText};
use crate::i18n::shell::Common;
use crate::i18n::value::ValueText;
use crate::i18n::{format, names, Text};
use crate::ui::engine_client::{self, use_query};
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn CustomerList(group: RwSignal<Group>) -> impl IntoView {
    let ctx = app();
    let sort = RwSignal::new((SortKey::Value, true));
    let page = RwSignal::new(0usize);
    // A new group or order starts at page 1.
    Effect::new(move |_| {
        group.track();
        sort.track();
        page.set(0);
    });
    let answer = use_query::<DrillPage>(move || {
        let (key, descending) = sort.get();
        Some(Query::Drill {
            at: ctx.at()?,
            settings: ctx.segment_settings.get(),
            model: ctx.model.get(),
            group: group.get(),
            sort: key,
            descending,
            page: page.get(),
        })
    });
    let total = move || answer.with(|a| a.as_ref().map_or(0, |a| a.total));
    let pages = move || total().div_ceil(DRILL_PAGE).max(1);
    // Outside `view!`: a `>=` inside an attribute would close the tag.
    let at_first = move || page.get() == 0;
    let at_last = move || page.get() + 1 >= pages();

    let export = move |xlsx: bool| {
        if let Some(at) = ctx.at() {
            let (settings, model) = (
                ctx.segment_settings.get_untracked(),
                ctx.model.get_untracked(),
            );
            let group = group.get_untracked();
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

    let header = move |key: SortKey, text: SegText| {
        let arrow = move || match sort.get() {
            (k, true) if k == key => " ▼",
            (k, false) if k == key => " ▲",
            _ => "",
        };
        view! {
            <th scope="col">
                <button class="sort" on:click=move |_| sort.update(|(k, d)| {
                    if *k == key { *d = !*d } else { *k = key; *d = true }
                })>{move || ctx.t(text.clone())}{arrow}</button>
            </th>
        }
    };
    let plain = move |text: SegText| view! { <th scope="col">{move || ctx.t(text.clone())}</th> };

    let body = move || {
        let l = ctx.lang.get();
        answer.with(|a| {
            a.as_ref().map(|a| {
                a.rows
                    .iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <td data-label=ctx.t(SegText::CustomerId)>{c.id.clone()}</td>
                                <td data-label=ctx.t(SegText::LastVisit)>{format::date(c.last_visit, l)}</td>
                                <td class="num" data-label=ctx.t(SegText::Recency)>{c.recency_days}</td>
                                <td class="num" data-label=ctx.t(SegText::Frequency)>{c.frequency}</td>
                                <td class="num" data-label=ctx.t(SegText::Monetary)>{format::money(c.monetary, l)}</td>
                                <td data-label=ctx.t(SegText::Segment)>{names::segment(l, c.segment)}</td>
                                <td data-label=ctx.t(SegText::Stage)>{names::stage(l, c.stage)}</td>
                                <td data-label=ctx.t(SegText::Light)>{names::light(l, c.light)}</td>
                                <td data-label=ctx.t(SegText::Tier)>{names::tier(l, c.tier)}</td>
                                <td class="num" data-label=ctx.t(ValueText::ColPAlive)>
                                    {c.p_alive.map(format::percent).unwrap_or_else(|| "—".into())}
                                    {c.probably_gone.then(|| view! { <span class="gone" data-testid="probably-gone">" · "{ValueText::ProbablyGone.text(l)}</span> })}
                                </td>
                                <td class="num" data-label=ctx.t(ValueText::ColClv)>{c.clv_365d.map(|v| format::yuan(v, l)).unwrap_or_else(|| "—".into())}</td>
                                <td class="why" data-label=ctx.t(SegText::Why)>{segments::why(l, c)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <section class="card" aria-labelledby="drill-title" data-testid="drill-down">
            <h2 id="drill-title">
                {ctx.tr(SegText::DrillTitle)}{ctx.tr(Common::Colon)}
                <span data-testid="drill-group">{move || segments::group(ctx.lang.get(), group.get())}</span>
                " (" <span data-testid="drill-count">{move || format::count(total() as u64)}</span> ")"
            </h2>
            <p class="muted small">{ctx.tr(SegText::DrillHint)}" "{ctx.tr(SegText::OrderedByValue)}</p>
            <div class="toolbar">
                <button class="button secondary" data-testid="export-drill" on:click=move |_| export(false)>{ctx.tr(SegText::ExportDrill)}</button>
                <button class="button secondary" data-testid="export-drill-xlsx" on:click=move |_| export(true)>{ctx.tr(SegText::ExportXlsx)}</button>
                <button class="button secondary small" data-testid="drill-prev"
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                    disabled=at_first>{ctx.tr(SegText::Prev)}</button>
                <span class="muted small" data-testid="drill-page">{move || ctx.t(SegText::PageOf { page: page.get() + 1, pages: pages() })}</span>
                <button class="button secondary small" data-testid="drill-next"
                    on:click=move |_| page.update(|p| *p += 1)
                    disabled=at_last>{ctx.tr(SegText::Next)}</button>
            </div>
            <div class="table-scroll" tabindex="0">
                <table class="stack" data-testid="drill-table">
                    <thead><tr>
                        {header(SortKey::Customer, SegText::CustomerId)}
                        {plain(SegText::LastVisit)}
                        {header(SortKey::Recency, SegText::Recency)}
                        {header(SortKey::Frequency, SegText::Frequency)}
                        {header(SortKey::Monetary, SegText::Monetary)}
                        {plain(SegText::Segment)}
                        {plain(SegText::Stage)}
                        {plain(SegText::Light)}
                        {plain(SegText::Tier)}
                        <th scope="col">{ctx.tr(ValueText::ColPAlive)}</th>
                        {header(SortKey::Value, SegText::Clv)}
                        {plain(SegText::Why)}
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
