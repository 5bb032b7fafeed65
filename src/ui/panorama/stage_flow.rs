//! The stage flow: how many customers moved from each stage some days
//! before the as-of date to each stage at it, as a Sankey and a table.

use crate::charts::sankey;
use crate::domain::lifecycle::Stage;
use crate::engine::protocol::Query;
use crate::i18n::panorama::PanoText;
use crate::i18n::shell::Common;
use crate::i18n::{format, names, Text};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::engine_client::use_query;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

type Flows = Vec<(Option<Stage>, Stage, usize)>;

#[component]
pub fn StageFlow() -> impl IntoView {
    let ctx = app();
    let days = RwSignal::new(90u64);
    let stages = ctx.stages();
    let flow = use_query::<Flows>(move || {
        Some(Query::StageFlow {
            at: ctx.at()?,
            stages: stages.get(),
            days: days.get(),
        })
    });
    let stage_index = |s: Stage| Stage::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let draw: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        flow.with(|f| {
            let Some(f) = f else { return };
            let flows: Vec<sankey::Flow> = f
                .iter()
                .map(|(from, to, n)| sankey::Flow {
                    from: from.map_or(0, |s| stage_index(s) + 1),
                    to: stage_index(*to),
                    count: *n,
                })
                .collect();
            let mut left = vec![PanoText::NewArrival.text(l)];
            left.extend(
                Stage::ALL
                    .iter()
                    .map(|s| names::stage_short(l, *s).to_owned()),
            );
            let right: Vec<String> = Stage::ALL
                .iter()
                .map(|s| names::stage_short(l, *s).to_owned())
                .collect();
            let label = |names: Vec<String>, counts: Vec<usize>| -> Vec<String> {
                names
                    .into_iter()
                    .zip(counts)
                    .map(|(s, n)| format!("{s} {}", format::count(n as u64)))
                    .collect()
            };
            let left_counts = sankey::totals(&flows, left.len(), true);
            let right_counts = sankey::totals(&flows, right.len(), false);
            let _ = sankey::draw(
                area,
                &label(left, left_counts),
                &label(right, right_counts),
                &flows,
                dpr,
            );
        });
    });
    let rows = move || {
        let l = ctx.lang.get();
        flow.with(|f| {
            f.as_ref().map(|f| {
                f.iter()
                    .filter(|(from, to, _)| *from != Some(*to))
                    .map(|(from, to, n)| {
                        let from = from.map_or(PanoText::NewArrival.text(l), |s| names::stage(l, s).to_owned());
                        view! {
                            <tr>
                                <td>{from}</td>
                                <td>{PanoText::FlowTo { to: names::stage(l, *to).to_owned() }.text(l)}</td>
                                <td class="num">{format::count(*n as u64)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="flow-title">
            <h2 id="flow-title">{ctx.tr(PanoText::FlowTitle)}</h2>
            // A summary has no stage at an earlier date: only the sentence.
            <Show when=move || ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_summary)) fallback=move || view! {
                <label class="setting inline no-print">
                    <span>{ctx.tr(PanoText::FlowCompare)}</span>
                    <select data-testid="flow-days" on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse() { days.set(v) } }>
                        {[30u64, 90, 180, 365].map(|d| view! { <option value=d.to_string() selected=d == 90>{move || ctx.t(Common::Days { n: d })}</option> })}
                    </select>
                </label>
                <p class="muted small">{ctx.tr(PanoText::FlowHint)}</p>
                <ChartCanvas draw=draw.clone() height=320 label=Signal::derive(move || ctx.t(PanoText::FlowChart)) testid="chart-flow"/>
                <div class="table-scroll" tabindex="0"><table class="mini flow" data-testid="flow-table"><tbody>{rows}</tbody></table></div>
            }>
                <p class="notice" data-testid="flow-needs-visits">{ctx.tr(crate::i18n::data::DataText::NeedsVisits)}</p>
            </Show>
        </section>
    }
}
