//! The planner's state: the plan being edited (kept in browser storage),
//! plans saved under names, what the data tells the planner, and the plan
//! solved. Provided at the root so the report and a scenario link reach it.

use crate::domain::planner::cells::DataInputs;
use crate::domain::planner::scenario::{Scenario, ScenarioError, SolvedPlan};
use crate::domain::planner::{CampaignType, PlanCell, PlanStage};
use crate::engine::protocol::Query;
use crate::ui::engine_client::use_query;
use crate::ui::io;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

const PLAN_KEY: &str = "panorama.planner.current";
const PLAN_EDITED_KEY: &str = "panorama.planner.edited";
const PLANS_KEY: &str = "panorama.planner.scenarios";

/// A table row per cell: its index, type and stage (rows are re-made only
/// when these change, so typing in a row keeps its focus).
pub type CellKey = (usize, CampaignType, PlanStage);

#[derive(Clone, Copy)]
pub struct PlannerState {
    /// The plan being edited; kept in browser storage.
    pub plan: RwSignal<Scenario>,
    /// The plan's cells alone: inputs that show a cell's figures follow
    /// this, so moving the budget does not touch them.
    pub cells: Memo<Vec<PlanCell>>,
    pub keys: Memo<Vec<CellKey>>,
    /// Whether the user changed the plan (else it follows the data).
    pub edited: RwSignal<bool>,
    /// Counts whole-plan replacements (import, load, reset), not edits.
    pub generation: RwSignal<u32>,
    /// Plans saved under names; kept in browser storage.
    pub saved: RwSignal<BTreeMap<String, Scenario>>,
    /// Why a scenario link could not be opened.
    pub link_error: RwSignal<Option<ScenarioError>>,
    /// A scenario link's plan has replaced the plan.
    pub link_opened: RwSignal<bool>,
    /// What the data tells the planner (stage audiences, values).
    pub inputs: Signal<Option<Arc<DataInputs>>>,
    /// The plan optimised, with its baseline.
    pub solved: Memo<Arc<SolvedPlan>>,
}

impl PlannerState {
    pub fn new(ctx: AppContext) -> Self {
        // A stored plan was checked when it was made; an unreadable one
        // (another version's) gives way to the default.
        let stored = io::load_value::<Scenario>(PLAN_KEY)
            .filter(|s| s.optimise().is_ok() || !s.cells.is_empty());
        let edited = stored.is_some() && io::load_setting(PLAN_EDITED_KEY).as_deref() == Some("1");
        let plan = RwSignal::new(stored.unwrap_or_else(|| Scenario::default_for(None)));
        let cells = Memo::new(move |_| plan.with(|s| s.cells.clone()));
        let keys = Memo::new(move |_| {
            cells.with(|cells| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, c.campaign_type, c.stage))
                    .collect()
            })
        });
        let stages = ctx.stages();
        let inputs = use_query::<DataInputs>(move || {
            Some(Query::PlannerInputs {
                at: ctx.at()?,
                stages: stages.get(),
                model: ctx.model.get(),
            })
        });
        let state = PlannerState {
            plan,
            cells,
            keys,
            edited: RwSignal::new(edited),
            generation: RwSignal::new(0),
            saved: RwSignal::new(io::load_value(PLANS_KEY).unwrap_or_default()),
            link_error: RwSignal::new(None),
            link_opened: RwSignal::new(false),
            inputs,
            solved: Memo::new(move |_| plan.with(|s| Arc::new(SolvedPlan::solve(s)))),
        };
        // Until the user edits it, the plan follows the data in force.
        Effect::new(move |_| {
            let inputs = state.inputs.get();
            if !state.edited.get_untracked() {
                let fresh = Scenario::default_for(inputs.as_deref());
                if state.plan.with_untracked(|p| *p != fresh) {
                    state.replace_plan(fresh, false);
                }
            }
        });
        state
    }

    /// Changes the plan as the user asked, and remembers it.
    pub fn edit_plan(&self, f: impl FnOnce(&mut Scenario)) {
        self.plan.update(f);
        if !self.edited.get_untracked() {
            self.edited.set(true);
        }
        self.store_plan();
    }

    /// Replaces the plan; `edited: false` lets it follow the data again.
    pub fn replace_plan(&self, s: Scenario, edited: bool) {
        self.plan.set(s);
        self.edited.set(edited);
        self.generation.update(|g| *g += 1);
        self.store_plan();
    }

    fn store_plan(&self) {
        self.plan.with_untracked(|p| io::save_value(PLAN_KEY, p));
        io::save_setting(
            PLAN_EDITED_KEY,
            if self.edited.get_untracked() {
                "1"
            } else {
                "0"
            },
        );
    }

    /// The default plan for the data in force (or for no data).
    pub fn default_plan(&self) -> Scenario {
        self.inputs.with(|i| Scenario::default_for(i.as_deref()))
    }

    /// Saves the current plan under `name` (replacing one of that name).
    pub fn save_plan_as(&self, name: String) {
        let plan = self.plan.get_untracked();
        self.saved.update(|m| {
            m.insert(name, plan);
        });
        self.store_saved();
    }

    pub fn delete_saved(&self, name: &str) {
        self.saved.update(|m| {
            m.remove(name);
        });
        self.store_saved();
    }

    fn store_saved(&self) {
        self.saved.with_untracked(|m| io::save_value(PLANS_KEY, m));
    }
}
