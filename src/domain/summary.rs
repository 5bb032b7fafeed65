//! The customer summary: one row per customer at an as-of date T, with
//! everything the per-customer rules need (DOMAIN §2, §5, §9). A warehouse
//! writes it with `sql/customer_summary.sql`; [`summarise`] is the same
//! aggregation over loaded visits, and [`SummaryReader`] loads the file.
//!
//! Both kinds of data answer the views through [`CustomerSource`], so a
//! figure that a summary supports is computed by the same code from either.

use crate::domain::customer::{customer_stats, rows_by_customer, CustomerStats};
use crate::domain::ingest::value::{parse_amount, parse_date, parse_score, DateProblem};
use crate::domain::ingest::{FileError, OpenedFile, RowError, RowErrorKind};
use crate::domain::model::{day_number, CustomerIdx, Dataset, DatasetSummary, OptionalColumns};
use crate::domain::money::Fen;
use crate::domain::value::history::{self, CustomerHistory, Holdout};
use chrono::{Days, NaiveDate};
use rustc_hash::FxHashMap;

/// What the KPIs of DOMAIN §5 need of one customer beyond [`CustomerStats`]
/// (columns of `sql/customer_summary.sql` of the same names).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KpiFacts {
    /// The second visit (a later date than the first).
    pub second_visit: Option<NaiveDate>,
    /// A visit in (T−730, T−365].
    pub visited_prev_year: bool,
    /// The last visit on or before T−365.
    pub last_visit_before_12m: Option<NaiveDate>,
    /// The first visit in (T−365, T].
    pub first_visit_12m: Option<NaiveDate>,
    /// Another visit within 90 days after `first_visit_12m`.
    pub first_visit_12m_repeat_90d: bool,
    /// The first visit on or after the delivery date.
    pub first_visit_after_delivery: Option<NaiveDate>,
    /// Scores given in (T−365, T], and how many were 9–10 and 0–6.
    pub scores_12m: u32,
    pub promoters_12m: u32,
    pub detractors_12m: u32,
}

/// One customer of a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    pub stats: CustomerStats,
    pub facts: KpiFacts,
    /// Spend of the visits after the first, in fen.
    pub repeat_spend: Fen,
    /// Σ ln(days between consecutive visits), all visits and those on or
    /// before T−365 (DOMAIN §9, the CNBD-k models).
    pub litt: f64,
    pub litt_before_12m: f64,
}

/// Every customer with a visit on or before `as_of`, summarised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerSummary {
    pub as_of: Option<NaiveDate>,
    pub customer_ids: Vec<String>,
    /// Row `i` is customer `i` (`rows[i].stats.customer == i`).
    pub rows: Vec<SummaryRow>,
    pub columns: OptionalColumns,
    /// The highest score anywhere (a scale above 10 is not NPS).
    pub score_max: Option<f32>,
}

/// What the views need of the loaded customers, from visits or a summary.
pub trait CustomerSource {
    fn customer_ids(&self) -> &[String];
    fn columns(&self) -> OptionalColumns;
    /// Whether every score is on the 0–10 recommendation scale.
    fn nps_scale_is_ten(&self) -> bool;
    fn customer_stats(&self, as_of: NaiveDate) -> Vec<CustomerStats>;
    /// Every customer's stats and KPI facts at `as_of`.
    fn kpi_facts(&self, as_of: NaiveDate) -> Vec<(CustomerStats, KpiFacts)>;
    /// The value model's histories at `as_of` (DOMAIN §9).
    fn histories(&self, as_of: NaiveDate) -> Vec<(CustomerIdx, CustomerHistory)>;
    /// The calibration/holdout split at `cut`; `None` when the data cannot
    /// make it (a summary holds the split at T−365 only).
    fn holdout(&self, cut: NaiveDate, as_of: NaiveDate) -> Option<Vec<Holdout>>;
}

impl CustomerSource for Dataset {
    fn customer_ids(&self) -> &[String] {
        &self.customer_ids
    }

    fn columns(&self) -> OptionalColumns {
        self.columns
    }

    fn nps_scale_is_ten(&self) -> bool {
        self.nps.iter().flatten().all(|&s| s <= 10.0)
    }

    fn customer_stats(&self, as_of: NaiveDate) -> Vec<CustomerStats> {
        customer_stats(self, as_of)
    }

    fn kpi_facts(&self, as_of: NaiveDate) -> Vec<(CustomerStats, KpiFacts)> {
        summarise(self, as_of)
            .rows
            .into_iter()
            .map(|r| (r.stats, r.facts))
            .collect()
    }

    fn histories(&self, as_of: NaiveDate) -> Vec<(CustomerIdx, CustomerHistory)> {
        history::histories(self, as_of)
    }

    fn holdout(&self, cut: NaiveDate, as_of: NaiveDate) -> Option<Vec<Holdout>> {
        Some(history::holdout(self, cut, as_of))
    }
}

impl CustomerSource for CustomerSummary {
    fn customer_ids(&self) -> &[String] {
        &self.customer_ids
    }

    fn columns(&self) -> OptionalColumns {
        self.columns
    }

    fn nps_scale_is_ten(&self) -> bool {
        self.score_max.is_none_or(|s| s <= 10.0)
    }

    /// A summary is at its own as-of date: the engine asks at no other.
    fn customer_stats(&self, _as_of: NaiveDate) -> Vec<CustomerStats> {
        self.rows.iter().map(|r| r.stats.clone()).collect()
    }

    fn kpi_facts(&self, _as_of: NaiveDate) -> Vec<(CustomerStats, KpiFacts)> {
        self.rows
            .iter()
            .map(|r| (r.stats.clone(), r.facts))
            .collect()
    }

    fn histories(&self, as_of: NaiveDate) -> Vec<(CustomerIdx, CustomerHistory)> {
        self.rows
            .iter()
            .map(|r| {
                let s = &r.stats;
                let x = s.frequency.saturating_sub(1);
                let h = CustomerHistory {
                    x,
                    t_x: (s.last_visit - s.first_visit).num_days() as f64,
                    t_cal: (as_of - s.first_visit).num_days().max(0) as f64,
                    // As `history_of` computes it, from the exact fen.
                    mean_repeat_spend: (x > 0)
                        .then(|| r.repeat_spend.0 as f64 / 100.0 / f64::from(x)),
                    litt: r.litt,
                };
                (s.customer, h)
            })
            .collect()
    }

    /// The split at T−365: visits up to the cut are the visits before the
    /// last 12 months, and the holdout's visits are `visits_12m`. The day
    /// of each holdout visit is not in a summary (no tracking curve).
    fn holdout(&self, cut: NaiveDate, as_of: NaiveDate) -> Option<Vec<Holdout>> {
        if Some(cut) != as_of.checked_sub_days(Days::new(365)) {
            return None;
        }
        Some(
            self.rows
                .iter()
                .filter(|r| r.stats.first_visit <= cut)
                .map(|r| {
                    let s = &r.stats;
                    let n_cal = s.frequency.saturating_sub(s.visits_12m).max(1);
                    let last = r.facts.last_visit_before_12m.unwrap_or(s.first_visit);
                    Holdout {
                        customer: s.customer,
                        history: CustomerHistory {
                            x: n_cal - 1,
                            t_x: (last - s.first_visit).num_days() as f64,
                            t_cal: (cut - s.first_visit).num_days() as f64,
                            mean_repeat_spend: None,
                            litt: r.litt_before_12m,
                        },
                        actual_visits: s.visits_12m,
                        visit_days: None,
                    }
                })
                .collect(),
        )
    }
}

impl CustomerSummary {
    /// The Data view's figures: a row is a customer.
    pub fn summary(&self) -> DatasetSummary {
        DatasetSummary {
            rows: self.rows.len(),
            customers: self.rows.len(),
            visits: self.rows.iter().map(|r| r.stats.frequency as usize).sum(),
            first_date: self.rows.iter().map(|r| r.stats.first_visit).min(),
            last_date: self.as_of,
            revenue: self.rows.iter().map(|r| r.stats.monetary).sum(),
            campaigns: 0,
            stores: 0,
        }
    }
}

/// The summary of loaded visits at `as_of`: what `sql/customer_summary.sql`
/// computes, row for row (the tests compare the two).
pub fn summarise(d: &Dataset, as_of: NaiveDate) -> CustomerSummary {
    let year_ago = as_of
        .checked_sub_days(Days::new(365))
        .unwrap_or(NaiveDate::MIN);
    let two_years_ago = as_of
        .checked_sub_days(Days::new(730))
        .unwrap_or(NaiveDate::MIN);
    let stats = customer_stats(d, as_of);
    let (start, order) = rows_by_customer(d, as_of);
    let mut rows = Vec::with_capacity(stats.len());
    let mut visits: Vec<(NaiveDate, i64)> = Vec::new();
    for s in stats {
        let c = s.customer as usize;
        let mut facts = KpiFacts::default();
        visits.clear();
        for &i in &order[start[c] as usize..start[c + 1] as usize] {
            let (date, fen) = (d.date[i as usize], d.amount[i as usize].0);
            match visits.last_mut() {
                Some(v) if v.0 == date => v.1 += fen,
                _ => visits.push((date, fen)),
            }
            if let Some(Some(score)) = d.nps.get(i as usize) {
                if date > year_ago {
                    facts.scores_12m += 1;
                    facts.promoters_12m += u32::from(*score >= 9.0);
                    facts.detractors_12m += u32::from(*score <= 6.0);
                }
            }
        }
        let dates: Vec<NaiveDate> = visits.iter().map(|v| v.0).collect();
        facts.second_visit = dates.get(1).copied();
        facts.visited_prev_year = dates.iter().any(|x| *x > two_years_ago && *x <= year_ago);
        facts.last_visit_before_12m = dates.iter().rev().find(|x| **x <= year_ago).copied();
        facts.first_visit_12m = dates.iter().find(|x| **x > year_ago).copied();
        facts.first_visit_12m_repeat_90d = facts.first_visit_12m.is_some_and(|back| {
            dates
                .iter()
                .any(|x| *x > back && (*x - back).num_days() <= 90)
        });
        facts.first_visit_after_delivery = s
            .delivery
            .and_then(|del| dates.iter().find(|x| **x >= del).copied());
        let days: Vec<u32> = dates.iter().map(|x| day_number(*x)).collect();
        let litt_of =
            |v: &[u32]| -> f64 { v.windows(2).map(|w| f64::from(w[1] - w[0]).ln()).sum() };
        let before = dates.partition_point(|x| *x <= year_ago);
        rows.push(SummaryRow {
            repeat_spend: Fen(visits[1..].iter().map(|v| v.1).sum()),
            litt: litt_of(&days),
            litt_before_12m: litt_of(&days[..before]),
            stats: s,
            facts,
        });
    }
    CustomerSummary {
        as_of: Some(as_of),
        customer_ids: d.customer_ids.clone(),
        rows,
        columns: d.columns,
        score_max: d.nps.iter().flatten().copied().reduce(f32::max),
    }
}

/// A summary column: its English and Chinese header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    CustomerId,
    AsOf,
    FirstVisit,
    SecondVisit,
    LastVisit,
    Frequency,
    Monetary,
    Visits12m,
    Spend12m,
    VisitedPrevYear,
    LastVisitBefore12m,
    FirstVisit12m,
    FirstVisit12mRepeat90d,
    RepeatSpend,
    Litt,
    LittBefore12m,
    DeliveryDate,
    FirstVisitAfterDelivery,
    LatestScore,
    ScoreMax,
    Scores12m,
    Promoters12m,
    Detractors12m,
    Complaint,
}

/// (column, English header, Chinese header, required). The headers are
/// those of `sql/customer_summary.sql` and `sql/README.md`.
const COLUMNS: [(Col, &str, &str, bool); 24] = [
    (Col::CustomerId, "customer_id", "客户编号", true),
    (Col::AsOf, "as_of", "截止日期", true),
    (Col::FirstVisit, "first_visit", "首次到店日期", true),
    (Col::SecondVisit, "second_visit", "第二次到店日期", true),
    (Col::LastVisit, "last_visit", "最近到店日期", true),
    (Col::Frequency, "frequency", "到店次数", true),
    (Col::Monetary, "monetary", "累计消费金额", true),
    (Col::Visits12m, "visits_12m", "近12个月到店次数", true),
    (Col::Spend12m, "spend_12m", "近12个月消费金额", true),
    (
        Col::VisitedPrevYear,
        "visited_prev_year",
        "前一年有到店",
        true,
    ),
    (
        Col::LastVisitBefore12m,
        "last_visit_before_12m",
        "一年前最后到店日期",
        true,
    ),
    (
        Col::FirstVisit12m,
        "first_visit_12m",
        "近一年首次到店日期",
        true,
    ),
    (
        Col::FirstVisit12mRepeat90d,
        "first_visit_12m_repeat_90d",
        "近一年首次到店后90天内复购",
        true,
    ),
    (Col::RepeatSpend, "repeat_spend", "重复到店消费合计", true),
    (Col::Litt, "litt", "到店间隔对数和", true),
    (
        Col::LittBefore12m,
        "litt_before_12m",
        "一年前到店间隔对数和",
        true,
    ),
    (Col::DeliveryDate, "delivery_date", "交车日期", false),
    (
        Col::FirstVisitAfterDelivery,
        "first_visit_after_delivery",
        "交车后首次到店日期",
        false,
    ),
    (Col::LatestScore, "latest_score", "最近评分", false),
    (Col::ScoreMax, "score_max", "最高评分", false),
    (Col::Scores12m, "scores_12m", "近12个月评分数", false),
    (
        Col::Promoters12m,
        "promoters_12m",
        "近12个月推荐者数",
        false,
    ),
    (
        Col::Detractors12m,
        "detractors_12m",
        "近12个月贬损者数",
        false,
    ),
    (Col::Complaint, "complaint", "投诉", false),
];

/// The headers that mark a file as a customer summary, not visit lines.
const SIGNATURE: [Col; 4] = [Col::CustomerId, Col::AsOf, Col::Frequency, Col::Monetary];

fn column_of(header: &str) -> Option<Col> {
    let h = header.trim().trim_start_matches('\u{feff}');
    COLUMNS
        .iter()
        .find(|(_, en, zh, _)| h.eq_ignore_ascii_case(en) || h == *zh)
        .map(|c| c.0)
}

/// Whether a header row is a customer summary's (it names the customer,
/// the as-of date, the visit count and the total spend).
pub fn is_summary(headers: &[String]) -> bool {
    let found: Vec<Col> = headers.iter().filter_map(|h| column_of(h)).collect();
    SIGNATURE.iter().all(|c| found.contains(c))
}

/// A loaded summary and the rows that were left out, each with its line.
#[derive(Debug, Clone)]
pub struct SummaryRead {
    pub summary: CustomerSummary,
    pub rejected: Vec<RowError>,
    pub rows_read: u64,
    pub blank_lines: u64,
}

/// Reads a summary row by row (`push`), keeping every row that reads and
/// reporting each one that does not with its line, column and reason. The
/// as-of date is the first good row's; a row with another one is refused.
pub struct SummaryReader {
    headers: Vec<String>,
    index: [Option<usize>; COLUMNS.len()],
    out: SummaryRead,
    delivery_seen: bool,
    score_seen: bool,
    seen_ids: FxHashMap<String, ()>,
}

impl SummaryReader {
    /// Refuses a header without the columns every row needs.
    pub fn new(headers: &[String]) -> Result<SummaryReader, FileError> {
        let mut index = [None; COLUMNS.len()];
        for (i, h) in headers.iter().enumerate() {
            if let Some(c) = column_of(h) {
                let k = position(c);
                if index[k].is_none() {
                    index[k] = Some(i);
                }
            }
        }
        let missing: Vec<String> = COLUMNS
            .iter()
            .zip(&index)
            .filter(|((_, _, _, required), i)| *required && i.is_none())
            .map(|((_, en, _, _), _)| (*en).to_owned())
            .collect();
        if !missing.is_empty() {
            return Err(FileError::SummaryColumnsMissing { columns: missing });
        }
        let has = |c: Col| index[position(c)].is_some();
        let columns = OptionalColumns {
            campaign: false,
            store: false,
            delivery: has(Col::DeliveryDate),
            nps: has(Col::LatestScore) || has(Col::Scores12m),
            complaint: has(Col::Complaint),
        };
        Ok(SummaryReader {
            headers: headers.to_vec(),
            index,
            out: SummaryRead {
                summary: CustomerSummary {
                    columns,
                    ..CustomerSummary::default()
                },
                rejected: Vec::new(),
                rows_read: 0,
                blank_lines: 0,
            },
            delivery_seen: false,
            score_seen: false,
            seen_ids: FxHashMap::default(),
        })
    }

    /// One row of the file and its line.
    pub fn push(&mut self, line: u64, cells: &[&str]) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            self.out.blank_lines += 1;
            return;
        }
        self.out.rows_read += 1;
        let customer = self.out.summary.rows.len() as CustomerIdx;
        let (index, headers) = (&self.index, &self.headers);
        let cell = |c: Col| -> (&str, &str) {
            match index[position(c)] {
                Some(i) => (cells.get(i).map_or("", |s| s.trim()), headers[i].as_str()),
                None => ("", ""),
            }
        };
        match read_row(&cell, customer, self.out.summary.as_of) {
            Ok((id, as_of, row, top)) => {
                if self.seen_ids.insert(id.clone(), ()).is_some() {
                    let column = Some(cell(Col::CustomerId).1.to_owned());
                    self.out.rejected.push(RowError {
                        line,
                        column,
                        field: None,
                        kind: RowErrorKind::DuplicateCustomer { value: id },
                    });
                    return;
                }
                let s = &mut self.out.summary;
                s.as_of.get_or_insert(as_of);
                self.delivery_seen |= row.stats.delivery.is_some();
                self.score_seen |= row.stats.latest_score.is_some() || row.facts.scores_12m > 0;
                if let Some(m) = top {
                    s.score_max = Some(s.score_max.map_or(m, |x| x.max(m)));
                }
                s.customer_ids.push(id);
                s.rows.push(row);
            }
            Err((c, kind)) => {
                let column = Some(cell(c).1.to_owned());
                self.out.rejected.push(RowError {
                    line,
                    column,
                    field: None,
                    kind,
                });
            }
        }
    }

    pub fn finish(mut self) -> Result<SummaryRead, FileError> {
        if self.out.summary.rows.is_empty() {
            return Err(FileError::NoDataRows);
        }
        // An empty column is no column: "no data" says so, as for visits.
        self.out.summary.columns.delivery &= self.delivery_seen;
        self.out.summary.columns.nps &= self.score_seen;
        Ok(self.out)
    }
}

/// Reads an opened customer summary file (every row, in one go).
pub fn read_summary_file(file: &OpenedFile) -> Result<SummaryRead, FileError> {
    let mut reader = SummaryReader::new(&file.headers)?;
    file.for_each_row(|line, cells| reader.push(line, cells));
    reader.finish()
}

fn position(c: Col) -> usize {
    COLUMNS.iter().position(|x| x.0 == c).unwrap_or(0)
}

/// A row read: (customer id, as-of date, the row, its highest score).
type ReadRow = (String, NaiveDate, SummaryRow, Option<f32>);

type Cell<'c> = dyn Fn(Col) -> (&'c str, &'c str) + 'c;

/// One row: (customer id, as-of date, the row, its highest score), or the
/// column at fault.
fn read_row<'c>(
    cell: &Cell<'c>,
    customer: CustomerIdx,
    expected_as_of: Option<NaiveDate>,
) -> Result<ReadRow, (Col, RowErrorKind)> {
    let date = |c: Col| -> Result<Option<NaiveDate>, (Col, RowErrorKind)> {
        let v = cell(c).0;
        if v.is_empty() {
            return Ok(None);
        }
        parse_date(v).map(Some).map_err(|p| {
            let value = v.to_owned();
            (
                c,
                match p {
                    DateProblem::Unreadable => RowErrorKind::UnreadableDate { value },
                    DateProblem::Impossible => RowErrorKind::ImpossibleDate { value },
                    DateProblem::OutOfRange => RowErrorKind::DateOutOfRange { value },
                },
            )
        })
    };
    let needed = |c: Col| date(c)?.ok_or((c, RowErrorKind::MissingDate));
    let count = |c: Col| -> Result<u32, (Col, RowErrorKind)> {
        let v = cell(c).0;
        if v.is_empty() {
            return Ok(0);
        }
        v.parse::<u32>().map_err(|_| {
            (
                c,
                RowErrorKind::BadNumber {
                    value: v.to_owned(),
                },
            )
        })
    };
    let money = |c: Col| -> Result<Fen, (Col, RowErrorKind)> {
        let v = cell(c).0;
        if v.is_empty() {
            return Err((c, RowErrorKind::MissingAmount));
        }
        parse_amount(v).ok_or((
            c,
            RowErrorKind::BadAmount {
                value: v.to_owned(),
            },
        ))
    };
    let number = |c: Col| -> Result<f64, (Col, RowErrorKind)> {
        let v = cell(c).0;
        if v.is_empty() {
            return Ok(0.0);
        }
        v.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .ok_or((
                c,
                RowErrorKind::BadNumber {
                    value: v.to_owned(),
                },
            ))
    };
    let flag = |c: Col| -> Result<bool, (Col, RowErrorKind)> {
        match cell(c).0.to_ascii_lowercase().as_str() {
            "" | "false" | "0" | "f" | "否" => Ok(false),
            "true" | "1" | "t" | "是" => Ok(true),
            v => Err((
                c,
                RowErrorKind::BadFlag {
                    value: v.to_owned(),
                },
            )),
        }
    };
    let id = cell(Col::CustomerId).0;
    if id.is_empty() {
        return Err((Col::CustomerId, RowErrorKind::MissingCustomer));
    }
    let as_of = needed(Col::AsOf)?;
    if expected_as_of.is_some_and(|e| e != as_of) {
        return Err((
            Col::AsOf,
            RowErrorKind::AsOfDiffers {
                value: cell(Col::AsOf).0.to_owned(),
            },
        ));
    }
    let first_visit = needed(Col::FirstVisit)?;
    let last_visit = needed(Col::LastVisit)?;
    let frequency = count(Col::Frequency)?;
    let visits_12m = count(Col::Visits12m)?;
    // A summary row must describe a possible history.
    let impossible = |c: Col| {
        Err((
            c,
            RowErrorKind::ImpossibleSummary {
                value: cell(c).0.to_owned(),
            },
        ))
    };
    if first_visit > last_visit || last_visit > as_of {
        return impossible(Col::LastVisit);
    }
    if frequency == 0 || visits_12m > frequency {
        return impossible(Col::Frequency);
    }
    let year_start = as_of
        .checked_sub_days(Days::new(365))
        .unwrap_or(NaiveDate::MIN);
    let score = |c: Col| -> Result<Option<f32>, (Col, RowErrorKind)> {
        let v = cell(c).0;
        if v.is_empty() {
            return Ok(None);
        }
        parse_score(v).map(Some).ok_or((
            c,
            RowErrorKind::BadNumber {
                value: v.to_owned(),
            },
        ))
    };
    let stats = CustomerStats {
        customer,
        first_visit,
        last_visit,
        recency_days: (as_of - last_visit).num_days() as u32,
        frequency,
        monetary: money(Col::Monetary)?,
        visits_12m,
        spend_12m: money(Col::Spend12m)?,
        delivery: date(Col::DeliveryDate)?,
        latest_score: score(Col::LatestScore)?,
        complaint: flag(Col::Complaint)?,
    };
    let facts = KpiFacts {
        second_visit: date(Col::SecondVisit)?,
        visited_prev_year: flag(Col::VisitedPrevYear)?,
        last_visit_before_12m: date(Col::LastVisitBefore12m)?,
        first_visit_12m: date(Col::FirstVisit12m)?,
        first_visit_12m_repeat_90d: flag(Col::FirstVisit12mRepeat90d)?,
        first_visit_after_delivery: date(Col::FirstVisitAfterDelivery)?,
        scores_12m: count(Col::Scores12m)?,
        promoters_12m: count(Col::Promoters12m)?,
        detractors_12m: count(Col::Detractors12m)?,
    };
    // Every date must fit the history the counts describe.
    let second_fits = match facts.second_visit {
        Some(d) => frequency >= 2 && d > first_visit && d <= last_visit,
        None => frequency == 1 && first_visit == last_visit,
    };
    if !second_fits {
        return impossible(Col::SecondVisit);
    }
    let in_year = facts
        .first_visit_12m
        .is_some_and(|d| d > year_start && d >= first_visit && d <= last_visit);
    if (visits_12m > 0) != in_year || (first_visit > year_start && visits_12m != frequency) {
        return impossible(Col::FirstVisit12m);
    }
    let before_fits = match facts.last_visit_before_12m {
        Some(d) => d >= first_visit && d <= year_start && d <= last_visit,
        None => first_visit > year_start,
    };
    if !before_fits {
        return impossible(Col::LastVisitBefore12m);
    }
    let after_delivery_fits = match (facts.first_visit_after_delivery, stats.delivery) {
        (Some(v), Some(del)) => v >= del && v >= first_visit && v <= last_visit,
        (Some(_), None) => false,
        (None, _) => true,
    };
    if !after_delivery_fits {
        return impossible(Col::FirstVisitAfterDelivery);
    }
    let repeat_spend = if frequency > 1 {
        money(Col::RepeatSpend)?
    } else {
        Fen::ZERO
    };
    let row = SummaryRow {
        stats,
        facts,
        repeat_spend,
        litt: number(Col::Litt)?,
        litt_before_12m: number(Col::LittBefore12m)?,
    };
    let top = score(Col::ScoreMax)?.or(row.stats.latest_score);
    Ok((id.to_owned(), as_of, row, top))
}
