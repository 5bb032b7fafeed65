//! Horizontal bar chart with a value label on every bar and an optional
//! second, thinner bar (e.g. revenue share beside customer share).

use super::{FONT, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Share of the whole, 0–1 (bar length).
    pub share: f64,
    pub value_label: String,
    pub color: RGBColor,
    /// Second share drawn under the bar, with its label.
    pub secondary: Option<(f64, String)>,
}

/// Draws `bars` top to bottom. `scale` multiplies sizes (device pixel ratio).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    if bars.is_empty() || w < 10 || h < 10 {
        return Ok(());
    }
    let px = |v: f64| (v * scale).round() as i32;
    // Each row: the label on its own line, the bar(s) under it, so labels of
    // any length never run into the bars.
    let label_h = px(17.0);
    let value_w = px(130.0);
    let left = px(4.0);
    let bar_w = (w as i32 - left - value_w).max(px(20.0));
    let row_h = (h as i32 / bars.len() as i32).max(label_h + px(8.0));
    let font = (FONT, px(13.0)).into_font();
    let small = (FONT, px(11.0)).into_font();
    let max_share = bars
        .iter()
        .flat_map(|b| [b.share, b.secondary.as_ref().map_or(0.0, |s| s.0)])
        .fold(0.0f64, f64::max)
        .max(1e-9);
    for (i, b) in bars.iter().enumerate() {
        let top = i as i32 * row_h;
        area.draw(&Text::new(
            b.label.clone(),
            (left, top + px(1.0)),
            font.clone().color(&INK),
        ))?;
        let bars_top = top + label_h;
        let space = (row_h - label_h - px(4.0)).max(px(4.0));
        let main_h = if b.secondary.is_some() {
            space / 2
        } else {
            space.min(px(18.0))
        };
        let len = ((b.share / max_share) * f64::from(bar_w)).round() as i32;
        area.draw(&Rectangle::new(
            [(left, bars_top), (left + len.max(1), bars_top + main_h)],
            b.color.filled(),
        ))?;
        area.draw(&Text::new(
            b.value_label.clone(),
            (left + len + px(6.0), bars_top + main_h / 2 - px(7.0)),
            font.clone().color(&INK),
        ))?;
        if let Some((share, text)) = &b.secondary {
            let y1 = bars_top + main_h + px(1.0);
            let h2 = (main_h * 7 / 10).max(px(3.0));
            let len2 = ((share / max_share) * f64::from(bar_w)).round() as i32;
            area.draw(&Rectangle::new(
                [(left, y1), (left + len2.max(1), y1 + h2)],
                MUTED.mix(0.55).filled(),
            ))?;
            area.draw(&Text::new(
                text.clone(),
                (left + len2 + px(6.0), y1 + h2 / 2 - px(6.0)),
                small.clone().color(&MUTED),
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_label_to_svg() {
        let bars = vec![
            Bar {
                label: "重要价值客户".into(),
                share: 0.2,
                value_label: "20.0%".into(),
                color: super::super::PALETTE[0],
                secondary: Some((0.5, "收入 50.0%".into())),
            },
            Bar {
                label: "Lost".into(),
                share: 0.0,
                value_label: "0.0%".into(),
                color: super::super::PALETTE[1],
                secondary: None,
            },
        ];
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (600, 200)).into_drawing_area();
            draw(&root, &bars, 1.0).unwrap();
            root.present().unwrap();
        }
        for text in ["重要价值客户", "20.0%", "收入 50.0%", "Lost", "0.0%"] {
            assert!(svg.contains(text), "{text} missing");
        }
        assert!(!svg.contains("NaN"));
    }
}
