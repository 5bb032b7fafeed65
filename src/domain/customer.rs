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
    let year_start = as_of - chrono::Days::new(365);
    let customers = d.customer_ids.len();
    let mut acc: Vec<Option<CustomerStats>> = vec![None; customers];
    let mut add = |i: usize| {
        let c = d.customer[i];
        let s = acc[c as usize].get_or_insert_with(|| CustomerStats::empty(c, d.date[i]));
        s.add_row(d, i, year_start);
    };
    if d.date.is_sorted() {
        // Exports usually list rows by date: one pass in file order.
        (0..d.len())
            .filter(|&i| d.date[i] <= as_of)
            .for_each(&mut add);
    } else {
        // Otherwise bucket rows by customer and order each one's by date.
        let (start, order) = rows_by_customer(d, as_of);
        for c in 0..customers {
            order[start[c] as usize..start[c + 1] as usize]
                .iter()
                .for_each(|&i| add(i as usize));
        }
    }
    acc.into_iter()
        .flatten()
        .map(|mut s| {
            s.recency_days = (as_of - s.last_visit).num_days().max(0) as u32;
            s
        })
        .collect()
}

/// Row indices (dated on or before `as_of`) grouped by customer: customer
/// `c`'s rows are `order[start[c]..start[c + 1]]`, in date order (stable:
/// rows of one date keep their file order). A counting sort, linear in rows.
pub fn rows_by_customer(d: &Dataset, as_of: NaiveDate) -> (Vec<u32>, Vec<u32>) {
    let customers = d.customer_ids.len();
    let mut start = vec![0u32; customers + 1];
    for i in 0..d.len() {
        if d.date[i] <= as_of {
            start[d.customer[i] as usize + 1] += 1;
        }
    }
    for c in 0..customers {
        start[c + 1] += start[c];
    }
    let mut next = start.clone();
    let mut order = vec![0u32; start[customers] as usize];
    for i in 0..d.len() {
        if d.date[i] <= as_of {
            let c = d.customer[i] as usize;
            order[next[c] as usize] = i as u32;
            next[c] += 1;
        }
    }
    for c in 0..customers {
        order[start[c] as usize..start[c + 1] as usize].sort_by_key(|&i| d.date[i as usize]);
    }
    (start, order)
}

impl CustomerStats {
    fn empty(customer: CustomerIdx, first_visit: NaiveDate) -> Self {
        CustomerStats {
            customer,
            first_visit,
            last_visit: first_visit,
            recency_days: 0,
            frequency: 0,
            monetary: Fen::ZERO,
            visits_12m: 0,
            spend_12m: Fen::ZERO,
            delivery: None,
            latest_score: None,
            complaint: false,
        }
    }

    /// Adds row `i`; rows must come in date order.
    fn add_row(&mut self, d: &Dataset, i: usize, year_start: NaiveDate) {
        let (date, amount) = (d.date[i], d.amount[i]);
        let in_year = date > year_start;
        // Rows on one date are line items of one visit.
        if self.frequency == 0 || date != self.last_visit {
            self.frequency += 1;
            self.visits_12m += u32::from(in_year);
        }
        self.last_visit = date;
        self.monetary += amount;
        if in_year {
            self.spend_12m += amount;
        }
        if let Some(Some(dd)) = d.delivery.get(i) {
            self.delivery = Some(self.delivery.map_or(*dd, |x| x.min(*dd)));
        }
        // Rows come in date order, so the last score seen is the latest.
        if let Some(Some(score)) = d.nps.get(i) {
            self.latest_score = Some(*score);
        }
        if d.complaint.get(i).copied().flatten() == Some(true) {
            self.complaint = true;
        }
    }
}
