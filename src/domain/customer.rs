//! Per-customer figures at an as-of date, from the visit rows.
//!
//! DOMAIN §2 "Decisions": a visit is a distinct (customer, date); rows after
//! the as-of date are ignored; recency = as-of − last visit in whole days;
//! "annual" figures use the 365 days ending on the as-of date, (T−365, T].

use crate::domain::model::{CustomerIdx, Dataset};
use crate::domain::money::Fen;
use chrono::NaiveDate;

/// One customer's history, summarised at the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerStats {
    pub customer: CustomerIdx,
    pub first_visit: NaiveDate,
    pub last_visit: NaiveDate,
    pub recency_days: u32,
    /// Visits (distinct dates) up to the as-of date.
    pub frequency: u32,
    /// Spend up to the as-of date.
    pub monetary: Fen,
    pub visits_12m: u32,
    pub spend_12m: Fen,
    /// Earliest delivery date on the customer's rows, if the data has one.
    pub delivery: Option<NaiveDate>,
    /// The latest NPS/satisfaction score on or before the as-of date.
    pub latest_score: Option<f32>,
    pub complaint: bool,
}

/// Summarises every customer with at least one visit on or before `as_of`,
/// in customer-index order.
pub fn customer_stats(d: &Dataset, as_of: NaiveDate) -> Vec<CustomerStats> {
    let mut rows: Vec<u32> = (0..d.len() as u32)
        .filter(|&i| d.date[i as usize] <= as_of)
        .collect();
    rows.sort_unstable_by_key(|&i| (d.customer[i as usize], d.date[i as usize]));
    let year_start = as_of - chrono::Days::new(365);
    let mut out: Vec<CustomerStats> = Vec::new();
    let mut latest_score_date: Option<NaiveDate> = None;
    for i in rows {
        let i = i as usize;
        let (c, date, amount) = (d.customer[i], d.date[i], d.amount[i]);
        let in_year = date > year_start;
        let same_customer = out.last().is_some_and(|s| s.customer == c);
        if !same_customer {
            latest_score_date = None;
            out.push(CustomerStats {
                customer: c,
                first_visit: date,
                last_visit: date,
                recency_days: 0,
                frequency: 1,
                monetary: Fen::ZERO,
                visits_12m: u32::from(in_year),
                spend_12m: Fen::ZERO,
                delivery: None,
                latest_score: None,
                complaint: false,
            });
        }
        let Some(s) = out.last_mut() else { continue };
        if same_customer && date != s.last_visit {
            s.frequency += 1;
            s.visits_12m += u32::from(in_year);
            s.last_visit = date;
        }
        s.monetary += amount;
        if in_year {
            s.spend_12m += amount;
        }
        if let Some(Some(dd)) = d.delivery.get(i) {
            s.delivery = Some(s.delivery.map_or(*dd, |x| x.min(*dd)));
        }
        if let Some(Some(score)) = d.nps.get(i) {
            if latest_score_date.is_none_or(|l| date >= l) {
                latest_score_date = Some(date);
                s.latest_score = Some(*score);
            }
        }
        if d.complaint.get(i).copied().flatten() == Some(true) {
            s.complaint = true;
        }
    }
    for s in &mut out {
        s.recency_days = (as_of - s.last_visit).num_days().max(0) as u32;
    }
    out
}
