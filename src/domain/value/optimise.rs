//! A small BFGS minimiser with a backtracking line search, for the value
//! models' likelihoods on log-parameters (4 dimensions at most). Written
//! here rather than taken from a crate: it is ~100 lines, needs no clock
//! (argmin's timers need a wasm feature story) and adds nothing to the wasm.

/// Where a minimisation ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub f: f64,
    pub grad: Vec<f64>,
    pub iterations: usize,
    pub evaluations: usize,
    /// The gradient fell below the tolerance (else: stalled or ran out).
    pub converged: bool,
    /// The quasi-Newton approximation of the inverse Hessian where it
    /// stopped (row major, n × n): a start for [`bfgs_from`] on a larger
    /// sample of the same objective.
    pub inverse_hessian: Vec<f64>,
}

/// Stopping rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BfgsOptions {
    /// Stop when every gradient component is below this.
    pub gtol: f64,
    /// When no step lowers the value any more (the value is flat to double
    /// precision), the point counts as converged if the gradient is below this.
    pub flat_gtol: f64,
    pub max_iterations: usize,
    /// Longest step in any coordinate (log-parameters: e^3 ≈ 20×).
    pub max_step: f64,
}

impl Default for BfgsOptions {
    fn default() -> Self {
        BfgsOptions {
            gtol: 1e-8,
            flat_gtol: 1e-5,
            max_iterations: 400,
            max_step: 3.0,
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `f`, which returns the value and writes the gradient into its
/// second argument. A non-finite value counts as +∞ (the line search backs off).
pub fn bfgs(f: impl FnMut(&[f64], &mut [f64]) -> f64, x0: &[f64], opts: &BfgsOptions) -> Minimum {
    bfgs_from(f, x0, None, opts)
}

/// [`bfgs`] starting from a guess of the inverse Hessian at `x0` (row
/// major, n × n) instead of a scaled identity: from near the optimum with
/// the curvature known (e.g. from a fit on a sample of the same data) it
/// converges in a few steps.
pub fn bfgs_from(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x0: &[f64],
    inverse_hessian: Option<&[f64]>,
    opts: &BfgsOptions,
) -> Minimum {
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut evaluations = 1;
    let mut fx = f(&x, &mut g);
    let mut h = identity(n);
    let mut fresh = true;
    if let Some(h0) = inverse_hessian.filter(|h0| h0.len() == n * n) {
        for (row, chunk) in h.iter_mut().zip(h0.chunks(n)) {
            row.copy_from_slice(chunk);
        }
        fresh = false;
    }
    let (mut xn, mut gn, mut d) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut iterations = 0;
    let mut converged = false;
    let mut stalls = 0;
    while iterations < opts.max_iterations {
        if !fx.is_finite() {
            break;
        }
        if g.iter().all(|v| v.abs() < opts.gtol) {
            converged = true;
            break;
        }
        iterations += 1;
        for i in 0..n {
            d[i] = -dot(&h[i], &g);
        }
        let mut slope = dot(&g, &d);
        if slope.is_nan() || slope >= 0.0 {
            h = identity(n);
            fresh = true;
            d.iter_mut().zip(&g).for_each(|(di, gi)| *di = -gi);
            slope = -dot(&g, &g);
        }
        let longest = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if longest > opts.max_step {
            let s = opts.max_step / longest;
            d.iter_mut().for_each(|v| *v *= s);
            slope *= s;
        }
        // The full step would lower the value by less than its rounding
        // error: shorter steps cannot tell better from worse either.
        let at_precision = -slope <= 1e-14 * fx.abs();
        let mut step = 1.0;
        let mut accepted = false;
        for _ in 0..30 {
            for i in 0..n {
                xn[i] = x[i] + step * d[i];
            }
            evaluations += 1;
            let fnew = f(&xn, &mut gn);
            if fnew.is_finite() && fnew <= fx + 1e-4 * step * slope {
                let s: Vec<f64> = (0..n).map(|i| xn[i] - x[i]).collect();
                let y: Vec<f64> = (0..n).map(|i| gn[i] - g[i]).collect();
                let sy = dot(&s, &y);
                if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
                    if fresh {
                        // Scale the first guess of the inverse Hessian (Shanno).
                        let scale = sy / dot(&y, &y);
                        h.iter_mut().flatten().for_each(|v| *v *= scale);
                        fresh = false;
                    }
                    update(&mut h, &s, &y, sy);
                }
                stalls = if fx - fnew <= 1e-15 * fx.abs() {
                    stalls + 1
                } else {
                    0
                };
                fx = fnew;
                x.copy_from_slice(&xn);
                g.copy_from_slice(&gn);
                accepted = true;
                break;
            }
            step *= 0.5;
            if at_precision || step * longest.min(opts.max_step) < 1e-10 {
                // Steps this short change nothing at double precision.
                break;
            }
        }
        let flat = g.iter().all(|v| v.abs() < opts.flat_gtol);
        if stalls >= 3 || (!accepted && flat) {
            // No progress left at double precision.
            converged = flat;
            break;
        }
        if !accepted {
            if fresh {
                break;
            }
            h = identity(n);
            fresh = true;
            stalls = 0;
        }
    }
    Minimum {
        x,
        f: fx,
        grad: g,
        iterations,
        evaluations,
        converged,
        inverse_hessian: h.concat(),
    }
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect()
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ.
fn update(h: &mut [Vec<f64>], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| dot(&h[i], y)).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let rosen = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let m = bfgs(rosen, &[-1.2, 1.0], &BfgsOptions::default());
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-7 && (m.x[1] - 1.0).abs() < 1e-7,
            "{m:?}"
        );
    }

    #[test]
    fn finds_a_4d_quadratic_and_a_beale_minimum() {
        let c = [1.0, -2.0, 3.0, 0.5];
        let scales = [1.0, 10.0, 100.0, 1000.0];
        let quad = |x: &[f64], g: &mut [f64]| {
            let mut f = 0.0;
            for i in 0..4 {
                g[i] = scales[i] * (x[i] - c[i]);
                f += 0.5 * scales[i] * (x[i] - c[i]).powi(2);
            }
            f
        };
        let m = bfgs(quad, &[0.0; 4], &BfgsOptions::default());
        assert!(
            m.x.iter().zip(&c).all(|(a, b)| (a - b).abs() < 1e-9),
            "{m:?}"
        );
        // Beale: minimum at (3, 0.5).
        let beale = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            let t = [
                1.5 - a + a * b,
                2.25 - a + a * b * b,
                2.625 - a + a * b.powi(3),
            ];
            g[0] = 2.0 * (t[0] * (b - 1.0) + t[1] * (b * b - 1.0) + t[2] * (b.powi(3) - 1.0));
            g[1] = 2.0 * (t[0] * a + t[1] * 2.0 * a * b + t[2] * 3.0 * a * b * b);
            t.iter().map(|v| v * v).sum()
        };
        let m = bfgs(beale, &[1.0, 1.0], &BfgsOptions::default());
        assert!(
            (m.x[0] - 3.0).abs() < 1e-6 && (m.x[1] - 0.5).abs() < 1e-6,
            "{m:?}"
        );
    }

    #[test]
    fn a_non_finite_start_stops_without_panicking() {
        let m = bfgs(|_, _| f64::NAN, &[0.0], &BfgsOptions::default());
        assert!(!m.converged);
    }
}
