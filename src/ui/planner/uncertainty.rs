//! The plan's uncertainty, computed by the engine: P10/P50/P90 of both
//! plans' return (seeded Monte Carlo), the chance the optimised plan beats
//! the baseline, and which parameter moves the return most.

use crate::charts::tornado;
use crate::domain::planner::scenario::SolvedPlan;
use crate::domain::planner::uncertainty::{ranges, Param, Percentiles, DRAWS, SEED};
use crate::engine::protocol::{PlanRisk, Query};
use crate::i18n::planner::{self as text, PlanText};
use crate::i18n::{format, names, Text};
use crate::ui::engine_client::use_query;
use crate::ui::planner::range_editor::RangeEditor;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

/// Parameters shown in the sensitivity table.
const SWINGS_SHOWN: usize = 8;

#[component]
pub fn Uncertainty(solved: Signal<Arc<SolvedPlan>>) -> impl IntoView {
    let ctx = app();
    let risk = use_query::<PlanRisk>(move || {
        solved.with(|s| {
            Some(Query::PlanRisk {
                cells: s.cells.clone(),
                spend: s.spend()?.to_vec(),
                baseline: s.baseline.clone(),
            })
        })
    });
    // The plan the figures on screen answer (a new question keeps the last
    // answer until its own arrives): its budget and cell count, read when
    // an answer comes, so a test waiting on them reads fresh figures.
    let answered = Memo::new(move |_| {
        risk.track();
        solved.with_untracked(|s| (format!("{}", s.budget), s.cells.len()))
    });
    let table = move || {
        let l = ctx.lang.get();
        let (budget, cells) = answered.get();
        risk.with(|r| {
            let m = &r.as_ref()?.monte_carlo;
            let money = |v: f64| format::yuan(v, l);
            let row = |name: PlanText, key: &'static str, p: Percentiles, f: &dyn Fn(f64) -> String| view! {
                <tr>
                    <th scope="row">{name.text(l)}</th>
                    <td class="num" data-label="P10" data-testid=format!("mc-{key}-p10")>{f(p.p10)}</td>
                    <td class="num" data-label="P50" data-testid=format!("mc-{key}-p50")>{f(p.p50)}</td>
                    <td class="num" data-label="P90" data-testid=format!("mc-{key}-p90")>{f(p.p90)}</td>
                </tr>
            };
            Some(view! {
                <div class="table-scroll" tabindex="0">
                    <table class="mini stack" data-testid="mc-table" data-budget=budget data-cells=cells>
                        <thead><tr><th></th><th class="num">"P10"</th><th class="num">"P50"</th><th class="num">"P90"</th></tr></thead>
                        <tbody>
                            {row(PlanText::OptimisedReturnRow, "opt", m.optimised, &money)}
                            {row(PlanText::BaselineReturnRow, "base", m.baseline, &money)}
                            {row(PlanText::OptimisedRatioRow, "ratio", m.ratio, &format::ratio)}
                        </tbody>
                    </table>
                </div>
                <p class="verdict" data-testid="mc-beats">{PlanText::Beats {
                    draws: format::count(m.draws as u64),
                    p: format::percent(m.p_beats_baseline),
                }.text(l)}</p>
            })
        })
    };
    let tornado = move || {
        let l = ctx.lang.get();
        let center = solved.with(|s| s.optimised_figures().map(|f| f.ret))?;
        risk.with(|r| {
            let swings: Vec<_> = r.as_ref()?.swings.iter().take(SWINGS_SHOWN).copied().collect();
            let ends: Vec<(f64, f64)> = swings.iter().map(|w| (w.at_low, w.at_high)).collect();
            let (bars, mark) = tornado::layout(&ends, center);
            let rows = solved.with(|s| {
                swings
                    .iter()
                    .zip(bars)
                    .filter_map(|(w, bar)| {
                        let c = s.cells.get(w.cell)?;
                        let r = ranges(c);
                        let (low, high) = match w.param {
                            Param::Cost => (format::yuan(r.cost.0, l), format::yuan(r.cost.1, l)),
                            Param::Conversion => (format::percent(r.conversion.0), format::percent(r.conversion.1)),
                            Param::Value => (format::yuan(r.value.0, l), format::yuan(r.value.1, l)),
                        };
                        let (min, max) = (w.at_low.min(w.at_high), w.at_low.max(w.at_high));
                        let name = PlanText::Swing {
                            cell: names::plan_cell(l, c.campaign_type, c.stage),
                            param: text::param(l, w.param).to_owned(),
                            low,
                            high,
                        }
                        .text(l);
                        Some(view! {
                            <tr>
                                <th scope="row" class="tornado-label">{name}</th>
                                <td class="tornado-cell">
                                    <div class="tornado-track">
                                        <div class="tornado-bar" style:left=format!("{:.2}%", bar.left) style:width=format!("{:.2}%", bar.width)></div>
                                        <div class="tornado-mark" style:left=format!("{mark:.2}%")></div>
                                    </div>
                                </td>
                                <td class="num" data-label=PlanText::ReturnRange.text(l)>{format!("{} – {}", format::yuan(min, l), format::yuan(max, l))}</td>
                            </tr>
                        })
                    })
                    .collect_view()
            });
            Some(view! {
                <div class="table-scroll" tabindex="0">
                    <table class="mini tornado stack" data-testid="sensitivity">
                        <thead><tr>
                            <th>{PlanText::ParamRange.text(l)}</th>
                            <th>{PlanText::ReturnMoves.text(l)}</th>
                            <th class="num">{PlanText::ReturnRange.text(l)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="mc-title">
            <h2 id="mc-title">{ctx.tr(PlanText::RiskTitle)}</h2>
            <p class="muted small">{move || ctx.t(PlanText::RiskHint { draws: format::count(DRAWS as u64), seed: SEED })}</p>
            {table}
            <div class="no-report"><RangeEditor/></div>
            <div class="no-report">
                <h3>{ctx.tr(PlanText::SensitivityTitle)}</h3>
                <p class="muted small">{ctx.tr(PlanText::SensitivityHint)}</p>
                {tornado}
            </div>
        </section>
    }
}
