//! Properties of the value models' scores over random parameters and
//! customers: P(alive) in [0, 1], expected visits non-decreasing in the
//! horizon, discounted visits and CLV never negative, nothing NaN.

use panorama::domain::value::history::CustomerHistory;
use panorama::domain::value::score::{score, ScoreOptions};
use panorama::domain::value::spend::{SpendFit, SpendParams};
use panorama::domain::value::visits::{ModelKind, VisitFit, VisitParams};
use proptest::prelude::*;

fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.ln()..hi.ln()).prop_map(f64::exp)
}

fn visit_params() -> impl Strategy<Value = VisitParams> {
    (
        1u32..=8,
        log_uniform(0.02, 50.0),
        log_uniform(0.5, 2000.0),
        log_uniform(0.05, 20.0),
        log_uniform(0.05, 1e6),
        any::<bool>(),
    )
        .prop_map(|(k, r, alpha, a, b, dropout_at_zero)| VisitParams {
            k,
            r,
            alpha,
            a,
            b,
            dropout_at_zero,
        })
}

fn customer() -> impl Strategy<Value = (u32, f64, f64)> {
    (0u32..40, 0.0f64..1.0, 0.0f64..2500.0).prop_map(|(x, f, t)| {
        let t_x = if x == 0 { 0.0 } else { (f * t).max(1.0).min(t) };
        (x, t_x, t.max(t_x))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn scores_are_probabilities_and_monotone(p in visit_params(), c in customer()) {
        let horizons = [0.0, 30.0, 90.0, 365.0, 1000.0];
        let out = &p.conditional(&[c], &horizons, 0.1f64.ln_1p() / 365.0)[0];
        prop_assert!((0.0..=1.0).contains(&out.p_alive), "{out:?}");
        let mut last = 0.0f64;
        for &e in &out.expected {
            prop_assert!(e.is_finite() && e >= last - 1e-9 * last.max(1.0), "{out:?}");
            last = e;
        }
        prop_assert!(out.discounted.is_finite() && out.discounted >= 0.0, "{out:?}");
        prop_assert!(p.p_alive(c.0, c.1, c.2) == out.p_alive);
    }

    #[test]
    fn clv_is_never_negative(
        p in visit_params(),
        c in customer(),
        mean in prop::option::of(-100.0f64..5000.0),
        q in 1.01f64..20.0,
    ) {
        let history = CustomerHistory {
            x: c.0,
            t_x: c.1,
            t_cal: c.2,
            mean_repeat_spend: if c.0 > 0 { mean } else { None },
            litt: 0.0,
        };
        let visits = VisitFit {
            kind: ModelKind::BgCnbd,
            params: p,
            log_likelihood: 0.0,
            k_trials: vec![],
            time_grid: None,
            evaluations: 0,
            problems: vec![],
            inverse_curvature: None,
        };
        let spend = SpendFit {
            params: SpendParams { p: 6.0, q, v: 500.0 },
            log_likelihood: 0.0,
            customers: 1,
            problems: vec![],
        };
        let v = score(&[(0, history)], &visits, &spend, &ScoreOptions::default())[0];
        let clv = v.clv_365d.expect("q > 1");
        let residual = v.residual_clv.expect("q > 1");
        prop_assert!(clv >= 0.0 && clv.is_finite(), "{v:?}");
        prop_assert!(residual >= 0.0 && residual.is_finite(), "{v:?}");
        prop_assert!(v.expected_visits_90d <= v.expected_visits_365d + 1e-12, "{v:?}");
    }
}
