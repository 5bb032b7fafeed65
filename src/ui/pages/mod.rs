//! One page component per route.

pub mod data_page;
