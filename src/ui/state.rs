//! The one application state type, provided as context at the root.

use crate::domain::ingest::ImportReport;
use crate::domain::model::DatasetSummary;
use crate::ui::i18n::Lang;
use crate::ui::io;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

const LANG_KEY: &str = "panorama.lang";

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
}

impl Route {
    pub fn hash(self) -> &'static str {
        match self {
            Route::Data => "#/data",
        }
    }

    pub fn from_hash(hash: &str) -> Route {
        // Unknown routes show the Data view.
        match hash.trim_start_matches('#').trim_start_matches('/') {
            "data" => Route::Data,
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
}

impl AppContext {
    pub fn new() -> Self {
        let lang = io::load_setting(LANG_KEY)
            .and_then(|s| Lang::parse(&s))
            .unwrap_or_else(|| Lang::from_browser(&io::browser_language()));
        AppContext {
            lang: RwSignal::new(lang),
            data: RwSignal::new(None),
            as_of_override: RwSignal::new(None),
            route: RwSignal::new(Route::Data),
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        io::save_setting(LANG_KEY, lang.tag());
    }

    /// DOMAIN §2: the as-of date, the user's or the latest visit.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of_override.get().or_else(|| {
            self.data
                .with(|d| d.as_ref().and_then(|d| d.summary.default_as_of()))
        })
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
