//! The Segments charts: segment sizes with revenue shares, the R × F heat
//! map (a cell opens its customers), and stages, lights and tiers, each
//! with the table of numbers behind it.

use crate::charts::{bar_chart, heat_map, PALETTE};
use crate::domain::lifecycle::Stage;
use crate::domain::segmentation::Group;
use crate::domain::tiers::Tier;
use crate::domain::warning::Light;
use crate::engine::protocol::{GroupLine, SegmentsView};
use crate::i18n::segments::SegText;
use crate::i18n::{format, names, Lang, Text};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

/// Green, amber, vermilion for the lights, each also marked ●▲■ in its label.
const LIGHT_COLORS: [plotters::style::RGBColor; 3] = [PALETTE[2], PALETTE[1], PALETTE[5]];

/// Bars for a grouping: customer share, with revenue share underneath.
fn bars<K: Copy>(
    lang: Lang,
    lines: &[GroupLine<K>],
    name: fn(Lang, K) -> &'static str,
    with_revenue: bool,
    colors: &[plotters::style::RGBColor],
) -> Vec<bar_chart::Bar> {
    lines
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let s = g.customer_share.unwrap_or(0.0);
            let r = g.revenue_share.unwrap_or(0.0);
            bar_chart::Bar {
                label: name(lang, g.key).to_owned(),
                share: s,
                value_label: SegText::CountShare {
                    n: format::count(g.summary.customers as u64),
                    share: format::percent(s),
                }
                .text(lang),
                color: colors[i % colors.len()],
                secondary: with_revenue.then(|| {
                    (
                        r,
                        SegText::RevenueBar {
                            share: format::percent(r),
                        }
                        .text(lang),
                    )
                }),
            }
        })
        .collect()
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
    name: names::stage,
    to_group: Group::Stage,
    id: Stage::id,
    prefix: "stage",
};
const LIGHTS: Grouping<Light> = Grouping {
    name: names::light,
    to_group: Group::Light,
    id: Light::id,
    prefix: "light",
};
const TIERS: Grouping<Tier> = Grouping {
    name: names::tier,
    to_group: Group::Tier,
    id: Tier::id,
    prefix: "tier",
};

/// A small table of a grouping's counts (the numbers behind a chart),
/// each row drilling into its group.
fn group_table<K: Copy + Send + Sync + 'static>(
    l: Lang,
    lines: &[GroupLine<K>],
    kind: &Grouping<K>,
    selected: RwSignal<Group>,
) -> impl IntoView {
    let (name, to_group, id, prefix) = (kind.name, kind.to_group, kind.id, kind.prefix);
    let rows = lines
        .iter()
        .map(|g| {
            let k = g.key;
            let share = g.customer_share.map(format::percent).unwrap_or_default();
            view! {
                <tr class="clickable" class:selected=move || selected.get() == to_group(k)
                    on:click=move |_| selected.set(to_group(k))>
                    <th scope="row"><button class="link">{name(l, k)}</button></th>
                    <td class="num" data-testid=format!("{prefix}-count-{}", id(k))>{format::count(g.summary.customers as u64)}</td>
                    <td class="num">{share}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <table class="mini"><tbody>{rows}</tbody></table> }
}

/// A bar chart of one grouping of the answer.
fn small_chart<K: Copy + Send + Sync + 'static>(
    view: Signal<Option<Arc<SegmentsView>>>,
    pick: fn(&SegmentsView) -> &[GroupLine<K>],
    name: fn(Lang, K) -> &'static str,
    colors: &'static [plotters::style::RGBColor],
) -> DrawFn {
    let ctx = app();
    Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        view.with(|v| {
            if let Some(v) = v {
                let _ = bar_chart::draw(area, &bars(l, pick(v), name, false, colors), dpr);
            }
        });
    })
}

#[component]
pub fn SegmentCharts(
    view: Signal<Option<Arc<SegmentsView>>>,
    group: RwSignal<Group>,
) -> impl IntoView {
    let ctx = app();
    let segment_chart: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        view.with(|v| {
            if let Some(v) = v {
                let lines: Vec<GroupLine<_>> = v.segments.iter().map(|s| s.line.clone()).collect();
                let _ =
                    bar_chart::draw(area, &bars(l, &lines, names::segment, true, &PALETTE), dpr);
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
        view.with(|v| {
            if let Some(v) = v {
                let f_axis = SegText::HeatAxisF.text(l);
                let _ = heat_map::draw(area, &v.rf, sel, ("R", &f_axis), dpr);
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
        let n = view.with(|v| {
            v.as_ref()
                .map(|v| v.rf[usize::from(r - 1)][usize::from(f - 1)])
        })?;
        Some(ctx.t(SegText::HeatCell {
            r,
            f,
            n: format::count(n as u64),
        }))
    };
    let stage_chart = small_chart(view, |v| &v.stages, names::stage, &PALETTE);
    let light_chart = small_chart(view, |v| &v.lights, names::light, &LIGHT_COLORS);
    let tier_chart = small_chart(view, |v| &v.tiers, names::tier, &PALETTE);
    let mini = move |which: u8| {
        let l = ctx.lang.get();
        view.with(|v| {
            v.as_ref().map(|v| match which {
                0 => group_table(l, &v.stages, &STAGES, group).into_any(),
                1 => group_table(l, &v.lights, &LIGHTS, group).into_any(),
                _ => group_table(l, &v.tiers, &TIERS, group).into_any(),
            })
        })
    };
    let label = move |t: SegText| Signal::derive(move || ctx.t(t.clone()));

    view! {
        <div class="chart-grid">
            // The segment table above has these figures; the report leaves it out.
            <figure class="card chart-card wide no-report">
                <figcaption>{ctx.tr(SegText::ChartSegments)}</figcaption>
                <ChartCanvas draw=segment_chart height=440 label=label(SegText::ChartSegments) testid="chart-segments"/>
            </figure>
            <figure class="card chart-card">
                <figcaption>{ctx.tr(SegText::ChartHeat)}</figcaption>
                <ChartCanvas draw=heat height=300 label=label(SegText::ChartHeat)
                    testid="chart-heat" on_click=on_heat_click on_move=on_heat_move/>
                <p class="muted small" data-testid="heat-cell" aria-live="polite">{cell_line}</p>
            </figure>
            <figure class="card chart-card">
                <figcaption>{ctx.tr(SegText::ChartStages)}</figcaption>
                <ChartCanvas draw=stage_chart height=200 label=label(SegText::ChartStages) testid="chart-stages"/>
                {move || mini(0)}
            </figure>
            <figure class="card chart-card">
                <figcaption>{ctx.tr(SegText::ChartLights)}</figcaption>
                <ChartCanvas draw=light_chart height=150 label=label(SegText::ChartLights) testid="chart-lights"/>
                {move || mini(1)}
            </figure>
            <figure class="card chart-card">
                <figcaption>{ctx.tr(SegText::ChartTiers)}</figcaption>
                <ChartCanvas draw=tier_chart height=200 label=label(SegText::ChartTiers) testid="chart-tiers"/>
                {move || mini(2)}
            </figure>
        </div>
    }
}
