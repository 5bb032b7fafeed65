//! The budget (typed or dragged, re-optimised as it moves), the baseline
//! rule, the plan's status, and the plan's files.

use crate::domain::planner::scenario::BaselineRule;
use crate::i18n::format::{self, parse_number};
use crate::i18n::planner::{self as text, PlanText};
use crate::i18n::{names, Text};
use crate::ui::planner::plan_files::PlanFiles;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

/// The budget slider's (max, step): max three times `budget` (at least
/// ¥1 M), step a round 1, 2 or 5 × 10^k near a 300th of it.
pub fn slider_scale(budget: f64) -> (f64, f64) {
    let top = (budget * 3.0).max(1_000_000.0);
    let raw = top / 300.0;
    let p = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    ((top / step).ceil() * step, step)
}

#[component]
pub fn BudgetCard() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let budget = move || planner.plan.with(|s| s.budget);
    // The slider spans three times the budget of the plan as loaded (not as
    // dragged, so it never moves its own scale), in 300 round steps.
    let slider = Memo::new(move |_| {
        let _ = planner.generation.get();
        slider_scale(planner.plan.with_untracked(|s| s.budget))
    });
    let set_budget = move |v: f64| {
        if v >= 0.0 {
            planner.edit_plan(|s| s.budget = v);
        }
    };
    let status = move || {
        let l = ctx.lang.get();
        planner.solved.with(|s| match &s.optimised {
            Err(e) => {
                let cell = |i: usize| {
                    s.cells
                        .get(i)
                        .map_or_else(|| format!("#{}", i + 1), |c| names::plan_cell(l, c.campaign_type, c.stage))
                };
                view! { <p class="notice error" role="alert" data-testid="plan-error">{e.message(l, &cell)}</p> }.into_any()
            }
            Ok(a) if a.unused > 0.5 => view! {
                <p class="warning" data-testid="plan-unused">{PlanText::Unused {
                    used: format::yuan(a.total_spend, l),
                    unused: format::yuan(a.unused, l),
                }.text(l)}</p>
            }.into_any(),
            Ok(_) => view! {
                <p class="muted small" data-testid="plan-status">{PlanText::Reoptimised { cells: s.cells.len() }.text(l)}</p>
            }.into_any(),
        })
    };
    let saturated = move || {
        let l = ctx.lang.get();
        planner.solved.with(|s| {
            (s.baseline_moved + s.baseline_unspent > 0.5).then(|| view! {
                <p class="warning" data-testid="baseline-saturated">{PlanText::BaselineSaturated {
                    moved: format::yuan(s.baseline_moved, l),
                    unspent: format::yuan(s.baseline_unspent, l),
                }.text(l)}</p>
            })
        })
    };
    let rule = move || planner.plan.with(|s| s.baseline_rule());
    let set_rule = move |id: String| {
        let Some(r) = BaselineRule::from_id(&id) else {
            return;
        };
        planner.edit_plan(|s| {
            if r == BaselineRule::Custom {
                // Start the typed baseline from the one on screen.
                let current = s.baseline_spend();
                for (c, x) in s.cells.iter_mut().zip(current) {
                    c.baseline_spend = Some(x.round());
                }
            }
            s.baseline = Some(r);
        });
    };
    view! {
        <section class="card" aria-labelledby="budget-title">
            <h2 id="budget-title">{ctx.tr(PlanText::BudgetTitle)}</h2>
            <div class="settings-grid">
                <label class="setting">
                    <span>{ctx.tr(PlanText::Budget)}</span>
                    // Follows typing as the slider does (the optimiser is fast).
                    <input type="number" min="0" step="10000" class="num-input wide-input" data-testid="plan-budget"
                        prop:value=move || format!("{:.0}", budget())
                        on:input=move |ev| if let Some(v) = parse_number(&event_target_value(&ev)) { set_budget(v) }/>
                    <span class="muted small" data-testid="plan-budget-words">{move || format::yuan(budget(), ctx.lang.get())}</span>
                </label>
                <label class="setting wide">
                    <span>{ctx.tr(PlanText::Slider)}</span>
                    <input type="range" min="0" data-testid="plan-budget-slider"
                        prop:max=move || format!("{:.0}", slider.get().0)
                        prop:step=move || format!("{:.0}", slider.get().1)
                        prop:value=move || format!("{:.0}", budget())
                        on:input=move |ev| if let Some(v) = parse_number(&event_target_value(&ev)) { set_budget(v) }/>
                </label>
                <label class="setting wide">
                    <span>{ctx.tr(PlanText::BaselinePlan)}</span>
                    <select data-testid="plan-baseline-rule" class="wide-select" on:change=move |ev| set_rule(event_target_value(&ev))>
                        {move || BaselineRule::ALL.into_iter().map(|r| view! {
                            <option value=r.id() selected=rule() == r>{text::baseline_rule(ctx.lang.get(), r)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {status}
            {saturated}
            <div class="no-report"><PlanFiles/></div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slider_steps_are_round() {
        assert_eq!(slider_scale(20_000_000.0), (60_000_000.0, 200_000.0));
        assert_eq!(slider_scale(1_000_000.0), (3_000_000.0, 10_000.0));
        assert_eq!(slider_scale(6_800_000.0), (20_400_000.0, 100_000.0));
        assert_eq!(slider_scale(0.0), (1_000_000.0, 5_000.0));
    }
}
