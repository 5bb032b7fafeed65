//! What a plan is made of: campaign types × stages (DOMAIN §1), each type's
//! DOMAIN §3 figures, the default cells, and the inputs the loaded data can
//! give them (stage audiences, value per conversion).

use super::PlanCell;
use crate::domain::lifecycle::{stage, Stage, StageSettings};
use crate::domain::summary::CustomerSource;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A campaign type (DOMAIN §1/§3), ids as in the scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignType {
    Acquisition,
    Onboarding,
    Retention,
    Value,
    WakeUp,
    Festival,
    Brand,
}

/// A stage a plan cell aims at: the four of the data plus prospects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStage {
    Prospect,
    New,
    Growth,
    Mature,
    Dormant,
}

impl CampaignType {
    pub const ALL: [CampaignType; 7] = [
        CampaignType::Acquisition,
        CampaignType::Onboarding,
        CampaignType::Retention,
        CampaignType::Value,
        CampaignType::WakeUp,
        CampaignType::Festival,
        CampaignType::Brand,
    ];

    /// The scenario-file id.
    pub fn id(self) -> &'static str {
        match self {
            CampaignType::Acquisition => "acquisition",
            CampaignType::Onboarding => "onboarding",
            CampaignType::Retention => "retention",
            CampaignType::Value => "value",
            CampaignType::WakeUp => "wake_up",
            CampaignType::Festival => "festival",
            CampaignType::Brand => "brand",
        }
    }

    pub fn from_id(id: &str) -> Option<CampaignType> {
        CampaignType::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The type's figures: DOMAIN §3 where the table has them.
    ///
    /// **Decision** for the types §3 leaves out: onboarding (新手培养) is the
    /// retention of new customers and takes retention's figures; VIP/value
    /// (价值深挖) follows seed 004's Champions (about 3,000 a year per person,
    /// ROI about 4×); brand is "hard to quantify": a cheap reach, few
    /// conversions, and a return ratio of 1:1–1:4.
    pub fn profile(self) -> TypeProfile {
        let p = |cost, conversion, ratio| TypeProfile {
            cost,
            conversion,
            ratio,
        };
        match self {
            CampaignType::Acquisition => p((300.0, 600.0), (0.05, 0.15), (3.0, 8.0)),
            CampaignType::Onboarding | CampaignType::Retention => {
                p((100.0, 200.0), (0.60, 0.80), (8.0, 15.0))
            }
            CampaignType::Value => p((2000.0, 4000.0), (0.80, 1.0), (3.0, 5.0)),
            CampaignType::WakeUp => p((80.0, 150.0), (0.20, 0.35), (10.0, 30.0)),
            CampaignType::Festival => p((50.0, 120.0), (0.30, 0.50), (5.0, 12.0)),
            CampaignType::Brand => p((10.0, 30.0), (0.005, 0.02), (1.0, 4.0)),
        }
    }
}

impl PlanStage {
    pub const ALL: [PlanStage; 5] = [
        PlanStage::Prospect,
        PlanStage::New,
        PlanStage::Growth,
        PlanStage::Mature,
        PlanStage::Dormant,
    ];

    pub fn id(self) -> &'static str {
        match self {
            PlanStage::Prospect => "prospect",
            PlanStage::New => "new",
            PlanStage::Growth => "growth",
            PlanStage::Mature => "mature",
            PlanStage::Dormant => "dormant",
        }
    }

    pub fn from_id(id: &str) -> Option<PlanStage> {
        PlanStage::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The data's stage, `None` for prospects (not in visit data).
    pub fn data_stage(self) -> Option<Stage> {
        match self {
            PlanStage::Prospect => None,
            PlanStage::New => Some(Stage::New),
            PlanStage::Growth => Some(Stage::Growth),
            PlanStage::Mature => Some(Stage::Mature),
            PlanStage::Dormant => Some(Stage::Dormant),
        }
    }
}

impl From<Stage> for PlanStage {
    fn from(s: Stage) -> Self {
        match s {
            Stage::New => PlanStage::New,
            Stage::Growth => PlanStage::Growth,
            Stage::Mature => PlanStage::Mature,
            Stage::Dormant => PlanStage::Dormant,
        }
    }
}

/// A campaign type's ranges: cost per person (yuan), conversion rate, and
/// the return ratio of its first yuan (p v ÷ c).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeProfile {
    pub cost: (f64, f64),
    pub conversion: (f64, f64),
    pub ratio: (f64, f64),
}

pub(crate) fn mid(r: (f64, f64)) -> f64 {
    (r.0 + r.1) / 2.0
}

impl TypeProfile {
    /// Value per conversion that makes the first yuan return the midpoint
    /// ratio at the midpoint cost and conversion (DOMAIN §3 midpoints).
    pub fn value(&self) -> f64 {
        mid(self.ratio) * mid(self.cost) / mid(self.conversion)
    }
}

/// The cells a new plan starts with (DOMAIN §1: each stage's main campaign
/// types; festival touches every existing-customer stage but the dormant).
pub const DEFAULT_PAIRS: [(CampaignType, PlanStage); 10] = [
    (CampaignType::Acquisition, PlanStage::Prospect),
    (CampaignType::Brand, PlanStage::Prospect),
    (CampaignType::Onboarding, PlanStage::New),
    (CampaignType::Festival, PlanStage::New),
    (CampaignType::Retention, PlanStage::Growth),
    (CampaignType::Festival, PlanStage::Growth),
    (CampaignType::Retention, PlanStage::Mature),
    (CampaignType::Value, PlanStage::Mature),
    (CampaignType::Festival, PlanStage::Mature),
    (CampaignType::WakeUp, PlanStage::Dormant),
];

/// What the loaded data tells the planner, at an as-of date.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DataInputs {
    /// Customers per stage, in `Stage::ALL` order.
    pub customers: [usize; 4],
    /// Value per conversion for cells aimed at each stage (yuan), where the
    /// data can tell; in `Stage::ALL` order.
    pub value: [Option<f64>; 4],
    /// Customers whose first visit falls in the 12 months to the as-of date.
    pub acquired_12m: usize,
    /// Spend of every customer in the 12 months to the as-of date (yuan).
    pub revenue_12m: f64,
    /// **Decision (value from the model, DOMAIN §9):** what a kept or woken
    /// customer of each stage brings in the next 12 months: the mean over
    /// the stage's customers of their 12-month CLV given that they are
    /// still there (`clv_365d ÷ P(alive)`). Used for the retention, VIP
    /// and wake-up cells when a model is fitted; `None` without one.
    #[serde(default)]
    pub model_value: [Option<f64>; 4],
}

/// **Decision (value per conversion from the data):** one converted
/// customer is worth a year of spend of the stage the campaign moves them
/// into: a new customer kept becomes a growth customer (mean 12-month spend
/// of growth customers), growth and mature customers are worth their own
/// stage's mean, and a woken dormant customer the mean of all customers who
/// visited in the last 12 months. Means are over customers with a visit in
/// those 12 months; a stage without any leaves the DOMAIN §3 default.
pub fn data_inputs(
    d: &(impl CustomerSource + ?Sized),
    as_of: NaiveDate,
    settings: &StageSettings,
) -> DataInputs {
    let stats = d.customer_stats(as_of);
    let mut customers = [0usize; 4];
    let mut spend = [(0.0f64, 0usize); 4];
    let mut all_active = (0.0f64, 0usize);
    let mut acquired_12m = 0;
    let mut revenue_12m = 0.0;
    let year_start = as_of - chrono::Days::new(365);
    for s in &stats {
        let k = stage(s, as_of, settings) as usize;
        customers[k] += 1;
        revenue_12m += s.spend_12m.yuan();
        acquired_12m += usize::from(s.first_visit > year_start);
        if s.visits_12m > 0 {
            spend[k].0 += s.spend_12m.yuan();
            spend[k].1 += 1;
            all_active.0 += s.spend_12m.yuan();
            all_active.1 += 1;
        }
    }
    let mean = |(sum, n): (f64, usize)| (n > 0).then(|| sum / n as f64);
    let growth = mean(spend[Stage::Growth as usize]);
    DataInputs {
        customers,
        value: [
            growth,
            growth,
            mean(spend[Stage::Mature as usize]),
            mean(all_active),
        ],
        acquired_12m,
        revenue_12m,
        model_value: [None; 4],
    }
}

impl DataInputs {
    /// **Decision:** the prospect pool defaults to ten times the customers
    /// acquired in the last 12 months (at acquisition's 10% midpoint
    /// conversion, working the whole pool would win a year's intake again);
    /// data that acquired no one gives a pool of 0, never an invented one.
    pub fn prospects(&self) -> f64 {
        (self.acquired_12m * 10) as f64
    }

    pub fn audience(&self, s: PlanStage) -> f64 {
        match s.data_stage() {
            None => self.prospects(),
            Some(st) => self.customers[st as usize] as f64,
        }
    }
}

/// **Decision (audiences with no data):** a mid-size regional network.
pub fn default_audience(s: PlanStage) -> f64 {
    match s {
        PlanStage::Prospect => 40_000.0,
        PlanStage::New => 3_000.0,
        PlanStage::Growth => 9_000.0,
        PlanStage::Mature => 20_000.0,
        PlanStage::Dormant => 12_000.0,
    }
}

/// A cell with DOMAIN §3 midpoints, the data's audience and value where it
/// has them, no minimum and no maximum.
pub fn default_cell(t: CampaignType, s: PlanStage, data: Option<&DataInputs>) -> PlanCell {
    let p = t.profile();
    let audience = data.map_or_else(|| default_audience(s), |d| d.audience(s));
    // Kept, upgraded or woken customers are worth what the model expects
    // of them; brand is not what a year of spend measures.
    let from_model = match t {
        CampaignType::Retention | CampaignType::Value | CampaignType::WakeUp => {
            data.and_then(|d| d.model_value[s.data_stage()? as usize])
        }
        _ => None,
    };
    let from_data = from_model.or_else(|| match t {
        CampaignType::Value | CampaignType::Brand => None,
        _ => data.and_then(|d| d.value[s.data_stage()? as usize]),
    });
    let mut cell = PlanCell::new(
        t,
        s,
        audience,
        mid(p.cost),
        mid(p.conversion),
        from_data.unwrap_or_else(|| p.value()),
    );
    cell.value_range = from_data.map(|v| {
        // The ratio range of the type, around the data's value.
        let m = mid(p.ratio);
        (v * p.ratio.0 / m, v * p.ratio.1 / m)
    });
    cell
}

/// **Decision (default budget):** a tenth of the data's last-12-month
/// revenue, else ¥8 M; rounded to two significant figures.
pub fn default_budget(data: Option<&DataInputs>) -> f64 {
    let raw = data
        .map(|d| d.revenue_12m * 0.1)
        .filter(|b| *b >= 1.0)
        .unwrap_or(8_000_000.0);
    let step = 10f64.powi(raw.log10().floor() as i32 - 1);
    (raw / step).round() * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for t in CampaignType::ALL {
            assert_eq!(CampaignType::from_id(t.id()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.id())
            );
        }
        for s in PlanStage::ALL {
            assert_eq!(PlanStage::from_id(s.id()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.id())
            );
        }
    }

    #[test]
    fn default_values_give_the_midpoint_ratio() {
        // Retention: 11.5 × 150 ÷ 0.7 = 2,464.29; the first yuan returns 11.5.
        let v = CampaignType::Retention.profile().value();
        assert!((v - 11.5 * 150.0 / 0.7).abs() < 1e-9);
        let c = default_cell(CampaignType::Retention, PlanStage::Growth, None);
        assert!((c.marginal(0.0) - 11.5).abs() < 1e-9);
        assert_eq!(c.audience, 9_000.0);
        // Wake-up: 20 × 115 ÷ 0.275.
        let w = default_cell(CampaignType::WakeUp, PlanStage::Dormant, None);
        assert!((w.value_per_conversion - 20.0 * 115.0 / 0.275).abs() < 1e-9);
        assert!((w.conversion_rate - 0.275).abs() < 1e-12);
    }

    #[test]
    fn budgets_round_to_two_figures() {
        assert_eq!(default_budget(None), 8_000_000.0);
        let d = DataInputs {
            customers: [1, 2, 3, 4],
            value: [None; 4],
            acquired_12m: 7,
            revenue_12m: 61_234_567.0,
            model_value: [None; 4],
        };
        assert_eq!(default_budget(Some(&d)), 6_100_000.0);
        assert_eq!(d.prospects(), 70.0);
        assert_eq!(d.audience(PlanStage::Mature), 3.0);
    }

    #[test]
    fn kept_and_woken_customers_are_worth_what_the_model_expects() {
        let d = DataInputs {
            customers: [10, 20, 30, 40],
            value: [Some(1000.0), Some(1000.0), Some(2000.0), Some(900.0)],
            acquired_12m: 7,
            revenue_12m: 1e6,
            model_value: [None, Some(1500.0), Some(3000.0), Some(700.0)],
        };
        let v = |t, s| default_cell(t, s, Some(&d)).value_per_conversion;
        assert_eq!(v(CampaignType::Retention, PlanStage::Growth), 1500.0);
        assert_eq!(v(CampaignType::Value, PlanStage::Mature), 3000.0);
        assert_eq!(v(CampaignType::WakeUp, PlanStage::Dormant), 700.0);
        // Without a model value the data's 12-month spend stays.
        assert_eq!(v(CampaignType::Retention, PlanStage::New), 1000.0);
        assert_eq!(v(CampaignType::Onboarding, PlanStage::Growth), 1000.0);
    }
}
