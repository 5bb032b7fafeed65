//! Campaign cohorts and their comparison by 3-month LTV (DOMAIN §4).
//!
//! Decision (DOMAIN §4): a campaign's cohort is every customer with a visit
//! tagged with it; the customer's start is the first tagged visit. A window
//! of k days counts a customer only when start + k ≤ as-of (complete); LTV(k)
//! = mean revenue from start through start + k, start visit included;
//! retention(k) = share with another visit in (start, start + k].

use crate::domain::customer::rows_by_customer;
use crate::domain::export::text_cell;
use crate::domain::model::{Dataset, NONE_IDX};
use crate::domain::stats::{self, TestResult};
use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The windows the view reports, in days.
pub const WINDOWS: [u16; 3] = [30, 90, 365];
/// Longest window the curves cover.
pub const HORIZON: u16 = 365;
/// Below this many complete customers a cohort is too small to tell.
pub const MIN_SAMPLE: usize = 30;
/// Bootstrap resamples.
pub const BOOTSTRAP_REPS: usize = 1000;
/// Seed of every interval and simulation shown, fixed so the page and the
/// export show the same figures each time.
pub const SEED: u64 = 20_240;
/// Monte Carlo runs of the what-if scenario.
pub const SCENARIO_RUNS: usize = 10_000;

/// One cohort member: start date and revenue events up to the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub customer: u32,
    pub start: NaiveDate,
    /// Days observed after the start (as-of − start).
    pub observed: i64,
    /// (day offset from start, amount in yuan), offsets 0..=HORIZON, in order.
    pub events: Vec<(u16, f64)>,
}

impl Member {
    pub fn complete(&self, days: u16) -> bool {
        self.observed >= i64::from(days)
    }

    pub fn revenue(&self, days: u16) -> f64 {
        self.events
            .iter()
            .take_while(|e| e.0 <= days)
            .map(|e| e.1)
            .sum()
    }

    pub fn retained(&self, days: u16) -> bool {
        self.events.iter().any(|e| e.0 >= 1 && e.0 <= days)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    pub campaign: String,
    pub members: Vec<Member>,
}

/// Figures of one cohort over one window.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowStats {
    pub days: u16,
    /// Customers whose window is complete.
    pub customers: usize,
    pub too_recent: usize,
    pub retained: usize,
    pub retention: Option<f64>,
    pub ltv: Option<f64>,
    pub values: Vec<f64>,
}

/// A window's figures without the per-customer values (what a view shows).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowFigures {
    pub days: u16,
    pub customers: usize,
    pub too_recent: usize,
    pub retained: usize,
    pub retention: Option<f64>,
    pub ltv: Option<f64>,
}

impl WindowStats {
    pub fn figures(&self) -> WindowFigures {
        WindowFigures {
            days: self.days,
            customers: self.customers,
            too_recent: self.too_recent,
            retained: self.retained,
            retention: self.retention,
            ltv: self.ltv,
        }
    }

    /// 95% bootstrap interval of the LTV (seeded). Kept apart from
    /// [`Cohort::window`] because the resampling is the costly part and
    /// most windows are shown without an interval.
    pub fn ltv_ci(&self, seed: u64) -> Option<(f64, f64)> {
        stats::bootstrap_mean_ci(&self.values, BOOTSTRAP_REPS, seed)
    }
}

impl Cohort {
    pub fn window(&self, days: u16) -> WindowStats {
        let complete: Vec<&Member> = self.members.iter().filter(|m| m.complete(days)).collect();
        let values: Vec<f64> = complete.iter().map(|m| m.revenue(days)).collect();
        let retained = complete.iter().filter(|m| m.retained(days)).count();
        let n = complete.len();
        WindowStats {
            days,
            customers: n,
            too_recent: self.members.len() - n,
            retained,
            retention: (n > 0).then(|| retained as f64 / n as f64),
            ltv: stats::mean(&values),
            values,
        }
    }

    /// The model-predicted 12-month value per customer (DOMAIN §9): each
    /// member's revenue from the start through start + 365 days as far as
    /// observed, plus what `future(customer, days)` expects them to spend in
    /// the days of that year still to come. Members without a prediction
    /// are left out; `None` when none has one.
    pub fn predicted_12m(&self, future: &dyn Fn(u32, f64) -> Option<f64>) -> Option<f64> {
        let (mut sum, mut n) = (0.0, 0usize);
        for m in &self.members {
            let observed = m.revenue(HORIZON);
            let left = (i64::from(HORIZON) - m.observed).max(0) as f64;
            let ahead = if left > 0.0 {
                match future(m.customer, left) {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                0.0
            };
            sum += observed + ahead;
            n += 1;
        }
        (n > 0).then(|| sum / n as f64)
    }

    /// Mean cumulative revenue per customer by day 0..=HORIZON with a 95%
    /// normal band, among customers observed at least that long; and the
    /// share with a repeat visit by that day.
    pub fn curves(&self) -> Curves {
        let len = usize::from(HORIZON) + 1;
        // Each member's cumulative revenue is a step function of the day; it
        // adds its value (and its square) to every day of a step at once
        // through difference arrays, so the work is per event, not per day.
        let (mut n, mut sum, mut sum2, mut repeat) = (
            vec![0i64; len + 1],
            vec![0.0; len + 1],
            vec![0.0; len + 1],
            vec![0i64; len + 1],
        );
        for m in &self.members {
            if m.observed < 0 {
                continue;
            }
            let end = m.observed.min(i64::from(HORIZON)) as usize + 1;
            n[0] += 1;
            n[end] -= 1;
            let mut cum = 0.0;
            let mut from = 0usize;
            let mut events = m.events.iter().peekable();
            while from < end {
                while let Some(e) = events.next_if(|e| usize::from(e.0) <= from) {
                    cum += e.1;
                }
                let to = events.peek().map_or(end, |e| usize::from(e.0).min(end));
                sum[from] += cum;
                sum[to] -= cum;
                sum2[from] += cum * cum;
                sum2[to] -= cum * cum;
                from = to;
            }
            if let Some(first) = m.events.iter().find(|e| e.0 >= 1) {
                let day = usize::from(first.0);
                if day < end {
                    repeat[day] += 1;
                    repeat[end] -= 1;
                }
            }
        }
        let mut run = (0i64, 0.0, 0.0, 0i64);
        let mut acc = |day: usize| {
            run.0 += n[day];
            run.1 += sum[day];
            run.2 += sum2[day];
            run.3 += repeat[day];
            run
        };
        let (mut n, mut sum, mut sum2, mut repeat) = (
            vec![0usize; len],
            vec![0.0; len],
            vec![0.0; len],
            vec![0usize; len],
        );
        for day in 0..len {
            let (k, s, s2, r) = acc(day);
            n[day] = k.max(0) as usize;
            sum[day] = s;
            sum2[day] = s2;
            repeat[day] = r.max(0) as usize;
        }
        let mut c = Curves::default();
        for day in 0..len {
            if n[day] == 0 {
                break;
            }
            let k = n[day] as f64;
            let mean = sum[day] / k;
            let var = if n[day] > 1 {
                ((sum2[day] - k * mean * mean) / (k - 1.0)).max(0.0)
            } else {
                0.0
            };
            let half = 1.96 * (var / k).sqrt();
            c.revenue.push((day as u16, mean, mean - half, mean + half));
            c.retention.push((day as u16, repeat[day] as f64 / k));
        }
        c
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Curves {
    /// (day, mean, low, high) cumulative revenue per customer, yuan.
    pub revenue: Vec<(u16, f64, f64, f64)>,
    /// (day, share with a repeat visit).
    pub retention: Vec<(u16, f64)>,
}

/// Every campaign's cohort at the as-of date, largest first.
pub fn cohorts(d: &Dataset, as_of: NaiveDate) -> Vec<Cohort> {
    if d.campaign.is_empty() {
        return Vec::new();
    }
    let (start, order) = rows_by_customer(d, as_of);
    let mut by_campaign: Vec<Vec<Member>> = vec![Vec::new(); d.campaign_names.len()];
    let mut first_tag: Vec<Option<NaiveDate>> = vec![None; d.campaign_names.len()];
    for c in 0..d.customer_ids.len() {
        let rows = &order[start[c] as usize..start[c + 1] as usize];
        first_tag.iter_mut().for_each(|f| *f = None);
        for &i in rows {
            let k = d.campaign[i as usize];
            if k != NONE_IDX && first_tag[k as usize].is_none() {
                first_tag[k as usize] = Some(d.date[i as usize]);
            }
        }
        for (k, s) in first_tag.iter().enumerate() {
            let Some(s) = *s else { continue };
            let horizon = s
                .checked_add_days(Days::new(u64::from(HORIZON)))
                .unwrap_or(s);
            let events = rows
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| d.date[i] >= s && d.date[i] <= horizon)
                .map(|i| ((d.date[i] - s).num_days() as u16, d.amount[i].yuan()))
                .collect();
            by_campaign[k].push(Member {
                customer: c as u32,
                start: s,
                observed: (as_of - s).num_days(),
                events,
            });
        }
    }
    let mut out: Vec<Cohort> = by_campaign
        .into_iter()
        .enumerate()
        .filter(|(_, m)| !m.is_empty())
        .map(|(k, members)| Cohort {
            campaign: d.campaign_names[k].clone(),
            members,
        })
        .collect();
    out.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.campaign.cmp(&b.campaign))
    });
    out
}

/// The pair compared by default: DOMAIN §4's A and B when the data has
/// them, else the two largest campaigns (`campaigns` largest first, with
/// their sizes).
pub fn default_pair(campaigns: &[(String, usize)]) -> (Option<String>, Option<String>) {
    let pick = |named: &str, rank: usize| {
        campaigns
            .iter()
            .find(|(c, _)| c == named)
            .or_else(|| campaigns.get(rank))
            .map(|(c, _)| c.clone())
    };
    (
        pick(crate::domain::demo::CAMPAIGN_A, 0),
        pick(crate::domain::demo::CAMPAIGN_B, 1),
    )
}

/// Two cohorts side by side on the 3-month window, with the tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub a: WindowFigures,
    pub b: WindowFigures,
    /// 95% bootstrap intervals of each 3-month LTV.
    pub a_ltv_ci: Option<(f64, f64)>,
    pub b_ltv_ci: Option<(f64, f64)>,
    /// mean(B) − mean(A) of 3-month LTV and its bootstrap interval.
    pub ltv_diff: Option<f64>,
    pub ltv_diff_ci: Option<(f64, f64)>,
    pub welch: Option<TestResult>,
    pub retention_test: Option<TestResult>,
    /// Either cohort has fewer than MIN_SAMPLE complete customers.
    pub too_small: bool,
}

pub fn compare(a: &Cohort, b: &Cohort, seed: u64) -> Comparison {
    compare_with(a, b, seed, &mut |w| w.ltv_ci(seed))
}

/// [`compare`] with each cohort's 3-month interval from `ci` (a cache: the
/// campaign list computes the same intervals).
pub fn compare_with(
    a: &Cohort,
    b: &Cohort,
    seed: u64,
    ci: &mut dyn FnMut(&WindowStats) -> Option<(f64, f64)>,
) -> Comparison {
    // The same seed per cohort as `campaigns_csv`, so the page and the
    // export show the same interval.
    let (wa, wb) = (a.window(90), b.window(90));
    let diff = wa.ltv.zip(wb.ltv).map(|(x, y)| y - x);
    Comparison {
        ltv_diff: diff,
        ltv_diff_ci: stats::bootstrap_diff_ci(
            &wa.values,
            &wb.values,
            BOOTSTRAP_REPS,
            seed.wrapping_add(2),
        ),
        welch: stats::welch(&wb.values, &wa.values),
        retention_test: stats::two_proportion(wb.retained, wb.customers, wa.retained, wa.customers),
        too_small: wa.customers < MIN_SAMPLE || wb.customers < MIN_SAMPLE,
        a_ltv_ci: ci(&wa),
        b_ltv_ci: ci(&wb),
        a: wa.figures(),
        b: wb.figures(),
    }
}

/// Which of the two campaigns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    A,
    B,
}

/// What the comparison says, decided once here (the view only words it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Verdict {
    /// Either cohort has fewer than `min` customers with a complete window.
    TooSmall { a: usize, b: usize, min: usize },
    /// A cohort has no complete customer: no difference can be computed.
    NoData,
    /// The 95% interval of B − A includes 0.
    NoDifference { low: f64, high: f64 },
    /// One campaign brings `amount` more per customer in 3 months, with the
    /// interval of that advantage; `day_one_reversal` when the loser had
    /// the higher day-0 revenue ("looks better on day one only").
    Winner {
        winner: Side,
        amount: f64,
        low: f64,
        high: f64,
        day_one_reversal: bool,
    },
}

impl Comparison {
    /// DOMAIN §4: judge by 3-month LTV with its interval; `day0` is each
    /// cohort's mean revenue on the start day, (A, B).
    pub fn verdict(&self, day0: (Option<f64>, Option<f64>)) -> Verdict {
        if self.too_small {
            return Verdict::TooSmall {
                a: self.a.customers,
                b: self.b.customers,
                min: MIN_SAMPLE,
            };
        }
        let (Some(diff), Some((lo, hi))) = (self.ltv_diff, self.ltv_diff_ci) else {
            return Verdict::NoData;
        };
        if lo <= 0.0 && hi >= 0.0 {
            return Verdict::NoDifference { low: lo, high: hi };
        }
        let (winner, amount, low, high) = if diff > 0.0 {
            (Side::B, diff, lo, hi)
        } else {
            (Side::A, -diff, -hi, -lo)
        };
        let day_one_reversal = match (winner, day0) {
            (Side::B, (Some(a), Some(b))) => b < a,
            (Side::A, (Some(a), Some(b))) => a < b,
            _ => false,
        };
        Verdict::Winner {
            winner,
            amount,
            low,
            high,
            day_one_reversal,
        }
    }
}

/// Return ratio (LTV ÷ cost, "1:x") and net ROI ((LTV − cost) ÷ cost).
pub fn returns(ltv: f64, cost_per_person: f64) -> Option<(f64, f64)> {
    (cost_per_person > 0.0).then(|| {
        (
            ltv / cost_per_person,
            (ltv - cost_per_person) / cost_per_person,
        )
    })
}

/// DOMAIN §4 defaults for the two named campaigns, cost per person in yuan.
pub fn default_cost(campaign: &str) -> Option<f64> {
    match campaign {
        "首保免费" => Some(800.0),
        "新车守护计划" => Some(300.0),
        _ => None,
    }
}

/// A what-if campaign (scenario mode): each figure a range (low = high for
/// a point). Rates are fractions, money in yuan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScenarioCampaign {
    pub cost: (f64, f64),
    pub arrival: (f64, f64),
    pub conversion: (f64, f64),
    pub retention_3m: (f64, f64),
    pub ltv_3m: (f64, f64),
}

impl ScenarioCampaign {
    /// DOMAIN §4 column A (免费首保), with ±10% ranges on cost and LTV.
    pub fn source_a() -> Self {
        ScenarioCampaign {
            cost: (720.0, 880.0),
            arrival: (0.85, 0.85),
            conversion: (0.90, 0.90),
            retention_3m: (0.41, 0.41),
            ltv_3m: (1080.0, 1320.0),
        }
    }

    /// DOMAIN §4 column B (新车守护计划), with ±10% ranges on cost and LTV.
    pub fn source_b() -> Self {
        ScenarioCampaign {
            cost: (270.0, 330.0),
            arrival: (0.72, 0.72),
            conversion: (0.78, 0.78),
            retention_3m: (0.76, 0.76),
            ltv_3m: (3420.0, 4180.0),
        }
    }
}

/// Why a scenario's figures cannot be simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScenarioProblem {
    /// A range's low end is above its high end.
    RangeOrder,
    /// A cost is 0 or less, or a figure is not a finite number.
    NotPositive,
    /// A rate is outside 0–100%.
    RateBounds,
}

impl ScenarioCampaign {
    /// Day-one conversion (arrival × first conversion, at range midpoints).
    pub fn day_one(&self) -> f64 {
        let mid = |r: (f64, f64)| (r.0 + r.1) / 2.0;
        mid(self.arrival) * mid(self.conversion)
    }

    /// Every range is low ≤ high, costs above 0, rates within 0–1.
    pub fn check(&self) -> Result<(), ScenarioProblem> {
        let all = [
            self.cost,
            self.arrival,
            self.conversion,
            self.retention_3m,
            self.ltv_3m,
        ];
        if all.iter().any(|r| !r.0.is_finite() || !r.1.is_finite()) {
            return Err(ScenarioProblem::NotPositive);
        }
        if all.iter().any(|r| r.0 > r.1) {
            return Err(ScenarioProblem::RangeOrder);
        }
        if self.cost.0 <= 0.0 || self.ltv_3m.0 < 0.0 {
            return Err(ScenarioProblem::NotPositive);
        }
        let rate = |r: (f64, f64)| (0.0..=1.0).contains(&r.0) && (0.0..=1.0).contains(&r.1);
        if !(rate(self.arrival) && rate(self.conversion) && rate(self.retention_3m)) {
            return Err(ScenarioProblem::RateBounds);
        }
        Ok(())
    }
}

/// Monte Carlo of return per yuan (3-month LTV ÷ cost per person), each
/// figure uniform in its range.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScenarioResult {
    /// P10, P50, P90 of return per yuan, for A and B.
    pub a: (f64, f64, f64),
    pub b: (f64, f64, f64),
    pub p_b_beats_a: f64,
}

pub fn simulate(
    a: &ScenarioCampaign,
    b: &ScenarioCampaign,
    runs: usize,
    seed: u64,
) -> Result<ScenarioResult, ScenarioProblem> {
    a.check()?;
    b.check()?;
    if runs == 0 {
        return Err(ScenarioProblem::NotPositive);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = |(lo, hi): (f64, f64)| {
        if hi > lo {
            rng.random_range(lo..=hi)
        } else {
            lo
        }
    };
    let mut ra = Vec::with_capacity(runs);
    let mut rb = Vec::with_capacity(runs);
    let mut wins = 0usize;
    for _ in 0..runs {
        let (ca, la, cb, lb) = (draw(a.cost), draw(a.ltv_3m), draw(b.cost), draw(b.ltv_3m));
        let (x, y) = (la / ca, lb / cb);
        wins += usize::from(y > x);
        ra.push(x);
        rb.push(y);
    }
    let pct = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        (at(0.1), at(0.5), at(0.9))
    };
    Ok(ScenarioResult {
        a: pct(&mut ra),
        b: pct(&mut rb),
        p_b_beats_a: wins as f64 / runs as f64,
    })
}

/// The campaigns export: one row per campaign in the data.
pub fn campaigns_csv(cohorts: &[Cohort], cost: impl Fn(&str) -> Option<f64>, seed: u64) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "campaign",
        "customers",
        "too_recent",
        "retention_3m",
        "ltv_3m",
        "ltv_3m_low",
        "ltv_3m_high",
        "retention_30d",
        "ltv_30d",
        "retention_12m",
        "ltv_12m",
        "cost_per_person",
        "return_ratio",
        "net_roi",
    ]);
    let opt =
        |v: Option<f64>, places: usize| v.map(|x| format!("{x:.places$}")).unwrap_or_default();
    for c in cohorts {
        let m3 = c.window(90);
        let m3_ci = m3.ltv_ci(seed);
        let m1 = c.window(30);
        let m12 = c.window(365);
        let cpp = cost(&c.campaign);
        let ret = m3.ltv.zip(cpp).and_then(|(l, k)| returns(l, k));
        let _ = w.write_record([
            text_cell(&c.campaign).into_owned(),
            m3.customers.to_string(),
            m3.too_recent.to_string(),
            opt(m3.retention, 4),
            opt(m3.ltv, 2),
            opt(m3_ci.map(|x| x.0), 2),
            opt(m3_ci.map(|x| x.1), 2),
            opt(m1.retention, 4),
            opt(m1.ltv, 2),
            opt(m12.retention, 4),
            opt(m12.ltv, 2),
            opt(cpp, 2),
            opt(ret.map(|r| r.0), 2),
            opt(ret.map(|r| r.1), 4),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}
