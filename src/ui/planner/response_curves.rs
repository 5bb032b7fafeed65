//! One small chart per cell: its response curve with both plans' points.

use crate::charts::response_curve::{self, Curve};
use crate::domain::planner::scenario::SolvedPlan;
use crate::i18n::planner::PlanText;
use crate::i18n::{format, names, Text};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::components::later::Later;
use crate::ui::planner::stage_spend::color;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ResponseCurves(solved: Signal<Arc<SolvedPlan>>) -> impl IntoView {
    let ctx = app();
    let count = Memo::new(move |_| solved.with(|s| s.cells.len()));
    let panel = move |i: usize| {
        let draw: DrawFn = Arc::new(move |area, dpr| {
            let l = ctx.lang.get();
            solved.with(|s| {
                let Some(c) = s.cells.get(i) else {
                    return;
                };
                let opt = s.spend().and_then(|x| x.get(i).copied());
                let base = s.baseline.get(i).copied();
                let marks: Vec<f64> = opt.into_iter().chain(base).collect();
                let points = response_curve::sample(
                    c.cost_per_person * c.audience,
                    (c.min_spend, c.max_spend),
                    &marks,
                    |x| c.response(x),
                );
                let x = opt.unwrap_or(0.0);
                let curve = Curve {
                    title: names::plan_cell(l, c.campaign_type, c.stage),
                    color: color(i),
                    points,
                    optimised: (x, c.response(x), PlanText::OptimisedMark.text(l)),
                    baseline: base.map(|b| (b, c.response(b), PlanText::BaselineMark.text(l))),
                };
                let _ = response_curve::draw(area, &curve, &|v| format::yuan_tick(v, l), dpr);
            });
        });
        let label = Signal::derive(move || {
            let l = ctx.lang.get();
            solved.with(|s| {
                s.cells
                    .get(i)
                    .map(|c| {
                        PlanText::CurveLabel {
                            cell: names::plan_cell(l, c.campaign_type, c.stage),
                        }
                        .text(l)
                    })
                    .unwrap_or_default()
            })
        });
        // A few panels per turn.
        view! { <Later turns={i as u32 / 3}><ChartCanvas draw=draw.clone() height=190 label=label testid="chart-response"/></Later> }
    };
    view! {
        <section class="card" aria-labelledby="curves-title">
            <h2 id="curves-title">{ctx.tr(PlanText::CurvesTitle)}</h2>
            <p class="muted small">{ctx.tr(PlanText::CurvesHint)}</p>
            <div class="curve-grid">
                <For each=move || 0..count.get() key=|i| *i children=panel/>
            </div>
        </section>
    }
}
