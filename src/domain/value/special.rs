//! Special functions and quadrature for the value models: log rising
//! factorials (exact sums for small steps, so large b keeps its digits),
//! the Gaussian hypergeometric series 2F1, tanh–sinh quadrature over a Beta
//! density (the fallback where 2F1 converges too slowly), and Gauss rules
//! for Gamma and Beta weights (Golub–Welsch).

use statrs::function::gamma::{digamma, ln_gamma};

/// Below this many steps, rising factorials are summed term by term: at
/// large arguments a difference of two ln Γ values loses whole digits.
const SUM_LIMIT: u32 = 64;

/// ln Γ(x + n) − ln Γ(x) for x > 0.
pub fn ln_rising(x: f64, n: u32) -> f64 {
    if n < SUM_LIMIT {
        (0..n).map(|i| (x + f64::from(i)).ln()).sum()
    } else {
        ln_gamma(x + f64::from(n)) - ln_gamma(x)
    }
}

/// ψ(x + n) − ψ(x) for x > 0: the derivative of [`ln_rising`] in x.
pub fn digamma_rising(x: f64, n: u32) -> f64 {
    if n < SUM_LIMIT {
        (0..n).map(|i| 1.0 / (x + f64::from(i))).sum()
    } else {
        digamma(x + f64::from(n)) - digamma(x)
    }
}

/// ln B(a, b + n) − ln B(a, b) = Σ ln((b + i)/(a + b + i)), a product of
/// ratios: stable however large b is.
pub fn ln_beta_ratio(a: f64, b: f64, n: u32) -> f64 {
    if n < SUM_LIMIT {
        (0..n)
            .map(|i| {
                let i = f64::from(i);
                (-(a / (a + b + i))).ln_1p()
            })
            .sum()
    } else {
        ln_rising(b, n) - ln_rising(a + b, n)
    }
}

/// ln(1 + e^y) without overflow.
pub fn softplus(y: f64) -> f64 {
    if y > 0.0 {
        y + (-y).exp().ln_1p()
    } else {
        y.exp().ln_1p()
    }
}

/// 1 / (1 + e^−y).
pub fn sigmoid(y: f64) -> f64 {
    if y >= 0.0 {
        1.0 / (1.0 + (-y).exp())
    } else {
        let e = y.exp();
        e / (1.0 + e)
    }
}

/// The Gauss series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for |z| < 1; `None` when it
/// has not converged within 10,000 terms or is not finite.
pub fn hyp2f1_series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if z.is_nan() || z.abs() >= 1.0 || (c <= 0.0 && c == c.floor()) {
        return None;
    }
    let (mut term, mut sum) = (1.0f64, 1.0f64);
    for n in 0..10_000 {
        let n = f64::from(n);
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if !sum.is_finite() {
            return None;
        }
        if term.abs() <= 1e-16 * sum.abs() && n > 2.0 {
            return Some(sum);
        }
    }
    None
}

/// E[g(p)] for p ~ Beta(a, b) by tanh–sinh quadrature: the substitution
/// p = (1 + tanh(π/2 sinh u))/2 tames the endpoint singularities of the
/// density when a or b < 1. `g` gets p and 1 − p (both accurate near the
/// ends). About 1e-12 relative for smooth bounded `g`.
pub fn beta_expectation(a: f64, b: f64, g: impl Fn(f64, f64) -> f64) -> f64 {
    let ln_b = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    let h = 1.0 / 32.0;
    let term = |u: f64| {
        let s = std::f64::consts::FRAC_PI_2 * u.sinh();
        let (ln_p, ln_q) = (-softplus(-2.0 * s), -softplus(2.0 * s));
        let (p, q) = (
            ln_p.exp().max(f64::MIN_POSITIVE),
            ln_q.exp().max(f64::MIN_POSITIVE),
        );
        let w = std::f64::consts::PI * u.cosh() * (a * ln_p + b * ln_q - ln_b).exp();
        if w == 0.0 {
            0.0
        } else {
            w * g(p, q)
        }
    };
    let mut sum = term(0.0);
    for side in [1.0, -1.0] {
        for i in 1..=320 {
            let t = term(side * h * f64::from(i));
            sum += t;
            if t.abs() < 1e-18 * sum.abs() && i > 8 {
                break;
            }
        }
    }
    sum * h
}

/// A Gauss quadrature rule: nodes and probability weights (summing to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct GaussRule {
    pub nodes: Vec<f64>,
    pub weights: Vec<f64>,
}

/// Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix (diagonal
/// `d`, off-diagonal `e[i]` between i and i + 1), the weights the squared
/// first components of its eigenvectors (implicit QL).
fn golub_welsch(mut d: Vec<f64>, mut e: Vec<f64>) -> GaussRule {
    let n = d.len();
    e.resize(n, 0.0);
    let mut z = vec![0.0; n];
    z[0] = 1.0;
    for l in 0..n {
        for _ in 0..60 {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + r.copysign(g));
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut underflow = false;
            let mut i = m;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    underflow = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                let f = z[i + 1];
                z[i + 1] = s * z[i] + c * f;
                z[i] = c * z[i] - s * f;
            }
            if underflow {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    let mut pairs: Vec<(f64, f64)> = d.into_iter().zip(z.into_iter().map(|v| v * v)).collect();
    pairs.sort_by(|x, y| x.0.total_cmp(&y.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    GaussRule {
        nodes: pairs.iter().map(|p| p.0).collect(),
        weights: pairs.iter().map(|p| p.1 / total).collect(),
    }
}

/// n-point rule for g ~ Gamma(shape, 1) (generalised Gauss–Laguerre).
pub fn gauss_gamma(shape: f64, n: usize) -> GaussRule {
    let d = (0..n).map(|j| 2.0 * j as f64 + shape).collect();
    let e = (1..n)
        .map(|j| (j as f64 * (j as f64 + shape - 1.0)).sqrt())
        .collect();
    golub_welsch(d, e)
}

/// n-point rule for p ~ Beta(a, b) on (0, 1) (shifted Gauss–Jacobi).
pub fn gauss_beta(a: f64, b: f64, n: usize) -> GaussRule {
    // Jacobi weight (1 − x)^al (1 + x)^be on (−1, 1), x = 2p − 1.
    let (al, be) = (b - 1.0, a - 1.0);
    let ab = al + be;
    let d = (0..n)
        .map(|j| {
            if j == 0 {
                (be - al) / (ab + 2.0)
            } else {
                let t = 2.0 * j as f64 + ab;
                (be * be - al * al) / (t * (t + 2.0))
            }
        })
        .collect();
    let e = (1..n)
        .map(|j| {
            let j = j as f64;
            let t = 2.0 * j + ab;
            let v = if j == 1.0 {
                4.0 * (1.0 + al) * (1.0 + be) / ((2.0 + ab).powi(2) * (3.0 + ab))
            } else {
                4.0 * j * (j + al) * (j + be) * (j + ab) / (t * t * (t + 1.0) * (t - 1.0))
            };
            v.sqrt()
        })
        .collect();
    let mut rule = golub_welsch(d, e);
    for x in &mut rule.nodes {
        *x = 0.5 * (*x + 1.0);
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn rising_factorials_match_ln_gamma_on_both_paths() {
        for (x, n) in [(0.3, 5u32), (2.5, 63), (2.5, 64), (1e4, 200)] {
            let want = ln_gamma(x + f64::from(n)) - ln_gamma(x);
            assert!(close(ln_rising(x, n), want, 1e-10), "{x} {n}");
            let d = digamma(x + f64::from(n)) - digamma(x);
            assert!(close(digamma_rising(x, n), d, 1e-9), "{x} {n}");
        }
    }

    #[test]
    fn beta_ratio_keeps_digits_at_large_b() {
        // B(a, b + 1)/B(a, b) = b/(a + b) exactly.
        let (a, b) = (0.8, 1e9);
        let e = a / (a + b);
        assert!(close(ln_beta_ratio(a, b, 1), -e - e * e / 2.0, 1e-12));
        // lgamma differences at b = 1e9 keep only ~7 digits of this.
        let x = ln_beta_ratio(a, b, 3);
        let want: f64 = (0..3)
            .map(|i| (-(a / (a + b + f64::from(i)))).ln_1p())
            .sum();
        assert_eq!(x, want);
    }

    #[test]
    fn hyp2f1_series_matches_mpmath() {
        // mpmath.hyp2f1 (mp.dps = 30).
        let cases = [
            ((1.2, 2.4, 3.1, 0.3), 1.3842153605967373),
            ((0.25, 3.5, 2.2, 0.9), 4.882387644715856),
            ((1.0, 1.0, 2.0, -0.5), 0.8109302162163288),
        ];
        for ((a, b, c, z), want) in cases {
            let got = hyp2f1_series(a, b, c, z).expect("converges");
            assert!(close(got, want, 1e-13), "{got} {want}");
        }
        assert_eq!(hyp2f1_series(1.0, 1.0, 2.0, 1.0), None);
    }

    #[test]
    fn beta_expectation_handles_endpoint_singularities() {
        // E[p] = a/(a+b); E[1/(1+p)] for Beta(0.3, 0.6) = 2F1(1, 0.3; 0.9; −1) (mpmath).
        assert!(close(
            beta_expectation(0.3, 0.6, |p, _| p),
            1.0 / 3.0,
            1e-12
        ));
        let got = beta_expectation(0.3, 0.6, |p, _| 1.0 / (1.0 + p));
        assert!(close(got, 0.7958586901294392, 1e-13), "{got}");
    }

    #[test]
    fn gauss_rules_integrate_moments_exactly() {
        let g = gauss_gamma(0.4, 12);
        let m3: f64 = g
            .nodes
            .iter()
            .zip(&g.weights)
            .map(|(x, w)| w * x.powi(3))
            .sum();
        assert!(close(m3, 0.4 * 1.4 * 2.4, 1e-12), "{m3}");
        let b = gauss_beta(0.7, 2.5, 12);
        let m2: f64 = b.nodes.iter().zip(&b.weights).map(|(x, w)| w * x * x).sum();
        assert!(close(m2, 0.7 * 1.7 / (3.2 * 4.2), 1e-12), "{m2}");
        assert!(b.nodes.iter().all(|&p| p > 0.0 && p < 1.0));
    }
}
