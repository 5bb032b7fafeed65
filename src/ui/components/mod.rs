//! Shared widgets; none of them imports a feature.

pub mod chart_canvas;
pub mod later;
pub mod no_data;
