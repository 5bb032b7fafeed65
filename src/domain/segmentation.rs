//! Everything the Segments view shows, computed at once: per-customer
//! scores, segment, stage, light and tier, and the per-group summaries.

use crate::domain::customer::CustomerStats;
use crate::domain::export::text_cell;
use crate::domain::lifecycle::{stage, Stage, StageSettings};
use crate::domain::money::Fen;
use crate::domain::rfm::{
    self, BusinessThresholds, Placement, Scores, ScoringMode, Segment, SegmentRule,
};
use crate::domain::summary::CustomerSource;
use crate::domain::tiers::{tier, Tier, TierThresholds};
use crate::domain::value::score::CustomerValue;
use crate::domain::warning::{light, Light, WarningPreset};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Every setting of the Segments view (user-editable; defaults per DOMAIN).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSettings {
    pub scoring: ScoringMode,
    pub rules: Vec<SegmentRule>,
    pub stages: StageSettings,
    pub warning: WarningPreset,
    pub tiers: TierThresholds,
}

impl SegmentSettings {
    /// The business thresholds in force, or the defaults while scoring by
    /// quantiles (what the inputs show before the user switches).
    pub fn business_thresholds(&self) -> BusinessThresholds {
        match self.scoring {
            ScoringMode::Business(t) => t,
            ScoringMode::Quantile => BusinessThresholds::default(),
        }
    }

    /// Edits the business thresholds, switching to business scoring.
    pub fn edit_business_thresholds(&mut self, f: impl FnOnce(&mut BusinessThresholds)) {
        let mut t = self.business_thresholds();
        f(&mut t);
        self.scoring = ScoringMode::Business(t);
    }
}

impl Default for SegmentSettings {
    fn default() -> Self {
        SegmentSettings {
            scoring: ScoringMode::Quantile,
            rules: rfm::default_rules(),
            stages: StageSettings::default(),
            warning: WarningPreset::default(),
            tiers: TierThresholds::default(),
        }
    }
}

/// One customer, fully classified.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRow {
    pub stats: CustomerStats,
    pub scores: Scores,
    pub segment: Segment,
    pub placement: Placement,
    pub stage: Stage,
    pub light: Light,
    pub tier: Tier,
}

/// Per-group figures for the segment table.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct GroupSummary {
    pub customers: usize,
    pub revenue: Fen,
    pub visits: u64,
    pub recency_days: u64,
}

impl GroupSummary {
    fn add(&mut self, c: &CustomerStats) {
        self.customers += 1;
        self.revenue += c.monetary;
        self.visits += u64::from(c.frequency);
        self.recency_days += u64::from(c.recency_days);
    }

    /// This group's share of `total`'s customers; `None` when there are none.
    pub fn customer_share(&self, total: &GroupSummary) -> Option<f64> {
        (total.customers > 0).then(|| self.customers as f64 / total.customers as f64)
    }

    /// This group's share of `total`'s revenue; `None` when there is none.
    pub fn revenue_share(&self, total: &GroupSummary) -> Option<f64> {
        let whole = total.revenue.yuan();
        (whole > 0.0).then(|| self.revenue.yuan() / whole)
    }

    /// Means per customer; `None` for an empty group (the UI says so).
    pub fn avg_spend(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.revenue.yuan() / self.customers as f64)
    }

    pub fn avg_visits(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.visits as f64 / self.customers as f64)
    }

    pub fn avg_recency(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.recency_days as f64 / self.customers as f64)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Segmentation {
    pub as_of: NaiveDate,
    pub customers: Vec<CustomerRow>,
    pub total: GroupSummary,
    pub by_segment: Vec<(Segment, GroupSummary)>,
    pub by_stage: Vec<(Stage, GroupSummary)>,
    pub by_light: Vec<(Light, GroupSummary)>,
    pub by_tier: Vec<(Tier, GroupSummary)>,
    /// Customers per (R, F) cell, `rf[r-1][f-1]`.
    pub rf: [[usize; 5]; 5],
    /// Score levels (1–5) no customer reached, for R, F and M.
    pub empty_levels: [Vec<u8>; 3],
    /// Whether the NPS column is on a 0–10 scale (see `warning::nps_0_100`).
    pub nps_scale_is_ten: bool,
    /// Preset C asked for P(alive) and no model could give it: the lights
    /// follow preset A.
    pub lights_without_model: bool,
}

impl Segmentation {
    pub fn segment(&self, s: Segment) -> GroupSummary {
        self.by_segment
            .iter()
            .find(|(x, _)| *x == s)
            .map(|(_, g)| *g)
            .unwrap_or_default()
    }
}

/// Classifies every customer with a visit on or before `as_of`.
pub fn segment(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    settings: &SegmentSettings,
) -> Segmentation {
    segment_with(d, as_of, settings, None)
}

/// [`segment`] with each customer's P(alive) by customer index (for the
/// lights of preset C); without it, preset C falls back to preset A.
pub fn segment_with(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    settings: &SegmentSettings,
    p_alive: Option<&[Option<f64>]>,
) -> Segmentation {
    let stats = d.customer_stats(as_of);
    let scores = rfm::score(&stats, &settings.scoring);
    let table = rfm::lookup_table(&settings.rules);
    let nps_scale_is_ten = d.nps_scale_is_ten();

    let mut total = GroupSummary::default();
    let mut by_segment = Segment::ALL.map(|s| (s, GroupSummary::default()));
    let mut by_stage = Stage::ALL.map(|s| (s, GroupSummary::default()));
    let mut by_light = Light::ALL.map(|s| (s, GroupSummary::default()));
    let mut by_tier = Tier::ALL.map(|s| (s, GroupSummary::default()));
    let mut rf = [[0usize; 5]; 5];
    let mut seen = [[false; 5]; 3];
    let mut customers = Vec::with_capacity(stats.len());
    for (c, sc) in stats.into_iter().zip(scores) {
        let (segment, placement) = table[rfm::table_index(sc)];
        let st = stage(&c, as_of, &settings.stages);
        let alive = p_alive.and_then(|p| p.get(c.customer as usize).copied().flatten());
        let li = light(&c, &settings.warning, nps_scale_is_ten, alive);
        let ti = tier(&c, &settings.tiers);
        total.add(&c);
        by_segment[Segment::ALL.iter().position(|s| *s == segment).unwrap_or(0)]
            .1
            .add(&c);
        by_stage[st as usize].1.add(&c);
        by_light[li as usize].1.add(&c);
        by_tier[ti as usize].1.add(&c);
        rf[usize::from(sc.r - 1)][usize::from(sc.f - 1)] += 1;
        seen[0][usize::from(sc.r - 1)] = true;
        seen[1][usize::from(sc.f - 1)] = true;
        seen[2][usize::from(sc.m - 1)] = true;
        customers.push(CustomerRow {
            stats: c,
            scores: sc,
            segment,
            placement,
            stage: st,
            light: li,
            tier: ti,
        });
    }
    let empty = |k: usize| -> Vec<u8> {
        if customers.is_empty() {
            return Vec::new();
        }
        (1..=5u8).filter(|l| !seen[k][usize::from(l - 1)]).collect()
    };
    let empty_levels = [empty(0), empty(1), empty(2)];
    Segmentation {
        as_of,
        customers,
        total,
        by_segment: by_segment.to_vec(),
        by_stage: by_stage.to_vec(),
        by_light: by_light.to_vec(),
        by_tier: by_tier.to_vec(),
        rf,
        empty_levels,
        nps_scale_is_ten,
        lights_without_model: settings.warning.needs_model() && p_alive.is_none(),
    }
}

/// The customer export (DOMAIN ids in snake_case), UTF-8 with BOM so Excel
/// shows Chinese ids; `rows` selects which customers (e.g. a drill-down).
/// The value columns (DOMAIN §9) are empty where `value` has no score.
pub fn customers_csv<'a>(
    d: &(impl CustomerSource + ?Sized),
    rows: impl Iterator<Item = &'a CustomerRow>,
    value: &dyn Fn(u32) -> Option<CustomerValue>,
) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "customer_id",
        "first_visit",
        "last_visit",
        "recency_days",
        "frequency",
        "monetary",
        "r",
        "f",
        "m",
        "segment",
        "stage",
        "warning",
        "tier",
        "visits_12m",
        "spend_12m",
        "placement",
        "p_alive",
        "expected_visits_90d",
        "expected_visits_365d",
        "expected_spend_per_visit",
        "clv_365d",
    ]);
    for c in rows {
        let s = &c.stats;
        let placement = match c.placement {
            Placement::InBox => "in_box".to_owned(),
            Placement::Nearest { distance } => format!("nearest_{distance}"),
        };
        let v = value(s.customer);
        let num =
            |x: Option<f64>, places: usize| x.map(|x| format!("{x:.places$}")).unwrap_or_default();
        let id = d
            .customer_ids()
            .get(s.customer as usize)
            .map_or("", String::as_str);
        let _ = w.write_record([
            &*text_cell(id),
            &s.first_visit.to_string(),
            &s.last_visit.to_string(),
            &s.recency_days.to_string(),
            &s.frequency.to_string(),
            &s.monetary.to_string(),
            &c.scores.r.to_string(),
            &c.scores.f.to_string(),
            &c.scores.m.to_string(),
            &*text_cell(c.segment.id()),
            &*text_cell(c.stage.id()),
            &*text_cell(c.light.id()),
            &*text_cell(c.tier.id()),
            &s.visits_12m.to_string(),
            &s.spend_12m.to_string(),
            &*text_cell(&placement),
            &num(v.map(|v| v.p_alive), 4),
            &num(v.map(|v| v.expected_visits_90d), 4),
            &num(v.map(|v| v.expected_visits_365d), 4),
            &num(v.and_then(|v| v.expected_spend_per_visit.ok()), 2),
            &num(v.and_then(|v| v.clv_365d.ok()), 2),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// A group of customers the user drilled into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Group {
    All,
    Segment(Segment),
    Stage(Stage),
    Light(Light),
    Tier(Tier),
    /// An (R, F) cell of the heat map.
    Cell(u8, u8),
}

impl Group {
    pub fn contains(&self, c: &CustomerRow) -> bool {
        match *self {
            Group::All => true,
            Group::Segment(s) => c.segment == s,
            Group::Stage(s) => c.stage == s,
            Group::Light(l) => c.light == l,
            Group::Tier(t) => c.tier == t,
            Group::Cell(r, f) => c.scores.r == r && c.scores.f == f,
        }
    }

    /// File name for the group's export, e.g. `customers_at_risk.csv`.
    pub fn file_name(&self) -> String {
        match *self {
            Group::All => "customers.csv".into(),
            Group::Segment(s) => format!("customers_{}.csv", s.id()),
            Group::Stage(s) => format!("customers_stage_{}.csv", s.id()),
            Group::Light(l) => format!("customers_{}_light.csv", l.id()),
            Group::Tier(t) => format!("customers_{}_tier.csv", t.id()),
            Group::Cell(r, f) => format!("customers_r{r}_f{f}.csv"),
        }
    }
}

/// How a drill-down list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SortKey {
    /// Highest 12-month CLV first (DOMAIN §9: the call-list order).
    Value,
    /// Longest since the last visit first.
    Recency,
    Frequency,
    Monetary,
    Customer,
}

/// Indices into `seg.customers` of the group, sorted (ties by customer).
/// `clv` gives each customer's 12-month CLV for [`SortKey::Value`]
/// (customers without one come last, as do all without a model).
pub fn drill(
    seg: &Segmentation,
    group: Group,
    key: SortKey,
    descending: bool,
    clv: &dyn Fn(u32) -> Option<f64>,
) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..seg.customers.len() as u32)
        .filter(|&i| group.contains(&seg.customers[i as usize]))
        .collect();
    let c = |i: &u32| &seg.customers[*i as usize].stats;
    idx.sort_by(|a, b| {
        let ord = match key {
            SortKey::Recency => c(a).recency_days.cmp(&c(b).recency_days),
            SortKey::Frequency => c(a).frequency.cmp(&c(b).frequency),
            SortKey::Monetary => c(a).monetary.cmp(&c(b).monetary),
            SortKey::Customer => c(a).customer.cmp(&c(b).customer),
            SortKey::Value => {
                // Missing values sort as the lowest.
                let v = |i: &u32| clv(c(i).customer).unwrap_or(f64::NEG_INFINITY);
                v(a).total_cmp(&v(b))
            }
        };
        let ord = if descending { ord.reverse() } else { ord };
        ord.then(c(a).customer.cmp(&c(b).customer))
    });
    idx
}
