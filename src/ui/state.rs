//! What every view shares, provided as context at the root: the language,
//! the route, the loaded data (as the engine reports it), the as-of date
//! and the segment settings. Each feature keeps its own state in its own
//! context (`PlannerState`, `ImportState`, `CampaignCosts`).

use crate::domain::lifecycle::StageSettings;
use crate::domain::planner::PlanStage;
use crate::domain::segmentation::{Group, SegmentSettings};
use crate::domain::targets::Targets;
use crate::domain::value::validate::ModelChoice;
use crate::engine::protocol::{At, DataView};
use crate::i18n::{Lang, Text};
use crate::ui::io;
use crate::ui::route::Route;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

const LANG_KEY: &str = "panorama.lang";
const SETTINGS_KEY: &str = "panorama.segment_settings";
const KEEP_KEY: &str = "panorama.keep_data";
const MODEL_KEY: &str = "panorama.value_model";
const TARGETS_KEY: &str = "panorama.targets";

#[derive(Clone, Copy)]
pub struct AppContext {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    /// The data set the engine holds, as the Data view reports it.
    pub data: RwSignal<Option<Arc<DataView>>>,
    /// The user's as-of date; `None` means the default (latest visit).
    pub as_of_override: RwSignal<Option<NaiveDate>>,
    pub segment_settings: RwSignal<SegmentSettings>,
    /// The customer-value model the views use (DOMAIN §9); remembered.
    pub model: RwSignal<ModelChoice>,
    /// The KPI targets in force (DOMAIN §5): the seeds' with the user's
    /// own over them; remembered. Shown by Panorama and the report.
    pub targets: RwSignal<Targets>,
    /// The user opted in to keeping the uploaded data in this browser.
    pub keep_data: RwSignal<bool>,
    /// A group another view asked the Segments view to list.
    pub drill_request: RwSignal<Option<Group>>,
    /// A stage another view asked the planner to show.
    pub plan_focus: RwSignal<Option<PlanStage>>,
}

impl AppContext {
    pub fn new() -> Self {
        let lang = io::load_setting(LANG_KEY)
            .and_then(|s| Lang::parse(&s))
            .unwrap_or_else(|| Lang::from_browser(&io::browser_language()));
        AppContext {
            lang: RwSignal::new(lang),
            route: RwSignal::new(Route::Data),
            data: RwSignal::new(None),
            as_of_override: RwSignal::new(None),
            segment_settings: RwSignal::new(
                io::load_value::<SegmentSettings>(SETTINGS_KEY).unwrap_or_default(),
            ),
            model: RwSignal::new(
                io::load_setting(MODEL_KEY)
                    .and_then(|s| ModelChoice::from_id(&s))
                    .unwrap_or(ModelChoice::Auto),
            ),
            targets: RwSignal::new(
                io::load_value::<Targets>(TARGETS_KEY)
                    .map(Targets::sanitised)
                    .unwrap_or_default(),
            ),
            keep_data: RwSignal::new(io::load_setting(KEEP_KEY).as_deref() == Some("1")),
            drill_request: RwSignal::new(None),
            plan_focus: RwSignal::new(None),
        }
    }

    /// Saves the segment settings whenever they change (call once, in the
    /// app's root).
    pub fn remember_settings(&self) {
        let settings = self.segment_settings;
        Effect::new(move |first: Option<()>| {
            settings.track();
            if first.is_some() {
                settings.with_untracked(|s| io::save_value(SETTINGS_KEY, s));
            }
        });
    }

    /// Changes the targets in force and remembers them.
    pub fn update_targets(&self, f: impl FnOnce(&mut Targets)) {
        self.targets.update(f);
        self.targets
            .with_untracked(|t| io::save_value(TARGETS_KEY, t));
    }

    pub fn set_keep_data(&self, keep: bool) {
        self.keep_data.set(keep);
        io::save_setting(KEEP_KEY, if keep { "1" } else { "0" });
    }

    pub fn set_model(&self, model: ModelChoice) {
        self.model.set(model);
        io::save_setting(MODEL_KEY, model.id());
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        io::save_setting(LANG_KEY, lang.tag());
    }

    /// A text in the current language, following it.
    pub fn t(&self, text: impl Text) -> String {
        text.text(self.lang.get())
    }

    /// A text as a signal that follows the language. One closure type per
    /// text enum (not one per place it is shown): the page's code stays small.
    pub fn tr<T: Text + Send + Sync + 'static>(&self, text: T) -> Signal<String> {
        let lang = self.lang;
        Signal::derive(move || text.text(lang.get()))
    }

    /// The data set and as-of date questions are asked at (reactive);
    /// `None` while no data is loaded.
    pub fn at(&self) -> Option<At> {
        let data = self.data.with(|d| d.as_ref().map(|d| d.id))?;
        Some(At {
            data,
            as_of: self.as_of_override.get(),
        })
    }

    /// DOMAIN §2: the as-of date in force, the user's or the latest visit.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of_override
            .get()
            .or_else(|| self.data.with(|d| d.as_ref()?.summary.default_as_of()))
    }

    /// The stage settings alone, so stage questions do not follow the
    /// other segment settings.
    pub fn stages(&self) -> Memo<StageSettings> {
        let settings = self.segment_settings;
        Memo::new(move |_| settings.with(|s| s.stages))
    }

    /// A new data set from the engine: the as-of date goes back to its default.
    pub fn load(&self, data: DataView) {
        self.as_of_override.set(None);
        self.data.set(Some(Arc::new(data)));
    }
}

impl Default for AppContext {
    fn default() -> Self {
        Self::new()
    }
}

/// The app context (provided by `App`).
pub fn app() -> AppContext {
    expect_context::<AppContext>()
}
