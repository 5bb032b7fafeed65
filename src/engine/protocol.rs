//! The messages between the views and the engine worker: typed requests
//! in, typed replies out, in postcard (a compact serde format: small code
//! in the page, exact numbers), shared by both programs.
//!
//! A message travels as a JS object `{ id, bytes }`, plus `blob` (a file
//! the user picked, sent to the engine without copying it through the
//! page) or `file` (an export's bytes, transferred back). Every answer
//! names the request it answers; the views drop answers to requests they
//! replaced.

use crate::domain::campaign::{Comparison, Curves, ScenarioCampaign, Verdict, WindowFigures};
use crate::domain::ingest::{ColumnMapping, Field, FileError, RowError, SourceFormat};
use crate::domain::kpi::Dashboard;
use crate::domain::lifecycle::{Stage, StageSettings};
use crate::domain::model::{DatasetSummary, OptionalColumns};
use crate::domain::planner::scenario::Scenario;
use crate::domain::planner::uncertainty::{MonteCarlo, Swing};
use crate::domain::planner::PlanCell;
use crate::domain::rfm::{Placement, Scores, Segment};
use crate::domain::segmentation::{Group, GroupSummary, SegmentSettings, SortKey};
use crate::domain::tiers::Tier;
use crate::domain::value::score::ValueProblem;
use crate::domain::value::spend::SpendFit;
use crate::domain::value::summary::ValueSummary;
use crate::domain::value::validate::{ModelChoice, Validation};
use crate::domain::value::visits::VisitFit;
use crate::domain::warning::Light;
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which loaded data set a question is about (a new load, a new id).
pub type DataId = u64;

/// The data set and the as-of date a question is asked at (`None`: the
/// default, the latest visit, DOMAIN §2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct At {
    pub data: DataId,
    pub as_of: Option<NaiveDate>,
}

/// What the views ask of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the attached file up to its header row (or re-read the last
    /// one with another sheet when no file is attached).
    Open {
        name: String,
        sheet: Option<String>,
    },
    /// Import the opened file with this mapping. `hold` (tests only) keeps
    /// the import open after its first slice until it is cancelled.
    Import {
        mapping: ColumnMapping,
        hold: bool,
    },
    /// Generate and load the demo data set.
    Demo,
    /// Stop the running import; the loaded data stays.
    Cancel,
    /// Compute, while nothing else is asked, what the views will ask first
    /// at `at` with these settings, so a first visit finds it ready.
    Warm {
        at: At,
        settings: SegmentSettings,
        model: ModelChoice,
    },
    Query(Query),
    Export(Export),
    /// The scenario file and link formats (JSON), read and written here so
    /// the page carries no JSON code.
    Scenario(ScenarioTask),
}

/// Scenario JSON work, each answered with `Reply::Answer` (or a file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScenarioTask {
    /// A scenario file's text → `Result<Scenario, (ScenarioError, Vec<PlanCell>)>`
    /// (the cells, as far as they read, name the cell an error is about).
    Parse { text: String },
    /// A link's parameter → `Result<Scenario, ScenarioError>`.
    ParseLink { param: String },
    /// The link parameter of a scenario → `String`.
    Link { scenario: Scenario },
    /// `scenario.json` to download (a `Reply::File`).
    File { scenario: Scenario },
}

/// Questions with an answer a view shows. Each answer type is named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Query {
    /// → [`SegmentsView`]
    Segments {
        at: At,
        settings: SegmentSettings,
        model: ModelChoice,
    },
    /// → [`DrillPage`]
    Drill {
        at: At,
        settings: SegmentSettings,
        model: ModelChoice,
        group: Group,
        sort: SortKey,
        descending: bool,
        page: usize,
    },
    /// → [`PanoramaView`]
    Dashboard { at: At, stages: StageSettings },
    /// → `Vec<(Option<Stage>, Stage, usize)>`
    StageFlow {
        at: At,
        stages: StageSettings,
        days: u64,
    },
    /// → [`CampaignsView`]
    Campaigns { at: At, model: ModelChoice },
    /// → [`CompareView`]
    Compare {
        at: At,
        model: ModelChoice,
        a: String,
        b: String,
    },
    /// → `crate::domain::planner::cells::DataInputs`
    PlannerInputs {
        at: At,
        stages: StageSettings,
        model: ModelChoice,
    },
    /// → [`ValueView`]
    Value {
        at: At,
        settings: SegmentSettings,
        model: ModelChoice,
        /// The held-out cut (default: a year before the as-of date).
        cut: Option<NaiveDate>,
    },
    /// → [`PlanRisk`]
    PlanRisk {
        cells: Vec<PlanCell>,
        spend: Vec<f64>,
        baseline: Vec<f64>,
    },
    /// → `Result<ScenarioResult, ScenarioProblem>`
    ScenarioSim {
        a: ScenarioCampaign,
        b: ScenarioCampaign,
    },
}

/// Files the engine writes for a download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Export {
    /// `customers.csv`, or a drilled group's list.
    Customers {
        at: At,
        settings: SegmentSettings,
        model: ModelChoice,
        group: Group,
    },
    /// The same list as an Excel workbook in `lang`, for people.
    CustomersXlsx {
        at: At,
        settings: SegmentSettings,
        model: ModelChoice,
        group: Group,
        lang: Lang,
    },
    /// The rejected rows with reasons in `lang`.
    Rejected { data: DataId, lang: Lang },
    /// One row per campaign, with the user's costs per person.
    Campaigns {
        at: At,
        model: ModelChoice,
        costs: BTreeMap<String, f64>,
    },
    /// `plan.csv`: the cells with both plans' spend.
    Plan {
        cells: Vec<PlanCell>,
        optimised: Vec<f64>,
        baseline: Vec<f64>,
    },
}

/// What the engine says back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    Opened(Box<OpenedView>),
    /// Share of the import done, 0–1.
    Progress(f64),
    Loaded(Box<DataView>),
    Failed(FileError),
    Cancelled,
    /// The answer to a query: its answer type in postcard.
    Answer(Vec<u8>),
    /// The question was about a data set that is no longer loaded.
    Stale,
    /// A file to download; its bytes travel beside the message.
    File {
        name: String,
        mime: String,
    },
}

/// A value in the wire format.
pub fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    postcard::to_allocvec(v).unwrap_or_default()
}

/// A value back from the wire format; `None` if the bytes are not one.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

/// A file read up to its header: what the mapping panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenedView {
    /// A customer summary: loaded as it is, with no mapping.
    pub is_summary: bool,
    pub file_name: String,
    pub format: SourceFormat,
    pub headers: Vec<String>,
    pub preview: Vec<Vec<String>>,
    /// The mapping found from the header names.
    pub mapping: ColumnMapping,
}

/// Rejected rows shown on the page; the download has all of them.
pub const SHOWN_REJECTED: usize = 100;

/// A loaded data set as the Data view reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataView {
    pub id: DataId,
    pub is_demo: bool,
    /// A customer summary (one row per customer at its as-of date), not
    /// visit lines: views that need the visits say so.
    pub is_summary: bool,
    pub file_name: String,
    pub format: SourceFormat,
    pub summary: DatasetSummary,
    pub columns: OptionalColumns,
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rejected: u64,
    /// The first [`SHOWN_REJECTED`] rejected rows.
    pub rejected_head: Vec<RowError>,
    pub blank_lines: u64,
    pub duplicate_rows: u64,
    pub unreadable_optional: Vec<(Field, u64)>,
}

/// One group's figures with its shares of the whole (`None` when the
/// whole is empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupLine<K> {
    pub key: K,
    pub summary: GroupSummary,
    pub customer_share: Option<f64>,
    pub revenue_share: Option<f64>,
}

/// A segment's line of the segment table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentLine {
    pub line: GroupLine<Segment>,
    /// The source's typical share of customers (low, high).
    pub typical: (f64, f64),
    /// Suggested budget share (DOMAIN §2.1, normalised).
    pub budget_share: f64,
}

/// Everything the Segments view shows above the drill-down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentsView {
    pub as_of: NaiveDate,
    pub total: GroupSummary,
    pub segments: Vec<SegmentLine>,
    pub stages: Vec<GroupLine<Stage>>,
    pub lights: Vec<GroupLine<Light>>,
    pub tiers: Vec<GroupLine<Tier>>,
    /// Customers per (R, F) cell, `rf[r-1][f-1]`.
    pub rf: [[usize; 5]; 5],
    /// Score levels (1–5) no customer reached, for R, F and M.
    pub empty_levels: [Vec<u8>; 3],
    /// How long the engine took to classify every customer (ms).
    pub compute_ms: f64,
    /// Preset C asked for P(alive) and no model could give it.
    pub lights_without_model: bool,
}

/// Rows per drill-down page.
pub const DRILL_PAGE: usize = 50;

/// One customer of a drill-down list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillRow {
    pub id: String,
    pub last_visit: NaiveDate,
    pub recency_days: u32,
    pub frequency: u32,
    pub monetary: crate::domain::money::Fen,
    pub scores: Scores,
    pub segment: Segment,
    pub placement: Placement,
    pub stage: Stage,
    pub light: Light,
    pub tier: Tier,
    /// DOMAIN §9, where a model is fitted.
    pub p_alive: Option<f64>,
    pub clv_365d: Option<f64>,
    pub probably_gone: bool,
}

/// A page of a drill-down list and how many customers the list holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillPage {
    pub total: usize,
    pub page: usize,
    pub rows: Vec<DrillRow>,
}

/// The panorama's figures: the KPI dashboard and each stage's share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanoramaView {
    pub dashboard: Dashboard,
    /// Customers per stage and their share of all customers.
    pub stages: Vec<(Stage, usize, Option<f64>)>,
}

/// A campaign in the list: its size and its 3-month figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignLine {
    pub name: String,
    pub members: usize,
    pub window: WindowFigures,
    /// 95% bootstrap interval of the 3-month LTV.
    pub ltv_ci: Option<(f64, f64)>,
    /// Model-predicted 12-month value per customer (DOMAIN §9, seed 003's
    /// CLTV-corrected view), where a model is fitted.
    pub predicted_12m: Option<f64>,
}

/// Every campaign in the data, largest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignsView {
    pub campaigns: Vec<CampaignLine>,
}

/// Two campaigns side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareView {
    pub comparison: Comparison,
    pub verdict: Verdict,
    /// (A, B) over 30 and over 365 days.
    pub windows: [(WindowFigures, WindowFigures); 2],
    pub curves: (Curves, Curves),
    /// Model-predicted 12-month value per customer of A and of B.
    pub predicted_12m: (Option<f64>, Option<f64>),
}

/// The Customer value view: the model in use, its validation, and what it
/// says about the customers; or why no model can be fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueView {
    pub as_of: NaiveDate,
    pub result: Result<ModelView, ValueProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelView {
    pub choice: ModelChoice,
    pub fit: VisitFit,
    pub spend: SpendFit,
    /// The held-out comparison of every model (absent when it cannot be made).
    pub validation: Option<Validation>,
    pub summary: ValueSummary,
    /// The slipping customers' ids, in `summary.slipping` order.
    pub slipping_ids: Vec<String>,
    pub customers: usize,
}

/// The plan's uncertainty: Monte Carlo and one-at-a-time sensitivity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRisk {
    pub monte_carlo: MonteCarlo,
    pub swings: Vec<Swing>,
}
