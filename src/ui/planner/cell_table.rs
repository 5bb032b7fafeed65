//! The plan's cells: each cell's figures as inputs, and its baseline and
//! optimised spend, conversions, return and marginal return.

use crate::domain::planner::scenario::BaselineRule;
use crate::domain::planner::PlanCell;
use crate::i18n::planner::PlanText;
use crate::i18n::{format, names, Text};
use crate::ui::planner::add_cell::AddCell;
use crate::ui::planner::num_field::{CellField, NumField};
use crate::ui::planner::planner_state::{CellKey, PlannerState};
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn CellTable() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let solved = planner.solved;
    let custom = move || {
        planner
            .plan
            .with(|s| s.baseline_rule() == BaselineRule::Custom)
    };
    let out = move |i: usize, f: fn(&PlanCell, f64) -> f64, money: bool, optimised: bool| {
        let l = ctx.lang.get();
        solved.with(|s| {
            let x = if optimised {
                s.spend().and_then(|x| x.get(i).copied())
            } else {
                s.baseline.get(i).copied()
            };
            match (s.cells.get(i), x) {
                (Some(c), Some(x)) if f(c, x).is_finite() => {
                    let v = f(c, x);
                    if money {
                        format::yuan(v, l)
                    } else {
                        format::count(v.max(0.0).round() as u64)
                    }
                }
                _ => "—".to_owned(),
            }
        })
    };
    let row = move |(i, t, st): CellKey| {
        let focus = move || ctx.plan_focus.get() == Some(st);
        let raw_spend = move || {
            solved.with(|s| {
                s.spend()
                    .and_then(|x| x.get(i))
                    .map(|x| format!("{x}"))
                    .unwrap_or_default()
            })
        };
        let marginal = move || {
            solved.with(
                |s| match (s.cells.get(i), s.spend().and_then(|x| x.get(i))) {
                    (Some(c), Some(x)) => format!("{:.2}", c.marginal(*x)),
                    _ => "—".to_owned(),
                },
            )
        };
        let label = move |t: PlanText| ctx.t(t);
        let remove_label = move || {
            let l = ctx.lang.get();
            PlanText::Remove {
                cell: names::plan_cell(l, t, st),
            }
            .text(l)
        };
        view! {
            <tr data-testid=format!("cell-{}-{}", t.id(), st.id()) class:focus=focus>
                <th scope="row">{move || names::campaign_type(ctx.lang.get(), t)}</th>
                <td data-label=move || label(PlanText::Stage)>{move || names::plan_stage(ctx.lang.get(), st)}</td>
                <td data-label=move || label(PlanText::Audience)><NumField index=i field=CellField::Audience/></td>
                <td data-label=move || label(PlanText::CostPerPerson)><NumField index=i field=CellField::Cost/></td>
                <td data-label=move || label(PlanText::ConversionPct)><NumField index=i field=CellField::Conversion/></td>
                <td data-label=move || label(PlanText::ValuePerConversion)><NumField index=i field=CellField::Value/></td>
                <td data-label=move || label(PlanText::MinSpend)><NumField index=i field=CellField::Min/></td>
                <td data-label=move || label(PlanText::MaxSpend)><NumField index=i field=CellField::Max/></td>
                <td class="num" data-col="baseline" data-label=move || label(PlanText::BaselineSpend)>
                    {move || if custom() {
                        view! { <NumField index=i field=CellField::Baseline/> }.into_any()
                    } else {
                        view! { <span>{out(i, |_, x| x, true, false)}</span> }.into_any()
                    }}
                </td>
                <td class="num strong" data-col="spend" data-value=raw_spend data-label=move || label(PlanText::OptimisedSpend)>{move || out(i, |_, x| x, true, true)}</td>
                <td class="num" data-col="conversions" data-label=move || label(PlanText::ExpectedConversions)>{move || out(i, PlanCell::conversions, false, true)}</td>
                <td class="num" data-col="return" data-label=move || label(PlanText::ExpectedReturn)>{move || out(i, PlanCell::response, true, true)}</td>
                <td class="num" data-col="marginal" data-label=move || label(PlanText::Marginal)>{marginal}</td>
                <td class="no-print">
                    <button class="button small secondary" data-testid="remove-cell" aria-label=remove_label
                        on:click=move |_| planner.edit_plan(|s| { if i < s.cells.len() { s.cells.remove(i); } })>
                        "✕"
                    </button>
                </td>
            </tr>
        }
    };
    let header = [
        PlanText::CampaignType,
        PlanText::Stage,
        PlanText::Audience,
        PlanText::CostPerPerson,
        PlanText::ConversionPct,
        PlanText::ValuePerConversion,
        PlanText::MinSpend,
        PlanText::MaxSpend,
        PlanText::BaselineSpend,
        PlanText::OptimisedSpend,
        PlanText::ExpectedConversions,
        PlanText::ExpectedReturn,
        PlanText::Marginal,
    ]
    .into_iter()
    .map(|t| view! { <th>{move || ctx.t(t.clone())}</th> })
    .collect_view();
    // Cells no one is in: said in a sentence, never filled with an
    // invented audience.
    let empty = move || {
        let l = ctx.lang.get();
        solved.with(|s| {
            s.cells
                .iter()
                .filter(|c| c.audience <= 0.0)
                .map(|c| {
                    let cell = names::plan_cell(l, c.campaign_type, c.stage);
                    view! { <li class="notice" data-testid="cell-empty-note">{PlanText::EmptyAudience { cell }.text(l)}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card" aria-labelledby="cells-title">
            <h2 id="cells-title">{ctx.tr(PlanText::CellsTitle)}</h2>
            <p class="muted small">{ctx.tr(PlanText::CellsHint)}</p>
            <div class="table-scroll" tabindex="0">
                <table class="plan-cells stack" data-testid="plan-cells">
                    <thead><tr>
                        {header}
                        <th class="no-print"><span class="visually-hidden">{ctx.tr(PlanText::RemoveHeader)}</span></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || planner.keys.get() key=|k| *k children=row/>
                    </tbody>
                </table>
            </div>
            <ul class="notes">{empty}</ul>
            <p class="muted small">{ctx.tr(PlanText::SaturationNote)}</p>
            <div class="no-report"><AddCell/></div>
        </section>
    }
}
