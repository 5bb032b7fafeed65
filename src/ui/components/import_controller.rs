//! Runs an import in slices of a few milliseconds, so the page stays
//! responsive and shows progress, and keeps what the mapping panel needs.

use crate::domain::demo::{self, DemoConfig, DemoGenerator};
use crate::domain::ingest::{
    self, ColumnMapping, FileError, ImportReport, Importer, OpenedFile, SourceFormat,
};
use crate::ui::io;
use crate::ui::state::{AppContext, LoadedData};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Time slice of work between two paints, in milliseconds.
const SLICE_MS: f64 = 30.0;
/// Column mappings the user chose, by the file's headers.
const MAPPINGS_KEY: &str = "panorama.mappings";
/// The name kept data carries when it is the demo (regenerated, not stored).
const DEMO_MARKER: &str = "panorama-demo";

fn header_key(headers: &[String]) -> String {
    headers.join("\u{1f}")
}

fn remembered_mappings() -> Vec<(String, ColumnMapping)> {
    io::load_setting(MAPPINGS_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Remembers the mapping chosen for files with these headers (the last 20).
fn remember_mapping(headers: &[String], mapping: &ColumnMapping) {
    let key = header_key(headers);
    let mut all = remembered_mappings();
    all.retain(|(k, _)| *k != key);
    all.push((key, mapping.clone()));
    let keep_from = all.len().saturating_sub(20);
    if let Ok(json) = serde_json::to_string(&all[keep_from..]) {
        io::save_setting(MAPPINGS_KEY, &json);
    }
}

/// A message above the report; stored as data so it follows the language.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    File(FileError),
    Cancelled,
    Io(String),
}

/// What the mapping panel shows and edits.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingView {
    pub file_name: String,
    pub format: SourceFormat,
    pub headers: Vec<String>,
    pub preview: Vec<Vec<String>>,
    pub mapping: ColumnMapping,
    /// Required fields lacked a column when the file was read: keep the
    /// panel open (it stays open while the user edits).
    pub needs_attention: bool,
}

#[derive(Clone, Copy)]
pub struct ImportController {
    ctx: AppContext,
    /// Progress 0–1 while an import runs.
    pub progress: RwSignal<Option<f64>>,
    pub notice: RwSignal<Option<Notice>>,
    pub mapping_view: RwSignal<Option<MappingView>>,
    cancel: RwSignal<bool>,
    source: StoredValue<Option<(Arc<Vec<u8>>, String)>>,
    /// The source read up to its header: another mapping imports from its
    /// decoded text (shared, not copied) instead of reading the file again.
    opened: StoredValue<Option<OpenedFile>>,
    /// The source in memory is the copy kept in this browser (restored, or
    /// stored already), so re-reading it stores nothing again.
    kept: StoredValue<bool>,
}

impl ImportController {
    pub fn new(ctx: AppContext) -> Self {
        ImportController {
            ctx,
            progress: RwSignal::new(None),
            notice: RwSignal::new(None),
            mapping_view: RwSignal::new(None),
            cancel: RwSignal::new(false),
            source: StoredValue::new(None),
            opened: StoredValue::new(None),
            kept: StoredValue::new(false),
        }
    }

    pub fn busy(&self) -> bool {
        self.progress.get().is_some()
    }

    pub fn cancel(&self) {
        self.cancel.set(true);
    }

    /// A file the user picked or dropped.
    pub fn open_file(&self, bytes: Vec<u8>, name: String) {
        self.open(bytes, name, false);
    }

    fn open(&self, bytes: Vec<u8>, name: String, kept: bool) {
        self.source.set_value(Some((Arc::new(bytes), name)));
        self.kept.set_value(kept);
        self.run(None, None, true);
    }

    /// Re-reads the current file with another sheet or mapping.
    pub fn reimport(&self, sheet: Option<String>, mapping: Option<ColumnMapping>) {
        self.run(sheet, mapping, false);
    }

    fn run(&self, sheet: Option<String>, mapping: Option<ColumnMapping>, new_file: bool) {
        let Some((bytes, name)) = self.source.get_value() else {
            return;
        };
        let reusable = if new_file {
            None
        } else {
            self.opened.with_value(|o| {
                o.as_ref()
                    .filter(|o| same_sheet(&o.format, sheet.as_deref()))
                    .cloned()
            })
        };
        let opened = match reusable {
            Some(o) => o,
            None => match ingest::open(bytes.to_vec(), &name, sheet.as_deref()) {
                Ok(o) => {
                    self.opened.set_value(Some(o.clone()));
                    o
                }
                Err(e) => {
                    if new_file {
                        self.mapping_view.set(None);
                        self.opened.set_value(None);
                    }
                    self.notice.set(Some(Notice::File(e)));
                    return;
                }
            },
        };
        // The user's choice is remembered for files with the same headers.
        if let Some(m) = &mapping {
            remember_mapping(&opened.headers, m);
        }
        let key = header_key(&opened.headers);
        let remembered = || {
            remembered_mappings()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, m)| m)
        };
        // A mapping chosen for another sheet may point past this one's columns.
        let mapping = mapping
            .or_else(remembered)
            .filter(|m| mapping_fits(m, opened.headers.len()))
            .unwrap_or_else(|| opened.mapping.clone());
        self.mapping_view.set(Some(MappingView {
            file_name: name,
            format: opened.format.clone(),
            headers: opened.headers.clone(),
            preview: opened.preview.clone(),
            needs_attention: !mapping.missing_required().is_empty(),
            mapping: mapping.clone(),
        }));
        match Importer::new(opened, mapping) {
            Ok(importer) => self.drive(importer),
            Err(e) => self.notice.set(Some(Notice::File(e))),
        }
    }

    /// Calls `step` (which returns done and progress) in time slices,
    /// yielding to the browser between them. False when the user cancelled.
    async fn run_in_slices(&self, mut step: impl FnMut() -> (bool, f64)) -> bool {
        loop {
            io::yield_to_browser().await;
            if self.cancel.get_untracked() {
                self.progress.set(None);
                self.notice.set(Some(Notice::Cancelled));
                return false;
            }
            let start = io::now_ms();
            let mut state = (false, 0.0);
            while !state.0 && io::now_ms() - start < SLICE_MS {
                state = step();
            }
            self.progress.set(Some(state.1));
            if state.0 {
                return true;
            }
        }
    }

    fn drive(&self, mut importer: Importer) {
        let this = *self;
        this.cancel.set(false);
        this.progress.set(Some(0.0));
        spawn_local(async move {
            let finished = this
                .run_in_slices(|| {
                    let done = importer.step(2_000);
                    (done, importer.progress())
                })
                .await;
            if !finished {
                return;
            }
            match importer.finish() {
                Ok(report) => {
                    this.notice.set(None);
                    this.ctx.load(LoadedData::new(report, false));
                    this.keep_if_asked();
                }
                Err(e) => this.notice.set(Some(Notice::File(e))),
            }
            this.progress.set(None);
        });
    }

    /// Generates and loads the demo data set, with progress.
    pub fn load_demo(&self) {
        self.generate_demo(false);
    }

    fn generate_demo(&self, kept: bool) {
        let this = *self;
        let cfg = DemoConfig::default();
        let mut generator = DemoGenerator::new(cfg);
        this.cancel.set(false);
        this.progress.set(Some(0.0));
        spawn_local(async move {
            let finished = this
                .run_in_slices(|| {
                    let done = generator.step(500);
                    (done, generator.progress() * 0.9)
                })
                .await;
            if !finished {
                return;
            }
            let dataset = demo::to_dataset(generator.finish());
            this.notice.set(None);
            this.mapping_view.set(None);
            this.source.set_value(None);
            this.opened.set_value(None);
            this.kept.set_value(kept);
            this.ctx.load(LoadedData::new(
                ImportReport::generated(dataset, cfg.seed),
                true,
            ));
            this.progress.set(None);
            this.keep_if_asked();
        });
    }

    /// Keeps the loaded data in this browser when the user opted in: the
    /// file's bytes, or a marker for the demo (regenerated from its seed).
    /// Once per source: a restored file or a re-read with another mapping
    /// is not written again.
    pub fn keep_if_asked(&self) {
        if !self.ctx.keep_data.get_untracked()
            || self.ctx.data.with_untracked(Option::is_none)
            || self.kept.get_value()
        {
            return;
        }
        let source = self.source.get_value();
        let (notice, kept) = (self.notice, self.kept);
        spawn_local(async move {
            let stored = match source {
                Some((bytes, name)) => io::store_data(&name, &bytes).await,
                None => io::store_data(DEMO_MARKER, &[]).await,
            };
            match stored {
                Ok(()) => kept.set_value(true),
                Err(e) => notice.set(Some(Notice::Io(e))),
            }
        });
    }

    /// Loads the data kept in this browser, if the user opted in.
    pub fn restore(&self) {
        if !self.ctx.keep_data.get_untracked() {
            return;
        }
        let this = *self;
        spawn_local(async move {
            match io::load_stored_data().await {
                Some((_, name)) if name == DEMO_MARKER => this.generate_demo(true),
                Some((bytes, name)) => this.open(bytes, name, true),
                None => {}
            }
        });
    }

    /// Forgets the kept data and the opt-in (one button).
    pub fn forget_kept_data(&self) {
        self.ctx.set_keep_data(false);
        self.kept.set_value(false);
        let notice = self.notice;
        spawn_local(async move {
            if let Err(e) = io::clear_stored_data().await {
                notice.set(Some(Notice::Io(e)));
            }
        });
    }
}

/// Whether a file opened as `format` is the one asked for: text has no
/// sheets; a workbook must be on the sheet asked for (or any, unasked).
fn same_sheet(format: &SourceFormat, sheet: Option<&str>) -> bool {
    match (format, sheet) {
        (SourceFormat::Workbook { sheet: open, .. }, Some(asked)) => open == asked,
        (_, None) => true,
        (_, Some(_)) => false,
    }
}

fn mapping_fits(m: &ColumnMapping, columns: usize) -> bool {
    ingest::Field::ALL
        .iter()
        .all(|f| m.get(*f).is_none_or(|c| c < columns))
}
