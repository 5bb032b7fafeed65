//! Spend by stage in both plans: a bar chart and the table behind it.

use crate::charts::bar_chart::{self, Bar};
use crate::charts::PALETTE;
use crate::domain::planner::scenario::SolvedPlan;
use crate::i18n::planner::PlanText;
use crate::i18n::{format, names, Text};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

/// The palette without its yellow, which is too faint for a thin line on white.
pub fn color(i: usize) -> plotters::style::RGBColor {
    const PICK: [usize; 7] = [0, 1, 2, 3, 4, 5, 7];
    PALETTE[PICK[i % PICK.len()]]
}

#[component]
pub fn StageSpend(solved: Signal<Arc<SolvedPlan>>) -> impl IntoView {
    let ctx = app();
    let draw: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        solved.with(|s| {
            let bars: Vec<Bar> = s
                .stages()
                .iter()
                .enumerate()
                .map(|(k, line)| {
                    let (so, sb) = (
                        line.optimised_share.unwrap_or(0.0),
                        line.baseline_share.unwrap_or(0.0),
                    );
                    Bar {
                        label: names::plan_stage(l, line.stage).to_owned(),
                        share: so,
                        value_label: PlanText::BarOptimised {
                            spend: format::yuan(line.optimised.spend, l),
                            share: format::percent(so),
                        }
                        .text(l),
                        color: color(k),
                        secondary: Some((
                            sb,
                            PlanText::BarBaseline {
                                spend: format::yuan(line.baseline.spend, l),
                                share: format::percent(sb),
                            }
                            .text(l),
                        )),
                    }
                })
                .collect();
            let _ = bar_chart::draw(area, &bars, dpr);
        });
    });
    let rows = move || {
        let l = ctx.lang.get();
        let label = |t: PlanText| t.text(l);
        solved.with(|s| {
            s.stages()
                .into_iter()
                .map(|line| {
                    view! {
                        <tr data-testid=format!("stage-spend-{}", line.stage.id())>
                            <th scope="row">{names::plan_stage(l, line.stage)}</th>
                            <td class="num" data-label=label(PlanText::BaselineSpend)>{format::yuan(line.baseline.spend, l)}</td>
                            <td class="num" data-label=label(PlanText::OptimisedSpend)>{format::yuan(line.optimised.spend, l)}</td>
                            <td class="num" data-label=label(PlanText::BaselineReturn)>{format::yuan(line.baseline.ret, l)}</td>
                            <td class="num" data-label=label(PlanText::OptimisedReturn)>{format::yuan(line.optimised.ret, l)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <figure class="card chart-card wide">
            <figcaption>{ctx.tr(PlanText::StageSpendTitle)}</figcaption>
            <ChartCanvas draw=draw height=300 label=Signal::derive(move || ctx.t(PlanText::StageSpendLabel)) testid="chart-stage-spend"/>
            <div class="table-scroll" tabindex="0">
                <table class="mini stack" data-testid="stage-spend">
                    <thead><tr>
                        <th>{ctx.tr(PlanText::Stage)}</th>
                        <th class="num">{ctx.tr(PlanText::BaselineSpend)}</th>
                        <th class="num">{ctx.tr(PlanText::OptimisedSpend)}</th>
                        <th class="num">{ctx.tr(PlanText::BaselineReturn)}</th>
                        <th class="num">{ctx.tr(PlanText::OptimisedReturn)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </figure>
    }
}
