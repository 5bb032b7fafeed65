//! The loaded data set: service-visit line items, stored column by column.
//!
//! DOMAIN §2 "Decisions": a *visit* is one distinct (customer, calendar date);
//! several rows of one customer on one date are line items of that visit.
//! Rows are kept as line items here; visits are derived.

use crate::domain::money::Fen;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Index of a customer in [`Dataset::customer_ids`].
pub type CustomerIdx = u32;

/// Marks "no value" in the interned optional columns (campaign, store).
pub const NONE_IDX: u32 = u32::MAX;

/// One typed row, as import produces it before it is stored. `S` is the
/// string type: owned for generated rows, borrowed from the file on import.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow<S = String> {
    pub customer: S,
    pub date: NaiveDate,
    pub amount: Fen,
    pub campaign: Option<S>,
    pub store: Option<S>,
    pub delivery: Option<NaiveDate>,
    /// Score as found in the NPS/satisfaction column (0–10 for NPS).
    pub nps: Option<f32>,
    pub complaint: Option<bool>,
}

/// Which optional columns the source had (a KPI that needs a missing
/// column says "no data" instead of guessing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionalColumns {
    pub campaign: bool,
    pub store: bool,
    pub delivery: bool,
    pub nps: bool,
    pub complaint: bool,
}

/// All accepted rows, columnar. Row `i` is `customer[i]`, `date[i]`, …;
/// optional columns are empty vectors when the source had no such column.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub customer_ids: Vec<String>,
    pub campaign_names: Vec<String>,
    pub store_names: Vec<String>,
    pub customer: Vec<CustomerIdx>,
    pub date: Vec<NaiveDate>,
    pub amount: Vec<Fen>,
    pub campaign: Vec<u32>,
    pub store: Vec<u32>,
    pub delivery: Vec<Option<NaiveDate>>,
    pub nps: Vec<Option<f32>>,
    pub complaint: Vec<Option<bool>>,
    pub columns: OptionalColumns,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    pub fn campaign_of(&self, row: usize) -> Option<&str> {
        let idx = *self.campaign.get(row)?;
        self.campaign_names.get(idx as usize).map(String::as_str)
    }

    pub fn store_of(&self, row: usize) -> Option<&str> {
        let idx = *self.store.get(row)?;
        self.store_names.get(idx as usize).map(String::as_str)
    }

    /// Summary figures for the Data view (over every accepted row).
    pub fn summary(&self) -> DatasetSummary {
        let mut keys: Vec<u64> = self
            .customer
            .iter()
            .zip(&self.date)
            .map(|(&c, d)| (u64::from(c) << 32) | day_number(*d) as u64)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut seen = vec![false; self.customer_ids.len()];
        for &c in &self.customer {
            seen[c as usize] = true;
        }
        DatasetSummary {
            rows: self.len(),
            customers: seen.iter().filter(|&&s| s).count(),
            visits: keys.len(),
            first_date: self.date.iter().min().copied(),
            last_date: self.date.iter().max().copied(),
            revenue: self.amount.iter().copied().sum(),
            campaigns: self.campaign_names.len(),
            stores: self.store_names.len(),
        }
    }
}

/// Days since 0001-01-01, non-negative for every date import accepts.
pub fn day_number(d: NaiveDate) -> u32 {
    use chrono::Datelike;
    d.num_days_from_ce().max(0) as u32
}

/// What the Data view reports about a loaded data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetSummary {
    pub rows: usize,
    pub customers: usize,
    /// Distinct (customer, date) pairs: DOMAIN §2.
    pub visits: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub revenue: Fen,
    pub campaigns: usize,
    pub stores: usize,
}

impl DatasetSummary {
    /// DOMAIN §2: the as-of date defaults to the latest visit in the data.
    pub fn default_as_of(&self) -> Option<NaiveDate> {
        self.last_date
    }
}

/// Builds a [`Dataset`] row by row, interning the repeated strings.
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    data: Dataset,
    customer_index: FxHashMap<String, CustomerIdx>,
    campaign_index: FxHashMap<String, u32>,
    store_index: FxHashMap<String, u32>,
}

impl DatasetBuilder {
    pub fn new(columns: OptionalColumns) -> Self {
        DatasetBuilder {
            data: Dataset {
                columns,
                ..Dataset::default()
            },
            ..DatasetBuilder::default()
        }
    }

    pub fn push<S: AsRef<str>>(&mut self, row: VisitRow<S>) {
        let c = intern(
            &mut self.customer_index,
            &mut self.data.customer_ids,
            row.customer.as_ref(),
        );
        let d = &mut self.data;
        d.customer.push(c);
        d.date.push(row.date);
        d.amount.push(row.amount);
        if d.columns.campaign {
            let idx = match row.campaign.as_ref().map(AsRef::as_ref) {
                Some(name) => intern(&mut self.campaign_index, &mut d.campaign_names, name),
                None => NONE_IDX,
            };
            d.campaign.push(idx);
        }
        if d.columns.store {
            let idx = match row.store.as_ref().map(AsRef::as_ref) {
                Some(name) => intern(&mut self.store_index, &mut d.store_names, name),
                None => NONE_IDX,
            };
            d.store.push(idx);
        }
        if d.columns.delivery {
            d.delivery.push(row.delivery);
        }
        if d.columns.nps {
            d.nps.push(row.nps);
        }
        if d.columns.complaint {
            d.complaint.push(row.complaint);
        }
    }

    pub fn finish(self) -> Dataset {
        self.data
    }
}

fn intern(index: &mut FxHashMap<String, u32>, names: &mut Vec<String>, name: &str) -> u32 {
    if let Some(&i) = index.get(name) {
        return i;
    }
    let i = names.len() as u32;
    names.push(name.to_owned());
    index.insert(name.to_owned(), i);
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(c: &str, ymd: (i32, u32, u32), fen: i64) -> VisitRow {
        VisitRow {
            customer: c.into(),
            date: NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).unwrap(),
            amount: Fen(fen),
            campaign: None,
            store: None,
            delivery: None,
            nps: None,
            complaint: None,
        }
    }

    #[test]
    fn line_items_on_one_date_are_one_visit() {
        let mut b = DatasetBuilder::new(OptionalColumns::default());
        b.push(row("A", (2024, 1, 5), 10000));
        b.push(row("A", (2024, 1, 5), 2550));
        b.push(row("A", (2024, 2, 5), 100));
        b.push(row("B", (2024, 1, 5), -500));
        let s = b.finish().summary();
        assert_eq!(s.rows, 4);
        assert_eq!(s.customers, 2);
        assert_eq!(s.visits, 3);
        assert_eq!(s.revenue, Fen(12150));
        assert_eq!(s.first_date, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(s.default_as_of(), NaiveDate::from_ymd_opt(2024, 2, 5));
    }
}
