//! Line chart over days with optional interval bands, for cumulative
//! revenue and retention curves. Series are told apart by colour, dash
//! and a legend above the plot, so colour is never the only cue.

use super::{FONT, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

/// (x, y, optional (low, high) band).
pub type Point = (f64, f64, Option<(f64, f64)>);

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    pub points: Vec<Point>,
}

/// Draws the series; `y_label` formats the y axis ticks.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    x_title: &str,
    y_label: &dyn Fn(f64) -> String,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let px = |v: f64| (v * scale).round() as i32;
    // The legend has its own row, so a name never lies on a line.
    let (legend, area) = area.split_vertically(px(24.0));
    let mut x = px(8.0);
    for (k, s) in series.iter().enumerate() {
        let (y, w) = (px(12.0), px(22.0));
        let style = ShapeStyle::from(&s.color).stroke_width(px(2.0).max(1) as u32);
        if k % 2 == 1 {
            for seg in 0..3 {
                let x0 = x + seg * px(8.0);
                legend.draw(&PathElement::new(vec![(x0, y), (x0 + px(5.0), y)], style))?;
            }
        } else {
            legend.draw(&PathElement::new(vec![(x, y), (x + w, y)], style))?;
        }
        legend.draw(&Text::new(
            s.label.clone(),
            (x + w + px(6.0), y - px(7.0)),
            (FONT, px(13.0)).into_font().color(&INK),
        ))?;
        x += w + px(6.0) + text_width(&s.label, px(13.0)) + px(18.0);
    }
    let area = &area;
    let x_max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .fold(1.0f64, f64::max);
    let y_max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.2.map_or(p.1, |b| b.1).max(p.1)))
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.08;
    let mut chart = ChartBuilder::on(area)
        .margin(px(8.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    chart
        .configure_mesh()
        .x_desc(x_title)
        .x_labels(8)
        .y_labels(6)
        .y_label_formatter(&|y| y_label(*y))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .label_style((FONT, px(12.0)).into_font().color(&MUTED))
        .axis_desc_style((FONT, px(12.0)).into_font().color(&MUTED))
        .light_line_style(RGBColor(235, 238, 242))
        .bold_line_style(RGBColor(215, 220, 228))
        .draw()?;
    for (k, s) in series.iter().enumerate() {
        let band: Vec<(f64, f64, f64)> = s
            .points
            .iter()
            .filter_map(|p| p.2.map(|(lo, hi)| (p.0, lo.max(0.0), hi)))
            .collect();
        if !band.is_empty() {
            let mut poly: Vec<(f64, f64)> = band.iter().map(|b| (b.0, b.2)).collect();
            poly.extend(band.iter().rev().map(|b| (b.0, b.1)));
            chart.draw_series(std::iter::once(Polygon::new(
                poly,
                s.color.mix(0.18).filled(),
            )))?;
        }
        let style = ShapeStyle::from(&s.color).stroke_width(px(2.0).max(1) as u32);
        let pts = s.points.iter().map(|p| (p.0, p.1));
        if k % 2 == 1 {
            chart.draw_series(DashedLineSeries::new(
                pts,
                px(8.0).max(1) as u32,
                px(4.0).max(1) as u32,
                style,
            ))?;
        } else {
            chart.draw_series(LineSeries::new(pts, style))?;
        }
    }
    Ok(())
}

/// A text's width at `size` pixels, estimated (Chinese characters are
/// square, Latin about half as wide): plotters' own measuring needs styles
/// the CSP forbids.
pub fn text_width(text: &str, size: i32) -> i32 {
    let ems: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.58 } else { 1.0 })
        .sum();
    (ems * f64::from(size)).ceil() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_labels_and_never_nan() {
        let s = vec![
            Series {
                label: "首保免费".into(),
                color: super::super::PALETTE[0],
                points: vec![
                    (0.0, 0.0, Some((0.0, 0.0))),
                    (90.0, 1200.0, Some((1100.0, 1300.0))),
                ],
            },
            Series {
                label: "新车守护计划".into(),
                color: super::super::PALETTE[1],
                points: vec![(0.0, 10.0, None), (90.0, 3800.0, None)],
            },
        ];
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (600, 300)).into_drawing_area();
            draw(&root, &s, "天", &|y| format!("{y:.0}"), 1.0).unwrap();
            root.present().unwrap();
        }
        assert!(svg.contains("首保免费") && svg.contains("新车守护计划") && svg.contains('天'));
        assert!(!svg.contains("NaN"));
    }
}
