//! Probabilistic customer value (DOMAIN §9): visit histories, the BG/NBD
//! family of visit models, Gamma-Gamma spend, per-customer scores, and the
//! held-out comparison that picks a model for the user's data.
//!
//! Flow: `history::histories` (days) → `history::Compressed` (distinct
//! (x, t_x, T) triples) → `visits::fit` / `spend::fit_spend` →
//! `score::score`; `validate::validate` fits every model up to a cut and
//! scores the held-out year; `score::value_report` does it all for a
//! `validate::ModelChoice`. The models are unit-free: the app fits in days,
//! the CDNOW tests in weeks.

pub mod history;
pub mod optimise;
pub mod score;
pub mod special;
pub mod spend;
pub mod summary;
pub mod synthetic;
pub mod validate;
pub mod visits;
