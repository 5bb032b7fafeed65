//! The import as the views see it: a file goes to the engine, its header
//! comes back for the mapping panel, the import runs there with progress
//! and cancel, and the loaded data set's report arrives. It also keeps the
//! file in this browser when the user opted in, and restores it at start.

use crate::domain::ingest::{ColumnMapping, Field, FileError, SourceFormat};
use crate::engine::protocol::{At, Reply, Request};
use crate::ui::engine_client;
use crate::ui::io;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Column mappings the user chose, by the file's headers.
const MAPPINGS_KEY: &str = "panorama.mappings";
/// The name kept data carries when it is the demo (regenerated, not stored).
const DEMO_MARKER: &str = "panorama-demo";
/// Set by the browser tests to hold an import open until they cancel it.
const TEST_HOLD_FLAG: &str = "__panoramaHoldImport";

fn header_key(headers: &[String]) -> String {
    headers.join("\u{1f}")
}

fn remembered_mappings() -> Vec<(String, ColumnMapping)> {
    io::load_value(MAPPINGS_KEY).unwrap_or_default()
}

/// Remembers the mapping chosen for files with these headers (the last 20).
fn remember_mapping(headers: &[String], mapping: &ColumnMapping) {
    let key = header_key(headers);
    let mut all = remembered_mappings();
    all.retain(|(k, _)| *k != key);
    all.push((key, mapping.clone()));
    let keep_from = all.len().saturating_sub(20);
    io::save_value(MAPPINGS_KEY, &all[keep_from..].to_vec());
}

fn mapping_fits(m: &ColumnMapping, columns: usize) -> bool {
    Field::ALL
        .iter()
        .all(|f| m.get(*f).is_none_or(|c| c < columns))
}

/// A message above the report; stored as data so it follows the language.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    File(FileError),
    Cancelled,
    /// The browser could not read the file.
    Io(String),
    /// The browser could not keep the file (storage full or blocked).
    Store(String),
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
pub struct ImportState {
    ctx: AppContext,
    /// Progress 0–1 while an import runs.
    pub progress: RwSignal<Option<f64>>,
    pub notice: RwSignal<Option<Notice>>,
    pub mapping_view: RwSignal<Option<MappingView>>,
    /// The file in memory (to keep it when asked) and its name.
    source: StoredValue<Option<(web_sys::Blob, String)>, LocalStorage>,
    /// The source is the copy kept in this browser (restored, or stored
    /// already), so re-reading it stores nothing again.
    kept: StoredValue<bool>,
}

impl ImportState {
    pub fn new(ctx: AppContext) -> Self {
        ImportState {
            ctx,
            progress: RwSignal::new(None),
            notice: RwSignal::new(None),
            mapping_view: RwSignal::new(None),
            source: StoredValue::new_local(None),
            kept: StoredValue::new(false),
        }
    }

    pub fn busy(&self) -> bool {
        self.progress.get().is_some()
    }

    pub fn cancel(&self) {
        engine_client::send(&Request::Cancel, None, |_, _| true);
    }

    /// A file the user picked or dropped.
    pub fn open_file(&self, file: web_sys::File) {
        let name = file.name();
        self.source.set_value(Some((file.into(), name)));
        self.kept.set_value(false);
        self.open(None, None);
    }

    /// Sends the file (or, with a sheet and no new file, the last one) to
    /// the engine, then imports it with `mapping` or the one it proposes.
    fn open(&self, sheet: Option<String>, mapping: Option<ColumnMapping>) {
        let Some((blob, name)) = self.source.get_value() else {
            return;
        };
        let this = *self;
        let new_file = sheet.is_none();
        this.progress.set(Some(0.0));
        let request = Request::Open { name, sheet };
        let attach = new_file.then_some(&blob);
        engine_client::send(&request, attach, move |reply, _| {
            match reply {
                Reply::Opened(view) => {
                    // The user's choice is remembered for files with the same headers.
                    if let Some(m) = &mapping {
                        remember_mapping(&view.headers, m);
                    }
                    let key = header_key(&view.headers);
                    let remembered = || {
                        remembered_mappings()
                            .into_iter()
                            .find(|(k, _)| *k == key)
                            .map(|(_, m)| m)
                    };
                    // A mapping chosen for another sheet may point past this one's columns.
                    let chosen = mapping
                        .clone()
                        .or_else(remembered)
                        .filter(|m| mapping_fits(m, view.headers.len()))
                        .unwrap_or_else(|| view.mapping.clone());
                    // A customer summary loads as it is: no mapping to choose.
                    if view.is_summary {
                        this.mapping_view.set(None);
                        this.import(view.mapping);
                        return true;
                    }
                    this.mapping_view.set(Some(MappingView {
                        file_name: view.file_name,
                        format: view.format,
                        headers: view.headers,
                        preview: view.preview,
                        needs_attention: !chosen.missing_required().is_empty(),
                        mapping: chosen.clone(),
                    }));
                    this.import(chosen);
                }
                Reply::Failed(e) => {
                    if new_file {
                        this.mapping_view.set(None);
                    }
                    this.notice.set(Some(Notice::File(e)));
                    this.progress.set(None);
                }
                _ => this.progress.set(None),
            }
            true
        });
    }

    /// Re-reads the current file with another sheet or mapping. Another
    /// mapping reuses the file the engine already decoded.
    pub fn reimport(&self, sheet: Option<String>, mapping: Option<ColumnMapping>) {
        let current_sheet = self.mapping_view.with_untracked(|mv| match mv {
            Some(MappingView {
                format: SourceFormat::Workbook { sheet, .. },
                ..
            }) => Some(sheet.clone()),
            _ => None,
        });
        match (sheet, mapping) {
            (Some(s), m) if Some(&s) != current_sheet.as_ref() => self.open(Some(s), m),
            (_, Some(m)) => {
                if let Some(h) = self
                    .mapping_view
                    .with_untracked(|mv| mv.as_ref().map(|v| v.headers.clone()))
                {
                    remember_mapping(&h, &m);
                }
                self.import(m);
            }
            _ => {}
        }
    }

    fn import(&self, mapping: ColumnMapping) {
        let request = Request::Import {
            mapping,
            hold: io::test_flag(TEST_HOLD_FLAG),
        };
        self.run(&request, false);
    }

    /// Generates and loads the demo data set, with progress.
    pub fn load_demo(&self) {
        self.source.set_value(None);
        self.kept.set_value(false);
        self.run(&Request::Demo, true);
    }

    /// Sends an import or the demo and follows its replies to the end.
    fn run(&self, request: &Request, demo: bool) {
        let this = *self;
        this.progress.set(Some(0.0));
        engine_client::send(request, None, move |reply, _| match reply {
            Reply::Progress(p) => {
                this.progress.set(Some(p));
                false
            }
            Reply::Loaded(view) => {
                this.notice.set(None);
                if demo {
                    this.mapping_view.set(None);
                }
                let at = At {
                    data: view.id,
                    as_of: None,
                };
                this.ctx.load(*view);
                this.progress.set(None);
                this.keep_if_asked();
                // What the views will ask first is computed while the user
                // reads the report.
                let settings = this.ctx.segment_settings.get_untracked();
                let model = this.ctx.model.get_untracked();
                engine_client::send(
                    &Request::Warm {
                        at,
                        settings,
                        model,
                    },
                    None,
                    |_, _| true,
                );
                true
            }
            Reply::Failed(e) => {
                this.notice.set(Some(Notice::File(e)));
                this.progress.set(None);
                true
            }
            Reply::Cancelled => {
                this.notice.set(Some(Notice::Cancelled));
                this.progress.set(None);
                true
            }
            _ => {
                this.progress.set(None);
                true
            }
        });
    }

    /// Keeps the loaded data in this browser when the user opted in: the
    /// file itself, or a marker for the demo (regenerated from its seed).
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
        io::mark_root("store", "writing");
        spawn_local(async move {
            let stored = match source {
                Some((blob, name)) => io::store_data(&name, &blob).await,
                None => match io::empty_blob() {
                    Some(b) => io::store_data(DEMO_MARKER, &b).await,
                    None => Err("Blob".into()),
                },
            };
            match stored {
                Ok(()) => kept.set_value(true),
                Err(e) => notice.set(Some(Notice::Store(e))),
            }
            io::mark_root("store", "idle");
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
                Some((_, name)) if name == DEMO_MARKER => {
                    this.load_demo();
                    this.kept.set_value(true);
                }
                Some((blob, name)) => {
                    this.source.set_value(Some((blob, name)));
                    this.kept.set_value(true);
                    this.open(None, None);
                }
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
                notice.set(Some(Notice::Store(e)));
            }
        });
    }
}
