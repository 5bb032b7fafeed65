//! Adds a campaign type × stage to the plan (once per pair).

use crate::domain::planner::cells::default_cell;
use crate::domain::planner::{CampaignType, PlanStage};
use crate::i18n::planner::PlanText;
use crate::i18n::{names, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn AddCell() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let kind = RwSignal::new(CampaignType::Retention);
    let stage = RwSignal::new(PlanStage::Growth);
    let note = RwSignal::new(None::<(CampaignType, PlanStage)>);
    let add = move |_| {
        let (t, s) = (kind.get_untracked(), stage.get_untracked());
        if planner
            .plan
            .with_untracked(|p| p.cells.iter().any(|c| c.campaign_type == t && c.stage == s))
        {
            note.set(Some((t, s)));
            return;
        }
        note.set(None);
        let cell = planner
            .inputs
            .with_untracked(|i| default_cell(t, s, i.as_deref()));
        planner.edit_plan(|p| p.cells.push(cell));
    };
    view! {
        <div class="toolbar">
            <label class="setting inline">
                <span>{ctx.tr(PlanText::CampaignType)}</span>
                <select data-testid="add-cell-type" on:change=move |ev| if let Some(t) = CampaignType::from_id(&event_target_value(&ev)) { kind.set(t) }>
                    {move || CampaignType::ALL.into_iter().map(|t| view! {
                        <option value=t.id() selected=kind.get() == t>{names::campaign_type(ctx.lang.get(), t)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="setting inline">
                <span>{ctx.tr(PlanText::Stage)}</span>
                <select data-testid="add-cell-stage" on:change=move |ev| if let Some(s) = PlanStage::from_id(&event_target_value(&ev)) { stage.set(s) }>
                    {move || PlanStage::ALL.into_iter().map(|s| view! {
                        <option value=s.id() selected=stage.get() == s>{names::plan_stage(ctx.lang.get(), s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="button small" data-testid="add-cell" on:click=add>{ctx.tr(PlanText::AddCell)}</button>
            {move || note.get().map(|(t, s)| {
                let l = ctx.lang.get();
                view! { <span class="warning">{PlanText::AlreadyIn { cell: names::plan_cell(l, t, s) }.text(l)}</span> }
            })}
        </div>
    }
}
