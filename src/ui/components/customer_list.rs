//! The drill-down list: the customers of the selected group, sortable and
//! paged, each with a line saying why it is in its segment; exportable.

use crate::domain::rfm::Placement;
use crate::domain::segmentation::{customers_csv, drill, CustomerRow, Group, SortKey};
use crate::ui::format;
use crate::ui::i18n::{light_name, seg_text, segment_name, stage_name, tier_name, Lang, SegText};
use crate::ui::io;
use crate::ui::state::AppContext;
use leptos::prelude::*;

const PAGE: usize = 50;

/// Why a customer is in its segment, in the user's language.
pub fn why(lang: Lang, c: &CustomerRow) -> String {
    let s = &c.stats;
    let seg = segment_name(lang, c.segment);
    let scores = match lang {
        Lang::Zh => format!(
            "R {}（{} 天）· F {}（{} 次）· M {}（{}）",
            c.scores.r,
            s.recency_days,
            c.scores.f,
            s.frequency,
            c.scores.m,
            format::money(s.monetary, lang)
        ),
        Lang::En => format!(
            "R {} ({} days) · F {} ({} visits) · M {} ({})",
            c.scores.r,
            s.recency_days,
            c.scores.f,
            s.frequency,
            c.scores.m,
            format::money(s.monetary, lang)
        ),
    };
    let rule = match (lang, c.placement) {
        (Lang::Zh, Placement::InBox) => format!("落在“{seg}”的评分区间内"),
        (Lang::Zh, Placement::Nearest { distance }) => {
            format!("不在任何区间内，归入最近的“{seg}”（相差 {distance} 分）")
        }
        (Lang::En, Placement::InBox) => format!("inside the {seg} box"),
        (Lang::En, Placement::Nearest { distance }) => {
            format!("in no box; nearest is {seg} ({distance} score steps away)")
        }
    };
    format!("{scores} → {rule}")
}

pub fn group_label(lang: Lang, g: Group) -> String {
    match g {
        Group::All => seg_text(lang, SegText::DrillTitle).to_owned(),
        Group::Segment(s) => segment_name(lang, s).to_owned(),
        Group::Stage(s) => stage_name(lang, s).to_owned(),
        Group::Light(l) => light_name(lang, l).to_owned(),
        Group::Tier(t) => tier_name(lang, t).to_owned(),
        Group::Cell(r, f) => format!("R {r} × F {f}"),
    }
}

#[component]
pub fn CustomerList(group: RwSignal<Group>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let tx = move |k| seg_text(lang(), k);
    let sort = RwSignal::new((SortKey::Recency, true));
    let page = RwSignal::new(0usize);
    Effect::new(move |_| {
        group.track();
        sort.track();
        page.set(0);
    });
    let rows = Memo::new(move |_| {
        let (key, desc) = sort.get();
        let g = group.get();
        ctx.segmentation.with(|s| {
            s.as_ref()
                .map(|s| drill(s, g, key, desc))
                .unwrap_or_default()
        })
    });
    let total = move || rows.with(Vec::len);
    let pages = move || total().div_ceil(PAGE).max(1);

    let export = move |_| {
        let g = group.get_untracked();
        ctx.segmentation.with_untracked(|s| {
            ctx.data.with_untracked(|d| {
                if let (Some(s), Some(d)) = (s, d) {
                    let csv = rows.with_untracked(|idx| {
                        customers_csv(
                            &d.report.dataset,
                            idx.iter().map(|&i| &s.customers[i as usize]),
                        )
                    });
                    let _ = io::download(&g.file_name(), "text/csv;charset=utf-8", csv.as_bytes());
                }
            })
        });
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
                })>{move || tx(text)}{arrow}</button>
            </th>
        }
    };

    let body = move || {
        let l = lang();
        let p = page.get();
        ctx.segmentation.with(|s| {
            ctx.data.with(|d| {
                let (Some(s), Some(d)) = (s, d) else {
                    return Vec::new();
                };
                rows.with(|idx| {
                    idx.iter()
                        .skip(p * PAGE)
                        .take(PAGE)
                        .map(|&i| {
                            let c = &s.customers[i as usize];
                            let id = d
                                .report
                                .dataset
                                .customer_ids
                                .get(c.stats.customer as usize)
                                .cloned()
                                .unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{id}</td>
                                    <td>{format::date(c.stats.last_visit, l)}</td>
                                    <td class="num">{c.stats.recency_days}</td>
                                    <td class="num">{c.stats.frequency}</td>
                                    <td class="num">{format::money(c.stats.monetary, l)}</td>
                                    <td>{segment_name(l, c.segment)}</td>
                                    <td>{stage_name(l, c.stage)}</td>
                                    <td>{light_name(l, c.light)}</td>
                                    <td>{tier_name(l, c.tier)}</td>
                                    <td class="why">{why(l, c)}</td>
                                </tr>
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    };

    view! {
        <section class="card" aria-labelledby="drill-title" data-testid="drill-down">
            <h2 id="drill-title">
                {move || tx(SegText::DrillTitle)}": "
                <span data-testid="drill-group">{move || group_label(lang(), group.get())}</span>
                " (" <span data-testid="drill-count">{move || format::count(total() as u64)}</span> ")"
            </h2>
            <p class="muted small">{move || tx(SegText::DrillHint)}</p>
            <div class="toolbar">
                <button class="button secondary" data-testid="export-drill" on:click=export>{move || tx(SegText::ExportDrill)}</button>
                <button class="button secondary small" on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                    disabled=move || page.get() == 0>{move || tx(SegText::Prev)}</button>
                <span class="muted small">{move || format!("{} / {}", page.get() + 1, pages())}</span>
                <button class="button secondary small" on:click=move |_| page.update(|p| *p += 1)
                    disabled=move || page.get() + 1 >= pages()>{move || tx(SegText::Next)}</button>
            </div>
            <div class="table-scroll">
                <table data-testid="drill-table">
                    <thead><tr>
                        {header(SortKey::Customer, SegText::CustomerId)}
                        <th scope="col">{move || tx(SegText::LastVisit)}</th>
                        {header(SortKey::Recency, SegText::Recency)}
                        {header(SortKey::Frequency, SegText::Frequency)}
                        {header(SortKey::Monetary, SegText::Monetary)}
                        <th scope="col">{move || tx(SegText::Segment)}</th>
                        <th scope="col">{move || tx(SegText::Stage)}</th>
                        <th scope="col">{move || tx(SegText::Light)}</th>
                        <th scope="col">{move || tx(SegText::Tier)}</th>
                        <th scope="col">{move || tx(SegText::Why)}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
