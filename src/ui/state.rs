//! The one application state type, provided as context at the root.

use crate::domain::campaign::{cohorts, Cohort};
use crate::domain::ingest::ImportReport;
use crate::domain::kpi::{dashboard, Dashboard};
use crate::domain::model::{Dataset, DatasetSummary};
use crate::domain::planner::cells::{data_inputs, DataInputs};
use crate::domain::planner::scenario::Scenario;
use crate::domain::planner::PlanStage;
use crate::domain::segmentation::Group;
use crate::domain::segmentation::{segment, SegmentSettings, Segmentation};
use crate::ui::i18n::Lang;
use crate::ui::io;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

const LANG_KEY: &str = "panorama.lang";
const COSTS_KEY: &str = "panorama.campaign_costs";
const PLAN_KEY: &str = "panorama.planner.current";
const PLAN_EDITED_KEY: &str = "panorama.planner.edited";
const PLANS_KEY: &str = "panorama.planner.scenarios";
const SETTINGS_KEY: &str = "panorama.segment_settings";
const KEEP_KEY: &str = "panorama.keep_data";

/// A data set the views compute on, with its import report.
#[derive(Debug)]
pub struct LoadedData {
    pub report: ImportReport,
    pub summary: DatasetSummary,
    pub is_demo: bool,
}

impl LoadedData {
    pub fn new(report: ImportReport, is_demo: bool) -> Self {
        let summary = report.dataset.summary();
        LoadedData {
            report,
            summary,
            is_demo,
        }
    }
}

/// The views of the app, one route each (`#/data`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Data,
    Segments,
    Panorama,
    Campaigns,
    Planner,
    Report,
}

impl Route {
    pub fn hash(self) -> &'static str {
        match self {
            Route::Data => "#/data",
            Route::Segments => "#/segments",
            Route::Panorama => "#/panorama",
            Route::Campaigns => "#/campaigns",
            Route::Planner => "#/planner",
            Route::Report => "#/report",
        }
    }

    pub fn from_hash(hash: &str) -> Route {
        // Unknown routes show the Data view; `?…` carries parameters.
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split('?').next().unwrap_or_default() {
            "segments" => Route::Segments,
            "panorama" => Route::Panorama,
            "campaigns" => Route::Campaigns,
            "planner" => Route::Planner,
            "report" => Route::Report,
            _ => Route::Data,
        }
    }
}

/// App-wide state: language, the loaded data and the as-of setting.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub lang: RwSignal<Lang>,
    pub data: RwSignal<Option<Arc<LoadedData>>>,
    /// The user's as-of date; `None` means the default (latest visit).
    pub as_of_override: RwSignal<Option<NaiveDate>>,
    pub route: RwSignal<Route>,
    pub segment_settings: RwSignal<SegmentSettings>,
    /// Every customer classified at the as-of date; recomputed when the
    /// data, the as-of date or a setting changes, only while it is read.
    pub segmentation: Memo<Option<Shared<Segmentation>>>,
    /// How long the last segmentation took, in milliseconds (shown on the page).
    pub segmentation_ms: StoredValue<f64>,
    /// Every campaign's cohort at the as-of date (DOMAIN §4), largest first.
    pub cohorts: Memo<Option<Shared<Vec<Cohort>>>>,
    /// Cost per person the user entered, by campaign name (yuan).
    pub campaign_costs: RwSignal<BTreeMap<String, f64>>,
    /// DOMAIN §5 KPIs and stage counts at the as-of date.
    pub dashboard: Memo<Option<Shared<Dashboard>>>,
    /// A group another view asked the Segments view to list.
    pub drill_request: RwSignal<Option<Group>>,
    /// What the data tells the planner (stage audiences, values).
    pub planner_inputs: Memo<Option<Shared<DataInputs>>>,
    /// The plan being edited; kept in browser storage.
    pub plan: RwSignal<Scenario>,
    /// The plan's cells alone: inputs that show a cell's figures follow this,
    /// so moving the budget does not touch them.
    pub plan_cells: Memo<Vec<crate::domain::planner::PlanCell>>,
    /// Whether the user changed the plan (else it follows the data).
    pub plan_edited: RwSignal<bool>,
    /// Counts whole-plan replacements (import, load, reset), not edits.
    pub plan_generation: RwSignal<u32>,
    /// Plans saved under names; kept in browser storage.
    pub saved_plans: RwSignal<BTreeMap<String, Scenario>>,
    /// A stage another view asked the planner to show.
    pub plan_focus: RwSignal<Option<PlanStage>>,
    /// Why a scenario link could not be opened.
    pub plan_link_error: RwSignal<Option<String>>,
    /// The user opted in to keeping the uploaded data in this browser.
    pub keep_data: RwSignal<bool>,
}

/// An `Arc` compared by identity, so memos of big results compare cheaply.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Runs `f` on the loaded data set at the as-of date in force (the user's,
/// else the latest visit, DOMAIN §2); `None` while no data is loaded.
fn at_as_of<T>(
    data: RwSignal<Option<Arc<LoadedData>>>,
    as_of_override: RwSignal<Option<NaiveDate>>,
    f: impl FnOnce(&Dataset, NaiveDate) -> T,
) -> Option<T> {
    let chosen = as_of_override.get();
    data.with(|d| {
        let d = d.as_ref()?;
        let as_of = chosen.or_else(|| d.summary.default_as_of())?;
        Some(f(&d.report.dataset, as_of))
    })
}

impl AppContext {
    pub fn new() -> Self {
        let lang = io::load_setting(LANG_KEY)
            .and_then(|s| Lang::parse(&s))
            .unwrap_or_else(|| Lang::from_browser(&io::browser_language()));
        let data: RwSignal<Option<Arc<LoadedData>>> = RwSignal::new(None);
        let as_of_override = RwSignal::new(None);
        let segment_settings = RwSignal::new(
            io::load_setting(SETTINGS_KEY)
                .and_then(|s| serde_json::from_str::<SegmentSettings>(&s).ok())
                .unwrap_or_default(),
        );
        let segmentation_ms = StoredValue::new(0.0);
        let segmentation = Memo::new(move |_| {
            let settings = segment_settings.get();
            at_as_of(data, as_of_override, |d, as_of| {
                let start = io::now_ms();
                let result = segment(d, as_of, &settings);
                segmentation_ms.set_value(io::now_ms() - start);
                Shared(Arc::new(result))
            })
        });
        let all_cohorts = Memo::new(move |_| {
            at_as_of(data, as_of_override, |d, as_of| {
                Shared(Arc::new(cohorts(d, as_of)))
            })
        });
        let kpis = Memo::new(move |_| {
            let stages = segment_settings.with(|s| s.stages);
            at_as_of(data, as_of_override, |d, as_of| {
                Shared(Arc::new(dashboard(d, as_of, &stages)))
            })
        });
        let planner_inputs = Memo::new(move |_| {
            let stages = segment_settings.with(|s| s.stages);
            at_as_of(data, as_of_override, |d, as_of| {
                Shared(Arc::new(data_inputs(d, as_of, &stages)))
            })
        });
        let stored_plan = io::load_setting(PLAN_KEY).and_then(|s| Scenario::from_json(&s).ok());
        let plan_edited =
            stored_plan.is_some() && io::load_setting(PLAN_EDITED_KEY).as_deref() == Some("1");
        let plan = RwSignal::new(stored_plan.unwrap_or_else(|| Scenario::default_for(None)));
        let plan_cells = Memo::new(move |_| plan.with(|s| s.cells.clone()));
        AppContext {
            lang: RwSignal::new(lang),
            data,
            as_of_override,
            route: RwSignal::new(Route::Data),
            segment_settings,
            segmentation,
            segmentation_ms,
            cohorts: all_cohorts,
            campaign_costs: RwSignal::new(
                io::load_setting(COSTS_KEY)
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or_default(),
            ),
            dashboard: kpis,
            drill_request: RwSignal::new(None),
            planner_inputs,
            plan,
            plan_cells,
            plan_edited: RwSignal::new(plan_edited),
            plan_generation: RwSignal::new(0),
            saved_plans: RwSignal::new(
                io::load_setting(PLANS_KEY)
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or_default(),
            ),
            plan_focus: RwSignal::new(None),
            plan_link_error: RwSignal::new(None),
            keep_data: RwSignal::new(io::load_setting(KEEP_KEY).as_deref() == Some("1")),
        }
    }

    /// Saves the segment settings whenever they change (call once, in the
    /// app's root).
    pub fn remember_settings(&self) {
        let settings = self.segment_settings;
        Effect::new(move |first: Option<()>| {
            let json = settings.with(|s| serde_json::to_string(s).ok());
            if first.is_some() {
                if let Some(json) = json {
                    io::save_setting(SETTINGS_KEY, &json);
                }
            }
        });
    }

    pub fn set_keep_data(&self, keep: bool) {
        self.keep_data.set(keep);
        io::save_setting(KEEP_KEY, if keep { "1" } else { "0" });
    }

    /// Changes the plan as the user asked, and remembers it.
    pub fn edit_plan(&self, f: impl FnOnce(&mut Scenario)) {
        self.plan.update(f);
        if !self.plan_edited.get_untracked() {
            self.plan_edited.set(true);
        }
        self.store_plan();
    }

    /// Replaces the plan; `edited: false` lets it follow the data again.
    pub fn replace_plan(&self, s: Scenario, edited: bool) {
        self.plan.set(s);
        self.plan_edited.set(edited);
        self.plan_generation.update(|g| *g += 1);
        self.store_plan();
    }

    fn store_plan(&self) {
        io::save_setting(PLAN_KEY, &self.plan.with_untracked(Scenario::to_json));
        io::save_setting(
            PLAN_EDITED_KEY,
            if self.plan_edited.get_untracked() {
                "1"
            } else {
                "0"
            },
        );
    }

    /// The default plan for the data in force (or for no data).
    pub fn default_plan(&self) -> Scenario {
        self.planner_inputs
            .with(|i| Scenario::default_for(i.as_deref()))
    }

    /// Saves the current plan under `name` (replacing one of that name).
    pub fn save_plan_as(&self, name: String) {
        let plan = self.plan.get_untracked();
        self.saved_plans.update(|m| {
            m.insert(name, plan);
        });
        self.store_saved_plans();
    }

    pub fn delete_saved_plan(&self, name: &str) {
        self.saved_plans.update(|m| {
            m.remove(name);
        });
        self.store_saved_plans();
    }

    fn store_saved_plans(&self) {
        if let Ok(json) = serde_json::to_string(&self.saved_plans.get_untracked()) {
            io::save_setting(PLANS_KEY, &json);
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        io::save_setting(LANG_KEY, lang.tag());
    }

    /// DOMAIN §2: the as-of date, the user's or the latest visit.
    pub fn as_of(&self) -> Option<NaiveDate> {
        at_as_of(self.data, self.as_of_override, |_, as_of| as_of)
    }

    /// Records a campaign's cost per person and remembers it across visits.
    pub fn set_campaign_cost(&self, campaign: String, cost: f64) {
        self.campaign_costs.update(|m| {
            m.insert(campaign, cost);
        });
        if let Ok(json) = serde_json::to_string(&self.campaign_costs.get_untracked()) {
            io::save_setting(COSTS_KEY, &json);
        }
    }

    /// Cost per person of a campaign: the user's, else the DOMAIN §4 default.
    pub fn campaign_cost(&self, campaign: &str) -> Option<f64> {
        self.campaign_costs
            .with(|m| m.get(campaign).copied())
            .or_else(|| crate::domain::campaign::default_cost(campaign))
    }

    pub fn load(&self, data: LoadedData) {
        self.as_of_override.set(None);
        self.data.set(Some(Arc::new(data)));
    }
}

impl Default for AppContext {
    fn default() -> Self {
        Self::new()
    }
}
