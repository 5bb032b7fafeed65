//! The engine: owns the loaded data set and answers the views' typed
//! requests (`protocol`). In the browser it runs in a Web Worker
//! (`worker.rs`), so nothing heavy runs where the user clicks; natively it
//! is plain Rust, tested like the domain.
//!
//! Results are cached per (data, as-of, settings), so a revisit is
//! instant. Long work (import, the demo) runs in steps the caller drives,
//! which is where progress and cancel happen.

pub mod parts;
pub mod protocol;
mod value;
mod xlsx;

/// The media type of an `.xlsx` workbook.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
#[cfg(all(target_arch = "wasm32", feature = "browser"))]
pub mod worker;

use crate::domain::campaign::{self, cohorts, compare_with, simulate, Cohort};
use crate::domain::demo::{self, DemoConfig, DemoGenerator};
use crate::domain::ingest::{self, ColumnMapping, ImportReport, Importer, OpenedFile};
use crate::domain::kpi::{dashboard, stage_flow};
use crate::domain::model::Dataset;
use crate::domain::planner::cells::data_inputs;
use crate::domain::planner::uncertainty::{monte_carlo, sensitivity, DRAWS, SEED as RISK_SEED};
use crate::domain::segmentation::{
    customers_csv, drill, segment_with, Group, SegmentSettings, Segmentation, SortKey,
};
use crate::domain::summary::{self, CustomerSource, CustomerSummary};
use crate::domain::value::validate::ModelChoice;
use crate::i18n::{data::DataText, Text};
use chrono::NaiveDate;
use protocol::*;
use std::collections::VecDeque;
use std::sync::Arc;

/// A loaded data set: visit lines, or a customer summary (`report` then
/// holds no rows, only the summary's rejected lines).
struct Loaded {
    id: DataId,
    report: ImportReport,
    /// The latest visit: the default as-of date (DOMAIN §2).
    last_date: Option<NaiveDate>,
    summary: Option<Arc<CustomerSummary>>,
}

impl Loaded {
    /// DOMAIN §2: the as-of date asked for, else the latest visit. A
    /// summary is at its own as-of date only.
    fn as_of(&self, at: &At) -> Option<NaiveDate> {
        match &self.summary {
            Some(s) => s.as_of,
            None => at.as_of.or(self.last_date),
        }
    }

    /// The customers the views ask about, from either kind of data.
    fn customers(&self) -> &dyn CustomerSource {
        match &self.summary {
            Some(s) => s.as_ref(),
            None => &self.report.dataset,
        }
    }
}

/// Work that runs in steps.
enum Running {
    File(Box<Importer>),
    /// A large text file read in parts, with the helper worker.
    Parts(Box<parts::PartsRun>),
    Demo(Box<DemoGenerator>),
}

/// What one step of running work came to.
#[derive(Debug, Clone)]
pub enum Step {
    /// Still running; the share done.
    Progress(f64),
    /// Finished: `Reply::Loaded` or `Reply::Failed`.
    Done(Box<Reply>),
    /// Reading in parts: waiting for the bytes of the engine's part `k`
    /// ([`Engine::part_bytes`]).
    NeedPart(usize),
    /// Reading in parts: the helper is to stop before part `end` (send it
    /// `HelperRequest::Truncate`); the engine reads the parts after.
    Truncate(usize),
    /// Reading in parts: waiting for the helper's parts.
    Waiting,
    /// The parts cannot be used (a cut inside a quoted field, a file not
    /// UTF-8 after its head): [`Engine::open`] the whole file and import it
    /// again with this mapping.
    NeedWhole(ColumnMapping),
}

/// A file being mapped: its header and body, and for workbooks the bytes
/// (to open another sheet).
struct Opened {
    file: OpenedFile,
    workbook: Option<Arc<Vec<u8>>>,
    /// Its header is a customer summary's (`sql/customer_summary.sql`).
    is_summary: bool,
    /// Numbers the files opened, so the helper knows which texts it keeps.
    id: u64,
    /// Opened in parts: who holds each part's text (and the engine's own).
    kept: Vec<(Option<parts::Holder>, Option<Arc<String>>)>,
}

/// Settings, and the model when the lights follow P(alive) (preset C).
type SegKey = (DataId, NaiveDate, SegmentSettings, Option<ModelChoice>);
type CohortKey = (DataId, NaiveDate);
type DrillKey = (SegKey, Group, SortKey, bool);

#[derive(Default)]
struct Cache {
    segmentation: VecDeque<(SegKey, Arc<Segmentation>, f64)>,
    cohorts: Option<(CohortKey, Arc<Vec<Cohort>>)>,
    drill: Option<(DrillKey, Arc<Vec<u32>>)>,
    /// Each campaign's 3-month LTV interval (the list and the comparison
    /// show the same ones), for the cohorts cached above.
    intervals: Vec<(String, Option<(f64, f64)>)>,
    answers: VecDeque<(Query, Arc<[u8]>)>,
    validation: Option<(
        value::ValidationKey,
        Result<
            crate::domain::value::validate::Validation,
            crate::domain::value::validate::ValidationError,
        >,
    )>,
    value: VecDeque<(value::ValueKey, value::Fitted)>,
    /// A held-out comparison under way, one model per warm-up turn.
    validating: Option<(
        value::ValidationKey,
        crate::domain::value::validate::ValidationSteps,
    )>,
}

/// Parts' texts by part number.
type KeptTexts = Vec<(usize, Arc<String>)>;

const KEEP_SEGMENTATIONS: usize = 2;
const KEEP_ANSWERS: usize = 64;

/// The engine's state: the data, the file being mapped, running work and
/// the caches. `clock` gives milliseconds (the worker's `performance.now`).
pub struct Engine {
    clock: fn() -> f64,
    next_id: DataId,
    /// Counts opened files and imports in parts.
    next_file: u64,
    next_run: u64,
    data: Option<Loaded>,
    opened: Option<Opened>,
    running: Option<Running>,
    cache: Cache,
    /// As the helper: the texts of the parts it read, by file.
    helper_texts: Option<(u64, KeptTexts)>,
    /// As the helper: runs stopped up to this one.
    helper_stopped: u64,
    /// As the helper: the chain being read.
    helper_chain: Option<parts::HelperChain>,
    /// A helper worker reads parts too (the worker says so).
    helper: bool,
}

impl Engine {
    pub fn new(clock: fn() -> f64) -> Engine {
        Engine {
            clock,
            next_id: 1,
            next_file: 0,
            next_run: 0,
            data: None,
            opened: None,
            running: None,
            cache: Cache::default(),
            helper_texts: None,
            helper_stopped: 0,
            helper_chain: None,
            helper: false,
        }
    }

    /// Reads a small generated export once, while nothing else runs, so
    /// the browser has compiled the import's hot code to its fast tier
    /// before the user's file arrives (otherwise that compilation competes
    /// with the first import for the processor). Changes nothing loaded.
    pub fn warm_up_import() {
        let rows = demo::generate(&DemoConfig {
            customers: 8_000,
            ..DemoConfig::default()
        });
        let mut csv = Vec::new();
        if demo::write_csv(&rows, &mut csv).is_err() {
            return;
        }
        // The path a large file takes: parts, two chains, a chain's trip
        // between workers, the join and the data view.
        let plan = ingest::parts::PartPlan::with_sizes(csv.len(), 256 << 10, 16 << 10);
        let Ok(Some(file)) = ingest::open_head_planned(&csv, "warm-up.csv", plan.clone()) else {
            return;
        };
        let n = plan.parts();
        let parts = |range: std::ops::Range<usize>| {
            let parts = range.map(|k| (k, &csv[plan.read_range(k)]));
            ingest::parts::read_chain(&file, &file.mapping, parts)
        };
        if let (Ok(Ok(first)), Ok(Ok(second))) = (parts(0..1), parts(1..n)) {
            let _ = first.to_bytes();
            if let Some(second) = ingest::parts::Part::from_bytes(&second.to_bytes()) {
                let mut chain = Importer::over_part(
                    Arc::new(String::new()),
                    b',',
                    0,
                    file.mapping.clone(),
                    file.headers.clone(),
                );
                if let Ok(c) = chain.as_mut() {
                    c.next_part(Arc::new(String::new()));
                }
                let joined = chain.map(|c| {
                    c.finish_chains(vec![first, second], String::new(), file.format.clone())
                });
                if let Ok(Ok(Ok(report))) = joined {
                    let _ = data_view(0, &report, false);
                }
            }
        }
    }

    /// As the helper: whether part `k` of `file` is read already (no
    /// bytes needed).
    pub fn helper_holds(&self, file: u64, k: usize) -> bool {
        self.helper_texts
            .as_ref()
            .is_some_and(|(f, t)| *f == file && t.iter().any(|(i, _)| *i == k))
    }

    /// As the helper: whether `run` was stopped (or replaced).
    pub fn helper_is_stopped(&self, run: u64) -> bool {
        run <= self.helper_stopped || self.helper_chain.as_ref().is_some_and(|c| c.run != run)
    }

    /// As the helper: where the chain of `run` is to stop (the engine
    /// reads the parts from there on).
    pub fn helper_truncate(&mut self, run: u64, end: usize) {
        if let Some(c) = self.helper_chain.as_mut().filter(|c| c.run == run) {
            c.limit = c.limit.min(end);
        }
    }

    /// As the helper: whether the chain of `run` reads part `k`.
    pub fn helper_wants(&self, run: u64, k: usize) -> bool {
        self.helper_chain
            .as_ref()
            .is_some_and(|c| c.run == run && k < c.limit)
    }

    /// As the helper: stop reading for `run`.
    pub fn helper_stop(&mut self, run: u64) {
        self.helper_stopped = self.helper_stopped.max(run);
        if self.helper_chain.as_ref().is_some_and(|c| c.run <= run) {
            self.helper_chain = None;
        }
    }

    /// As the helper: starts reading a chain of parts.
    pub fn helper_start(&mut self, req: &parts::HelperRequest) {
        if let parts::HelperRequest::Chain {
            run,
            file,
            opened,
            mapping,
            ..
        } = req
        {
            if self.helper_texts.as_ref().is_none_or(|(f, _)| f != file) {
                self.helper_texts = Some((*file, Vec::new()));
            }
            self.helper_chain = Some(parts::HelperChain::new(
                *run,
                *file,
                (**opened).clone(),
                mapping.clone(),
            ));
        }
    }

    /// As the helper: reads part `k` of the chain of `run` (its kept text,
    /// else `bytes` of its read range) and answers what it adds to the
    /// chain, with its bytes; `Err`: the chain failed.
    pub fn helper_feed(
        &mut self,
        run: u64,
        k: usize,
        bytes: Option<&[u8]>,
    ) -> Result<(parts::HelperReply, Vec<u8>), parts::HelperReply> {
        let failed = |problem| parts::HelperReply::Failed { run, problem };
        let Some(chain) = self.helper_chain.as_mut().filter(|c| c.run == run) else {
            return Err(failed(ingest::parts::PartProblem::Unsupported));
        };
        let kept = self
            .helper_texts
            .as_ref()
            .filter(|(f, _)| *f == chain.file)
            .and_then(|(_, t)| t.iter().find(|(i, _)| *i == k).map(|(_, t)| t.clone()));
        let text = match (kept, bytes) {
            (Some(t), _) => t,
            (None, Some(b)) => {
                let spec = &chain.opened.spec;
                match ingest::parts::part_text(&spec.plan, k, b, spec.encoding) {
                    Ok(t) => {
                        let t = Arc::new(t);
                        if let Some((_, texts)) = &mut self.helper_texts {
                            texts.push((k, t.clone()));
                        }
                        t
                    }
                    Err(problem) => return Err(failed(problem)),
                }
            }
            (None, None) => return Err(failed(ingest::parts::PartProblem::Unsupported)),
        };
        if chain.feed(k, text).is_err() {
            return Err(failed(ingest::parts::PartProblem::Unsupported));
        }
        match chain.drain() {
            Some(delta) => Ok((parts::HelperReply::Part { run, k }, delta.to_bytes())),
            None => Err(failed(ingest::parts::PartProblem::Unsupported)),
        }
    }

    /// As the helper: the chain of `run` is read; where it ends.
    pub fn helper_finish(&mut self, run: u64) -> parts::HelperReply {
        match self.helper_chain.take().filter(|c| c.run == run) {
            Some(c) => parts::HelperReply::Chain { run, end: c.end },
            None => parts::HelperReply::Failed {
                run,
                problem: ingest::parts::PartProblem::Unsupported,
            },
        }
    }

    /// Reads a file up to its header (`bytes: None` re-reads the last one,
    /// e.g. with another sheet).
    pub fn open(&mut self, bytes: Option<Vec<u8>>, name: &str, sheet: Option<&str>) -> Reply {
        let bytes = match (bytes, &self.opened) {
            (Some(b), _) => Arc::new(b),
            (
                None,
                Some(Opened {
                    workbook: Some(b), ..
                }),
            ) => b.clone(),
            (None, _) => return Reply::Stale,
        };
        // Refused before anything is copied.
        if let Err(e) = ingest::limits::check_file_size(bytes.len(), &ingest::Limits::DEFAULT) {
            return Reply::Failed(e);
        }
        let is_workbook = matches!(
            ingest::decode::sniff_kind(&bytes),
            Ok(ingest::decode::FileKind::Workbook)
        );
        // A workbook's bytes are kept (to open another sheet); a text
        // file's are decoded in place, not copied.
        let (owned, workbook) = if is_workbook {
            ((*bytes).clone(), Some(bytes))
        } else {
            (
                Arc::try_unwrap(bytes).unwrap_or_else(|b| (*b).clone()),
                None,
            )
        };
        match ingest::open(owned, name, sheet) {
            Ok(file) => {
                let is_summary = summary::is_summary(&file.headers);
                let view = OpenedView {
                    is_summary,
                    file_name: file.name.clone(),
                    format: file.format.clone(),
                    headers: file.headers.clone(),
                    preview: file.preview.clone(),
                    mapping: file.mapping.clone(),
                };
                self.next_file += 1;
                self.opened = Some(Opened {
                    file,
                    workbook,
                    is_summary,
                    id: self.next_file,
                    kept: Vec::new(),
                });
                Reply::Opened(Box::new(view))
            }
            Err(e) => Reply::Failed(e),
        }
    }

    /// Opens a large text file from its first bytes, to be read in parts
    /// (`len` is the whole file's size). `None`: the file is to be read
    /// whole and given to [`Engine::open`] (a workbook, UTF-16, a small
    /// file, a customer summary).
    pub fn open_head(&mut self, head: &[u8], len: usize, name: &str) -> Option<Reply> {
        let file = match ingest::open_head(head, len, name) {
            Err(e) => return Some(Reply::Failed(e)),
            Ok(None) => return None,
            Ok(Some(f)) if summary::is_summary(&f.headers) => return None,
            Ok(Some(f)) => f,
        };
        let view = OpenedView {
            is_summary: false,
            file_name: file.name.clone(),
            format: file.format.clone(),
            headers: file.headers.clone(),
            preview: file.preview.clone(),
            mapping: file.mapping.clone(),
        };
        let parts = file.parts().map_or(0, |s| s.plan.parts());
        self.next_file += 1;
        self.opened = Some(Opened {
            file,
            workbook: None,
            is_summary: false,
            id: self.next_file,
            kept: vec![(None, None); parts],
        });
        Some(Reply::Opened(Box::new(view)))
    }

    /// The running import in parts: its number, and the opened file's.
    pub fn parts_run(&self) -> Option<(u64, u64)> {
        match (&self.running, &self.opened) {
            (Some(Running::Parts(r)), Some(o)) => Some((r.run, o.id)),
            _ => None,
        }
    }

    /// The bytes of the opened file to read for part `k`.
    pub fn part_range(&self, k: usize) -> Option<std::ops::Range<usize>> {
        let spec = self.opened.as_ref()?.file.parts()?;
        (k < spec.plan.parts()).then(|| spec.plan.read_range(k))
    }

    /// Takes the engine's next part to read ahead, from the front.
    pub fn claim_part(&mut self) -> Option<usize> {
        match &mut self.running {
            Some(Running::Parts(r)) => r.claim_front(),
            _ => None,
        }
    }

    /// The helper's parts of the running import, once: what to send it.
    pub fn helper_request(&mut self) -> Option<parts::HelperRequest> {
        let Some(Running::Parts(r)) = &mut self.running else {
            return None;
        };
        let o = self.opened.as_ref()?;
        let spec = o.file.parts()?;
        let range = r.helper_parts()?;
        Some(parts::HelperRequest::Chain {
            run: r.run,
            file: o.id,
            parts: range.map(|k| (k, spec.plan.read_range(k))).collect(),
            opened: Box::new(parts::HelperFile {
                headers: o.file.headers.clone(),
                spec,
            }),
            mapping: r.mapping.clone(),
        })
    }

    /// Whether a helper worker reads parts (the next import's split).
    pub fn set_helper(&mut self, helper: bool) {
        self.helper = helper;
    }

    /// No helper (it could not start or stopped): the engine reads its parts.
    pub fn without_helper(&mut self) {
        self.helper = false;
        if let Some(Running::Parts(r)) = &mut self.running {
            r.without_helper();
        }
        if let Some(o) = &mut self.opened {
            for k in &mut o.kept {
                if k.0 == Some(parts::Holder::Helper) {
                    *k = (None, None);
                }
            }
        }
    }

    /// The bytes of the engine's part `k` of run `run` arrived.
    pub fn part_bytes(&mut self, run: u64, k: usize, bytes: &[u8]) {
        let (Some(Running::Parts(r)), Some(o)) = (&mut self.running, &mut self.opened) else {
            return;
        };
        let Some(spec) = o.file.parts() else {
            return;
        };
        if r.run != run {
            return;
        }
        let text = ingest::parts::part_text(&spec.plan, k, bytes, spec.encoding).map(Arc::new);
        if let (Ok(t), Some(slot)) = (&text, o.kept.get_mut(k)) {
            *slot = (Some(parts::Holder::Engine), Some(t.clone()));
        }
        r.text_for(k, text);
    }

    /// What the helper said, with the bytes beside its message.
    pub fn helper_reply(&mut self, reply: parts::HelperReply, bytes: Option<&[u8]>) {
        let (Some(Running::Parts(r)), Some(o)) = (&mut self.running, &mut self.opened) else {
            return;
        };
        match reply {
            parts::HelperReply::Part { run, k } if run == r.run => {
                match bytes.and_then(ingest::parts::Part::from_bytes) {
                    Some(part) => {
                        if let Some(slot) = o.kept.get_mut(k) {
                            *slot = (Some(parts::Holder::Helper), None);
                        }
                        r.helper_part(k, part);
                    }
                    None => r.problem = Some(ingest::parts::PartProblem::Unsupported),
                }
            }
            parts::HelperReply::Chain { run, end } if run == r.run => r.helper_done(end),
            parts::HelperReply::Failed { run, problem } if run == r.run => {
                r.problem = Some(problem);
            }
            _ => {}
        }
    }

    /// Starts importing the opened file with `mapping`; an error (a
    /// required field without a column) is the reply.
    pub fn start_import(&mut self, mapping: ColumnMapping) -> Option<Reply> {
        let Some(opened) = &self.opened else {
            return Some(Reply::Stale);
        };
        if opened.is_summary {
            return Some(self.load_summary());
        }
        if let Some(spec) = opened.file.parts() {
            let missing = mapping.missing_required();
            if !missing.is_empty() {
                return Some(Reply::Failed(ingest::FileError::MissingColumns {
                    fields: missing,
                }));
            }
            self.next_run += 1;
            let run = parts::PartsRun::new(
                self.next_run,
                mapping,
                &spec.plan,
                &opened.kept,
                self.helper,
            );
            self.running = Some(Running::Parts(Box::new(run)));
            return None;
        }
        match Importer::new(opened.file.clone(), mapping) {
            Ok(importer) => {
                self.running = Some(Running::File(Box::new(importer)));
                None
            }
            Err(e) => Some(Reply::Failed(e)),
        }
    }

    /// Starts generating the demo data set.
    pub fn start_demo(&mut self) {
        self.opened = None;
        self.running = Some(Running::Demo(Box::new(DemoGenerator::new(
            DemoConfig::default(),
        ))));
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Stops running work; the loaded data stays.
    pub fn cancel(&mut self) -> Reply {
        self.running = None;
        Reply::Cancelled
    }

    /// One bounded step of the running work (`None` when idle).
    pub fn step(&mut self, rows: usize) -> Option<Step> {
        let running = self.running.as_mut()?;
        if let Running::Parts(_) = running {
            return self.step_parts(rows);
        }
        let (done, progress) = match running {
            Running::Parts(_) => return None,
            Running::File(i) => (i.step(rows), i.progress()),
            // About 6.5 rows per demo customer; the last tenth is loading.
            Running::Demo(g) => (g.step(rows / 6 + 1), g.progress() * 0.9),
        };
        if !done {
            return Some(Step::Progress(progress));
        }
        let finished = match self.running.take()? {
            Running::Parts(_) => return None,
            Running::File(i) => i.finish().map(|r| (r, false)),
            Running::Demo(g) => {
                let seed = DemoConfig::default().seed;
                Ok((
                    ImportReport::generated(demo::to_dataset(g.finish()), seed),
                    true,
                ))
            }
        };
        Some(Step::Done(Box::new(match finished {
            Ok((report, is_demo)) => Reply::Loaded(Box::new(self.load(report, is_demo))),
            Err(e) => Reply::Failed(e),
        })))
    }

    /// One step of an import in parts.
    fn step_parts(&mut self, rows: usize) -> Option<Step> {
        let (Some(Running::Parts(r)), Some(o)) = (&mut self.running, &self.opened) else {
            return None;
        };
        let next = r.next(&o.file);
        match next {
            parts::Next::Parse => {
                if let Some(e) = r.error.take() {
                    self.running = None;
                    return Some(Step::Done(Box::new(Reply::Failed(e))));
                }
                r.parse(rows);
                Some(Step::Progress(r.progress()))
            }
            parts::Next::Bytes(k) => Some(Step::NeedPart(k)),
            parts::Next::Truncate(end) => Some(Step::Truncate(end)),
            parts::Next::Helper => Some(Step::Waiting),
            parts::Next::Whole => {
                let mapping = r.mapping.clone();
                self.running = None;
                Some(Step::NeedWhole(mapping))
            }
            parts::Next::Merge => {
                let finished = r.finish(&o.file);
                let mapping = r.mapping.clone();
                self.running = None;
                Some(match finished {
                    Err(_) => Step::NeedWhole(mapping),
                    Ok(Err(e)) => Step::Done(Box::new(Reply::Failed(e))),
                    Ok(Ok(report)) => {
                        Step::Done(Box::new(Reply::Loaded(Box::new(self.load(report, false)))))
                    }
                })
            }
        }
    }

    /// Loads a finished import, replacing the data and its caches.
    pub fn load(&mut self, report: ImportReport, is_demo: bool) -> DataView {
        let id = self.next_id;
        self.next_id += 1;
        self.cache = Cache::default();
        let view = data_view(id, &report, is_demo);
        self.data = Some(Loaded {
            id,
            report,
            last_date: view.summary.default_as_of(),
            summary: None,
        });
        view
    }

    /// Reads the opened customer summary in one go (a row per customer:
    /// a million read in about a second) and loads it.
    fn load_summary(&mut self) -> Reply {
        let Some(opened) = &self.opened else {
            return Reply::Stale;
        };
        let file = &opened.file;
        let read = match summary::read_summary_file(file) {
            Ok(r) => r,
            Err(e) => return Reply::Failed(e),
        };
        let report = ImportReport {
            file_name: file.name.clone(),
            format: file.format.clone(),
            dataset: Dataset::default(),
            rows_read: read.rows_read,
            rejected: read.rejected,
            blank_lines: read.blank_lines,
            duplicate_rows: 0,
            unreadable_optional: Vec::new(),
        };
        let id = self.next_id;
        self.next_id += 1;
        self.cache = Cache::default();
        let mut view = data_view(id, &report, false);
        view.summary = read.summary.summary();
        view.columns = read.summary.columns;
        view.rows_accepted = read.summary.rows.len() as u64;
        view.is_summary = true;
        self.data = Some(Loaded {
            id,
            last_date: read.summary.as_of,
            report,
            summary: Some(Arc::new(read.summary)),
        });
        Reply::Loaded(Box::new(view))
    }

    /// The loaded data's report, if `id` is still the loaded one.
    fn loaded(&self, id: DataId) -> Option<&Loaded> {
        self.data.as_ref().filter(|d| d.id == id)
    }

    /// Answers a question (from the cache when it was asked before).
    pub fn query(&mut self, q: &Query) -> Reply {
        if let Some((_, bytes)) = self.cache.answers.iter().find(|(k, _)| k == q) {
            return Reply::Answer(bytes.to_vec());
        }
        let Some(bytes) = self.compute(q) else {
            return Reply::Stale;
        };
        let bytes: Arc<[u8]> = bytes.into();
        if self.cache.answers.len() >= KEEP_ANSWERS {
            self.cache.answers.pop_front();
        }
        self.cache.answers.push_back((q.clone(), bytes.clone()));
        Reply::Answer(bytes.to_vec())
    }

    fn compute(&mut self, q: &Query) -> Option<Vec<u8>> {
        Some(match q {
            Query::Segments {
                at,
                settings,
                model,
            } => {
                let (seg, ms) = self.segmentation(at, settings, *model)?;
                encode(&segments_view(&seg, ms))
            }
            Query::Drill {
                at,
                settings,
                model,
                group,
                sort,
                descending,
                page,
            } => {
                let (seg, _) = self.segmentation(at, settings, *model)?;
                let valued = self.value(at, *model, None)?.ok();
                let order = self.drill_order(
                    at,
                    (settings, *model),
                    &seg,
                    (*group, *sort, *descending),
                    valued.as_deref(),
                )?;
                let d = self.loaded(at.data)?.customers();
                encode(&drill_page(d, &seg, &order, *page, valued.as_deref()))
            }
            Query::Value {
                at,
                settings,
                model,
                cut,
            } => encode(&self.value_view(at, settings, *model, *cut)?),
            Query::Dashboard { at, stages } => {
                let d = self.loaded(at.data)?;
                let as_of = d.as_of(at)?;
                let dash = dashboard(d.customers(), as_of, stages);
                let stages = dash.stage_shares();
                encode(&PanoramaView {
                    dashboard: dash,
                    stages,
                })
            }
            Query::StageFlow { at, stages, days } => {
                let d = self.loaded(at.data)?;
                let as_of = d.as_of(at)?;
                encode(&stage_flow(&d.report.dataset, as_of, *days, stages))
            }
            Query::Campaigns { at, model } => {
                let all = self.cohorts(at)?;
                let valued = self.value(at, *model, None)?.ok();
                let campaigns = all
                    .iter()
                    .map(|c| {
                        let w = c.window(90);
                        CampaignLine {
                            name: c.campaign.clone(),
                            members: c.members.len(),
                            window: w.figures(),
                            ltv_ci: self.interval(&c.campaign, &w),
                            predicted_12m: predicted_12m(c, valued.as_deref()),
                        }
                    })
                    .collect();
                encode(&CampaignsView { campaigns })
            }
            Query::Compare { at, model, a, b } => {
                let valued = self.value(at, *model, None)?.ok();
                let all = self.cohorts(at)?;
                let find = |n: &str| all.iter().find(|c| c.campaign == n);
                let (ca, cb) = (find(a)?, find(b)?);
                let mut names = [a.as_str(), b.as_str()].into_iter();
                let comparison = compare_with(ca, cb, campaign::SEED, &mut |w| {
                    let name = names.next().unwrap_or_default();
                    self.interval(name, w)
                });
                let verdict = comparison.verdict((ca.window(0).ltv, cb.window(0).ltv));
                let w = |days| (ca.window(days).figures(), cb.window(days).figures());
                encode(&CompareView {
                    comparison,
                    verdict,
                    windows: [w(30), w(365)],
                    curves: (ca.curves(), cb.curves()),
                    predicted_12m: (
                        predicted_12m(ca, valued.as_deref()),
                        predicted_12m(cb, valued.as_deref()),
                    ),
                })
            }
            Query::PlannerInputs { at, stages, model } => {
                let valued = self.value(at, *model, None)?.ok();
                let d = self.loaded(at.data)?;
                let as_of = d.as_of(at)?;
                let mut inputs = data_inputs(d.customers(), as_of, stages);
                if let Some(v) = valued {
                    inputs.model_value = kept_value(d.customers(), as_of, stages, &v);
                }
                encode(&inputs)
            }
            Query::PlanRisk {
                cells,
                spend,
                baseline,
            } => encode(&PlanRisk {
                monte_carlo: monte_carlo(cells, spend, baseline, DRAWS, RISK_SEED),
                swings: sensitivity(cells, spend),
            }),
            Query::ScenarioSim { a, b } => {
                encode(&simulate(a, b, campaign::SCENARIO_RUNS, campaign::SEED))
            }
        })
    }

    /// The questions the views ask first at `at`, in the order a user
    /// meets them (the slowest, the campaigns, come after: see
    /// [`Engine::warm_campaigns`]).
    pub fn warm_queries(
        &self,
        at: &At,
        settings: &SegmentSettings,
        model: ModelChoice,
    ) -> Vec<Query> {
        let stages = settings.stages;
        vec![
            Query::Segments {
                at: at.clone(),
                settings: settings.clone(),
                model,
            },
            Query::Dashboard {
                at: at.clone(),
                stages,
            },
            Query::StageFlow {
                at: at.clone(),
                stages,
                days: 90,
            },
            Query::Value {
                at: at.clone(),
                settings: settings.clone(),
                model,
                cut: None,
            },
            Query::PlannerInputs {
                at: at.clone(),
                stages,
                model,
            },
        ]
    }

    /// The campaigns' questions, warmed after [`Engine::warm_queries`]:
    /// finding the default pair builds every campaign's cohort, which takes
    /// longer than the first views' answers, so it waits its turn.
    pub fn warm_campaigns(&mut self, at: &At, model: ModelChoice) -> Vec<Query> {
        let mut out = Vec::new();
        if let Some(all) = self.cohorts(at) {
            let sizes: Vec<(String, usize)> = all
                .iter()
                .map(|c| (c.campaign.clone(), c.members.len()))
                .collect();
            if let (Some(a), Some(b)) = campaign::default_pair(&sizes) {
                out.push(Query::Compare {
                    at: at.clone(),
                    model,
                    a,
                    b,
                });
            }
            out.push(Query::Campaigns {
                at: at.clone(),
                model,
            });
        }
        out
    }

    /// Reads or writes a scenario's JSON (see [`ScenarioTask`]).
    pub fn scenario(&self, task: &ScenarioTask) -> (Reply, Option<Vec<u8>>) {
        use crate::domain::planner::scenario::Scenario;
        match task {
            ScenarioTask::Parse { text } => {
                let read = Scenario::from_json(text).map_err(|e| {
                    let cells = Scenario::from_json_unchecked(text)
                        .map(|s| s.cells)
                        .unwrap_or_default();
                    (e, cells)
                });
                (Reply::Answer(encode(&read)), None)
            }
            ScenarioTask::ParseLink { param } => (
                Reply::Answer(encode(&Scenario::from_link_param(param))),
                None,
            ),
            ScenarioTask::Link { scenario } => {
                (Reply::Answer(encode(&scenario.to_link_param())), None)
            }
            ScenarioTask::File { scenario } => (
                Reply::File {
                    name: "scenario.json".into(),
                    mime: "application/json".into(),
                },
                Some(scenario.to_json().into_bytes()),
            ),
        }
    }

    /// Writes an export file: (reply naming it, its bytes).
    pub fn export(&mut self, e: &Export) -> Option<(Reply, Vec<u8>)> {
        let csv = |name: String, text: String| {
            (
                Reply::File {
                    name,
                    mime: "text/csv;charset=utf-8".into(),
                },
                text.into_bytes(),
            )
        };
        match e {
            Export::Customers {
                at,
                settings,
                model,
                group,
            }
            | Export::CustomersXlsx {
                at,
                settings,
                model,
                group,
                ..
            } => {
                let (seg, _) = self.segmentation(at, settings, *model)?;
                let valued = self.value(at, *model, None)?.ok();
                let order = self.drill_order(
                    at,
                    (settings, *model),
                    &seg,
                    (*group, SortKey::Value, true),
                    valued.as_deref(),
                )?;
                let d = self.loaded(at.data)?.customers();
                let rows = order.iter().map(|&i| &seg.customers[i as usize]);
                let value = |c: u32| valued.as_deref().and_then(|v| v.get(c).copied());
                if let Export::CustomersXlsx { lang, .. } = e {
                    let bytes = xlsx::customers_xlsx(*lang, d, rows, &value).ok()?;
                    let name = group.file_name().replace(".csv", ".xlsx");
                    return Some((
                        Reply::File {
                            name,
                            mime: XLSX_MIME.into(),
                        },
                        bytes,
                    ));
                }
                Some(csv(group.file_name(), customers_csv(d, rows, &value)))
            }
            Export::Rejected { data, lang } => {
                let report = &self.loaded(*data)?.report;
                let header = [
                    DataText::ColLine.text(*lang),
                    DataText::ColColumn.text(*lang),
                    DataText::ColReason.text(*lang),
                ];
                let text = report.rejected_csv(
                    [header[0].as_str(), header[1].as_str(), header[2].as_str()],
                    |k| k.message(*lang),
                );
                Some(csv("rejected_rows.csv".into(), text))
            }
            Export::Plan {
                cells,
                optimised,
                baseline,
            } => Some(csv(
                "plan.csv".into(),
                crate::domain::planner::scenario::plan_csv(cells, optimised, baseline),
            )),
            Export::Campaigns { at, costs, .. } => {
                let all = self.cohorts(at)?;
                let cost = |n: &str| costs.get(n).copied().or_else(|| campaign::default_cost(n));
                Some(csv(
                    "campaigns.csv".into(),
                    campaign::campaigns_csv(&all, cost, campaign::SEED),
                ))
            }
        }
    }

    /// Every customer classified at `at` with `settings` (cached), and how
    /// long the classification took.
    fn segmentation(
        &mut self,
        at: &At,
        settings: &SegmentSettings,
        model: ModelChoice,
    ) -> Option<(Arc<Segmentation>, f64)> {
        let needs_model = settings.warning.needs_model();
        let as_of = self.loaded(at.data)?.as_of(at)?;
        let key = (
            at.data,
            as_of,
            settings.clone(),
            needs_model.then_some(model),
        );
        if let Some((_, s, ms)) = self.cache.segmentation.iter().find(|(k, _, _)| *k == key) {
            return Some((s.clone(), *ms));
        }
        let p_alive = if needs_model {
            self.value(at, model, None)?
                .ok()
                .map(|v| v.p_alive_by_customer())
        } else {
            None
        };
        let d = self.loaded(at.data)?;
        let start = (self.clock)();
        let seg = Arc::new(segment_with(
            d.customers(),
            as_of,
            settings,
            p_alive.as_deref(),
        ));
        let ms = (self.clock)() - start;
        if self.cache.segmentation.len() >= KEEP_SEGMENTATIONS {
            self.cache.segmentation.pop_front();
        }
        self.cache.segmentation.push_back((key, seg.clone(), ms));
        Some((seg, ms))
    }

    fn drill_order(
        &mut self,
        at: &At,
        (settings, model): (&SegmentSettings, ModelChoice),
        seg: &Segmentation,
        (group, sort, descending): (Group, SortKey, bool),
        valued: Option<&value::Valued>,
    ) -> Option<Arc<Vec<u32>>> {
        let d = self.loaded(at.data)?;
        let key = (
            (at.data, d.as_of(at)?, settings.clone(), Some(model)),
            group,
            sort,
            descending,
        );
        if let Some((k, order)) = &self.cache.drill {
            if *k == key {
                return Some(order.clone());
            }
        }
        let clv = |c: u32| valued.and_then(|v| v.get(c)?.clv_365d.ok());
        let order = Arc::new(drill(seg, group, sort, descending, &clv));
        self.cache.drill = Some((key, order.clone()));
        Some(order)
    }

    /// A campaign's 3-month LTV interval, computed once per cohorts.
    fn interval(
        &mut self,
        name: &str,
        w: &crate::domain::campaign::WindowStats,
    ) -> Option<(f64, f64)> {
        if let Some((_, ci)) = self.cache.intervals.iter().find(|(n, _)| n == name) {
            return *ci;
        }
        let ci = w.ltv_ci(campaign::SEED);
        self.cache.intervals.push((name.to_owned(), ci));
        ci
    }

    fn cohorts(&mut self, at: &At) -> Option<Arc<Vec<Cohort>>> {
        let d = self.loaded(at.data)?;
        let key = (at.data, d.as_of(at)?);
        if let Some((k, c)) = &self.cache.cohorts {
            if *k == key {
                return Some(c.clone());
            }
        }
        let all = Arc::new(cohorts(&d.report.dataset, key.1));
        self.cache.cohorts = Some((key, all.clone()));
        self.cache.intervals.clear();
        Some(all)
    }
}

fn data_view(id: DataId, r: &ImportReport, is_demo: bool) -> DataView {
    DataView {
        id,
        is_demo,
        is_summary: false,
        file_name: r.file_name.clone(),
        format: r.format.clone(),
        summary: r.dataset.summary(),
        columns: r.dataset.columns,
        rows_read: r.rows_read,
        rows_accepted: r.rows_accepted() as u64,
        rejected: r.rejected.len() as u64,
        rejected_head: r.rejected.iter().take(SHOWN_REJECTED).cloned().collect(),
        blank_lines: r.blank_lines,
        duplicate_rows: r.duplicate_rows,
        unreadable_optional: r.unreadable_optional.clone(),
    }
}

fn segments_view(s: &Segmentation, compute_ms: f64) -> SegmentsView {
    fn lines<K: Copy>(
        groups: &[(K, crate::domain::segmentation::GroupSummary)],
        total: &crate::domain::segmentation::GroupSummary,
    ) -> Vec<GroupLine<K>> {
        groups
            .iter()
            .map(|(k, g)| GroupLine {
                key: *k,
                summary: *g,
                customer_share: g.customer_share(total),
                revenue_share: g.revenue_share(total),
            })
            .collect()
    }
    let present = |seg| {
        s.by_segment
            .iter()
            .any(|(k, g)| *k == seg && g.customers > 0)
    };
    SegmentsView {
        as_of: s.as_of,
        total: s.total,
        segments: lines(&s.by_segment, &s.total)
            .into_iter()
            .map(|line| SegmentLine {
                typical: line.key.typical_share(),
                budget_share: line.key.budget_share_among(present),
                line,
            })
            .collect(),
        stages: lines(&s.by_stage, &s.total),
        lights: lines(&s.by_light, &s.total),
        tiers: lines(&s.by_tier, &s.total),
        rf: s.rf,
        empty_levels: s.empty_levels.clone(),
        compute_ms,
        lights_without_model: s.lights_without_model,
    }
}

/// A cohort's model-predicted 12-month value per customer.
fn predicted_12m(c: &Cohort, valued: Option<&value::Valued>) -> Option<f64> {
    let v = valued?;
    c.predicted_12m(&|customer, days| v.spend_ahead(customer, days))
}

/// Per stage, the mean 12-month CLV of its customers given they are still
/// there (see `DataInputs::model_value`).
fn kept_value(
    d: &dyn CustomerSource,
    as_of: NaiveDate,
    stages: &crate::domain::lifecycle::StageSettings,
    v: &value::Valued,
) -> [Option<f64>; 4] {
    let mut sums = [(0.0f64, 0usize); 4];
    for s in d.customer_stats(as_of) {
        let Some(cv) = v.get(s.customer) else {
            continue;
        };
        let Ok(clv) = cv.clv_365d else { continue };
        if cv.p_alive > 0.0 {
            let k = crate::domain::lifecycle::stage(&s, as_of, stages) as usize;
            sums[k].0 += clv / cv.p_alive;
            sums[k].1 += 1;
        }
    }
    sums.map(|(s, n)| (n > 0).then(|| s / n as f64))
}

fn drill_page(
    d: &dyn CustomerSource,
    seg: &Segmentation,
    order: &[u32],
    page: usize,
    valued: Option<&value::Valued>,
) -> DrillPage {
    let pages = order.len().div_ceil(DRILL_PAGE).max(1);
    let page = page.min(pages - 1);
    DrillPage {
        total: order.len(),
        page,
        rows: order
            .iter()
            .skip(page * DRILL_PAGE)
            .take(DRILL_PAGE)
            .map(|&i| {
                let c = &seg.customers[i as usize];
                DrillRow {
                    id: d
                        .customer_ids()
                        .get(c.stats.customer as usize)
                        .cloned()
                        .unwrap_or_default(),
                    last_visit: c.stats.last_visit,
                    recency_days: c.stats.recency_days,
                    frequency: c.stats.frequency,
                    monetary: c.stats.monetary,
                    scores: c.scores,
                    segment: c.segment,
                    placement: c.placement,
                    stage: c.stage,
                    light: c.light,
                    tier: c.tier,
                    p_alive: valued
                        .and_then(|v| v.get(c.stats.customer))
                        .map(|v| v.p_alive),
                    clv_365d: valued
                        .and_then(|v| v.get(c.stats.customer))
                        .and_then(|v| v.clv_365d.ok()),
                    probably_gone: valued
                        .and_then(|v| v.get(c.stats.customer))
                        .is_some_and(|v| v.probably_gone),
                }
            })
            .collect(),
    }
}
