//! Member tiers (DOMAIN §2.3, seed 001's four-tier scheme) on the last
//! 12 months: a tier is reached by spend *or* by visits.

use crate::domain::customer::CustomerStats;
use crate::domain::money::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    Normal,
    Silver,
    Gold,
    Diamond,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Normal, Tier::Silver, Tier::Gold, Tier::Diamond];

    pub fn id(self) -> &'static str {
        match self {
            Tier::Normal => "normal",
            Tier::Silver => "silver",
            Tier::Gold => "gold",
            Tier::Diamond => "diamond",
        }
    }
}

/// (annual spend, annual visits) that reach Silver, Gold, Diamond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierThresholds {
    pub silver: (Fen, u32),
    pub gold: (Fen, u32),
    pub diamond: (Fen, u32),
}

impl TierThresholds {
    /// Silver, gold and diamond thresholds (annual spend, annual visits).
    pub fn thresholds(&self) -> [(Fen, u32); 3] {
        [self.silver, self.gold, self.diamond]
    }

    /// The threshold of silver (0), gold (1) or diamond (2 and above).
    pub fn threshold_mut(&mut self, i: usize) -> &mut (Fen, u32) {
        match i {
            0 => &mut self.silver,
            1 => &mut self.gold,
            _ => &mut self.diamond,
        }
    }
}

impl Default for TierThresholds {
    fn default() -> Self {
        TierThresholds {
            silver: (Fen(300_000), 3),
            gold: (Fen(800_000), 6),
            diamond: (Fen(1_500_000), 10),
        }
    }
}

pub fn tier(c: &CustomerStats, t: &TierThresholds) -> Tier {
    let reaches = |(spend, visits): (Fen, u32)| c.spend_12m >= spend || c.visits_12m >= visits;
    if reaches(t.diamond) {
        Tier::Diamond
    } else if reaches(t.gold) {
        Tier::Gold
    } else if reaches(t.silver) {
        Tier::Silver
    } else {
        Tier::Normal
    }
}
