//! Reusable pieces of the pages.

pub mod chart_canvas;
pub mod customer_list;
pub mod import_controller;
pub mod mapping_panel;
pub mod plan_insights;
pub mod plan_scenarios;
pub mod segment_settings_panel;
pub mod upload_zone;
pub mod validation_report;
