//! DOMAIN §5 targets: one target per (scope, KPI), each either a default
//! from the seed documents (and labelled with the seed) or the user's own.
//!
//! Decision (one KPI, one target per scope): the dashboard's figures over
//! all customers have the overall targets; a stage's own figure has that
//! stage's target and is named with the stage. The direction of a target
//! (above or below) is part of the KPI and cannot be edited; its value can.

use crate::domain::kpi::{KpiId, Target};
use crate::domain::lifecycle::Stage;

/// Which customers a KPI is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    Overall,
    Stage(Stage),
}

impl Scope {
    pub fn id(self) -> &'static str {
        match self {
            Scope::Overall => "overall",
            Scope::Stage(s) => s.id(),
        }
    }
}

/// Where a target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// Seed 000, the national VP's dashboard.
    Seed000,
    /// Seed 001, the retention metrics.
    Seed001,
    /// Typed by the user.
    User,
}

/// A target in force: its value and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TargetSpec {
    pub scope: Scope,
    pub kpi: KpiId,
    pub target: Target,
    pub source: Source,
}

use KpiId as K;
use Scope::{Overall, Stage as In};
use Source::{Seed000, Seed001};
use Target::{Above, Below};

/// DOMAIN §5's targets, in the order the editor lists them.
const DEFAULTS: [(Scope, KpiId, Target, Source); 24] = [
    (Overall, K::Retention30d, Above(0.80), Seed001),
    (Overall, K::Retention90d, Above(0.65), Seed001),
    (Overall, K::Retention12m, Above(0.60), Seed000),
    (Overall, K::ActiveShare, Above(0.60), Seed001),
    (Overall, K::SilentShare, Below(0.20), Seed001),
    (Overall, K::ChurnAnnual, Below(0.30), Seed000),
    (Overall, K::RepurchaseRate, Above(0.70), Seed001),
    (Overall, K::AnnualSpend, Above(6000.0), Seed000),
    (Overall, K::VisitsPerMonth, Above(0.5), Seed001),
    (Overall, K::Nps, Above(60.0), Seed001),
    (Overall, K::Ltv, Above(18_000.0), Seed000),
    (Overall, K::Lifetime, Above(36.0), Seed000),
    (Overall, K::LtvToCac, Above(6.0), Seed000),
    (
        In(Stage::New),
        K::FirstMaintenanceArrival,
        Above(0.80),
        Seed000,
    ),
    (In(Stage::New), K::Retention90d, Above(0.85), Seed000),
    (In(Stage::Growth), K::VisitsPerMonth, Above(0.4), Seed000),
    (In(Stage::Growth), K::Retention12m, Above(0.70), Seed000),
    (In(Stage::Growth), K::Referral, Above(0.20), Seed000),
    (In(Stage::Mature), K::AnnualSpend, Above(8000.0), Seed000),
    (In(Stage::Mature), K::Nps, Above(70.0), Seed000),
    (In(Stage::Mature), K::Referral, Above(0.30), Seed000),
    (
        In(Stage::Dormant),
        K::WarningRecognition,
        Above(0.90),
        Seed000,
    ),
    (In(Stage::Dormant), K::WakeUpRate, Above(0.25), Seed000),
    (
        In(Stage::Dormant),
        K::PostWakeUpRetention,
        Above(0.60),
        Seed000,
    ),
];

/// Why a typed target was refused.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TargetError {
    NotANumber,
    /// The value lies outside what the KPI can take.
    OutOfRange {
        min: f64,
        max: f64,
    },
    /// No such (scope, KPI) pair has a target.
    Unknown,
}

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetError::NotANumber => write!(f, "a target must be a number"),
            TargetError::OutOfRange { min, max } => {
                write!(f, "a target must lie between {min} and {max}")
            }
            TargetError::Unknown => write!(f, "this KPI has no target in this scope"),
        }
    }
}

/// The values a KPI's target may take: shares 0–1, NPS −100–100, money,
/// months, visits and ratios from 0 up.
pub fn range(kpi: KpiId) -> (f64, f64) {
    match kpi {
        K::Nps => (-100.0, 100.0),
        K::AnnualSpend | K::Ltv => (0.0, 1e9),
        K::VisitsPerMonth => (0.0, 31.0),
        K::Lifetime => (0.0, 1200.0),
        K::LtvToCac => (0.0, 1e6),
        _ => (0.0, 1.0),
    }
}

/// The targets in force: the defaults of DOMAIN §5 with the user's own
/// values over them. Only the user's values are stored.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Targets {
    user: Vec<(Scope, KpiId, f64)>,
}

impl Targets {
    /// The target of a KPI in a scope, `None` if it has none.
    pub fn get(&self, scope: Scope, kpi: KpiId) -> Option<TargetSpec> {
        let &(_, _, default, source) = DEFAULTS.iter().find(|d| d.0 == scope && d.1 == kpi)?;
        Some(
            match self.user.iter().find(|u| u.0 == scope && u.1 == kpi) {
                Some(&(_, _, v)) => TargetSpec {
                    scope,
                    kpi,
                    target: match default {
                        Above(_) => Above(v),
                        Below(_) => Below(v),
                    },
                    source: Source::User,
                },
                None => TargetSpec {
                    scope,
                    kpi,
                    target: default,
                    source,
                },
            },
        )
    }

    /// Every target in force, in the order of DOMAIN §5.
    pub fn all(&self) -> Vec<TargetSpec> {
        DEFAULTS.iter().filter_map(|d| self.get(d.0, d.1)).collect()
    }

    /// The default a user's value replaces, with its seed.
    pub fn default_of(scope: Scope, kpi: KpiId) -> Option<(Target, Source)> {
        DEFAULTS
            .iter()
            .find(|d| d.0 == scope && d.1 == kpi)
            .map(|d| (d.2, d.3))
    }

    /// Sets the user's own target (in the KPI's own unit: shares 0–1).
    /// A value equal to the default still counts as the user's: they typed it.
    pub fn set(&mut self, scope: Scope, kpi: KpiId, value: f64) -> Result<(), TargetError> {
        if Self::default_of(scope, kpi).is_none() {
            return Err(TargetError::Unknown);
        }
        if !value.is_finite() {
            return Err(TargetError::NotANumber);
        }
        let (min, max) = range(kpi);
        if !(min..=max).contains(&value) {
            return Err(TargetError::OutOfRange { min, max });
        }
        self.user.retain(|u| !(u.0 == scope && u.1 == kpi));
        self.user.push((scope, kpi, value));
        Ok(())
    }

    /// Goes back to the seed's target.
    pub fn reset(&mut self, scope: Scope, kpi: KpiId) {
        self.user.retain(|u| !(u.0 == scope && u.1 == kpi));
    }

    pub fn reset_all(&mut self) {
        self.user.clear();
    }

    /// How many targets are the user's own.
    pub fn user_count(&self) -> usize {
        self.user.len()
    }

    /// Drops stored values that no longer name a target or lie out of
    /// range (a value kept by another version of the app).
    pub fn sanitised(mut self) -> Self {
        let mut seen = Vec::new();
        self.user.retain(|&(s, k, v)| {
            let (min, max) = range(k);
            let ok = Self::default_of(s, k).is_some()
                && v.is_finite()
                && (min..=max).contains(&v)
                && !seen.contains(&(s, k));
            seen.push((s, k));
            ok
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_target_per_scope_and_kpi() {
        for (i, a) in DEFAULTS.iter().enumerate() {
            for b in &DEFAULTS[i + 1..] {
                assert!(!(a.0 == b.0 && a.1 == b.1), "{:?} {:?} twice", a.0, a.1);
            }
            let (min, max) = range(a.1);
            let v = match a.2 {
                Above(v) | Below(v) => v,
            };
            assert!((min..=max).contains(&v), "{:?} default out of range", a.1);
        }
    }

    #[test]
    fn a_user_target_replaces_the_seed_and_keeps_the_direction() {
        let mut t = Targets::default();
        let silent = t.get(Overall, K::SilentShare).expect("silent");
        assert_eq!((silent.target, silent.source), (Below(0.20), Seed001));
        t.set(Overall, K::SilentShare, 0.35).expect("set");
        let silent = t.get(Overall, K::SilentShare).expect("silent");
        assert_eq!((silent.target, silent.source), (Below(0.35), Source::User));
        // The stage's own figure keeps its own target.
        let new = t.get(In(Stage::New), K::Retention90d).expect("new");
        assert_eq!((new.target, new.source), (Above(0.85), Seed000));
        t.reset(Overall, K::SilentShare);
        assert_eq!(t, Targets::default());
    }

    #[test]
    fn out_of_range_targets_are_refused() {
        let mut t = Targets::default();
        assert_eq!(
            t.set(Overall, K::ActiveShare, 1.5),
            Err(TargetError::OutOfRange { min: 0.0, max: 1.0 })
        );
        assert_eq!(
            t.set(Overall, K::Nps, f64::NAN),
            Err(TargetError::NotANumber)
        );
        assert_eq!(
            t.set(In(Stage::New), K::Nps, 50.0),
            Err(TargetError::Unknown)
        );
        assert_eq!(t.set(Overall, K::Nps, -20.0), Ok(()));
        assert_eq!(t.user_count(), 1);
    }

    #[test]
    fn stored_values_from_elsewhere_are_dropped() {
        let t = Targets {
            user: vec![
                (Overall, K::Nps, 75.0),
                (Overall, K::Nps, 80.0),
                (Overall, K::ActiveShare, 7.0),
                (In(Stage::Dormant), K::Ltv, 1.0),
            ],
        }
        .sanitised();
        assert_eq!(t.user, vec![(Overall, K::Nps, 75.0)]);
    }
}
