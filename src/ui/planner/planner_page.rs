//! The Budget planner view: where the data comes from, the budget and
//! baseline, the summary, the cells, and the tools around them.

use crate::domain::planner::scenario::SolvedPlan;
use crate::i18n::planner::PlanText;
use crate::ui::components::later::Later;
use crate::ui::io;
use crate::ui::planner::budget_card::BudgetCard;
use crate::ui::planner::cell_table::CellTable;
use crate::ui::planner::data_source::DataSource;
use crate::ui::planner::goal_seek::GoalSeek;
use crate::ui::planner::plan_summary::PlanSummary;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::planner::response_curves::ResponseCurves;
use crate::ui::planner::saved_plans::SavedPlans;
use crate::ui::planner::stage_spend::StageSpend;
use crate::ui::planner::uncertainty::Uncertainty;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn PlannerPage() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let solved = planner.solved;
    // Charts and the Monte Carlo follow the plan once input pauses, so a
    // dragged slider moves the figures and the table at once.
    let settled = RwSignal::new(solved.get_untracked());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let s: Arc<SolvedPlan> = solved.get();
        // Already shown (the first run, usually); a plan replaced before this
        // effect first ran still gets through.
        if settled.with_untracked(|shown| Arc::ptr_eq(shown, &s)) {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(io::after(150, move || settled.set(s)));
    });
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    let settled: Signal<Arc<SolvedPlan>> = settled.into();
    view! {
        <section class="page" aria-labelledby="plan-title">
            <h1 id="plan-title">{ctx.tr(PlanText::Title)}</h1>
            <p class="intro">{ctx.tr(PlanText::Intro)}</p>
            <div class="no-report"><DataSource/></div>
            <BudgetCard/>
            <PlanSummary/>
            <CellTable/>
            // The charts and the tools come a turn later (see `Later`).
            <Later><StageSpend solved=settled/></Later>
            <Later turns=1><div class="no-report"><ResponseCurves solved=settled/></div></Later>
            <Later turns=2><div class="no-report"><GoalSeek/></div></Later>
            <Later turns=2><Uncertainty solved=settled/></Later>
            <Later turns=3><SavedPlans/></Later>
        </section>
    }
}
