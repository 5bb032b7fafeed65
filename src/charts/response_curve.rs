//! One plan cell's response curve R(x) (DOMAIN §8) with the optimised plan's
//! operating point (filled dot, labelled) and the baseline's (open ring,
//! labelled), drawn small so every cell gets its own panel.

use super::{FONT, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub title: String,
    pub color: RGBColor,
    /// (spend, return) along the curve, spend ascending.
    pub points: Vec<(f64, f64)>,
    /// The optimised plan's (spend, return) and its label.
    pub optimised: (f64, f64, String),
    /// The baseline plan's (spend, return) and its label.
    pub baseline: Option<(f64, f64, String)>,
}

/// Points along the curve: the spend axis runs to 2.5 × the cost of
/// reaching the whole audience (or the cell's maximum, if lower), and
/// beyond both plans' points by 30%; `response` gives R(x).
pub fn sample(
    reach_all: f64,
    bounds: (f64, Option<f64>),
    marks: &[f64],
    response: impl Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    let (min_spend, max_spend) = bounds;
    let axis = 2.5 * reach_all;
    let x_max = [max_spend.map_or(axis, |m| m.min(axis).max(min_spend))]
        .into_iter()
        .chain(marks.iter().map(|m| m * 1.3))
        .filter(|x| x.is_finite())
        .fold(1.0f64, f64::max);
    (0..=60)
        .map(|k| {
            let x = x_max * f64::from(k) / 60.0;
            (x, response(x))
        })
        .collect()
}

/// `money` formats the axis ticks.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &Curve,
    money: &dyn Fn(f64) -> String,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let px = |v: f64| (v * scale).round() as i32;
    let x_max = curve.points.iter().map(|p| p.0).fold(1.0f64, f64::max);
    let y_max = curve
        .points
        .iter()
        .map(|p| p.1)
        .chain([curve.optimised.1])
        .chain(curve.baseline.iter().map(|b| b.1))
        .fold(1.0f64, f64::max)
        * 1.12;
    // The title is drawn as plain text: a plotters caption measures text
    // through a styled <span> in the browser, which the CSP forbids.
    area.draw(&Text::new(
        curve.title.clone(),
        (px(6.0), px(4.0)),
        (FONT, px(13.0)).into_font().color(&INK),
    ))?;
    // A legend row under the title names the two marks, so their labels
    // never sit on each other or on the curve near 0.
    let legend_y = px(24.0);
    let mut lx = px(10.0);
    let (x, y, label) = &curve.optimised;
    area.draw(&Circle::new((lx, legend_y), px(4.0), curve.color.filled()))?;
    area.draw(&Text::new(
        label.clone(),
        (lx + px(8.0), legend_y - px(6.0)),
        (FONT, px(11.0)).into_font().color(&INK),
    ))?;
    lx += px(8.0) + super::line_chart::text_width(label, px(11.0)) + px(16.0);
    if let Some((_, _, base_label)) = &curve.baseline {
        area.draw(&Circle::new(
            (lx, legend_y),
            px(4.0),
            ShapeStyle::from(&MUTED).stroke_width(px(2.0).max(1) as u32),
        ))?;
        area.draw(&Text::new(
            base_label.clone(),
            (lx + px(8.0), legend_y - px(6.0)),
            (FONT, px(11.0)).into_font().color(&MUTED),
        ))?;
    }
    let (_, plot) = area.split_vertically(px(36.0));
    let mut chart = ChartBuilder::on(&plot)
        .margin(px(6.0))
        .margin_right(px(20.0))
        .x_label_area_size(px(22.0))
        .y_label_area_size(px(52.0))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    chart
        .configure_mesh()
        .x_labels(4)
        .y_labels(4)
        .x_label_formatter(&|x| money(*x))
        .y_label_formatter(&|y| money(*y))
        .label_style((FONT, px(10.0)).into_font().color(&MUTED))
        .light_line_style(RGBColor(240, 242, 245))
        .bold_line_style(RGBColor(222, 226, 232))
        .draw()?;
    chart.draw_series(LineSeries::new(
        curve.points.iter().copied(),
        ShapeStyle::from(&curve.color).stroke_width(px(2.0).max(1) as u32),
    ))?;
    if let Some((bx, by, _)) = &curve.baseline {
        chart.draw_series(std::iter::once(Circle::new(
            (*bx, *by),
            px(5.0),
            ShapeStyle::from(&MUTED).stroke_width(px(2.0).max(1) as u32),
        )))?;
    }
    chart.draw_series(std::iter::once(Circle::new(
        (*x, *y),
        px(5.0),
        curve.color.filled(),
    )))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_covers_the_audience_the_bounds_and_both_plans() {
        let r = |x: f64| x;
        // 2.5 × the reach-all cost without bounds.
        assert_eq!(
            sample(1000.0, (0.0, None), &[], r).last(),
            Some(&(2500.0, 2500.0))
        );
        // A lower maximum caps it, a plan's point beyond stretches it.
        assert_eq!(
            sample(1000.0, (0.0, Some(800.0)), &[], r)
                .last()
                .map(|p| p.0),
            Some(800.0)
        );
        assert_eq!(
            sample(1000.0, (0.0, Some(800.0)), &[2000.0], r)
                .last()
                .map(|p| p.0),
            Some(2600.0)
        );
        assert_eq!(sample(1000.0, (0.0, None), &[], r).len(), 61);
        // Nothing to show still gives an axis, never NaN.
        assert!(sample(f64::NAN, (0.0, None), &[f64::NAN], r)
            .iter()
            .all(|p| p.0.is_finite()));
    }

    #[test]
    fn draws_the_curve_and_both_points() {
        let points: Vec<(f64, f64)> = (0..=20)
            .map(|k| {
                let x = k as f64 * 10_000.0;
                (x, 1_000_000.0 * (1.0 - (-x / 100_000.0f64).exp()))
            })
            .collect();
        let c = Curve {
            title: "留存 × 成长期".into(),
            color: super::super::PALETTE[0],
            points,
            optimised: (80_000.0, 550_671.0, "优化".into()),
            baseline: Some((20_000.0, 181_269.0, "基准".into())),
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (260, 170)).into_drawing_area();
            draw(&root, &c, &|v| format!("{:.0}万", v / 10_000.0), 1.0).unwrap();
            root.present().unwrap();
        }
        for s in ["留存 × 成长期", "优化", "基准", "<circle", "<polyline"] {
            assert!(svg.contains(s), "missing {s}");
        }
        assert!(!svg.contains("NaN"));
    }
}
