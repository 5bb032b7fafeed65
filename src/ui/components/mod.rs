//! Reusable pieces of the pages.

pub mod import_controller;
pub mod mapping_panel;
pub mod upload_zone;
pub mod validation_report;
