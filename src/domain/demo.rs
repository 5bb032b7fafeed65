//! Deterministic demo data: a regional after-sales network of six stores
//! over three years, generated from a seed (same seed, same rows, on every
//! platform: ChaCha8 with one stream per customer).
//!
//! It is built to tell the seed stories (DOMAIN §6) and to carry the two
//! acquisition campaigns of DOMAIN §4: 首保免费 (A) brings bargain hunters
//! (3-month retention ≈ 41%, 3-month LTV ≈ 1,200) and 新车守护计划 (B) brings
//! customers worth more (≈ 76%, ≈ 3,800).

use crate::domain::export::text_cell;
use crate::domain::model::{Dataset, DatasetBuilder, OptionalColumns, VisitRow};
use crate::domain::money::Fen;
use chrono::{Datelike, Days, NaiveDate};
use rand::Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Exp, LogNormal};

/// Campaign A of DOMAIN §4.
pub const CAMPAIGN_A: &str = "首保免费";
/// Campaign B of DOMAIN §4.
pub const CAMPAIGN_B: &str = "新车守护计划";
pub const CAMPAIGN_WAKE_UP: &str = "沉睡唤醒";

const STORES: [(&str, u32); 6] = [
    ("广州天河店", 26),
    ("广州番禺店", 18),
    ("佛山南海店", 17),
    ("深圳南山店", 16),
    ("东莞南城店", 13),
    ("珠海香洲店", 10),
];

/// (month, day) of a calendar window.
type MonthDay = (u32, u32);

/// Seasonal and festival campaigns (DOMAIN §3): name, window, and the share
/// of visits in the window that carry the tag.
const SEASONAL: [(&str, MonthDay, MonthDay, f64); 5] = [
    ("春节关怀", (1, 10), (2, 20), 0.30),
    ("春季检测", (3, 15), (4, 30), 0.20),
    ("夏季空调检测", (6, 15), (8, 31), 0.25),
    ("国庆自驾护航", (9, 25), (10, 10), 0.30),
    ("双11养护节", (11, 1), (11, 11), 0.35),
];

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub customers: usize,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            seed: 2024,
            customers: 20_000,
            start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
        }
    }
}

/// How a customer behaves over the years.
#[derive(Debug, Clone, Copy)]
struct Persona {
    visits_per_year: f64,
    /// Chance of never coming back after a visit.
    churn_per_visit: f64,
    ticket: f64,
    /// NPS promoter/passive shares; the rest are detractors.
    promoters: f64,
    passives: f64,
}

const LOYAL: Persona = Persona {
    visits_per_year: 5.0,
    churn_per_visit: 0.03,
    ticket: 2400.0,
    promoters: 0.75,
    passives: 0.2,
};
const REGULAR: Persona = Persona {
    visits_per_year: 2.6,
    churn_per_visit: 0.08,
    ticket: 1800.0,
    promoters: 0.55,
    passives: 0.3,
};
const OCCASIONAL: Persona = Persona {
    visits_per_year: 1.3,
    churn_per_visit: 0.20,
    ticket: 1200.0,
    promoters: 0.35,
    passives: 0.35,
};

/// Generates the demo a number of customers at a time, so a page can show
/// progress between steps.
#[derive(Debug)]
pub struct DemoGenerator {
    cfg: DemoConfig,
    next: usize,
    rows: Vec<VisitRow>,
}

impl DemoGenerator {
    pub fn new(cfg: DemoConfig) -> Self {
        DemoGenerator {
            cfg,
            next: 0,
            rows: Vec::with_capacity(cfg.customers * 7),
        }
    }

    /// Generates up to `customers` more customers; true when all are done.
    pub fn step(&mut self, customers: usize) -> bool {
        let end = self.cfg.customers.min(self.next.saturating_add(customers));
        for i in self.next..end {
            let mut rng = ChaCha8Rng::seed_from_u64(self.cfg.seed);
            rng.set_stream(i as u64);
            customer_rows(&self.cfg, i, &mut rng, &mut self.rows);
        }
        self.next = end;
        self.next >= self.cfg.customers
    }

    pub fn progress(&self) -> f64 {
        self.next as f64 / self.cfg.customers.max(1) as f64
    }

    /// The rows, sorted by date then customer, as an export lists them.
    pub fn finish(mut self) -> Vec<VisitRow> {
        while !self.step(usize::MAX) {}
        let mut rows = self.rows;
        rows.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| a.customer.cmp(&b.customer))
        });
        rows
    }
}

/// Generates every row at once.
pub fn generate(cfg: &DemoConfig) -> Vec<VisitRow> {
    DemoGenerator::new(*cfg).finish()
}

/// Rows as a loaded data set with every optional column.
pub fn to_dataset(rows: Vec<VisitRow>) -> Dataset {
    let mut b = DatasetBuilder::new(OptionalColumns {
        campaign: true,
        store: true,
        delivery: true,
        nps: true,
        complaint: true,
    });
    for row in rows {
        b.push(row);
    }
    b.finish()
}

/// The demo as a loaded data set.
pub fn dataset(cfg: &DemoConfig) -> Dataset {
    to_dataset(generate(cfg))
}

/// Writes rows as a DMS-style CSV with Chinese headers (UTF-8).
pub fn write_csv<W: std::io::Write>(rows: &[VisitRow], out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "客户编号",
        "到店日期",
        "服务项目",
        "消费金额(元)",
        "参与活动",
        "门店",
        "交车日期",
        "NPS",
        "投诉",
    ])?;
    for r in rows {
        let item = match r.amount.0 {
            a if a < 0 => "退款",
            a if a < 60_000 => "常规保养",
            a if a < 200_000 => "维修",
            _ => "钣喷",
        };
        w.write_record([
            &*text_cell(&r.customer),
            &r.date.format("%Y/%-m/%-d").to_string(),
            item,
            &r.amount.to_string(),
            &*text_cell(r.campaign.as_deref().unwrap_or("")),
            &*text_cell(r.store.as_deref().unwrap_or("")),
            &r.delivery.map(|d| d.to_string()).unwrap_or_default(),
            &r.nps.map(|n| format!("{n}")).unwrap_or_default(),
            match r.complaint {
                Some(true) => "是",
                _ => "",
            },
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    }
}

fn pick_store(rng: &mut ChaCha8Rng) -> usize {
    let total: u32 = STORES.iter().map(|s| s.1).sum();
    let mut x = rng.random_range(0..total);
    for (i, s) in STORES.iter().enumerate() {
        if x < s.1 {
            return i;
        }
        x -= s.1;
    }
    0
}

fn ticket(rng: &mut ChaCha8Rng, mean: f64) -> Fen {
    // Log-normal with sigma 0.6 and the given mean; whole yuan, as invoices are.
    let sigma: f64 = 0.6;
    let mu = mean.ln() - sigma * sigma / 2.0;
    let x = LogNormal::new(mu, sigma).map_or(mean, |d| d.sample(rng));
    Fen((x.round() as i64).max(0) * 100)
}

#[derive(Clone, Copy, PartialEq)]
enum Acquisition {
    A,
    B,
    Other,
}

fn customer_rows(cfg: &DemoConfig, i: usize, rng: &mut ChaCha8Rng, out: &mut Vec<VisitRow>) {
    let id = format!("C{:06}", i + 1);
    let home = pick_store(rng);
    let span = (cfg.end - cfg.start).num_days().max(1);
    let existing = rng.random_bool(0.35);
    let delivery = if existing {
        add_days(cfg.start, -rng.random_range(30..5 * 365))
    } else {
        add_days(cfg.start, rng.random_range(0..(span - 30).max(1)))
    };
    let acquisition = match (existing, rng.random::<f64>()) {
        (false, x) if x < 0.25 => Acquisition::A,
        (false, x) if x < 0.45 => Acquisition::B,
        _ => Acquisition::Other,
    };
    let persona = match (acquisition, rng.random::<f64>()) {
        (Acquisition::A, x) if x < 0.6 => OCCASIONAL,
        (Acquisition::A, _) => REGULAR,
        (Acquisition::B, x) if x < 0.45 => LOYAL,
        (Acquisition::B, _) => REGULAR,
        (_, x) if x < 0.2 => LOYAL,
        (_, x) if x < 0.65 => REGULAR,
        _ => OCCASIONAL,
    };
    let rate = persona.visits_per_year * LogNormal::new(-0.08, 0.4).map_or(1.0, |d| d.sample(rng));
    let gap = Exp::new(rate / 365.0).ok();

    let mut visits: Vec<(NaiveDate, Fen, Option<&'static str>)> = Vec::new();
    let mut day = if existing {
        add_days(cfg.start, rng.random_range(0..120))
    } else {
        add_days(delivery, rng.random_range(7..60))
    };
    match acquisition {
        Acquisition::A => {
            visits.push((day, ticket(rng, 350.0), Some(CAMPAIGN_A)));
            if rng.random_bool(0.41) {
                visits.push((
                    add_days(day, rng.random_range(7..=90)),
                    ticket(rng, 1950.0),
                    None,
                ));
            }
            day = add_days(day, 91);
        }
        Acquisition::B => {
            visits.push((day, ticket(rng, 1500.0), Some(CAMPAIGN_B)));
            if rng.random_bool(0.76) {
                visits.push((
                    add_days(day, rng.random_range(7..=90)),
                    ticket(rng, 3030.0),
                    None,
                ));
            }
            day = add_days(day, 91);
        }
        Acquisition::Other => visits.push((day, ticket(rng, persona.ticket * 0.7), None)),
    }
    let mut last = visits.last().map_or(day, |v| v.0);
    loop {
        if rng.random_bool(persona.churn_per_visit) {
            // Some churned customers are won back by a wake-up campaign.
            if rng.random_bool(0.25) {
                let back = add_days(last, rng.random_range(200..500));
                visits.push((back, ticket(rng, persona.ticket), Some(CAMPAIGN_WAKE_UP)));
                last = back;
                if rng.random_bool(0.5) {
                    continue;
                }
            }
            break;
        }
        let g = gap.map_or(120.0, |e| e.sample(rng)).clamp(5.0, 900.0);
        let next = add_days(day.max(last), g.round() as i64);
        let tag = seasonal_tag(next, rng).or_else(|| {
            ((next - last).num_days() > 180 && rng.random_bool(0.4)).then_some(CAMPAIGN_WAKE_UP)
        });
        visits.push((next, ticket(rng, persona.ticket), tag));
        last = next;
        day = next;
        if next > cfg.end {
            break;
        }
    }

    let store_names = |rng: &mut ChaCha8Rng| {
        if rng.random_bool(0.9) {
            STORES[home].0
        } else {
            STORES[pick_store(rng)].0
        }
    };
    for (date, amount, campaign) in visits {
        if date < cfg.start || date > cfg.end {
            continue;
        }
        let store = store_names(rng).to_owned();
        let nps = rng.random_bool(0.3).then(|| {
            let x: f64 = rng.random();
            let score = if x < persona.promoters {
                rng.random_range(9..=10)
            } else if x < persona.promoters + persona.passives {
                rng.random_range(7..=8)
            } else {
                rng.random_range(0..=6)
            };
            score as f32
        });
        let complaint_chance = if nps.is_some_and(|n| n <= 6.0) {
            0.25
        } else {
            0.01
        };
        let complaint = rng.random_bool(complaint_chance).then_some(true);
        let row = |amount: Fen| VisitRow {
            customer: id.clone(),
            date,
            amount,
            campaign: campaign.map(str::to_owned),
            store: Some(store.clone()),
            delivery: Some(delivery),
            nps,
            complaint,
        };
        // A third of visits are invoiced as two line items (labour + parts).
        if rng.random_bool(0.35) && amount.0 > 10_000 {
            let parts = Fen(amount.0 * 3 / 10 / 100 * 100);
            out.push(row(amount - parts));
            out.push(VisitRow {
                nps: None,
                complaint: None,
                ..row(parts)
            });
        } else {
            out.push(row(amount));
        }
        if rng.random_bool(0.005) {
            out.push(VisitRow {
                nps: None,
                complaint: None,
                ..row(Fen(-(amount.0 / 10 / 100 * 100)))
            });
        }
    }
}

fn seasonal_tag(date: NaiveDate, rng: &mut ChaCha8Rng) -> Option<&'static str> {
    let md = (date.month(), date.day());
    SEASONAL
        .iter()
        .find(|(_, from, to, _)| md >= *from && md <= *to)
        .and_then(|(name, _, _, p)| rng.random_bool(*p).then_some(*name))
}
