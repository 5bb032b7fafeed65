//! The Leptos layer: the shell, one folder per feature (data, segments,
//! panorama, campaigns, planner, report), shared `components` that never
//! import a feature, the engine client, and `io` (the only code touching
//! files, downloads and storage). Views render and dispatch; numbers come
//! from the engine and `domain`, words from `i18n`.

pub mod app;
pub mod campaigns;
pub mod components;
pub mod data;
pub mod engine_client;
pub mod io;
pub mod panorama;
pub mod planner;
pub mod report;
pub mod route;
pub mod segments;
pub mod state;
pub mod value;
