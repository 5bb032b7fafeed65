//! A two-column flow diagram (Sankey): nodes on the left and right, bands
//! between them as wide as the number of customers that moved.

use super::{FONT, INK, PALETTE};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub from: usize,
    pub to: usize,
    pub count: usize,
}

/// Customers leaving each of `n` left nodes (`left: true`) or arriving at
/// each of `n` right nodes: the counts the node labels show.
pub fn totals(flows: &[Flow], n: usize, left: bool) -> Vec<usize> {
    (0..n)
        .map(|i| {
            flows
                .iter()
                .filter(|f| if left { f.from == i } else { f.to == i })
                .map(|f| f.count)
                .sum()
        })
        .collect()
}

/// Node labels already carry their counts; `flows` index into them.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    left: &[String],
    right: &[String],
    flows: &[Flow],
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let total: usize = flows.iter().map(|f| f.count).sum();
    if total == 0 || w < 50 || h < 50 {
        return Ok(());
    }
    let px = |v: f64| v * scale;
    let gap = px(10.0);
    let node_w = px(14.0);
    // Each side as wide as its longest label (estimated), at most 38% of
    // the chart, so labels never run into the bars on a phone.
    let font_px = px(12.0) as i32;
    let side = |labels: &[String]| {
        let longest = labels
            .iter()
            .map(|l| super::line_chart::text_width(l, font_px))
            .max()
            .unwrap_or(0);
        (f64::from(longest) + px(10.0)).min(f64::from(w) * 0.38)
    };
    let (left_w, right_w) = (side(left), side(right));
    let (x0, x1) = (left_w, f64::from(w) - right_w - node_w);
    let usable = |n: usize| f64::from(h) - px(8.0) - gap * (n.saturating_sub(1)) as f64;
    let unit = usable(left.len().max(right.len())) / total as f64;
    let (ls, rs) = (
        totals(flows, left.len(), true),
        totals(flows, right.len(), false),
    );
    let tops = |s: &[usize]| -> Vec<f64> {
        let mut y = px(4.0);
        s.iter()
            .map(|n| {
                let t = y;
                if *n > 0 {
                    y += *n as f64 * unit + gap;
                }
                t
            })
            .collect()
    };
    let (lt, rt) = (tops(&ls), tops(&rs));
    let font = (FONT, font_px).into_font();
    for (i, (label, n)) in left
        .iter()
        .zip(&ls)
        .enumerate()
        .filter(|(_, (_, n))| **n > 0)
    {
        let (y0, y1) = (lt[i], lt[i] + *n as f64 * unit);
        area.draw(&Rectangle::new(
            [(x0 as i32, y0 as i32), ((x0 + node_w) as i32, y1 as i32)],
            PALETTE[i % 8].filled(),
        ))?;
        area.draw(&Text::new(
            label.clone(),
            (px(4.0) as i32, ((y0 + y1) / 2.0 - px(7.0)) as i32),
            font.clone().color(&INK),
        ))?;
    }
    for (j, (label, n)) in right
        .iter()
        .zip(&rs)
        .enumerate()
        .filter(|(_, (_, n))| **n > 0)
    {
        let (y0, y1) = (rt[j], rt[j] + *n as f64 * unit);
        area.draw(&Rectangle::new(
            [(x1 as i32, y0 as i32), ((x1 + node_w) as i32, y1 as i32)],
            PALETTE[(j + 1) % 8].filled(),
        ))?;
        area.draw(&Text::new(
            label.clone(),
            (
                (x1 + node_w + px(6.0)) as i32,
                ((y0 + y1) / 2.0 - px(7.0)) as i32,
            ),
            font.clone().color(&INK),
        ))?;
    }
    // Bands, stacked in order at both ends.
    let mut lo = lt.clone();
    let mut ro = rt.clone();
    for f in flows.iter().filter(|f| f.count > 0) {
        let th = f.count as f64 * unit;
        let (a0, b0) = (lo[f.from], ro[f.to]);
        lo[f.from] += th;
        ro[f.to] += th;
        let (xa, xb) = (x0 + node_w, x1);
        let curve = |t: f64, ya: f64, yb: f64| {
            // Smoothstep between the two ends.
            let s = t * t * (3.0 - 2.0 * t);
            ((xa + (xb - xa) * t) as i32, (ya + (yb - ya) * s) as i32)
        };
        let steps = 24;
        let mut poly: Vec<(i32, i32)> = (0..=steps)
            .map(|k| curve(k as f64 / steps as f64, a0, b0))
            .collect();
        poly.extend(
            (0..=steps)
                .rev()
                .map(|k| curve(k as f64 / steps as f64, a0 + th, b0 + th)),
        );
        area.draw(&Polygon::new(poly, PALETTE[f.from % 8].mix(0.35).filled()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_per_side() {
        let flows = [
            Flow {
                from: 0,
                to: 1,
                count: 3,
            },
            Flow {
                from: 1,
                to: 1,
                count: 4,
            },
            Flow {
                from: 1,
                to: 0,
                count: 5,
            },
        ];
        assert_eq!(totals(&flows, 2, true), vec![3, 9]);
        assert_eq!(totals(&flows, 3, false), vec![5, 7, 0]);
    }

    /// (x, width) of each `<rect>` and (x, text) of each `<text>`.
    type Shapes = (Vec<(f64, f64)>, Vec<(f64, String)>);

    /// The shapes of an SVG.
    fn shapes(svg: &str) -> Shapes {
        let attr = |tag: &str, name: &str| -> f64 {
            let at = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            tag[at..tag[at..].find('"').unwrap() + at].parse().unwrap()
        };
        let mut rects = Vec::new();
        let mut texts = Vec::new();
        for part in svg.split('<').skip(1) {
            if part.starts_with("rect ") {
                rects.push((attr(part, "x"), attr(part, "width")));
            } else if part.starts_with("text ") {
                let text = part[part.find('>').unwrap() + 1..].trim().to_owned();
                texts.push((attr(part, "x"), text));
            }
        }
        (rects, texts)
    }

    /// Defect 6 of issue 11: on a 390-px phone the labels overlapped the
    /// bars and were cut off. At the phone's chart width, with the longest
    /// labels of both languages and six-digit counts, every label sits
    /// beside its bar and inside the chart.
    #[test]
    fn labels_clear_the_bars_on_a_phone() {
        let w = 340u32;
        for labels in [
            [
                "Prospect 123,456",
                "New 123,456",
                "Growth 123,456",
                "Mature 123,456",
                "Dormant 123,456",
            ],
            [
                "潜在客户期 123,456",
                "新客户期 123,456",
                "成长期 123,456",
                "成熟期 123,456",
                "沉睡期 123,456",
            ],
        ] {
            let labels: Vec<String> = labels.iter().map(|l| (*l).to_owned()).collect();
            let flows: Vec<Flow> = (0..5)
                .flat_map(|from| {
                    (0..5).map(move |to| Flow {
                        from,
                        to,
                        count: 1 + from + to,
                    })
                })
                .collect();
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (w, 320)).into_drawing_area();
                draw(&root, &labels, &labels, &flows, 1.0).unwrap();
                root.present().unwrap();
            }
            let (rects, texts) = shapes(&svg);
            // The background, then five bars a side.
            let bars: Vec<(f64, f64)> = rects.into_iter().filter(|r| r.1 < 50.0).collect();
            assert_eq!(bars.len(), 10, "{svg}");
            let (left_bar, right_bar) = (bars[0].0, bars[5].0 + bars[5].1);
            assert_eq!(texts.len(), 10);
            for (i, (x, text)) in texts.iter().enumerate() {
                let end = x + f64::from(super::super::line_chart::text_width(text, 12));
                if i < 5 {
                    assert!(end <= left_bar, "{text}: ends at {end}, bar at {left_bar}");
                } else {
                    assert!(
                        *x >= right_bar && end <= f64::from(w),
                        "{text}: {x}–{end}, bar ends {right_bar}, chart {w}"
                    );
                }
            }
        }
    }

    #[test]
    fn renders_nodes_with_counts() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (500, 260)).into_drawing_area();
            let flows = vec![
                Flow {
                    from: 0,
                    to: 0,
                    count: 3,
                },
                Flow {
                    from: 1,
                    to: 1,
                    count: 1,
                },
            ];
            draw(
                &root,
                &["新客户期 3".into(), "成长期 1".into()],
                &["成长期 3".into(), "沉睡期 1".into()],
                &flows,
                1.0,
            )
            .unwrap();
            root.present().unwrap();
        }
        assert!(svg.contains("新客户期 3") && svg.contains("沉睡期 1") && svg.contains("<polygon"));
        assert!(!svg.contains("NaN"));
    }
}
