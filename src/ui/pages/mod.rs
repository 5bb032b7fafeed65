//! One page component per route.

pub mod campaigns_page;
pub mod data_page;
pub mod panorama_page;
pub mod planner_page;
pub mod report_page;
pub mod segments_page;
