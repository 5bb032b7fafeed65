//! Statistics for campaign comparison: means, seeded bootstrap intervals,
//! Welch's t-test and the two-proportion z-test (distributions from statrs).

use rand::Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

pub fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Sample variance (n − 1); `None` below two values.
pub fn variance(v: &[f64]) -> Option<f64> {
    let m = mean(v)?;
    (v.len() > 1).then(|| v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64)
}

/// The `q` quantile (0–1) of sorted values, by linear interpolation.
fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

fn resample_mean(v: &[f64], rng: &mut ChaCha8Rng) -> f64 {
    let n = v.len();
    (0..n).map(|_| v[rng.random_range(0..n)]).sum::<f64>() / n as f64
}

/// 95% percentile bootstrap interval of the mean, `reps` resamples over
/// the values, seeded. `None` for an empty sample.
pub fn bootstrap_mean_ci(v: &[f64], reps: usize, seed: u64) -> Option<(f64, f64)> {
    if v.is_empty() || reps == 0 {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut means: Vec<f64> = (0..reps).map(|_| resample_mean(v, &mut rng)).collect();
    means.sort_by(f64::total_cmp);
    Some((
        quantile_sorted(&means, 0.025),
        quantile_sorted(&means, 0.975),
    ))
}

/// 95% bootstrap interval of mean(b) − mean(a), each resampled on its own.
pub fn bootstrap_diff_ci(a: &[f64], b: &[f64], reps: usize, seed: u64) -> Option<(f64, f64)> {
    if a.is_empty() || b.is_empty() || reps == 0 {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut diffs: Vec<f64> = (0..reps)
        .map(|_| resample_mean(b, &mut rng) - resample_mean(a, &mut rng))
        .collect();
    diffs.sort_by(f64::total_cmp);
    Some((
        quantile_sorted(&diffs, 0.025),
        quantile_sorted(&diffs, 0.975),
    ))
}

/// A test statistic with its two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TestResult {
    pub statistic: f64,
    pub df: Option<f64>,
    pub p_value: f64,
}

/// Welch's t-test of mean(a) = mean(b). `None` when either sample has fewer
/// than two values or both have no spread.
pub fn welch(a: &[f64], b: &[f64]) -> Option<TestResult> {
    let (ma, mb, va, vb) = (mean(a)?, mean(b)?, variance(a)?, variance(b)?);
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let se2 = va / na + vb / nb;
    if se2 <= 0.0 {
        return None;
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2.powi(2) / ((va / na).powi(2) / (na - 1.0) + (vb / nb).powi(2) / (nb - 1.0));
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(TestResult {
        statistic: t,
        df: Some(df),
        p_value: 2.0 * (1.0 - dist.cdf(t.abs())),
    })
}

/// Two-proportion z-test (pooled) of x1/n1 = x2/n2.
pub fn two_proportion(x1: usize, n1: usize, x2: usize, n2: usize) -> Option<TestResult> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let p = (x1 + x2) as f64 / (n1 + n2) as f64;
    let se = (p * (1.0 - p) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
    if se <= 0.0 {
        return None;
    }
    let z = (p1 - p2) / se;
    let normal = Normal::new(0.0, 1.0).ok()?;
    Some(TestResult {
        statistic: z,
        df: None,
        p_value: 2.0 * normal.sf(z.abs()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from scipy.stats (an independent implementation).
    #[test]
    fn welch_matches_scipy() {
        let a = [
            27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7,
            21.4,
        ];
        let b = [
            27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5,
            24.4,
        ];
        let r = welch(&a, &b).unwrap();
        assert!((r.statistic - -2.455356398286006).abs() < 1e-9, "{r:?}");
        assert!((r.df.unwrap() - 24.98852929023142).abs() < 1e-9);
        assert!((r.p_value - 0.021378001462866992).abs() < 1e-6);
    }

    #[test]
    fn two_proportion_matches_scipy() {
        let r = two_proportion(41, 100, 76, 100).unwrap();
        assert!((r.statistic - -5.022859903945538).abs() < 1e-9);
        assert!((r.p_value - 5.090767927880822e-07).abs() < 1e-9);
        assert!(two_proportion(0, 0, 1, 2).is_none());
        assert!(two_proportion(0, 5, 0, 5).is_none());
    }

    #[test]
    fn bootstrap_is_reproducible_and_covers_the_mean_about_95_percent() {
        let v: Vec<f64> = (0..50).map(|i| f64::from(i % 7) * 100.0).collect();
        assert_eq!(bootstrap_mean_ci(&v, 500, 1), bootstrap_mean_ci(&v, 500, 1));
        assert_ne!(bootstrap_mean_ci(&v, 500, 1), bootstrap_mean_ci(&v, 500, 2));

        // Exponential samples (skewed, like revenue) with true mean 1000.
        let mut rng = ChaCha8Rng::seed_from_u64(99);
        let trials = 400;
        let mut covered = 0;
        for t in 0..trials {
            let sample: Vec<f64> = (0..80)
                .map(|_| -1000.0 * (1.0 - rng.random::<f64>()).ln())
                .collect();
            let (lo, hi) = bootstrap_mean_ci(&sample, 400, t).unwrap();
            if lo <= 1000.0 && 1000.0 <= hi {
                covered += 1;
            }
        }
        let rate = f64::from(covered) / f64::from(trials as u32);
        assert!((0.90..=0.98).contains(&rate), "coverage {rate}");
    }

    #[test]
    fn small_samples_say_none() {
        assert_eq!(mean(&[]), None);
        assert_eq!(variance(&[1.0]), None);
        assert!(welch(&[1.0], &[2.0, 3.0]).is_none());
        assert!(bootstrap_mean_ci(&[], 100, 1).is_none());
    }
}
