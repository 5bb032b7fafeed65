//! Goal-seek: the budget that reaches a return ratio or a number of kept
//! and won-back customers, and a button to use it.

use crate::domain::planner::goal::{goal_seek, Goal, Outcome};
use crate::domain::planner::scenario::PlanFigures;
use crate::i18n::format::{self, parse_number};
use crate::i18n::planner::PlanText;
use crate::i18n::{names, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn GoalSeek() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let kind = RwSignal::new("ratio".to_owned());
    let target = RwSignal::new("8".to_owned());
    let result = RwSignal::new(None::<(String, Option<f64>)>);
    let run = move |_| {
        let l = ctx.lang.get();
        let Some(t) = parse_number(&target.get_untracked()).filter(|t| *t > 0.0) else {
            result.set(Some((PlanText::GoalPositive.text(l), None)));
            return;
        };
        let ratio = kind.get_untracked() == "ratio";
        let goal = if ratio {
            Goal::ReturnRatio(t)
        } else {
            Goal::Retained(t)
        };
        let cells = planner.plan.with_untracked(|s| s.cells.clone());
        let target = format!("{t}");
        let text = match goal_seek(&cells, goal) {
            Err(e) => {
                let cell = |i: usize| {
                    cells.get(i).map_or_else(
                        || format!("#{}", i + 1),
                        |c| names::plan_cell(l, c.campaign_type, c.stage),
                    )
                };
                (e.message(l, &cell), None)
            }
            Ok(Outcome::Reached { budget, allocation }) => {
                let f = PlanFigures::of(&cells, &allocation.spend);
                let r = f.ratio().map(format::ratio).unwrap_or_default();
                let text = if ratio {
                    PlanText::GoalRatioReached {
                        budget: format::yuan(budget, l),
                        target,
                        ratio: r,
                        ret: format::yuan(f.ret, l),
                    }
                } else {
                    PlanText::GoalRetainedReached {
                        budget: format::yuan(budget, l),
                        n: format::count(t.round() as u64),
                        ratio: r,
                    }
                };
                (text.text(l), Some(budget))
            }
            Ok(Outcome::Unreachable { best }) => {
                let text = if ratio {
                    PlanText::GoalRatioUnreachable {
                        target,
                        best: format::ratio(best),
                    }
                } else {
                    PlanText::GoalRetainedUnreachable {
                        best: format::count(best.round() as u64),
                    }
                };
                (text.text(l), None)
            }
        };
        result.set(Some(text));
    };
    view! {
        <section class="card" aria-labelledby="goal-title">
            <h2 id="goal-title">{ctx.tr(PlanText::GoalTitle)}</h2>
            <div class="toolbar">
                <label class="setting inline">
                    <span>{ctx.tr(PlanText::Goal)}</span>
                    <select data-testid="goal-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="ratio" selected=move || kind.get() == "ratio">{ctx.tr(PlanText::GoalRatio)}</option>
                        <option value="retained" selected=move || kind.get() == "retained">{ctx.tr(PlanText::GoalRetained)}</option>
                    </select>
                </label>
                <label class="setting inline">
                    <span>{move || if kind.get() == "ratio" { ctx.t(PlanText::GoalX) } else { ctx.t(PlanText::GoalCustomers) }}</span>
                    <input type="text" inputmode="decimal" class="num-input" data-testid="goal-target"
                        prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))/>
                </label>
                <button class="button small" data-testid="goal-run" on:click=run>{ctx.tr(PlanText::GoalRun)}</button>
            </div>
            {move || result.get().map(|(text, budget)| view! {
                <p data-testid="goal-result">{text}" "
                    {budget.map(|b| view! {
                        <button class="button small secondary" data-testid="goal-apply"
                            on:click=move |_| planner.edit_plan(|s| s.budget = b.round())>
                            {ctx.tr(PlanText::GoalApply)}
                        </button>
                    })}
                </p>
            })}
        </section>
    }
}
