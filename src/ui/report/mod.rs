//! The report (报告): every view's results on one print-ready page.

pub mod executive_summary;
pub mod report_page;
