//! RFM scores (1–5) in the two modes of DOMAIN §2.2, and the eight
//! segments of DOMAIN §2.1 with the priority and nearest-box rules.

use crate::domain::customer::CustomerStats;
use crate::domain::money::Fen;
use serde::{Deserialize, Serialize};

/// R, F and M scores, each 1–5 (5 best: most recent, most visits, most spend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scores {
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

/// DOMAIN §2.2 business thresholds (editable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessThresholds {
    /// Most days since the last visit for R = 5, 4, 3, 2 (beyond: 1).
    pub r_max_days: [u32; 4],
    /// Fewest visits in the last 12 months for F = 5, 4, 3, 2 (below: 1).
    pub f_min_visits: [u32; 4],
    /// Least spend in the last 12 months for M = 5, 4, 3, 2 (below: 1).
    pub m_min_spend: [Fen; 4],
}

impl Default for BusinessThresholds {
    fn default() -> Self {
        BusinessThresholds {
            r_max_days: [60, 120, 180, 365],
            f_min_visits: [7, 5, 3, 2],
            m_min_spend: [Fen(800_000), Fen(500_000), Fen(300_000), Fen(150_000)],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoringMode {
    /// Quintiles over the customers (default), ties scored alike.
    Quantile,
    Business(BusinessThresholds),
}

/// DOMAIN §2.2 quantile score for each value: clamp(ceil(5 × (k + 1) / n), 1, 5)
/// where k counts the values strictly worse. `higher_is_better` is false
/// for recency (more days is worse).
pub fn quantile_scores<T: Copy + PartialOrd>(values: &[T], higher_is_better: bool) -> Vec<u8> {
    let n = values.len();
    let mut sorted: Vec<T> = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values
        .iter()
        .map(|v| {
            let worse = if higher_is_better {
                sorted.partition_point(|x| x < v)
            } else {
                n - sorted.partition_point(|x| x <= v)
            };
            (5 * (worse + 1)).div_ceil(n).clamp(1, 5) as u8
        })
        .collect()
}

fn score_at_most(value: u32, limits: [u32; 4]) -> u8 {
    limits
        .iter()
        .position(|&l| value <= l)
        .map_or(1, |i| 5 - i as u8)
}

fn score_at_least<T: PartialOrd>(value: T, limits: [T; 4]) -> u8 {
    limits
        .iter()
        .position(|l| value >= *l)
        .map_or(1, |i| 5 - i as u8)
}

/// Scores every customer under the mode.
pub fn score(customers: &[CustomerStats], mode: &ScoringMode) -> Vec<Scores> {
    match mode {
        ScoringMode::Quantile => {
            let r: Vec<u32> = customers.iter().map(|c| c.recency_days).collect();
            let f: Vec<u32> = customers.iter().map(|c| c.frequency).collect();
            let m: Vec<Fen> = customers.iter().map(|c| c.monetary).collect();
            let (r, f, m) = (
                quantile_scores(&r, false),
                quantile_scores(&f, true),
                quantile_scores(&m, true),
            );
            (0..customers.len())
                .map(|i| Scores {
                    r: r[i],
                    f: f[i],
                    m: m[i],
                })
                .collect()
        }
        ScoringMode::Business(t) => customers
            .iter()
            .map(|c| Scores {
                r: score_at_most(c.recency_days, t.r_max_days),
                f: score_at_least(c.visits_12m, t.f_min_visits),
                m: score_at_least(c.spend_12m, t.m_min_spend),
            })
            .collect(),
    }
}

/// The eight RFM segments of DOMAIN §2.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    AtRisk,
    Average,
    Hibernating,
    Lost,
}

impl Segment {
    /// Table order of DOMAIN §2.1.
    pub const ALL: [Segment; 8] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::New,
        Segment::AtRisk,
        Segment::Average,
        Segment::Hibernating,
        Segment::Lost,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalists => "potential_loyalists",
            Segment::New => "new",
            Segment::AtRisk => "at_risk",
            Segment::Average => "average",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    /// Typical share of customers in the source, as (low, high).
    pub fn typical_share(self) -> (f64, f64) {
        match self {
            Segment::Champions => (0.05, 0.08),
            Segment::Loyal => (0.10, 0.15),
            Segment::PotentialLoyalists => (0.08, 0.12),
            Segment::New => (0.10, 0.20),
            Segment::AtRisk => (0.05, 0.10),
            Segment::Average => (0.30, 0.40),
            Segment::Hibernating => (0.10, 0.15),
            Segment::Lost => (0.05, 0.10),
        }
    }

    /// The source's budget share (they add up to 115%).
    fn source_budget_share(self) -> f64 {
        match self {
            Segment::Champions => 0.30,
            Segment::Loyal => 0.25,
            Segment::PotentialLoyalists => 0.20,
            Segment::New => 0.15,
            Segment::AtRisk => 0.15,
            Segment::Average => 0.08,
            Segment::Hibernating => 0.02,
            Segment::Lost => 0.0,
        }
    }

    /// DOMAIN §2.1 Decision: the source's budget shares, normalised to 100%.
    pub fn budget_share(self) -> f64 {
        self.budget_share_among(|_| true)
    }

    /// The source's budget share normalised over the segments `present`
    /// says have customers (issue 14: no budget for a segment nobody is
    /// in); 0 for the others, and 0 everywhere when none is present.
    pub fn budget_share_among(self, present: impl Fn(Segment) -> bool) -> f64 {
        let total: f64 = Segment::ALL
            .iter()
            .filter(|s| present(**s))
            .map(|s| s.source_budget_share())
            .sum();
        if present(self) && total > 0.0 {
            self.source_budget_share() / total
        } else {
            0.0
        }
    }
}

/// A segment's box: inclusive score ranges for R, F and M.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRule {
    pub segment: Segment,
    pub r: (u8, u8),
    pub f: (u8, u8),
    pub m: (u8, u8),
}

impl SegmentRule {
    /// One end of one dimension's range (0 = R, 1 = F, 2 = M).
    pub fn bound(&self, dim: usize, high: bool) -> u8 {
        let b = [self.r, self.f, self.m][dim.min(2)];
        if high {
            b.1
        } else {
            b.0
        }
    }

    /// Sets one end of a range to a score 1–5, keeping low ≤ high.
    pub fn set_bound(&mut self, dim: usize, high: bool, value: u64) {
        let v = value.clamp(1, 5) as u8;
        let b = match dim {
            0 => &mut self.r,
            1 => &mut self.f,
            _ => &mut self.m,
        };
        if high {
            b.1 = v.max(b.0)
        } else {
            b.0 = v.min(b.1)
        }
    }

    fn distance(&self, s: Scores) -> u32 {
        let d = |x: u8, (lo, hi): (u8, u8)| {
            u32::from(lo.saturating_sub(x)) + u32::from(x.saturating_sub(hi))
        };
        d(s.r, self.r) + d(s.f, self.f) + d(s.m, self.m)
    }
}

/// The DOMAIN §2.1 boxes in the priority order of its Decision.
pub fn default_rules() -> Vec<SegmentRule> {
    let rule = |segment, r, f, m| SegmentRule { segment, r, f, m };
    vec![
        rule(Segment::Lost, (1, 1), (1, 1), (1, 1)),
        rule(Segment::Champions, (4, 5), (4, 5), (4, 5)),
        rule(Segment::Loyal, (3, 5), (4, 5), (2, 3)),
        rule(Segment::PotentialLoyalists, (4, 5), (2, 3), (3, 5)),
        rule(Segment::New, (5, 5), (1, 1), (1, 5)),
        rule(Segment::AtRisk, (1, 2), (3, 4), (3, 4)),
        rule(Segment::Hibernating, (1, 2), (1, 2), (1, 2)),
        rule(Segment::Average, (2, 3), (2, 3), (2, 3)),
    ]
}

/// How a customer came to its segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    /// Its scores lie in the segment's box (the first such box by priority).
    InBox,
    /// In no box: the nearest one, at this L1 distance.
    Nearest { distance: u32 },
}

/// DOMAIN §2.1 Decision: the first box by priority that holds the scores,
/// else the nearest box in L1 distance (ties to the earlier rule).
pub fn classify(rules: &[SegmentRule], s: Scores) -> (Segment, Placement) {
    let mut best: Option<(u32, Segment)> = None;
    for rule in rules {
        let d = rule.distance(s);
        if d == 0 {
            return (rule.segment, Placement::InBox);
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, rule.segment));
        }
    }
    match best {
        Some((distance, segment)) => (segment, Placement::Nearest { distance }),
        // No rules at all: everyone is Average, the catch-all group.
        None => (Segment::Average, Placement::Nearest { distance: 0 }),
    }
}

/// The segment of every (R, F, M) in 1..=5, indexed by (r−1)·25 + (f−1)·5 + (m−1).
pub fn lookup_table(rules: &[SegmentRule]) -> Vec<(Segment, Placement)> {
    let mut t = Vec::with_capacity(125);
    for r in 1..=5 {
        for f in 1..=5 {
            for m in 1..=5 {
                t.push(classify(rules, Scores { r, f, m }));
            }
        }
    }
    t
}

pub fn table_index(s: Scores) -> usize {
    usize::from(s.r - 1) * 25 + usize::from(s.f - 1) * 5 + usize::from(s.m - 1)
}
