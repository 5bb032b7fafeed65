//! Money as an exact count of fen (0.01 yuan), so totals never drift.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};

/// An amount of money in fen (分). 100 fen = 1 yuan.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// Whole yuan, for display and statistics.
    pub fn yuan(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Rounds a yuan amount (e.g. an XLSX number cell) to the nearest fen.
    /// Returns `None` when it is not finite or beyond ±10^13 yuan.
    /// Whole yuan (a threshold typed as an integer), saturating.
    pub fn from_whole_yuan(yuan: u64) -> Fen {
        Fen(i64::try_from(yuan)
            .unwrap_or(i64::MAX / 100)
            .saturating_mul(100))
    }

    /// The amount in whole yuan, rounded down (for integer inputs).
    pub fn whole_yuan(self) -> u64 {
        u64::try_from(self.0.max(0) / 100).unwrap_or(0)
    }

    pub fn from_yuan_f64(yuan: f64) -> Option<Fen> {
        if !yuan.is_finite() || yuan.abs() >= 1e13 {
            return None;
        }
        Some(Fen((yuan * 100.0).round() as i64))
    }
}

impl Add for Fen {
    type Output = Fen;
    fn add(self, rhs: Fen) -> Fen {
        Fen(self.0 + rhs.0)
    }
}

impl AddAssign for Fen {
    fn add_assign(&mut self, rhs: Fen) {
        self.0 += rhs.0;
    }
}

impl Sub for Fen {
    type Output = Fen;
    fn sub(self, rhs: Fen) -> Fen {
        Fen(self.0 - rhs.0)
    }
}

impl Neg for Fen {
    type Output = Fen;
    fn neg(self) -> Fen {
        Fen(-self.0)
    }
}

impl Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|f| f.0).sum())
    }
}

/// Plain decimal yuan with two places, as CSV exports want it: `-1234.50`.
impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_yuan_round_trips() {
        assert_eq!(Fen::from_whole_yuan(8000), Fen(800_000));
        assert_eq!(Fen(800_099).whole_yuan(), 8000);
        assert_eq!(Fen(-5).whole_yuan(), 0);
        assert_eq!(Fen::from_whole_yuan(u64::MAX).0, i64::MAX / 100 * 100);
    }

    #[test]
    fn displays_two_decimals_with_sign() {
        assert_eq!(Fen(123450).to_string(), "1234.50");
        assert_eq!(Fen(-5).to_string(), "-0.05");
        assert_eq!(Fen(0).to_string(), "0.00");
    }

    #[test]
    fn rounds_yuan_floats_to_fen() {
        assert_eq!(Fen::from_yuan_f64(1234.56), Some(Fen(123456)));
        assert_eq!(Fen::from_yuan_f64(-0.994), Some(Fen(-99)));
        assert_eq!(Fen::from_yuan_f64(f64::NAN), None);
        assert_eq!(Fen::from_yuan_f64(1e14), None);
    }
}
