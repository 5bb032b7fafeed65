//! The R×F heat map: customers per (R score, F score) cell, R 5 at the top.

use super::{FONT, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where the grid sits in a drawing area of `w`×`h` pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub left: f64,
    pub top: f64,
    pub cell_w: f64,
    pub cell_h: f64,
}

impl Layout {
    pub fn new(w: f64, h: f64, scale: f64) -> Layout {
        let left = 44.0 * scale;
        let top = 8.0 * scale;
        let bottom = 40.0 * scale;
        Layout {
            left,
            top,
            cell_w: ((w - left - 8.0 * scale) / 5.0).max(1.0),
            cell_h: ((h - top - bottom) / 5.0).max(1.0),
        }
    }

    /// The (r, f) scores of the cell under a point, if any.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(u8, u8)> {
        let col = ((x - self.left) / self.cell_w).floor();
        let row = ((y - self.top) / self.cell_h).floor();
        ((0.0..5.0).contains(&col) && (0.0..5.0).contains(&row))
            .then(|| (5 - row as u8, col as u8 + 1))
    }

    fn cell_rect(&self, r: u8, f: u8) -> ((i32, i32), (i32, i32)) {
        let x = self.left + f64::from(f - 1) * self.cell_w;
        let y = self.top + f64::from(5 - r) * self.cell_h;
        (
            (x as i32, y as i32),
            ((x + self.cell_w) as i32 - 1, (y + self.cell_h) as i32 - 1),
        )
    }
}

/// `counts[r-1][f-1]`; `selected` outlines one cell; axis titles are given
/// in the user's language.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    counts: &[[usize; 5]; 5],
    selected: Option<(u8, u8)>,
    axis: (&str, &str),
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let layout = Layout::new(f64::from(w), f64::from(h), scale);
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let px = |v: f64| (v * scale).round() as i32;
    let font = (FONT, px(13.0)).into_font();
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            let n = counts[usize::from(r - 1)][usize::from(f - 1)];
            let t = n as f64 / max;
            // Light to dark blue; the count is written in every cell.
            let shade = RGBColor(
                (235.0 - 200.0 * t) as u8,
                (242.0 - 150.0 * t) as u8,
                (250.0 - 80.0 * t) as u8,
            );
            let (p0, p1) = layout.cell_rect(r, f);
            area.draw(&Rectangle::new([p0, p1], shade.filled()))?;
            let text_color = if t > 0.55 { WHITE } else { INK };
            area.draw(&Text::new(
                n.to_string(),
                (
                    (p0.0 + p1.0) / 2 - px(4.0) * n.to_string().len() as i32,
                    (p0.1 + p1.1) / 2 - px(7.0),
                ),
                font.clone().color(&text_color),
            ))?;
            if selected == Some((r, f)) {
                area.draw(&Rectangle::new(
                    [p0, p1],
                    ShapeStyle::from(&INK).stroke_width(px(3.0) as u32),
                ))?;
            }
        }
        let (p0, p1) = layout.cell_rect(r, 1);
        area.draw(&Text::new(
            r.to_string(),
            (px(26.0), (p0.1 + p1.1) / 2 - px(7.0)),
            font.clone().color(&MUTED),
        ))?;
    }
    for f in 1..=5u8 {
        let (p0, p1) = layout.cell_rect(1, f);
        area.draw(&Text::new(
            f.to_string(),
            ((p0.0 + p1.0) / 2 - px(4.0), p1.1 + px(4.0)),
            font.clone().color(&MUTED),
        ))?;
    }
    area.draw(&Text::new(
        axis.0.to_owned(),
        (px(2.0), layout.top as i32),
        font.clone().color(&MUTED),
    ))?;
    area.draw(&Text::new(
        axis.1.to_owned(),
        (layout.left as i32, h as i32 - px(18.0)),
        font.color(&MUTED),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_testing_matches_the_drawn_grid() {
        let l = Layout::new(400.0, 300.0, 1.0);
        assert_eq!(l.cell_at(l.left + 1.0, l.top + 1.0), Some((5, 1)));
        assert_eq!(
            l.cell_at(l.left + 4.5 * l.cell_w, l.top + 4.5 * l.cell_h),
            Some((1, 5))
        );
        assert_eq!(l.cell_at(l.left - 1.0, l.top + 1.0), None);
        assert_eq!(l.cell_at(l.left + 1.0, l.top + 5.0 * l.cell_h + 1.0), None);
    }

    #[test]
    fn renders_counts_to_svg() {
        let mut counts = [[0usize; 5]; 5];
        counts[4][0] = 1234;
        counts[0][4] = 7;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
            draw(&root, &counts, Some((5, 1)), ("R", "F 到店频次"), 1.0).unwrap();
            root.present().unwrap();
        }
        let texts: Vec<&str> = svg.lines().filter(|l| !l.starts_with('<')).collect();
        assert!(texts.contains(&"1234") && texts.contains(&"7"), "{texts:?}");
        // The busiest cell is dark with white text; the selected one outlined.
        assert!(svg.contains("fill=\"#FFFFFF\">\n1234"));
        assert!(svg.contains("F 到店频次"));
    }
}
