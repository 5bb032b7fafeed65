//! Plans saved under names in this browser, loaded back, and two of them
//! side by side.

use crate::domain::planner::scenario::{PlanFigures, PlanHeadline};
use crate::domain::planner::PlanStage;
use crate::i18n::planner::PlanText;
use crate::i18n::shell::Common;
use crate::i18n::{format, names, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn SavedPlans() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let name = RwSignal::new(String::new());
    let pick_a = RwSignal::new(None::<String>);
    let pick_b = RwSignal::new(None::<String>);
    let names_list = Memo::new(move |_| {
        planner
            .saved
            .with(|m| m.keys().cloned().collect::<Vec<_>>())
    });
    let save = move |_| {
        let n = name.get_untracked().trim().to_owned();
        if n.is_empty() {
            return;
        }
        planner.save_plan_as(n.clone());
        // Put the newest beside the one picked before.
        if pick_a.get_untracked().is_none() {
            pick_a.set(Some(n));
        } else {
            pick_b.set(Some(n));
        }
        name.set(String::new());
    };
    let list = move || {
        let l = ctx.lang.get();
        names_list.get().into_iter().map(|n| {
            let (load_name, del_name) = (n.clone(), n.clone());
            view! {
                <li data-testid="saved-plan">
                    <span class="saved-name">{n.clone()}</span>
                    <button class="button small secondary" data-testid="load-plan"
                        on:click=move |_| if let Some(s) = planner.saved.with_untracked(|m| m.get(&load_name).cloned()) { planner.replace_plan(s, true) }>
                        {Common::Load.text(l)}
                    </button>
                    <button class="button small secondary" data-testid="delete-plan"
                        on:click=move |_| planner.delete_saved(&del_name)>
                        {Common::Remove.text(l)}
                    </button>
                </li>
            }
        }).collect_view()
    };
    // The first two saved plans side by side until the user picks.
    let shown = move |pick: RwSignal<Option<String>>, i: usize| {
        pick.get()
            .or_else(|| names_list.with(|n| n.get(i).cloned()))
    };
    let picker =
        move |pick: RwSignal<Option<String>>, i: usize, testid: &'static str, label: PlanText| {
            view! {
                <label class="setting inline">
                    <span>{move || ctx.t(label.clone())}</span>
                    <select data-testid=testid on:change=move |ev| {
                        let v = event_target_value(&ev);
                        pick.set((!v.is_empty()).then_some(v));
                    }>
                        <option value="">{ctx.tr(Common::Choose)}</option>
                        {move || names_list.get().into_iter().map(|n| {
                            let selected = shown(pick, i).as_deref() == Some(n.as_str());
                            view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        };
    let compare = move || {
        let l = ctx.lang.get();
        let (a, b) = (shown(pick_a, 0)?, shown(pick_b, 1)?);
        let (ha, hb) = planner
            .saved
            .with(|m| Some((PlanHeadline::of(m.get(&a)?), PlanHeadline::of(m.get(&b)?))))?;
        let money = |v: f64| format::yuan(v, l);
        let opt = |h: &PlanHeadline,
                   f: &dyn Fn(&PlanFigures) -> Option<f64>,
                   show: &dyn Fn(f64) -> String| {
            h.optimised
                .as_ref()
                .and_then(f)
                .map_or_else(|| PlanText::CannotOptimise.text(l), show)
        };
        let count = |v: f64| format::count(v.round() as u64);
        let mut rows: Vec<(String, String, String)> = vec![
            (
                PlanText::BudgetRow.text(l),
                money(ha.budget),
                money(hb.budget),
            ),
            (
                PlanText::OptimisedReturnRow.text(l),
                opt(&ha, &|f| Some(f.ret), &money),
                opt(&hb, &|f| Some(f.ret), &money),
            ),
            (
                PlanText::OptimisedRatioRow.text(l),
                opt(&ha, &PlanFigures::ratio, &format::ratio),
                opt(&hb, &PlanFigures::ratio, &format::ratio),
            ),
            (
                PlanText::OptimisedNetRoi.text(l),
                opt(&ha, &PlanFigures::roi, &format::percent),
                opt(&hb, &PlanFigures::roi, &format::percent),
            ),
            (
                PlanText::Conversions.text(l),
                opt(&ha, &|f| Some(f.conversions), &count),
                opt(&hb, &|f| Some(f.conversions), &count),
            ),
            (
                PlanText::BaselineReturnRow.text(l),
                money(ha.baseline.ret),
                money(hb.baseline.ret),
            ),
        ];
        for st in PlanStage::ALL {
            let spend = |h: &PlanHeadline| h.stage_spend(st).map_or_else(|| "—".to_owned(), money);
            rows.push((
                PlanText::SpendAt {
                    stage: names::plan_stage(l, st).to_owned(),
                }
                .text(l),
                spend(&ha),
                spend(&hb),
            ));
        }
        Some(view! {
            <div class="table-scroll" tabindex="0">
                <table class="mini stack" data-testid="compare-plans">
                    <thead><tr><th></th><th class="num">{a.clone()}</th><th class="num">{b.clone()}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(k, x, y)| view! {
                            <tr><th scope="row">{k}</th><td class="num" data-label=a.clone()>{x}</td><td class="num" data-label=b.clone()>{y}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="card" aria-labelledby="saved-title" class:no-report=move || names_list.with(Vec::is_empty)>
            <h2 id="saved-title">{ctx.tr(PlanText::SavedTitle)}</h2>
            <p class="muted small no-report">{ctx.tr(PlanText::SavedHint)}</p>
            <div class="toolbar">
                <label class="setting inline">
                    <span>{ctx.tr(PlanText::Name)}</span>
                    <input type="text" class="name-input" data-testid="scenario-name"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <button class="button small" data-testid="save-scenario"
                    disabled=move || name.with(|n| n.trim().is_empty()) on:click=save>
                    {ctx.tr(PlanText::Save)}
                </button>
            </div>
            <Show when=move || names_list.with(|n| !n.is_empty()) fallback=move || view! {
                <p class="muted" data-testid="no-saved-plans">{ctx.tr(PlanText::NoSaved)}</p>
            }>
                <ul class="saved-list" data-testid="saved-plans">{list}</ul>
                <div class="toolbar">
                    {picker(pick_a, 0, "compare-a", PlanText::CompareA)}
                    {picker(pick_b, 1, "compare-b", PlanText::CompareB)}
                </div>
                {compare}
            </Show>
        </section>
    }
}
