//! One page component per route.

pub mod data_page;
pub mod segments_page;
