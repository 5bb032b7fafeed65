//! Probabilistic customer value (DOMAIN §9): visit histories, the BG/NBD
//! family of visit models, Gamma-Gamma spend, per-customer scores, and the
//! held-out comparison that picks a model for the user's data.

pub mod history;
pub mod optimise;
pub mod score;
pub mod special;
pub mod spend;
pub mod synthetic;
pub mod validate;
pub mod visits;
