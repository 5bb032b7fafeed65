//! Value models (DOMAIN §9) against independent reference values: the CDNOW
//! sample (Fader, Hardie & Lee; `lifetimes` 0.11.3), Python/mpmath ports of
//! the BTYDplus formulas, and simulation.

use panorama::domain::value::history::Compressed;
use panorama::domain::value::spend::{fit_spend, spend_log_likelihood, SpendParams};
use panorama::domain::value::visits::{
    bg_alive_expectation, bg_alive_expectation_quadrature, cnbd_alive_expectation, fit, fit_with,
    log_likelihood, FitOptions, ModelKind, VisitParams,
};

/// (x, t_x, T in weeks, mean repeat spend, litt in ln-weeks) per customer.
fn cdnow() -> Vec<(u32, f64, f64, f64, f64)> {
    let text = include_str!("data/cdnow_sample_summary.csv");
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].parse().expect("x"),
                f[1].parse().expect("t_x"),
                f[2].parse().expect("T"),
                f[3].parse().expect("mean"),
                f[4].parse().expect("litt"),
            )
        })
        .collect()
}

fn cdnow_compressed() -> Compressed {
    Compressed::new(cdnow().into_iter().map(|c| (c.0, c.1, c.2, c.4)))
}

fn close(got: f64, want: f64, tol: f64) -> bool {
    (got - want).abs() <= tol
}

#[test]
fn bg_nbd_reproduces_the_cdnow_fit() {
    let data = cdnow_compressed();
    assert_eq!(data.customers, 2357.0);
    let f = fit(ModelKind::BgNbd, &data);
    let p = f.params;
    println!("{f:?}");
    assert!(f.is_clean(), "{:?}", f.problems);
    assert!(close(p.r, 0.2426, 5e-4), "{p:?}");
    assert!(close(p.alpha, 4.4136, 5e-4), "{p:?}");
    assert!(close(p.a, 0.7929, 5e-4), "{p:?}");
    assert!(close(p.b, 2.4259, 5e-4), "{p:?}");
    assert!(
        close(f.log_likelihood, -9582.43, 5e-3),
        "{}",
        f.log_likelihood
    );
}

#[test]
fn gamma_gamma_reproduces_the_cdnow_fit() {
    let f = fit_spend(cdnow().into_iter().map(|c| (c.0, Some(c.3))));
    assert_eq!(f.customers, 946);
    let p = f.params;
    println!("{f:?}");
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert!(close(p.p, 6.2496, 5e-4), "{p:?}");
    assert!(close(p.q, 3.7442, 5e-4), "{p:?}");
    assert!(close(p.v, 15.4435, 5e-4), "{p:?}");
    assert!(
        close(f.log_likelihood, -4055.92, 5e-3),
        "{}",
        f.log_likelihood
    );
}

fn params(k: u32, r: f64, alpha: f64, a: f64, b: f64, dropout_at_zero: bool) -> VisitParams {
    VisitParams {
        k,
        r,
        alpha,
        a,
        b,
        dropout_at_zero,
    }
}

/// Log-likelihoods on the CDNOW sample at fixed parameters, against an
/// mpmath (30 digits) port of BTYDplus `xbgcnbd.LL` (tests/data/value_reference.py).
#[test]
fn likelihoods_match_the_btydplus_formulas() {
    let data = cdnow_compressed();
    let cases = [
        (
            params(1, 0.2426, 4.4136, 0.7929, 2.4259, false),
            -9582.429206997676,
        ),
        (params(1, 0.25, 4.5, 0.8, 2.5, true), -9632.18725410375),
        (params(3, 0.6, 2.0, 0.9, 3.0, false), -10727.403796997205),
        (params(2, 0.4, 3.0, 0.7, 2.0, true), -9933.311546307104),
        // Extreme: b = 1e7 (lgamma differences would lose ~7 digits), r = 1e-3.
        (params(1, 1e-3, 4.0, 0.8, 1e7, false), -13984.681447297153),
    ];
    for (p, want) in cases {
        let got = log_likelihood(&p, &data, None);
        assert!(
            close(got, want, 1e-8 * want.abs()),
            "{p:?}: {got} vs {want}"
        );
    }
}

/// The analytic gradient agrees with central differences.
#[test]
fn likelihood_gradient_matches_differences() {
    let data = cdnow_compressed();
    for p in [
        params(1, 0.3, 4.0, 0.8, 2.5, false),
        params(4, 0.9, 2.0, 0.6, 3.0, true),
    ] {
        let mut g = [0.0; 4];
        log_likelihood(&p, &data, Some(&mut g));
        for i in 0..4 {
            let mut v = [p.r, p.alpha, p.a, p.b];
            let h = 1e-6 * v[i];
            v[i] += h;
            let up = log_likelihood(
                &params(p.k, v[0], v[1], v[2], v[3], p.dropout_at_zero),
                &data,
                None,
            );
            v[i] -= 2.0 * h;
            let dn = log_likelihood(
                &params(p.k, v[0], v[1], v[2], v[3], p.dropout_at_zero),
                &data,
                None,
            );
            let num = (up - dn) / (2.0 * h);
            assert!(
                close(g[i], num, 1e-5 * num.abs().max(1.0)),
                "{p:?} {i}: {} vs {num}",
                g[i]
            );
        }
    }
}

/// P(alive) and E[visits in the next 39 weeks] on the CDNOW BG/NBD fit,
/// from `lifetimes` 0.11.3 BetaGeoFitter (agreeing with an mpmath closed
/// form to 1e-13).
#[test]
fn bg_nbd_scores_match_lifetimes() {
    let p = params(1, 0.2426, 4.4136, 0.7929, 2.4259, false);
    let cases = [
        ((0, 0.0, 38.86), 1.0, 0.19478676916062002),
        ((1, 1.71, 38.86), 0.21223426371008025, 0.20325852552605372),
        ((2, 30.43, 38.86), 0.7266140448542471, 1.225922657987033),
        ((5, 35.0, 38.86), 0.832377164878455, 3.169079443601129),
        ((14, 32.29, 35.0), 0.8758298382707125, 9.472754937051448),
        ((2, 5.0, 30.0), 0.19098046960741272, 0.3903965778079055),
    ];
    for ((x, tx, t), pa, e) in cases {
        assert!(close(p.p_alive(x, tx, t), pa, 1e-12), "{x} {tx} {t}");
        let got = p.expected_visits(x, tx, t, 39.0);
        assert!(close(got, e, 1e-11 * e), "{x} {tx} {t}: {got} vs {e}");
    }
}

/// MBG/NBD (Batislam et al. 2007) closed forms, evaluated in mpmath.
#[test]
fn mbg_nbd_scores_match_the_closed_form() {
    let p = params(1, 0.25, 4.5, 0.8, 2.5, true);
    let cases = [
        ((0, 0.0, 38.86), 0.6394710964507426, 0.13138922845202922),
        ((1, 1.71, 38.86), 0.2782188270518962, 0.2748868519808988),
        ((2, 30.43, 38.86), 0.7757015869397772, 1.344769243794461),
        ((5, 35.0, 38.86), 0.8517703230457145, 3.305831232159888),
    ];
    for ((x, tx, t), pa, e) in cases {
        assert!(close(p.p_alive(x, tx, t), pa, 1e-12), "{x} {tx} {t}");
        let got = p.expected_visits(x, tx, t, 39.0);
        assert!(close(got, e, 1e-11 * e), "{x} {tx} {t}: {got} vs {e}");
    }
}

/// The alive-customer expectation on each of its three paths (Pfaff series,
/// 2F1 series, quadrature) against mpmath quadrature, and the exact CNBD
/// phase sum at k = 1 against the same numbers.
#[test]
fn alive_expectation_paths_agree_with_mpmath() {
    let cases = [
        // Pfaff series (t/β = 0.25).
        ((2.2, 40.0, 0.79, 4.4, 10.0), 0.5195274994269685),
        // 2F1 series (z = 0.83, 0.2).
        ((2.2, 40.0, 0.79, 4.4, 200.0), 5.975058050245822),
        ((50.0, 400.0, 1.5, 8.0, 100.0), 6.327367997409536),
        // Quadrature: z = 0.999 (the series would need ~30,000 terms), a ≈ 1, a = 1.
        ((0.3, 5.0, 0.6, 2.4, 5000.0), 23.424747436300304),
        ((3.0, 20.0, 1.0000001, 3.0, 30.0), 2.7488720958652473),
        ((3.0, 20.0, 1.0, 3.0, 300.0), 8.317766166719343),
    ];
    for ((s, beta, a, bp, t), want) in cases {
        let got = bg_alive_expectation(s, beta, a, bp, t);
        assert!(
            close(got, want, 1e-10 * want),
            "{s} {beta} {a} {bp} {t}: {got} vs {want}"
        );
        let quad = bg_alive_expectation_quadrature(s, beta, a, bp, t);
        assert!(
            close(quad, want, 1e-9 * want),
            "quadrature: {quad} vs {want}"
        );
        let phases = cnbd_alive_expectation(s, beta, 0, 1, a, bp, t);
        assert!(
            close(phases, want, 1e-9 * want),
            "phase sum: {phases} vs {want}"
        );
    }
}

/// Gamma-Gamma conditional expected spend, from `lifetimes` GammaGammaFitter.
#[test]
fn gamma_gamma_spend_matches_lifetimes() {
    let p = SpendParams {
        p: 6.2496,
        q: 3.7442,
        v: 15.4435,
    };
    for (x, m, want) in [
        (1, 11.77, 18.910081344926503),
        (2, 22.345, 24.653969691801038),
        (10, 50.0, 49.37623884660072),
    ] {
        let got = p.expected_spend(x, Some(m)).expect("finite");
        assert!(close(got, want, 1e-10 * want), "{got} vs {want}");
    }
    let pop = p.population_mean().expect("q > 1");
    assert_eq!(p.expected_spend(0, None), Ok(pop));
    assert_eq!(p.expected_spend(3, Some(0.0)), Ok(pop));
    let heavy = SpendParams { q: 0.9, ..p };
    assert!(heavy.population_mean().is_err());
    assert!(heavy.expected_spend(0, None).is_err());
    let ll = spend_log_likelihood(&p, &[(1, 11.77)], None);
    assert!(ll.is_finite());
}

/// The discounted whole-future visit count (Gauss rules over the posterior)
/// against a direct time integral of the exact expectation:
/// Σ_i [E(t_i) − E(t_{i−1})] e^{−δ (t_i + t_{i−1})/2} on a fine grid to 150 years.
#[test]
fn discounted_visits_match_a_time_integral() {
    let delta = 0.1f64.ln_1p() / 365.0;
    for p in [
        params(1, 0.8, 120.0, 0.7, 2.5, false),
        params(3, 4.0, 150.0, 2.0, 10.0, true),
        params(8, 6.0, 180.0, 2.0, 10.0, true),
    ] {
        for (x, tx, t) in [
            (0u32, 0.0, 400.0),
            (3, 500.0, 700.0),
            (6, 900.0, 1200.0),
            (2, 100.0, 900.0),
        ] {
            let got = p.conditional(&[(x, tx, t)], &[], delta)[0].discounted;
            let mut want = 0.0;
            let mut prev = 0.0;
            let steps = 3000;
            let horizon = 150.0 * 365.0;
            let hs: Vec<f64> = (1..=steps)
                .map(|i| horizon * (f64::from(i) / f64::from(steps)).powi(2))
                .collect();
            let es = p.conditional(&[(x, tx, t)], &hs, 0.0)[0].expected.clone();
            let mut t0 = 0.0;
            for (&h, &e) in hs.iter().zip(&es) {
                want += (e - prev) * (-delta * 0.5 * (h + t0)).exp();
                prev = e;
                t0 = h;
            }
            assert!(
                close(got, want, 1e-3 * want + 1e-9),
                "{p:?} ({x}, {tx}, {t}): {got} vs {want}"
            );
        }
    }
}

use panorama::domain::value::history::Holdout;
use panorama::domain::value::synthetic::{simulate, RegularVisits};
use panorama::domain::value::validate::{
    compare, validate, Bucket, ModelValidation, ValidationOptions, RECENCY_BOUNDS,
    SIMPLER_TOLERANCE,
};
use panorama::domain::value::visits::FitProblem;

/// Predicted vs actual per group, with the group's Monte Carlo scale
/// sqrt(Σ actual²) (an upper bound on the sd of the actual sum).
fn groups(
    sim: &[Holdout],
    pred: &[f64],
    key: impl Fn(&Holdout) -> usize,
    n: usize,
) -> Vec<(f64, f64, f64)> {
    let mut g = vec![(0.0, 0.0, 0.0); n];
    for (h, p) in sim.iter().zip(pred) {
        let a = f64::from(h.actual_visits);
        let e = &mut g[key(h).min(n - 1)];
        e.0 += p;
        e.1 += a;
        e.2 += a * a;
    }
    g
}

/// The exact CNBD-k conditional expectation against the model's own
/// simulation (BTYDplus approximates it; we check ours bucket by bucket):
/// within 4 × sqrt(Σ actual²) + 2 per bucket of calibration repeat visits
/// (0…6, 7+) and of recency.
#[test]
fn cnbd_expectation_agrees_with_simulation() {
    for (p, seed) in [
        (params(3, 3.0, 60.0, 1.5, 6.0, false), 11),
        (params(5, 4.0, 150.0, 2.0, 8.0, true), 12),
    ] {
        let sim = simulate(&p, 30_000, 730.0, 365.0, seed);
        let trip: Vec<(u32, f64, f64)> = sim
            .iter()
            .map(|h| (h.history.x, h.history.t_x, h.history.t_cal))
            .collect();
        let pred: Vec<f64> = p
            .conditional(&trip, &[365.0], 0.0)
            .into_iter()
            .map(|c| c.expected[0])
            .collect();
        let by_x = groups(&sim, &pred, |h| h.history.x as usize, 8);
        let by_rec = groups(
            &sim,
            &pred,
            |h| RECENCY_BOUNDS.partition_point(|&b| b < h.history.t_cal - h.history.t_x),
            5,
        );
        for (name, g) in [("x", by_x), ("recency", by_rec)] {
            for (i, (pr, ac, sq)) in g.iter().enumerate() {
                let tol = 4.0 * sq.sqrt() + 2.0;
                assert!(
                    (pr - ac).abs() <= tol,
                    "{p:?} {name} bucket {i}: {pr:.1} vs {ac} (±{tol:.1})"
                );
            }
        }
    }
}

/// The k search finds the k the data was simulated with.
#[test]
fn k_is_recovered_from_simulated_data() {
    for (p, kind) in [
        (params(3, 3.0, 60.0, 1.0, 5.0, false), ModelKind::BgCnbd),
        (params(6, 5.0, 200.0, 1.5, 6.0, true), ModelKind::MbgCnbd),
    ] {
        let sim = simulate(&p, 8_000, 1000.0, 1.0, 5);
        let data = Compressed::from_histories(sim.iter().map(|h| &h.history), 1.0);
        let f = fit(kind, &data);
        assert_eq!(f.params.k, p.k, "{f:?}");
        assert!(f.is_clean(), "{:?}", f.problems);
        // The BG/NBD family at k = 1 fits worse than the true k.
        let k1 = f.k_trials.iter().find(|t| t.0 == 1).expect("k = 1 tried").1;
        let kk = f
            .k_trials
            .iter()
            .find(|t| t.0 == p.k)
            .expect("true k tried")
            .1;
        assert!(kk > k1 + 100.0, "{:?}", f.k_trials);
    }
}

/// On data larger than the sample, the fit runs on the sample first and
/// then takes a few quasi-Newton steps on all the data from the sample's
/// optimum and curvature: it reaches the optimum a fit on all the data
/// from the default guess reaches (parameters within 1e-4 relative).
#[test]
fn sample_then_all_data_reaches_the_full_optimum() {
    let p = params(3, 3.0, 60.0, 1.0, 5.0, true);
    let sim = simulate(&p, 12_000, 1000.0, 1.0, 9);
    let data = Compressed::from_histories(sim.iter().map(|h| &h.history), 1.0);
    for (kind, k) in [(ModelKind::BgNbd, 1), (ModelKind::MbgCnbd, 3)] {
        let two = fit_with(
            kind,
            &data,
            &FitOptions {
                k: Some(k),
                ..FitOptions::default()
            },
        );
        let one = fit_with(
            kind,
            &data,
            &FitOptions {
                k: Some(k),
                search_customers: usize::MAX,
                ..FitOptions::default()
            },
        );
        assert!(data.customers > FitOptions::default().search_customers as f64);
        assert!(two.is_clean() && one.is_clean(), "{two:?} {one:?}");
        assert_eq!(two.time_grid, None);
        let (a, b) = (two.params, one.params);
        for (x, y) in [(a.r, b.r), (a.alpha, b.alpha), (a.a, b.a), (a.b, b.b)] {
            assert!(close(x, y, 1e-4 * y), "{a:?} vs {b:?}");
        }
        assert!(
            close(two.log_likelihood, one.log_likelihood, 1e-6),
            "{} vs {}",
            two.log_likelihood,
            one.log_likelihood
        );
    }
}

fn table(label: &str, m: &ModelValidation) {
    let row = |b: &Bucket| format!("{:>7.0}/{:<7.0}({})", b.predicted, b.actual, b.customers);
    println!(
        "{label} {:8} k={} error={:.4} total {} {:?}",
        m.kind.id(),
        m.fit.params.k,
        m.error,
        row(&m.total),
        m.fit.problems
    );
    println!(
        "  by x 0..6,7+: {}",
        m.by_frequency.iter().map(row).collect::<Vec<_>>().join(" ")
    );
    println!(
        "  by recency  : {}",
        m.by_recency.iter().map(row).collect::<Vec<_>>().join(" ")
    );
}

/// DOMAIN §9's known failure, reproduced on seeded regular visitors (6- and
/// 12-month service cycles, silent churn): BG/NBD over-predicts customers
/// lapsed for over two cycles by more than 30%; the validation
/// picks a CNBD-k model, which gets the held-out year right within 5%
/// overall and within 15% in that bucket.
#[test]
fn regular_visitors_pick_a_cnbd_model() {
    // The lapsed bucket: over two cycles since the last visit (366–730 days
    // for the 6-month cycle, 731+ for the 12-month one, whose 366–730 days
    // are simply "due").
    for (label, cfg, lapsed_bucket) in [
        ("6-month", RegularVisits::six_month(21, 6_000), 3),
        ("12-month", RegularVisits::twelve_month(22, 6_000), 4),
    ] {
        let d = cfg.dataset();
        let v = validate(&d, cfg.end, &ValidationOptions::default()).expect("validates");
        for m in &v.models {
            table(label, m);
            // The tracking curve ends at the totals and never goes down.
            let last = m.curve.last().expect("curve");
            assert_eq!(last.actual, m.total.actual);
            assert!(close(
                last.predicted,
                m.total.predicted,
                1e-9 * last.predicted
            ));
            assert!(m.curve.windows(2).all(|w| w[1].predicted >= w[0].predicted
                && w[1].actual >= w[0].actual
                && w[1].day > w[0].day));
            assert_eq!(last.day, 365);
        }
        println!("{label}: auto = {} {:?}", v.auto.id(), v.reason);
        assert!(
            matches!(v.auto, ModelKind::BgCnbd | ModelKind::MbgCnbd),
            "{label}"
        );
        let get = |k: ModelKind| v.models.iter().find(|m| m.kind == k).expect("model");
        let bg = get(ModelKind::BgNbd);
        let lapsed = |m: &ModelValidation| m.by_recency[lapsed_bucket];
        assert!(
            lapsed(bg).predicted > 1.3 * lapsed(bg).actual,
            "{label}: BG/NBD should over-predict the lapsed: {:?}",
            lapsed(bg)
        );
        // The chosen CNBD model: the held-out year within 5% overall and the
        // lapsed bucket within 15%.
        let best = get(v.auto);
        let t = best.total;
        assert!(
            (t.predicted / t.actual - 1.0).abs() < 0.05,
            "{label}: {t:?}"
        );
        let l = lapsed(best);
        assert!(
            (l.predicted - l.actual).abs() < 0.15 * l.actual + 5.0,
            "{label}: {l:?}"
        );
        // Both CNBD models beat BG/NBD overall and on the lapsed. (BG/CNBD
        // cannot drop customers at their first visit, as this data does,
        // so it over-predicts the one-visit customers.)
        for kind in [ModelKind::BgCnbd, ModelKind::MbgCnbd] {
            let m = get(kind);
            assert!(m.error < bg.error, "{label} {kind:?}");
            let miss = |b: Bucket| (b.predicted - b.actual).abs();
            assert!(miss(lapsed(m)) < miss(lapsed(bg)), "{label} {kind:?}");
        }
    }
}

/// On Poisson visitors (BG/NBD data, CDNOW-like parameters in days) the
/// comparison does not penalise BG/NBD: it stays within the tolerance of
/// the best, so auto keeps the simpler model.
#[test]
fn poisson_visitors_keep_bg_nbd() {
    let p = params(1, 0.25, 30.0, 0.8, 2.4, false);
    let sim = simulate(&p, 8_000, 540.0, 365.0, 3);
    let (models, auto, reason) = compare(&sim, 365.0, 28, &ModelKind::ALL);
    for m in &models {
        table("poisson", m);
    }
    println!("poisson: auto = {} {reason:?}", auto.id());
    let bg = models
        .iter()
        .find(|m| m.kind == ModelKind::BgNbd)
        .expect("bg");
    assert!(
        bg.error <= reason.lowest_error + SIMPLER_TOLERANCE,
        "{reason:?}"
    );
    assert!(
        matches!(auto, ModelKind::BgNbd | ModelKind::MbgNbd),
        "{reason:?}"
    );
    let cnbd = models
        .iter()
        .find(|m| m.kind == ModelKind::BgCnbd)
        .expect("cnbd");
    assert!(cnbd.fit.params.k <= 2, "{:?}", cnbd.fit.k_trials);
}

/// Degenerate data gives typed problems and finite numbers, never NaN.
#[test]
fn degenerate_fits_are_flagged() {
    let none_back = Compressed::new((0..500).map(|i| (0, 0.0, 10.0 + f64::from(i % 50), 0.0)));
    let f = fit(ModelKind::BgNbd, &none_back);
    assert!(
        f.problems.contains(&FitProblem::NoRepeaters),
        "{:?}",
        f.problems
    );
    let c = f
        .params
        .conditional(&[(0, 0.0, 30.0)], &[90.0, 365.0], 1e-3);
    assert!(c[0].p_alive.is_finite() && c[0].expected.iter().all(|e| e.is_finite()));
    let same = Compressed::new((0..500).map(|i| (2, 5.0 + f64::from(i % 7), 40.0, 1.0)));
    let f = fit(ModelKind::MbgCnbd, &same);
    assert!(
        f.problems.contains(&FitProblem::AllSameFrequency),
        "{:?}",
        f.problems
    );
    assert!(f.log_likelihood.is_finite() || f.problems.contains(&FitProblem::NonFiniteLikelihood));
    let empty = fit(ModelKind::BgNbd, &Compressed::new(std::iter::empty()));
    assert!(empty.problems.contains(&FitProblem::NoCustomers));
    let zero = fit_spend([(0, None), (3, Some(0.0)), (2, Some(-5.0))]);
    assert!(zero.problems.contains(&FitProblem::NoPositiveSpend));
    let flat = fit_spend((0..200).map(|_| (1, Some(100.0))));
    assert!(
        !flat.problems.is_empty(),
        "one spend value cannot identify p, q, v"
    );
}

use panorama::domain::value::score::{value_report, ScoreOptions};
use panorama::domain::value::validate::ModelChoice;

/// The whole path from a data set: auto validates, refits the chosen model
/// on all customers with its k, fits spend and scores every customer.
#[test]
fn value_report_scores_every_customer() {
    let cfg = RegularVisits::six_month(31, 3_000);
    let d = cfg.dataset();
    let r = value_report(
        &d,
        cfg.end,
        ModelChoice::Auto,
        &ValidationOptions::default(),
        &ScoreOptions::default(),
    )
    .expect("report");
    let v = r.validation.as_ref().expect("auto validates");
    assert_eq!(r.visits.kind, v.auto);
    let held_out = v.models.iter().find(|m| m.kind == v.auto).expect("chosen");
    assert_eq!(r.visits.params.k, held_out.fit.params.k);
    assert_eq!(r.customers.len(), d.summary().customers);
    let mean_spend = r.spend.params.population_mean().expect("finite mean");
    assert!(
        (mean_spend / cfg.mean_spend - 1.0).abs() < 0.1,
        "{:?}",
        r.spend
    );
    for c in &r.customers {
        let clv = c.clv_365d.expect("finite");
        let residual = c.residual_clv.expect("finite");
        assert!(clv >= 0.0 && residual >= clv * 0.5, "{c:?}");
        assert_eq!(c.probably_gone, c.p_alive < 0.05);
    }
    assert_eq!(ModelChoice::from_id("auto"), Some(ModelChoice::Auto));
    for k in ModelKind::ALL {
        assert_eq!(ModelChoice::from_id(k.id()), Some(ModelChoice::Model(k)));
    }
    let fixed = value_report(
        &d,
        cfg.end,
        ModelChoice::Model(ModelKind::BgNbd),
        &ValidationOptions::default(),
        &ScoreOptions::default(),
    )
    .expect("report");
    assert!(fixed.validation.is_none());
    assert_eq!(fixed.visits.params.k, 1);
}
