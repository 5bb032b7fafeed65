//! The geometry of a tornado (sensitivity) chart: where each parameter's
//! bar starts and how wide it is, on one shared scale, and where the
//! expected value's mark falls. Percentages of the track, for CSS.

/// One bar: left edge and width in percent of the track.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TornadoBar {
    pub left: f64,
    pub width: f64,
}

/// Bars for `(low, high)` outcomes and the mark for `center`. A bar is at
/// least 0.5% wide so an insensitive parameter still shows.
pub fn layout(swings: &[(f64, f64)], center: f64) -> (Vec<TornadoBar>, f64) {
    let lo = swings
        .iter()
        .map(|s| s.0.min(s.1))
        .fold(f64::INFINITY, f64::min);
    let hi = swings
        .iter()
        .map(|s| s.0.max(s.1))
        .fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return (Vec::new(), 50.0);
    }
    let span = (hi - lo).max(1e-9);
    let bars = swings
        .iter()
        .map(|s| {
            let (min, max) = (s.0.min(s.1), s.0.max(s.1));
            TornadoBar {
                left: (min - lo) / span * 100.0,
                width: ((max - min) / span * 100.0).max(0.5),
            }
        })
        .collect();
    (bars, ((center - lo) / span * 100.0).clamp(0.0, 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_share_one_scale() {
        let (bars, mark) = layout(&[(80.0, 120.0), (100.0, 90.0), (100.0, 100.0)], 100.0);
        assert_eq!(
            bars[0],
            TornadoBar {
                left: 0.0,
                width: 100.0
            }
        );
        assert_eq!(
            bars[1],
            TornadoBar {
                left: 25.0,
                width: 25.0
            }
        );
        assert_eq!(
            bars[2],
            TornadoBar {
                left: 50.0,
                width: 0.5
            }
        );
        assert_eq!(mark, 50.0);
        assert_eq!(layout(&[], 1.0), (Vec::new(), 50.0));
    }
}
