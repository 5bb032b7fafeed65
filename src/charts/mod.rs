//! Charts as functions from plain data to any plotters drawing area: the
//! browser draws them on a canvas, tests render them to SVG strings.

pub mod bar_chart;
pub mod heat_map;
pub mod line_chart;
pub mod response_curve;
pub mod sankey;
pub mod tornado;

use plotters::style::RGBColor;

/// Colours that stay apart for colour-blind readers (Okabe–Ito), always
/// paired with a text label on the chart.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(120, 120, 120),
];

pub const INK: RGBColor = RGBColor(29, 39, 51);
pub const MUTED: RGBColor = RGBColor(91, 103, 117);
pub const FONT: &str = "sans-serif";
