//! The Data view (数据): upload, column mapping, validation report, as-of
//! date, and the opt-in to keep the data in this browser.

pub mod data_page;
pub mod import_state;
pub mod keep_data;
pub mod mapping_panel;
pub mod upload_zone;
pub mod validation_report;
