//! The loaded data set: service-visit line items, stored column by column.
//!
//! DOMAIN §2 "Decisions": a *visit* is one distinct (customer, calendar date);
//! several rows of one customer on one date are line items of that visit.
//! Rows are kept as line items here; visits are derived.

use crate::domain::money::Fen;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;

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
#[derive(Debug, Clone, Default, PartialEq)]
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
        let (customers, visits) = if self.dates_in_order() {
            // A customer's rows of one date are consecutive among their
            // rows: a visit starts wherever the customer's date changes.
            let mut last = vec![None; self.customer_ids.len()];
            let mut visits = 0;
            for (&c, &d) in self.customer.iter().zip(&self.date) {
                let seen = &mut last[c as usize];
                if *seen != Some(d) {
                    *seen = Some(d);
                    visits += 1;
                }
            }
            (last.iter().filter(|d| d.is_some()).count(), visits)
        } else {
            let (start, mut dates) = self.by_customer(|i| self.date[i]);
            let customers = start.windows(2).filter(|w| w[1] > w[0]).count();
            let visits = start
                .windows(2)
                .map(|w| distinct(&mut dates[w[0]..w[1]]))
                .sum();
            (customers, visits)
        };
        DatasetSummary {
            rows: self.len(),
            customers,
            visits,
            first_date: self.date.iter().min().copied(),
            last_date: self.date.iter().max().copied(),
            revenue: self.amount.iter().copied().sum(),
            campaigns: self.campaign_names.len(),
            stores: self.store_names.len(),
        }
    }

    /// Rows equal to an earlier row in customer, date, amount, campaign and
    /// store (an export that repeated itself, or identical line items).
    pub fn duplicate_rows(&self) -> u64 {
        if self.dates_in_order() {
            if let Some(n) = self.duplicates_in_visits() {
                return n;
            }
        }
        let (start, mut keys) = self.by_customer(|i| {
            (
                self.date[i],
                self.amount[i].0,
                self.campaign.get(i).copied().unwrap_or(0),
                self.store.get(i).copied().unwrap_or(0),
            )
        });
        let distinct: usize = start
            .windows(2)
            .map(|w| distinct(&mut keys[w[0]..w[1]]))
            .sum();
        (self.len() - distinct) as u64
    }

    /// Whether the dates never go down or never go up, as in exports sorted
    /// by date: then a customer's rows of one date are consecutive among
    /// that customer's rows.
    fn dates_in_order(&self) -> bool {
        let up = self.date.windows(2).all(|w| w[0] <= w[1]);
        up || self.date.windows(2).all(|w| w[0] >= w[1])
    }

    /// Duplicate rows when [`dates_in_order`](Dataset::dates_in_order): each
    /// row is compared with the earlier rows of its visit (chained through
    /// `earlier`), all of them recent. `None` when a visit is too long for
    /// that to be cheap (a column of one value mapped as the customer).
    fn duplicates_in_visits(&self) -> Option<u64> {
        const NO_ROW: u32 = u32::MAX;
        const LONGEST_WALK: usize = 64;
        let customers = self.customer_ids.len();
        let mut visit_date = vec![None; customers];
        let mut latest = vec![NO_ROW; customers];
        let mut earlier = vec![NO_ROW; self.len()];
        let same = |i: usize, j: usize| {
            self.amount[i] == self.amount[j]
                && self.campaign.get(i) == self.campaign.get(j)
                && self.store.get(i) == self.store.get(j)
        };
        let mut duplicates = 0;
        for (i, (&c, &d)) in self.customer.iter().zip(&self.date).enumerate() {
            let c = c as usize;
            if visit_date[c] == Some(d) {
                let mut j = latest[c];
                let mut walked = 0;
                while j != NO_ROW {
                    if same(i, j as usize) {
                        duplicates += 1;
                        break;
                    }
                    walked += 1;
                    if walked > LONGEST_WALK {
                        return None;
                    }
                    j = earlier[j as usize];
                }
                earlier[i] = latest[c];
            } else {
                visit_date[c] = Some(d);
            }
            latest[c] = i as u32;
        }
        Some(duplicates)
    }

    /// A value of every row, grouped by customer with a counting sort:
    /// customer `c`'s values are `values[start[c]..start[c + 1]]`. Each
    /// customer has a handful of rows, so sorting the groups is cheap where
    /// sorting all rows is not.
    fn by_customer<T: Copy + Default>(&self, value: impl Fn(usize) -> T) -> (Vec<usize>, Vec<T>) {
        let customers = self.customer_ids.len();
        let mut start = vec![0usize; customers + 1];
        for &c in &self.customer {
            start[c as usize + 1] += 1;
        }
        for c in 0..customers {
            start[c + 1] += start[c];
        }
        let mut next = start.clone();
        let mut values = vec![T::default(); self.len()];
        for (i, &c) in self.customer.iter().enumerate() {
            let at = &mut next[c as usize];
            values[*at] = value(i);
            *at += 1;
        }
        (start, values)
    }
}

/// How many distinct values a small group holds (the group is sorted).
fn distinct<T: Ord>(group: &mut [T]) -> usize {
    group.sort_unstable();
    group.windows(2).filter(|w| w[0] != w[1]).count() + usize::from(!group.is_empty())
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
    customer_index: NameIndex,
    campaign_index: NameIndex,
    store_index: NameIndex,
    /// Short customer ids of the latest rows (key, row), looked up together:
    /// in a tight loop the processor overlaps the lookups' cache misses,
    /// which one lookup per parsed row cannot (the index is megabytes).
    pending: Vec<(ShortKey, usize)>,
}

/// How many customer ids wait to be looked up together.
const BATCH: usize = 32;

/// A name of at most 23 bytes (a VIN has 17) as three words: the bytes,
/// then the length in the last byte (so `"A"` and `"A\0"` differ).
/// (A tuple, not an array: it hashes and compares word by word.)
type ShortKey = (u64, u64, u64);

fn short_key(name: &str) -> Option<ShortKey> {
    let b = name.as_bytes();
    if b.len() >= 24 {
        return None;
    }
    let mut key = [0u8; 24];
    key[..b.len()].copy_from_slice(b);
    key[23] = b.len() as u8;
    let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7, c0, c1, c2, c3, c4, c5, c6, c7] =
        key;
    Some((
        u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]),
        u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]),
        u64::from_le_bytes([c0, c1, c2, c3, c4, c5, c6, c7]),
    ))
}

/// The name a [`ShortKey`] holds.
fn short_name(key: &ShortKey) -> String {
    let mut b = [0u8; 24];
    for (i, w) in [key.0, key.1, key.2].iter().enumerate() {
        b[i * 8..i * 8 + 8].copy_from_slice(&w.to_le_bytes());
    }
    // The bytes came from a `str`, so this copies them unchanged.
    String::from_utf8_lossy(&b[..usize::from(b[23])]).into_owned()
}

/// Interned names and their indices. Names of up to 23 bytes (customer
/// ids, VINs, store and campaign names) are keyed by three words holding
/// the bytes and the length, so a lookup hashes and compares three words
/// and reads one table slot, with no string elsewhere on the heap to visit.
#[derive(Debug, Default)]
struct NameIndex {
    short: FxHashMap<ShortKey, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl NameIndex {
    /// The index of `name` in `names`, adding it if new. One hash for a
    /// short name; a long one is hashed again only the first time.
    fn intern(&mut self, names: &mut Vec<String>, name: &str) -> u32 {
        if let Some(key) = short_key(name) {
            return self.intern_short(names, key);
        }
        if let Some(&i) = self.long.get(name) {
            return i;
        }
        let next = names.len() as u32;
        self.long.insert(name.into(), next);
        names.push(name.to_owned());
        next
    }

    /// [`intern`](NameIndex::intern) for a name given by its [`short_key`].
    fn intern_short(&mut self, names: &mut Vec<String>, key: ShortKey) -> u32 {
        let next = names.len() as u32;
        match self.short.entry(key) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                e.insert(next);
                names.push(short_name(&key));
                next
            }
        }
    }
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
        match short_key(row.customer.as_ref()) {
            Some(key) => {
                self.pending.push((key, self.data.customer.len()));
                self.data.customer.push(NONE_IDX);
                if self.pending.len() >= BATCH {
                    self.look_up_pending();
                }
            }
            None => {
                // Ids are numbered in the order first seen: earlier rows first.
                self.look_up_pending();
                let c = self
                    .customer_index
                    .intern(&mut self.data.customer_ids, row.customer.as_ref());
                self.data.customer.push(c);
            }
        }
        let d = &mut self.data;
        d.date.push(row.date);
        d.amount.push(row.amount);
        if d.columns.campaign {
            let idx = match row.campaign.as_ref().map(AsRef::as_ref) {
                Some(name) => self.campaign_index.intern(&mut d.campaign_names, name),
                None => NONE_IDX,
            };
            d.campaign.push(idx);
        }
        if d.columns.store {
            let idx = match row.store.as_ref().map(AsRef::as_ref) {
                Some(name) => self.store_index.intern(&mut d.store_names, name),
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

    pub fn finish(mut self) -> Dataset {
        self.look_up_pending();
        self.data
    }

    /// Appends rows read from later parts of the same file: `part`'s
    /// names are those its chain saw first since its previous delta (its
    /// rows number names by that chain's count); `map` carries the
    /// chain's numbers to these across its deltas. Names seen here keep
    /// their numbers, new ones follow, as one sequential read numbers them.
    pub fn absorb(&mut self, part: Dataset, map: &mut Renumbering) {
        self.look_up_pending();
        append(
            &mut self.data,
            [
                &mut self.customer_index,
                &mut self.campaign_index,
                &mut self.store_index,
            ],
            part,
            map,
        );
    }

    /// The rows read since the last drain, with the names first seen since
    /// then (the builder keeps numbering names as before): a delta for
    /// [`DatasetBuilder::absorb`] elsewhere.
    pub fn drain(&mut self, names_from: &mut [usize; 3]) -> Dataset {
        self.look_up_pending();
        let d = &mut self.data;
        let delta = Dataset {
            customer_ids: d.customer_ids[names_from[0]..].to_vec(),
            campaign_names: d.campaign_names[names_from[1]..].to_vec(),
            store_names: d.store_names[names_from[2]..].to_vec(),
            customer: std::mem::take(&mut d.customer),
            date: std::mem::take(&mut d.date),
            amount: std::mem::take(&mut d.amount),
            campaign: std::mem::take(&mut d.campaign),
            store: std::mem::take(&mut d.store),
            delivery: std::mem::take(&mut d.delivery),
            nps: std::mem::take(&mut d.nps),
            complaint: std::mem::take(&mut d.complaint),
            columns: d.columns,
        };
        *names_from = [
            d.customer_ids.len(),
            d.campaign_names.len(),
            d.store_names.len(),
        ];
        delta
    }

    fn look_up_pending(&mut self) {
        for (key, row) in self.pending.drain(..) {
            self.data.customer[row] = self
                .customer_index
                .intern_short(&mut self.data.customer_ids, key);
        }
    }
}

/// How one chain's name numbers map to the data set's (customers,
/// campaigns, stores), grown by each delta of the chain.
#[derive(Debug, Clone, Default)]
pub struct Renumbering {
    maps: [Vec<u32>; 3],
}

/// `part`'s rows after `d`'s, its new names renumbered through `d`'s
/// indices into `map`.
fn append(
    d: &mut Dataset,
    [customers, campaigns, stores]: [&mut NameIndex; 3],
    part: Dataset,
    map: &mut Renumbering,
) {
    fn renumber(
        index: &mut NameIndex,
        names: &mut Vec<String>,
        new: Vec<String>,
        map: &mut Vec<u32>,
    ) {
        map.extend(new.into_iter().map(|n| match short_key(&n) {
            Some(key) => index.intern_short(names, key),
            None => index.intern(names, &n),
        }));
    }
    let [cm, pm, sm] = &mut map.maps;
    renumber(customers, &mut d.customer_ids, part.customer_ids, cm);
    d.customer
        .extend(part.customer.iter().map(|&c| cm[c as usize]));
    d.date.extend_from_slice(&part.date);
    d.amount.extend_from_slice(&part.amount);
    let optional = |map: &[u32], i: u32| {
        if i == NONE_IDX {
            NONE_IDX
        } else {
            map[i as usize]
        }
    };
    if d.columns.campaign {
        renumber(campaigns, &mut d.campaign_names, part.campaign_names, pm);
        d.campaign
            .extend(part.campaign.iter().map(|&i| optional(pm, i)));
    }
    if d.columns.store {
        renumber(stores, &mut d.store_names, part.store_names, sm);
        d.store.extend(part.store.iter().map(|&i| optional(sm, i)));
    }
    d.delivery.extend_from_slice(&part.delivery);
    d.nps.extend_from_slice(&part.nps);
    d.complaint.extend_from_slice(&part.complaint);
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

    proptest::proptest! {
        /// Visits, customers and duplicates grouped by customer equal a
        /// direct count over all rows.
        #[test]
        fn grouped_counts_equal_direct_counts(
            rows in proptest::collection::vec((0u8..12, 0u8..6, -2i64..3, proptest::option::of(0u8..3)), 0..120)
        ) {
            let mut b = DatasetBuilder::new(OptionalColumns { store: true, ..OptionalColumns::default() });
            for (c, day, fen, store) in &rows {
                let mut r = row(&format!("C{c}"), (2024, 1, 1 + u32::from(*day)), *fen);
                r.store = store.map(|s| format!("S{s}"));
                b.push(r);
            }
            let d = b.finish();
            let visits: std::collections::HashSet<_> = rows.iter().map(|r| (r.0, r.1)).collect();
            let keys: std::collections::HashSet<_> = rows.iter().collect();
            let customers: std::collections::HashSet<_> = rows.iter().map(|r| r.0).collect();
            let s = d.summary();
            proptest::prop_assert_eq!(s.visits, visits.len());
            proptest::prop_assert_eq!(s.customers, customers.len());
            proptest::prop_assert_eq!(d.duplicate_rows(), (rows.len() - keys.len()) as u64);
            // The same rows sorted by date (either way) take the one-pass counts.
            for descending in [false, true] {
                let mut order: Vec<usize> = (0..d.len()).collect();
                order.sort_by_key(|&i| d.date[i]);
                if descending {
                    order.reverse();
                }
                let sorted = Dataset {
                    customer: order.iter().map(|&i| d.customer[i]).collect(),
                    date: order.iter().map(|&i| d.date[i]).collect(),
                    amount: order.iter().map(|&i| d.amount[i]).collect(),
                    store: order.iter().map(|&i| d.store[i]).collect(),
                    ..d.clone()
                };
                proptest::prop_assert!(sorted.dates_in_order());
                let s = sorted.summary();
                proptest::prop_assert_eq!(s.visits, visits.len());
                proptest::prop_assert_eq!(s.customers, customers.len());
                proptest::prop_assert_eq!(sorted.duplicate_rows(), (rows.len() - keys.len()) as u64);
            }
        }
    }

    #[test]
    fn one_long_visit_is_counted_without_walking_it_row_by_row() {
        let mut b = DatasetBuilder::new(OptionalColumns::default());
        for i in 0..500 {
            b.push(row("same", (2024, 1, 5), if i < 10 { 0 } else { i }));
        }
        let d = b.finish();
        assert!(d.dates_in_order());
        assert_eq!(d.duplicates_in_visits(), None);
        assert_eq!(d.duplicate_rows(), 9);
        assert_eq!(d.summary().visits, 1);
    }

    #[test]
    fn long_and_short_names_are_interned_once() {
        let long = "x".repeat(24);
        let mut b = DatasetBuilder::new(OptionalColumns::default());
        let edge = "x".repeat(23);
        for c in [
            "A", &long, "A", "B", &long, "A\0", &edge, "", "A\0", &edge, "",
        ] {
            b.push(row(c, (2024, 1, 5), 1));
        }
        let d = b.finish();
        assert_eq!(
            d.customer_ids,
            vec![
                "A".to_string(),
                long.clone(),
                "B".into(),
                "A\0".into(),
                edge,
                "".into()
            ]
        );
        assert_eq!(d.customer, vec![0, 1, 0, 2, 1, 3, 4, 5, 3, 4, 5]);
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
