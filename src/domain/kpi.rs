//! KPIs of DOMAIN §5 measured at the as-of date T, each against its target,
//! and the stage-to-stage flow behind the panorama map.
//!
//! Decision (status colours): a KPI meeting its target is green; one within
//! 10% of the target (relative) is amber; anything else is red. A KPI the
//! data cannot support has no value and says why.

use crate::domain::customer::{customer_stats, CustomerStats};
use crate::domain::lifecycle::{stage, Stage, StageSettings};
use crate::domain::model::Dataset;
use crate::domain::summary::{CustomerSource, KpiFacts};
use crate::domain::targets::{Scope, Source, Targets};
use chrono::{Days, NaiveDate};

/// How close to its target (relative) a KPI is amber rather than red.
pub const AMBER_BAND: f64 = 0.1;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// Good when the value is above this.
    Above(f64),
    /// Good when the value is below this.
    Below(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    Green,
    Amber,
    Red,
}

/// Why a KPI has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Missing {
    NoDeliveryDates,
    NoNps,
    /// Scores are not on the 0–10 recommendation scale.
    NotNpsScale,
    NoReferrals,
    /// Needs a record of warnings raised, which visit data does not hold.
    NoWarningLog,
    /// No customer is old enough for the window (e.g. 365 days of history).
    NotEnoughHistory,
    /// The stage has no customers at the as-of date.
    NoCustomersInStage,
    /// Nobody was first seen in the window the figure looks at (e.g. new
    /// customers acquired 90–365 days before the as-of date).
    NoCohort,
    /// No customer-value model could be fitted (DOMAIN §9).
    NoValueModel,
    /// The acquisition cost per customer is the user's to enter.
    NoCac,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum KpiId {
    Retention30d,
    Retention90d,
    Retention12m,
    ActiveShare,
    SilentShare,
    ChurnAnnual,
    RepurchaseRate,
    AnnualSpend,
    VisitsPerMonth,
    FirstMaintenanceArrival,
    Nps,
    WakeUpRate,
    PostWakeUpRetention,
    WarningRecognition,
    Referral,
    Ltv,
    Lifetime,
    LtvToCac,
}

impl KpiId {
    pub fn id(self) -> &'static str {
        match self {
            KpiId::Retention30d => "retention-30d",
            KpiId::Retention90d => "retention-3m",
            KpiId::Retention12m => "retention-12m",
            KpiId::ActiveShare => "active-share",
            KpiId::SilentShare => "silent-share",
            KpiId::ChurnAnnual => "churn-annual",
            KpiId::RepurchaseRate => "repurchase-rate",
            KpiId::AnnualSpend => "annual-spend",
            KpiId::VisitsPerMonth => "visits-per-month",
            KpiId::FirstMaintenanceArrival => "first-maintenance",
            KpiId::Nps => "nps",
            KpiId::WakeUpRate => "wake-up-rate",
            KpiId::PostWakeUpRetention => "post-wake-up-retention",
            KpiId::WarningRecognition => "warning-recognition",
            KpiId::Referral => "referral",
            KpiId::Ltv => "ltv",
            KpiId::Lifetime => "lifetime",
            KpiId::LtvToCac => "ltv-cac",
        }
    }

    /// Shares (0–1) are shown as percentages; the rest as numbers.
    pub fn is_share(self) -> bool {
        !matches!(
            self,
            KpiId::AnnualSpend
                | KpiId::VisitsPerMonth
                | KpiId::Nps
                | KpiId::Ltv
                | KpiId::Lifetime
                | KpiId::LtvToCac
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Kpi {
    pub id: KpiId,
    /// All customers, or a stage's own figure.
    pub scope: Scope,
    pub value: Result<f64, Missing>,
    pub target: Target,
    /// Where the target comes from: a seed or the user.
    pub source: Source,
    /// Customers the value is measured over.
    pub base: usize,
}

impl Kpi {
    /// A KPI with the target `targets` holds for it.
    pub fn new(
        targets: &Targets,
        scope: Scope,
        id: KpiId,
        value: Result<f64, Missing>,
        base: usize,
    ) -> Kpi {
        let spec = targets
            .get(scope, id)
            .or_else(|| Targets::default().get(Scope::Overall, id))
            .expect("every KPI has an overall target");
        Kpi {
            id,
            scope,
            value,
            target: spec.target,
            source: spec.source,
            base,
        }
    }

    /// Puts the target `targets` holds for this KPI in place.
    pub fn retarget(&mut self, targets: &Targets) {
        if let Some(spec) = targets.get(self.scope, self.id) {
            self.target = spec.target;
            self.source = spec.source;
        }
    }
}

impl Kpi {
    pub fn status(&self) -> Option<Status> {
        let v = *self.value.as_ref().ok()?;
        Some(match self.target {
            Target::Above(t) if v > t => Status::Green,
            Target::Above(t) if v >= t * (1.0 - AMBER_BAND) => Status::Amber,
            Target::Below(t) if v < t => Status::Green,
            Target::Below(t) if v <= t * (1.0 + AMBER_BAND) => Status::Amber,
            _ => Status::Red,
        })
    }
}

fn share(part: usize, whole: usize) -> Result<f64, Missing> {
    if whole == 0 {
        Err(Missing::NotEnoughHistory)
    } else {
        Ok(part as f64 / whole as f64)
    }
}

fn days_before(t: NaiveDate, n: u64) -> NaiveDate {
    t.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// DOMAIN §5: k-day retention — among customers whose first visit is at
/// least k days before T (and, for a stage's own figure, less than
/// `younger_than` days), the share with another visit within k days.
fn retention(
    customers: &[(CustomerStats, KpiFacts)],
    as_of: NaiveDate,
    k: i64,
    younger_than: Option<i64>,
) -> (Result<f64, Missing>, usize) {
    let (mut n, mut kept) = (0, 0);
    for (s, f) in customers {
        let age = (as_of - s.first_visit).num_days();
        if age >= k && younger_than.is_none_or(|y| age < y) {
            n += 1;
            kept += usize::from(
                f.second_visit
                    .is_some_and(|d| (d - s.first_visit).num_days() <= k),
            );
        }
    }
    let value = match (share(kept, n), younger_than) {
        (Err(_), Some(_)) => Err(Missing::NoCohort),
        (v, _) => v,
    };
    (value, n)
}

/// DOMAIN §5 value KPIs from the value model (DOMAIN §9): LTV (mean spend
/// so far plus the discounted residual CLV) against > 18,000; customer
/// lifetime (the median simulated lifetime of a new customer, months)
/// against > 36; LTV/CAC against > 6 once the user gives a CAC.
pub fn value_kpis(
    ltv: Option<f64>,
    lifetime_months: Option<f64>,
    cac: Option<f64>,
    customers: usize,
    targets: &Targets,
) -> Vec<Kpi> {
    let model = |v: Option<f64>| v.ok_or(Missing::NoValueModel);
    let ratio = match (ltv, cac) {
        (None, _) => Err(Missing::NoValueModel),
        (_, None) => Err(Missing::NoCac),
        (Some(_), Some(c)) if c <= 0.0 => Err(Missing::NoCac),
        (Some(l), Some(c)) => Ok(l / c),
    };
    let kpi = |id, value| Kpi::new(targets, Scope::Overall, id, value, customers);
    vec![
        kpi(KpiId::Ltv, model(ltv)),
        kpi(KpiId::Lifetime, model(lifetime_months)),
        kpi(KpiId::LtvToCac, ratio),
    ]
}

/// Everything the dashboard and the map show.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    pub overall: Vec<Kpi>,
    /// Key metrics per stage (DOMAIN §5 per-stage targets).
    pub by_stage: Vec<(Stage, Vec<Kpi>)>,
    pub stage_customers: Vec<(Stage, usize)>,
}

impl Dashboard {
    pub fn kpi(&self, id: KpiId) -> Option<&Kpi> {
        self.overall.iter().find(|k| k.id == id)
    }

    /// A stage's own KPI.
    pub fn stage_kpi(&self, stage: Stage, id: KpiId) -> Option<&Kpi> {
        self.by_stage
            .iter()
            .find(|s| s.0 == stage)?
            .1
            .iter()
            .find(|k| k.id == id)
    }

    /// The same figures against the targets in force.
    pub fn retargeted(&self, targets: &Targets) -> Dashboard {
        let mut d = self.clone();
        for k in d
            .overall
            .iter_mut()
            .chain(d.by_stage.iter_mut().flat_map(|s| s.1.iter_mut()))
        {
            k.retarget(targets);
        }
        d
    }

    /// Customers per stage with their share of all customers (`None` when
    /// there are no customers).
    pub fn stage_shares(&self) -> Vec<(Stage, usize, Option<f64>)> {
        let total: usize = self.stage_customers.iter().map(|s| s.1).sum();
        self.stage_customers
            .iter()
            .map(|&(s, n)| (s, n, (total > 0).then(|| n as f64 / total as f64)))
            .collect()
    }
}

pub fn dashboard(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    stages: &StageSettings,
) -> Dashboard {
    // The seeds' targets; the user's own are put over them by `retargeted`
    // where the figures are shown, so editing a target computes nothing.
    let targets = &Targets::default();
    let customers = d.kpi_facts(as_of);
    let stats: Vec<&CustomerStats> = customers.iter().map(|(s, _)| s).collect();
    let n = stats.len();
    let kpi = |id, value, base| Kpi::new(targets, Scope::Overall, id, value, base);
    let in_stage_kpi = |st, id, value, base| Kpi::new(targets, Scope::Stage(st), id, value, base);

    let (r30, b30) = retention(&customers, as_of, 30, None);
    let (r90, b90) = retention(&customers, as_of, 90, None);
    let (r365, b365) = retention(&customers, as_of, 365, None);
    // The stages' own retention figures (DOMAIN §5: one KPI, one target per
    // scope): new customers' 3-month retention over those first seen 90–365
    // days before T (the past year's intake, old enough to tell); growth's
    // 12-month retention over those first seen 365–730 days before T (the
    // intake that has just come through the growth stage).
    let (new_r90, new_b90) = retention(&customers, as_of, 90, Some(365));
    let (growth_r365, growth_b365) = retention(&customers, as_of, 365, Some(730));
    let active = stats.iter().filter(|s| s.recency_days < 90).count();
    let year_ago = days_before(as_of, 365);
    let (mut was, mut churned) = (0, 0);
    for (s, f) in &customers {
        if f.visited_prev_year {
            was += 1;
            churned += usize::from(s.visits_12m == 0);
        }
    }
    let repeat = stats.iter().filter(|s| s.frequency >= 2).count();
    let in_year: Vec<&CustomerStats> = stats.iter().copied().filter(|s| s.visits_12m > 0).collect();
    let mean = |f: &dyn Fn(&CustomerStats) -> f64, set: &[&CustomerStats]| {
        if set.is_empty() {
            Err(Missing::NotEnoughHistory)
        } else {
            Ok(set.iter().map(|s| f(s)).sum::<f64>() / set.len() as f64)
        }
    };
    let spend = |s: &CustomerStats| s.spend_12m.yuan();
    let per_month = |s: &CustomerStats| f64::from(s.visits_12m) / 12.0;

    let first_maintenance = if !d.columns().delivery {
        (Err(Missing::NoDeliveryDates), 0)
    } else {
        let (mut base, mut arrived) = (0, 0);
        for (s, f) in &customers {
            if let Some(del) = s.delivery {
                if (as_of - del).num_days() >= 90 {
                    base += 1;
                    arrived += usize::from(
                        f.first_visit_after_delivery
                            .is_some_and(|x| (x - del).num_days() <= 90),
                    );
                }
            }
        }
        (share(arrived, base), base)
    };
    let overall_nps = nps(d, &customers, None);

    // Wake-up: customers dormant a year ago (last visit more than the
    // dormant threshold before T − 365) who came back within the year.
    let dormant_days = i64::from(stages.dormant_days);
    let (mut sleeping, mut woken, mut woken_complete, mut stayed) = (0, 0, 0, 0);
    for (_, f) in &customers {
        let Some(last_before) = f.last_visit_before_12m else {
            continue;
        };
        if (year_ago - last_before).num_days() <= dormant_days {
            continue;
        }
        sleeping += 1;
        if let Some(back) = f.first_visit_12m {
            woken += 1;
            if (as_of - back).num_days() >= 90 {
                woken_complete += 1;
                stayed += usize::from(f.first_visit_12m_repeat_90d);
            }
        }
    }

    let overall = vec![
        kpi(KpiId::Retention30d, r30, b30),
        kpi(KpiId::Retention90d, r90, b90),
        kpi(KpiId::Retention12m, r365, b365),
        kpi(KpiId::ActiveShare, share(active, n), n),
        kpi(KpiId::SilentShare, share(n - active, n), n),
        kpi(KpiId::ChurnAnnual, share(churned, was), was),
        kpi(KpiId::RepurchaseRate, share(repeat, n), n),
        kpi(KpiId::AnnualSpend, mean(&spend, &in_year), in_year.len()),
        kpi(
            KpiId::VisitsPerMonth,
            mean(&per_month, &in_year),
            in_year.len(),
        ),
        kpi(KpiId::Nps, overall_nps.0, overall_nps.1),
    ];

    let stage_of: Vec<Stage> = stats.iter().map(|s| stage(s, as_of, stages)).collect();
    let of_stage = |st: Stage| -> Vec<&CustomerStats> {
        stats
            .iter()
            .zip(&stage_of)
            .filter(|(_, s)| **s == st)
            .map(|(c, _)| *c)
            .collect()
    };
    let (growth, mature) = (of_stage(Stage::Growth), of_stage(Stage::Mature));
    // A stage nobody is in says so, not "not enough history".
    let in_stage = |f: &dyn Fn(&CustomerStats) -> f64, set: &[&CustomerStats]| {
        if set.is_empty() {
            Err(Missing::NoCustomersInStage)
        } else {
            mean(f, set)
        }
    };
    let mature_nps = nps(d, &customers, Some((&stage_of, Stage::Mature)));
    let by_stage = vec![
        (
            Stage::New,
            vec![
                in_stage_kpi(
                    Stage::New,
                    KpiId::FirstMaintenanceArrival,
                    first_maintenance.0,
                    first_maintenance.1,
                ),
                in_stage_kpi(Stage::New, KpiId::Retention90d, new_r90, new_b90),
            ],
        ),
        (
            Stage::Growth,
            vec![
                in_stage_kpi(
                    Stage::Growth,
                    KpiId::VisitsPerMonth,
                    in_stage(&per_month, &growth),
                    growth.len(),
                ),
                in_stage_kpi(Stage::Growth, KpiId::Retention12m, growth_r365, growth_b365),
                in_stage_kpi(Stage::Growth, KpiId::Referral, Err(Missing::NoReferrals), 0),
            ],
        ),
        (
            Stage::Mature,
            vec![
                in_stage_kpi(
                    Stage::Mature,
                    KpiId::AnnualSpend,
                    in_stage(&spend, &mature),
                    mature.len(),
                ),
                in_stage_kpi(Stage::Mature, KpiId::Nps, mature_nps.0, mature_nps.1),
                in_stage_kpi(Stage::Mature, KpiId::Referral, Err(Missing::NoReferrals), 0),
            ],
        ),
        (
            Stage::Dormant,
            vec![
                in_stage_kpi(
                    Stage::Dormant,
                    KpiId::WarningRecognition,
                    Err(Missing::NoWarningLog),
                    0,
                ),
                in_stage_kpi(
                    Stage::Dormant,
                    KpiId::WakeUpRate,
                    share(woken, sleeping),
                    sleeping,
                ),
                in_stage_kpi(
                    Stage::Dormant,
                    KpiId::PostWakeUpRetention,
                    share(stayed, woken_complete),
                    woken_complete,
                ),
            ],
        ),
    ];
    let stage_customers = Stage::ALL
        .iter()
        .map(|st| (*st, stage_of.iter().filter(|s| *s == st).count()))
        .collect();
    Dashboard {
        as_of,
        overall,
        by_stage,
        stage_customers,
    }
}

/// NPS over the scores given in the 365 days ending at T (optionally only
/// for the customers of one stage): % promoters (9–10) − % detractors (0–6).
fn nps(
    d: &(impl CustomerSource + ?Sized),
    customers: &[(CustomerStats, KpiFacts)],
    only: Option<(&[Stage], Stage)>,
) -> (Result<f64, Missing>, usize) {
    if !d.columns().nps {
        return (Err(Missing::NoNps), 0);
    }
    if !d.nps_scale_is_ten() {
        return (Err(Missing::NotNpsScale), 0);
    }
    let (mut n, mut promoters, mut detractors) = (0usize, 0usize, 0usize);
    for (i, (_, f)) in customers.iter().enumerate() {
        if only.is_some_and(|(of, st)| of[i] != st) {
            continue;
        }
        n += f.scores_12m as usize;
        promoters += f.promoters_12m as usize;
        detractors += f.detractors_12m as usize;
    }
    if n == 0 {
        return (Err(Missing::NoNps), 0);
    }
    (
        Ok(100.0 * (promoters as f64 - detractors as f64) / n as f64),
        n,
    )
}

/// How many customers moved from each stage at T − `days` to each stage at
/// T. `from` is `None` for customers with no visit yet at the earlier date
/// (new arrivals from the prospect pool).
pub fn stage_flow(
    d: &Dataset,
    as_of: NaiveDate,
    days: u64,
    stages: &StageSettings,
) -> Vec<(Option<Stage>, Stage, usize)> {
    let earlier = days_before(as_of, days);
    let mut before: Vec<Option<Stage>> = vec![None; d.customer_ids.len()];
    for s in customer_stats(d, earlier) {
        before[s.customer as usize] = Some(stage(&s, earlier, stages));
    }
    let mut counts: std::collections::BTreeMap<(Option<Stage>, Stage), usize> = Default::default();
    for s in customer_stats(d, as_of) {
        *counts
            .entry((before[s.customer as usize], stage(&s, as_of, stages)))
            .or_default() += 1;
    }
    counts.into_iter().map(|((f, t), n)| (f, t, n)).collect()
}
