//! Per-customer visit histories for the value models (DOMAIN §9), the
//! calibration/holdout split, and the compression of histories to distinct
//! (x, t_x, T) triples with weights that makes fitting fast.

use crate::domain::customer::rows_by_customer;
use crate::domain::model::{day_number, CustomerIdx, Dataset};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// What the models need of one customer at an as-of date (time in days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerHistory {
    /// Repeat visits: distinct visit dates − 1.
    pub x: u32,
    /// Days from the first to the last visit.
    pub t_x: f64,
    /// Days from the first visit to the as-of date.
    pub t_cal: f64,
    /// Mean of the visit totals after the first visit, in yuan; `None` when x == 0.
    pub mean_repeat_spend: Option<f64>,
    /// Sum of ln(days between consecutive visits): the CNBD-k likelihood
    /// needs it to compare fits across k (BTYDplus `litt`).
    pub litt: f64,
}

/// One visit: day number and the sum of its line amounts in fen.
type Visit = (u32, i64);

/// Calls `f` with each customer's visits on or before `last`, in date
/// order, one entry per distinct date (DOMAIN §2). The one place visits are
/// derived from rows, shared by [`histories`] and [`holdout`].
fn for_each_customer_visits(
    d: &Dataset,
    last: NaiveDate,
    mut f: impl FnMut(CustomerIdx, &[Visit]),
) {
    let (start, order) = rows_by_customer(d, last);
    let mut visits: Vec<Visit> = Vec::new();
    for c in 0..d.customer_ids.len() {
        let rows = &order[start[c] as usize..start[c + 1] as usize];
        if rows.is_empty() {
            continue;
        }
        visits.clear();
        for &i in rows {
            let (day, fen) = (day_number(d.date[i as usize]), d.amount[i as usize].0);
            match visits.last_mut() {
                Some(v) if v.0 == day => v.1 += fen,
                _ => visits.push((day, fen)),
            }
        }
        f(c as CustomerIdx, &visits);
    }
}

/// The history of visits `v` (non-empty, date order) seen from day `as_of`.
fn history_of(v: &[Visit], as_of: u32) -> CustomerHistory {
    let first = v[0].0;
    let last = v[v.len() - 1].0;
    let x = (v.len() - 1) as u32;
    let mean_repeat_spend = (x > 0).then(|| {
        let total: i64 = v[1..].iter().map(|&(_, fen)| fen).sum();
        total as f64 / 100.0 / f64::from(x)
    });
    let litt = v.windows(2).map(|w| f64::from(w[1].0 - w[0].0).ln()).sum();
    CustomerHistory {
        x,
        t_x: f64::from(last - first),
        t_cal: f64::from(as_of.saturating_sub(first)),
        mean_repeat_spend,
        litt,
    }
}

/// Histories at `as_of` of every customer with a visit on or before it, in
/// customer-index order. Linear in rows (one counting sort).
pub fn histories(d: &Dataset, as_of: NaiveDate) -> Vec<(CustomerIdx, CustomerHistory)> {
    let day = day_number(as_of);
    let mut out = Vec::new();
    for_each_customer_visits(d, as_of, |c, v| out.push((c, history_of(v, day))));
    out
}

/// A calibration/holdout split: each customer whose first visit is on or
/// before `cut`, with their history at `cut` and the visits they actually
/// made in (cut, as_of]. Customers who first came after `cut` are left out:
/// the models predict repeat visits of known customers only.
#[derive(Debug, Clone, PartialEq)]
pub struct Holdout {
    pub customer: CustomerIdx,
    pub history: CustomerHistory,
    pub actual_visits: u32,
    /// Day offsets after `cut` of those visits (for the tracking curve);
    /// `None` from a customer summary, which holds only their count.
    pub visit_days: Option<Vec<u32>>,
}

/// Splits the data at `cut`: histories at `cut` and actual visits in (cut, as_of].
pub fn holdout(d: &Dataset, cut: NaiveDate, as_of: NaiveDate) -> Vec<Holdout> {
    let cut_day = day_number(cut);
    let mut out = Vec::new();
    for_each_customer_visits(d, as_of.max(cut), |c, v| {
        let n_cal = v.partition_point(|&(day, _)| day <= cut_day);
        if n_cal == 0 {
            return;
        }
        out.push(Holdout {
            customer: c,
            history: history_of(&v[..n_cal], cut_day),
            actual_visits: (v.len() - n_cal) as u32,
            visit_days: Some(v[n_cal..].iter().map(|&(day, _)| day - cut_day).collect()),
        });
    });
    out
}

/// Customers compressed to distinct (x, t_x, T): the likelihoods depend on
/// nothing else (the CNBD-k `litt` term is a sum kept on its own). Times
/// are in the model's unit; each table lists distinct values once so a fit
/// computes ln(α + T) once per distinct T, not once per customer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Compressed {
    /// Distinct x values, ascending.
    pub xs: Vec<u32>,
    /// Distinct T values, ascending.
    pub ts: Vec<f64>,
    /// Distinct t_x values, ascending.
    pub txs: Vec<f64>,
    /// Distinct triples as indices into the tables, with their customer count.
    pub triples: Vec<Triple>,
    /// Σ litt over all customers.
    pub litt_sum: f64,
    /// Σ x over all customers.
    pub x_sum: f64,
    pub customers: f64,
}

/// A distinct (x, t_x, T) as indices into [`Compressed`]'s tables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triple {
    pub ix: u32,
    pub itx: u32,
    pub it: u32,
    pub weight: f64,
    /// Σ litt of its customers (so a thinned copy keeps its share).
    pub litt: f64,
}

impl Compressed {
    /// Compresses (x, t_x, T, litt) records. Linear after one sort.
    pub fn new(records: impl IntoIterator<Item = (u32, f64, f64, f64)>) -> Self {
        let raw = records
            .into_iter()
            .map(|(x, t_x, t, litt)| (x, t_x, t, 1.0, litt))
            .collect();
        Compressed::build(raw)
    }

    /// From weighted (x, t_x, T, weight, Σ litt) records.
    fn build(raw: Vec<(u32, f64, f64, f64, f64)>) -> Self {
        let litt_sum = raw.iter().map(|r| r.4).sum();
        let x_sum = raw.iter().map(|r| f64::from(r.0) * r.3).sum();
        let customers = raw.iter().map(|r| r.3).sum();
        let (ts, it) = dense(raw.iter().map(|r| r.2), f64::to_bits, f64::total_cmp);
        let (txs, itx) = dense(raw.iter().map(|r| r.1), f64::to_bits, f64::total_cmp);
        let (xs, ix) = dense(raw.iter().map(|r| r.0), u64::from, u32::cmp);
        // (ix, itx, it) packed into one u64 (21 bits each) when the tables
        // are that small, so the sort compares one word.
        const BITS: u32 = 21;
        let packs = [xs.len(), txs.len(), ts.len()]
            .iter()
            .all(|&n| n < 1 << BITS);
        let key = |i: usize| (u64::from(ix[i]), u64::from(itx[i]), u64::from(it[i]));
        let mut triples: Vec<Triple> = Vec::new();
        let mut push = |(ix, itx, it): (u64, u64, u64), w: f64, litt: f64| match triples.last_mut()
        {
            Some(tr)
                if (u64::from(tr.ix), u64::from(tr.itx), u64::from(tr.it)) == (ix, itx, it) =>
            {
                tr.weight += w;
                tr.litt += litt;
            }
            _ => triples.push(Triple {
                ix: ix as u32,
                itx: itx as u32,
                it: it as u32,
                weight: w,
                litt,
            }),
        };
        if packs {
            let mask = (1u64 << BITS) - 1;
            let mut keyed: Vec<(u64, f64, f64)> = raw
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (ix, itx, it) = key(i);
                    ((ix << (2 * BITS)) | (itx << BITS) | it, r.3, r.4)
                })
                .collect();
            keyed.sort_unstable_by_key(|k| k.0);
            for (packed, w, litt) in keyed {
                let unpacked = (packed >> (2 * BITS), (packed >> BITS) & mask, packed & mask);
                push(unpacked, w, litt);
            }
        } else {
            let mut keyed: Vec<((u64, u64, u64), f64, f64)> = raw
                .iter()
                .enumerate()
                .map(|(i, r)| (key(i), r.3, r.4))
                .collect();
            keyed.sort_unstable_by_key(|k| k.0);
            for (k, w, litt) in keyed {
                push(k, w, litt);
            }
        }
        Compressed {
            xs,
            ts,
            txs,
            triples,
            litt_sum,
            x_sum,
            customers,
        }
    }

    /// The same customers with t_x and T rounded to multiples of `grid`
    /// (t_x ≤ T kept, and a repeat customer's t_x never rounded to 0, which
    /// their gaps would contradict): far fewer distinct triples on large
    /// data, at the cost of ±grid/2 in each time. The ln-gap sums stay exact.
    pub fn coarsened(&self, grid: f64) -> Compressed {
        let round = |v: f64| (v / grid).round() * grid;
        let raw = self
            .triples
            .iter()
            .map(|tr| {
                let x = self.xs[tr.ix as usize];
                let t = round(self.ts[tr.it as usize]).max(grid);
                let mut t_x = round(self.txs[tr.itx as usize]);
                if x > 0 {
                    t_x = t_x.max(grid);
                }
                (x, t_x.min(t), t, tr.weight, tr.litt)
            })
            .collect();
        Compressed::build(raw)
    }

    /// About `max` customers picked systematically along the sorted
    /// triples (a stratified sample over x, t_x and T, no RNG needed), each
    /// standing for customers/max of them.
    pub fn thinned(&self, max: usize) -> Compressed {
        let step = self.customers / max.max(1) as f64;
        if step <= 1.0 {
            return self.clone();
        }
        let mut raw = Vec::new();
        let mut cum = 0.0f64;
        for tr in &self.triples {
            let picks = ((cum + tr.weight) / step).floor() - (cum / step).floor();
            cum += tr.weight;
            if picks > 0.0 {
                let share = picks * step / tr.weight;
                raw.push((
                    self.xs[tr.ix as usize],
                    self.txs[tr.itx as usize],
                    self.ts[tr.it as usize],
                    picks * step,
                    tr.litt * share,
                ));
            }
        }
        Compressed::build(raw)
    }

    /// Compresses histories, with times divided by `days_per_unit`.
    pub fn from_histories<'a>(
        h: impl IntoIterator<Item = &'a CustomerHistory>,
        days_per_unit: f64,
    ) -> Self {
        let ln_unit = days_per_unit.ln();
        Compressed::new(h.into_iter().map(|h| {
            (
                h.x,
                h.t_x / days_per_unit,
                h.t_cal / days_per_unit,
                h.litt - f64::from(h.x) * ln_unit,
            )
        }))
    }

    /// (x, t_x, T, weight) of triple `i`.
    pub fn get(&self, i: usize) -> (u32, f64, f64, f64) {
        let tr = self.triples[i];
        (
            self.xs[tr.ix as usize],
            self.txs[tr.itx as usize],
            self.ts[tr.it as usize],
            tr.weight,
        )
    }

    /// True when at least one customer made a repeat visit.
    pub fn has_repeaters(&self) -> bool {
        self.xs.last().is_some_and(|&x| x > 0)
    }
}

/// The distinct values in ascending order, and each value's index among
/// them: one hash lookup per value, then a sort of the distinct ones only
/// (`bits` must be equal exactly when `cmp` says equal).
fn dense<T: Copy>(
    values: impl Iterator<Item = T>,
    bits: impl Fn(T) -> u64,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> (Vec<T>, Vec<u32>) {
    let mut first: FxHashMap<u64, u32> = FxHashMap::default();
    let mut seen: Vec<T> = Vec::new();
    let ids: Vec<u32> = values
        .map(|v| {
            *first.entry(bits(v)).or_insert_with(|| {
                seen.push(v);
                (seen.len() - 1) as u32
            })
        })
        .collect();
    let mut order: Vec<u32> = (0..seen.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| cmp(&seen[a as usize], &seen[b as usize]));
    let mut rank = vec![0u32; seen.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let sorted = order.iter().map(|&id| seen[id as usize]).collect();
    (
        sorted,
        ids.into_iter().map(|id| rank[id as usize]).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{DatasetBuilder, OptionalColumns, VisitRow};
    use crate::domain::money::Fen;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn data(rows: &[(&str, NaiveDate, i64)]) -> Dataset {
        let mut b = DatasetBuilder::new(OptionalColumns::default());
        for &(c, date, fen) in rows {
            b.push(VisitRow {
                customer: c,
                date,
                amount: Fen(fen),
                campaign: None,
                store: None,
                delivery: None,
                nps: None,
                complaint: None,
            });
        }
        b.finish()
    }

    #[test]
    fn line_items_add_up_and_later_visits_are_ignored() {
        let d = data(&[
            ("B", day(2024, 3, 1), 500),
            ("A", day(2024, 1, 1), 10000),
            ("A", day(2024, 1, 11), 20000),
            ("A", day(2024, 1, 11), 5050),
            ("A", day(2024, 2, 10), 10000),
            ("A", day(2024, 6, 1), 99999),
            ("C", day(2024, 5, 1), 100),
        ]);
        let h = histories(&d, day(2024, 3, 1));
        assert_eq!(h.len(), 2);
        let (a, b) = (h[1].1, h[0].1);
        assert_eq!(h[1].0, 1);
        assert_eq!(a.x, 2);
        assert_eq!(a.t_x, 40.0);
        assert_eq!(a.t_cal, 60.0);
        assert_eq!(a.mean_repeat_spend, Some((250.50 + 100.0) / 2.0));
        assert!((a.litt - (10f64.ln() + 30f64.ln())).abs() < 1e-12);
        assert_eq!(
            b,
            CustomerHistory {
                x: 0,
                t_x: 0.0,
                t_cal: 0.0,
                mean_repeat_spend: None,
                litt: 0.0
            }
        );
    }

    #[test]
    fn holdout_counts_visits_after_the_cut() {
        let d = data(&[
            ("A", day(2024, 1, 1), 100),
            ("A", day(2024, 2, 1), 100),
            ("A", day(2024, 4, 1), 100),
            ("A", day(2024, 4, 1), 100),
            ("A", day(2024, 5, 1), 100),
            ("A", day(2025, 5, 1), 100),
            ("B", day(2024, 4, 1), 100),
        ]);
        let s = holdout(&d, day(2024, 3, 1), day(2024, 12, 31));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].history.x, 1);
        assert_eq!(s[0].history.t_cal, 60.0);
        assert_eq!(s[0].actual_visits, 2);
        assert_eq!(s[0].visit_days, Some(vec![31, 61]));
    }

    #[test]
    fn compression_keeps_weights_and_sums() {
        let c = Compressed::new([
            (1, 2.0, 5.0, 0.5),
            (0, 0.0, 5.0, 0.0),
            (1, 2.0, 5.0, 0.25),
            (0, 0.0, 3.0, 0.0),
            (0, 0.0, 5.0, 0.0),
        ]);
        assert_eq!(c.triples.len(), 3);
        assert_eq!(c.customers, 5.0);
        assert_eq!(c.litt_sum, 0.75);
        assert_eq!(c.x_sum, 2.0);
        let got: Vec<_> = (0..3).map(|i| c.get(i)).collect();
        assert_eq!(
            got,
            vec![(0, 0.0, 3.0, 1.0), (0, 0.0, 5.0, 2.0), (1, 2.0, 5.0, 2.0)]
        );
        assert!(c.has_repeaters());
        let coarse = c.coarsened(4.0);
        assert_eq!(coarse.triples.len(), 2);
        assert_eq!(coarse.get(0), (0, 0.0, 4.0, 3.0));
        assert_eq!(coarse.get(1), (1, 4.0, 4.0, 2.0));
        assert_eq!((coarse.customers, coarse.litt_sum), (5.0, 0.75));
        let thin = Compressed::new((0..1000).map(|i| (i % 4, 1.0, 2.0, 0.5))).thinned(100);
        assert_eq!(thin.customers, 1000.0);
        assert_eq!(thin.triples.len(), 4);
        assert!((thin.litt_sum - 500.0).abs() < 1e-9);
    }
}
