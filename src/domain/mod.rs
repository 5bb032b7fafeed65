//! The pure core of Panorama: data model, import, and every business rule.
//!
//! Nothing in here touches the browser, the clock or a global RNG (see
//! `ARCHITECTURE.md`): bytes and values come in, values go out, and the
//! as-of date and RNG seeds are arguments. `tests/tidy.rs` enforces it.

pub mod campaign;
pub mod customer;
pub mod demo;
pub mod export;
pub mod ingest;
pub mod kpi;
pub mod lifecycle;
pub mod model;
pub mod money;
pub mod panorama;
pub mod planner;
pub mod rfm;
pub mod segmentation;
pub mod stats;
pub mod summary;
pub mod targets;
pub mod tiers;
pub mod value;
pub mod warning;
