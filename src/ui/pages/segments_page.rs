//! The Segments view (客户分层): the 8 RFM groups with their figures,
//! charts, strategy cards, settings and the drill-down list.

use crate::charts::{bar_chart, heat_map, PALETTE};
use crate::domain::lifecycle::Stage;
use crate::domain::rfm::Segment;
use crate::domain::segmentation::{customers_csv, Group, GroupSummary, Segmentation};
use crate::domain::tiers::Tier;
use crate::domain::warning::Light;
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::components::customer_list::CustomerList;
use crate::ui::components::segment_settings_panel::SegmentSettingsPanel;
use crate::ui::format;
use crate::ui::i18n::{
    light_name, seg_text, segment_name, segment_strategy, stage_name, tier_name, Lang, SegText,
};
use crate::ui::io;
use crate::ui::state::{AppContext, Route};
use leptos::prelude::*;
use std::sync::Arc;

/// Green, amber, vermilion for the lights, each also marked ●▲■ in its label.
const LIGHT_COLORS: [plotters::style::RGBColor; 3] = [PALETTE[2], PALETTE[1], PALETTE[5]];

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// Bars for a grouping: customer share, with revenue share underneath.
fn bars<K: Copy>(
    lang: Lang,
    groups: &[(K, GroupSummary)],
    total: &GroupSummary,
    name: fn(Lang, K) -> &'static str,
    with_revenue: bool,
    colors: &[plotters::style::RGBColor],
) -> Vec<bar_chart::Bar> {
    groups
        .iter()
        .enumerate()
        .map(|(i, (k, g))| {
            let s = share(g.customers as f64, total.customers as f64).unwrap_or(0.0);
            let r = share(g.revenue.yuan(), total.revenue.yuan()).unwrap_or(0.0);
            bar_chart::Bar {
                label: name(lang, *k).to_owned(),
                share: s,
                value_label: format!(
                    "{} · {}",
                    format::count(g.customers as u64),
                    format::percent(s)
                ),
                color: colors[i % colors.len()],
                secondary: with_revenue.then(|| {
                    (
                        r,
                        format!(
                            "{} {}",
                            seg_text(lang, SegText::RevenueShare),
                            format::percent(r)
                        ),
                    )
                }),
            }
        })
        .collect()
}

#[component]
pub fn SegmentsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let tx = move |k| seg_text(lang(), k);
    // Another view (the panorama map) may ask for a group; else the at-risk call list.
    let group = RwSignal::new(
        ctx.drill_request
            .get_untracked()
            .unwrap_or(Group::Segment(Segment::AtRisk)),
    );
    ctx.drill_request.set(None);
    let seg = ctx.segmentation;

    let export_all = move |_| {
        seg.with_untracked(|s| {
            ctx.data.with_untracked(|d| {
                if let (Some(s), Some(d)) = (s, d) {
                    let csv = customers_csv(&d.report.dataset, s.customers.iter());
                    let _ = io::download("customers.csv", "text/csv;charset=utf-8", csv.as_bytes());
                }
            })
        });
    };

    view! {
        <section class="page" aria-labelledby="seg-title">
            <h1 id="seg-title">{move || tx(SegText::Title)}</h1>
            <p class="intro">{move || tx(SegText::Intro)}</p>
            <Show when=move || seg.with(Option::is_some)
                fallback=move || view! {
                    <p class="card muted" data-testid="no-data">
                        <a href=Route::Data.hash()>{move || tx(SegText::NoData)}</a>
                    </p>
                }>
                <p class="muted">
                    {move || tx(SegText::AsOf)}": "
                    <span data-testid="seg-as-of">{move || seg.with(|s| s.as_ref().map(|s| format::date(s.as_of, lang())))}</span>
                    " · " {move || tx(SegText::Customers)}": "
                    <span data-testid="seg-total">{move || seg.with(|s| s.as_ref().map(|s| format::count(s.total.customers as u64)))}</span>
                    " · "
                    <span data-testid="seg-ms">{move || {
                        seg.track();
                        let ms = ctx.segmentation_ms.get_value();
                        match lang() {
                            Lang::Zh => format!("计算用时 {ms:.0} 毫秒"),
                            Lang::En => format!("computed in {ms:.0} ms"),
                        }
                    }}</span>
                </p>
                <div class="no-report"><SegmentSettingsPanel/></div>
                <EmptyLevels/>
                <SegmentTable group=group/>
                <div class="toolbar">
                    <button class="button" data-testid="export-customers" on:click=export_all>{move || tx(SegText::ExportAll)}</button>
                </div>
                <SegmentCharts group=group/>
                <StrategyCards/>
                <div class="no-report"><CustomerList group=group/></div>
            </Show>
        </section>
    }
}

#[component]
fn EmptyLevels() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let text = move || {
        ctx.segmentation.with(|s| {
            let s = s.as_ref()?;
            let parts: Vec<String> = ["R", "F", "M"]
                .iter()
                .zip(&s.empty_levels)
                .filter(|(_, l)| !l.is_empty())
                .map(|(n, l)| {
                    format!(
                        "{n} {}",
                        l.iter().map(u8::to_string).collect::<Vec<_>>().join("/")
                    )
                })
                .collect();
            (!parts.is_empty()).then(|| match ctx.lang.get() {
                Lang::Zh => format!(
                    "以下评分等级没有客户（数值相同的客户得分相同）：{}。",
                    parts.join("；")
                ),
                Lang::En => format!(
                    "No customer has these scores (equal values score alike): {}.",
                    parts.join("; ")
                ),
            })
        })
    };
    view! { {move || text().map(|t| view! { <p class="warning small" data-testid="empty-levels">{t}</p> })} }
}

#[component]
fn SegmentTable(group: RwSignal<Group>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let tx = move |k| seg_text(lang(), k);
    let rows = move || {
        let l = lang();
        ctx.segmentation.with(|s| {
            let Some(s) = s.as_ref() else {
                return Vec::new();
            };
            s.by_segment
                .iter()
                .map(|(seg, g)| segment_row(l, s, *seg, g, group))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="seg-table-title">
            <h2 id="seg-table-title">{move || tx(SegText::Segment)}</h2>
            <div class="table-scroll">
                <table class="segments" data-testid="segment-table">
                    <thead><tr>
                        <th scope="col">{move || tx(SegText::Segment)}</th>
                        <th scope="col">{move || tx(SegText::Customers)}</th>
                        <th scope="col">{move || tx(SegText::Share)}</th>
                        <th scope="col">{move || tx(SegText::Typical)}</th>
                        <th scope="col">{move || tx(SegText::RevenueShare)}</th>
                        <th scope="col">{move || tx(SegText::AvgSpend)}</th>
                        <th scope="col">{move || tx(SegText::AvgVisits)}</th>
                        <th scope="col">{move || tx(SegText::AvgRecency)}</th>
                        <th scope="col">{move || tx(SegText::Budget)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn segment_row(
    l: Lang,
    s: &Segmentation,
    seg: Segment,
    g: &GroupSummary,
    group: RwSignal<Group>,
) -> impl IntoView {
    let none = seg_text(l, SegText::Empty);
    let or_none = |v: Option<String>| v.unwrap_or_else(|| none.to_owned());
    let share_c = share(g.customers as f64, s.total.customers as f64);
    let share_r = share(g.revenue.yuan(), s.total.revenue.yuan());
    let (lo, hi) = seg.typical_share();
    let selected = move || group.get() == Group::Segment(seg);
    view! {
        <tr class:selected=selected class="clickable" data-testid=format!("segment-row-{}", seg.id())
            on:click=move |_| group.set(Group::Segment(seg))>
            <th scope="row">
                <button class="link" aria-pressed=move || selected().to_string()>{segment_name(l, seg)}</button>
            </th>
            <td class="num" data-testid=format!("segment-count-{}", seg.id())>{format::count(g.customers as u64)}</td>
            <td class="num">{or_none(share_c.map(format::percent))}</td>
            <td class="num muted">{format!("{:.0}–{:.0}%", lo * 100.0, hi * 100.0)}</td>
            <td class="num">{or_none(share_r.map(format::percent))}</td>
            <td class="num">{or_none(g.avg_spend().map(|v| format::yuan(v, l)))}</td>
            <td class="num">{or_none(g.avg_visits().map(|v| format!("{v:.1}")))}</td>
            <td class="num">{or_none(g.avg_recency().map(|v| format!("{v:.0}")))}</td>
            <td class="num">{format::percent(seg.budget_share())}</td>
        </tr>
    }
}

/// How to name, identify and drill into the keys of one grouping.
struct Grouping<K> {
    name: fn(Lang, K) -> &'static str,
    to_group: fn(K) -> Group,
    id: fn(K) -> &'static str,
    /// Test-id prefix of the count cells, e.g. `stage-count-new`.
    prefix: &'static str,
}

const STAGES: Grouping<Stage> = Grouping {
    name: stage_name,
    to_group: Group::Stage,
    id: Stage::id,
    prefix: "stage",
};
const LIGHTS: Grouping<Light> = Grouping {
    name: light_name,
    to_group: Group::Light,
    id: Light::id,
    prefix: "light",
};
const TIERS: Grouping<Tier> = Grouping {
    name: tier_name,
    to_group: Group::Tier,
    id: Tier::id,
    prefix: "tier",
};

/// A small table of a grouping's counts (the numbers behind a chart),
/// each row drilling into its group.
fn group_table<K: Copy + Send + Sync + 'static>(
    l: Lang,
    groups: &[(K, GroupSummary)],
    total: &GroupSummary,
    kind: &Grouping<K>,
    selected: RwSignal<Group>,
) -> impl IntoView {
    let (name, to_group, id, prefix) = (kind.name, kind.to_group, kind.id, kind.prefix);
    let rows = groups
        .iter()
        .map(|(k, g)| {
            let k = *k;
            let s = share(g.customers as f64, total.customers as f64).map(format::percent).unwrap_or_default();
            view! {
                <tr class="clickable" class:selected=move || selected.get() == to_group(k)
                    on:click=move |_| selected.set(to_group(k))>
                    <th scope="row"><button class="link">{name(l, k)}</button></th>
                    <td class="num" data-testid=format!("{prefix}-count-{}", id(k))>{format::count(g.customers as u64)}</td>
                    <td class="num">{s}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <table class="mini"><tbody>{rows}</tbody></table> }
}

#[component]
fn SegmentCharts(group: RwSignal<Group>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let tx = move |k| seg_text(lang(), k);
    let seg = ctx.segmentation;

    let segment_chart: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        seg.with(|s| {
            if let Some(s) = s {
                let _ = bar_chart::draw(
                    area,
                    &bars(l, &s.by_segment, &s.total, segment_name, true, &PALETTE),
                    dpr,
                );
            }
        });
    });
    let selected_cell = move || match group.get() {
        Group::Cell(r, f) => Some((r, f)),
        _ => None,
    };
    let heat: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        let sel = selected_cell();
        seg.with(|s| {
            if let Some(s) = s {
                let axis = match l {
                    Lang::Zh => ("R", "F（到店频次得分）→"),
                    Lang::En => ("R", "F (frequency score) →"),
                };
                let _ = heat_map::draw(area, &s.rf, sel, axis, dpr);
            }
        });
    });
    let on_heat_click = Callback::new(move |(x, y, w, h): (f64, f64, f64, f64)| {
        if let Some((r, f)) = heat_map::Layout::new(w, h, 1.0).cell_at(x, y) {
            group.set(Group::Cell(r, f));
        }
    });
    let hovered = RwSignal::new(None::<(u8, u8)>);
    let on_heat_move = Callback::new(move |(x, y, w, h): (f64, f64, f64, f64)| {
        hovered.set(heat_map::Layout::new(w, h, 1.0).cell_at(x, y));
    });
    // The cell under the pointer, else the selected one, in words.
    let cell_line = move || {
        let (r, f) = hovered.get().or_else(selected_cell)?;
        let n = seg.with(|s| {
            s.as_ref()
                .map(|s| s.rf[usize::from(r - 1)][usize::from(f - 1)])
        })?;
        Some(match lang() {
            Lang::Zh => format!("R {r} × F {f}：{} 位客户", format::count(n as u64)),
            Lang::En => format!("R {r} × F {f}: {} customers", format::count(n as u64)),
        })
    };
    fn small_chart<K: Copy + Send + Sync + 'static>(
        ctx: AppContext,
        pick: fn(&Segmentation) -> &[(K, GroupSummary)],
        name: fn(Lang, K) -> &'static str,
        colors: &'static [plotters::style::RGBColor],
    ) -> DrawFn {
        Arc::new(move |area, dpr| {
            let l = ctx.lang.get();
            ctx.segmentation.with(|s| {
                if let Some(s) = s {
                    let _ = bar_chart::draw(
                        area,
                        &bars(l, pick(s), &s.total, name, false, colors),
                        dpr,
                    );
                }
            });
        })
    }
    let stage_chart = small_chart(ctx, |s| &s.by_stage, stage_name, &PALETTE);
    let light_chart = small_chart(ctx, |s| &s.by_light, light_name, &LIGHT_COLORS);
    let tier_chart = small_chart(ctx, |s| &s.by_tier, tier_name, &PALETTE);

    let mini = move |which: u8| {
        let l = lang();
        seg.with(|s| {
            s.as_ref().map(|s| match which {
                0 => group_table(l, &s.by_stage, &s.total, &STAGES, group).into_any(),
                1 => group_table(l, &s.by_light, &s.total, &LIGHTS, group).into_any(),
                _ => group_table(l, &s.by_tier, &s.total, &TIERS, group).into_any(),
            })
        })
    };

    view! {
        <div class="chart-grid">
            <figure class="card chart-card wide">
                <figcaption>{move || tx(SegText::ChartSegments)}</figcaption>
                <ChartCanvas draw=segment_chart height=440 label=Signal::derive(move || tx(SegText::ChartSegments).to_owned()) testid="chart-segments"/>
            </figure>
            <figure class="card chart-card">
                <figcaption>{move || tx(SegText::ChartHeat)}</figcaption>
                <ChartCanvas draw=heat height=300 label=Signal::derive(move || tx(SegText::ChartHeat).to_owned())
                    testid="chart-heat" on_click=on_heat_click on_move=on_heat_move/>
                <p class="muted small" data-testid="heat-cell" aria-live="polite">{cell_line}</p>
            </figure>
            <figure class="card chart-card">
                <figcaption>{move || tx(SegText::ChartStages)}</figcaption>
                <ChartCanvas draw=stage_chart height=200 label=Signal::derive(move || tx(SegText::ChartStages).to_owned()) testid="chart-stages"/>
                {move || mini(0)}
            </figure>
            <figure class="card chart-card">
                <figcaption>{move || tx(SegText::ChartLights)}</figcaption>
                <ChartCanvas draw=light_chart height=150 label=Signal::derive(move || tx(SegText::ChartLights).to_owned()) testid="chart-lights"/>
                {move || mini(1)}
            </figure>
            <figure class="card chart-card">
                <figcaption>{move || tx(SegText::ChartTiers)}</figcaption>
                <ChartCanvas draw=tier_chart height=200 label=Signal::derive(move || tx(SegText::ChartTiers).to_owned()) testid="chart-tiers"/>
                {move || mini(2)}
            </figure>
        </div>
    }
}

#[component]
fn StrategyCards() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let cards = move || {
        let l = lang();
        Segment::ALL
            .iter()
            .map(|&s| {
                let (service, actions) = segment_strategy(l, s);
                view! {
                    <article class="strategy" data-testid=format!("strategy-{}", s.id())>
                        <h3>{segment_name(l, s)}</h3>
                        <p><strong>{seg_text(l, SegText::Service)}": "</strong>{service}</p>
                        <p><strong>{seg_text(l, SegText::Actions)}": "</strong>{actions}</p>
                        <p class="muted small">{seg_text(l, SegText::Budget)}": "{format::percent(s.budget_share())}</p>
                    </article>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="strategy-title">
            <h2 id="strategy-title">{move || seg_text(lang(), SegText::Strategies)}</h2>
            <div class="strategy-grid">{cards}</div>
        </section>
    }
}
