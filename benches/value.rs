//! Value-model benchmark: synthetic regular visitors (6-month cycle),
//! 20,000 and 200,000 customers. Per model, with the k the held-out
//! comparison found (the app refits the model the validation chose with
//! its k): the visit fit, the Gamma-Gamma spend fit, scoring every
//! customer, and their sum against the native target; then the fit with
//! the k search, the comparison of all four models, and the whole report
//! from the data set. Run: `cargo bench --bench value`.
//!
//! Targets (browser: a Web Worker running the wasm build, roughly 1.5–2×
//! slower than native): the model in use fitted and every customer scored
//! in under 300 ms at 200,000 customers and 50 ms at 20,000, the held-out
//! comparison of all four models in under 2 s at 200,000. Natively that is
//! fit + score ≤ 130 ms and ≤ 20 ms, comparison ≤ 900 ms. The bench
//! profile is the release profile (opt-level "z", as the wasm build).
//! Each time is the best of several runs (wall clock: the machine may be
//! shared), with the CPU time of that run beside it.

use panorama::domain::model::Dataset;
use panorama::domain::value::history::{histories, Compressed};
use panorama::domain::value::score::{score, value_report, ScoreOptions};
use panorama::domain::value::spend::fit_spend;
use panorama::domain::value::synthetic::RegularVisits;
use panorama::domain::value::validate::{
    validate, Bucket, ModelChoice, ModelValidation, Validation, ValidationOptions,
};
use panorama::domain::value::visits::{fit, fit_with, FitOptions, ModelKind, VisitFit};
use std::time::Instant;

/// This thread's CPU time in ns, when Linux tells it.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Wall and CPU milliseconds of the fastest of `runs` runs, and its output.
#[derive(Clone, Copy)]
struct Time {
    wall: f64,
    cpu: Option<f64>,
}

impl std::fmt::Display for Time {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cpu {
            Some(c) => write!(f, "{:7.1} ms (cpu {:6.1})", self.wall, c),
            None => write!(f, "{:7.1} ms", self.wall),
        }
    }
}

fn best<T>(runs: u32, mut f: impl FnMut() -> T) -> (Time, T) {
    let mut best: Option<Time> = None;
    let mut out = None;
    for _ in 0..runs {
        let c0 = cpu_ns();
        let t0 = Instant::now();
        let o = std::hint::black_box(f());
        let wall = t0.elapsed().as_secs_f64() * 1e3;
        let cpu = c0.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e6);
        if best.is_none_or(|b| wall < b.wall) {
            best = Some(Time { wall, cpu });
        }
        out = Some(o);
    }
    (
        best.expect("at least one run"),
        out.expect("at least one run"),
    )
}

fn verdict(ms: f64, target: f64) -> String {
    let v = if ms <= target { "PASS" } else { "FAIL" };
    format!("target ≤ {target:.0} ms {v}")
}

fn summary(f: &VisitFit) -> String {
    format!(
        "k={} LL={:.1} grid={:?} evals={} {:?}",
        f.params.k, f.log_likelihood, f.time_grid, f.evaluations, f.problems
    )
}

fn run(d: &Dataset, n: usize, runs: u32) {
    let (fit_score_target, comparison_target) = if n >= 200_000 {
        (130.0, Some(900.0))
    } else {
        (20.0, None)
    };
    let as_of = d.summary().last_date.expect("dates");
    let (t_hist, h) = best(runs, || histories(d, as_of));
    let (t_comp, data) = best(runs, || {
        Compressed::from_histories(h.iter().map(|(_, h)| h), 1.0)
    });
    println!(
        "{n} customers ({} rows): {} distinct (x, t_x, T); histories {t_hist}, compression {t_comp}",
        d.len(),
        data.triples.len(),
    );
    let (t_val, v) = best(runs.min(2), || {
        validate(d, as_of, &ValidationOptions::default()).expect("validates")
    });
    let (t_spend, spend) = best(runs, || {
        fit_spend(h.iter().map(|(_, h)| (h.x, h.mean_repeat_spend)))
    });
    println!(
        "  gamma-gamma spend fit {t_spend}  p={:.3} q={:.3} v={:.1}",
        spend.params.p, spend.params.q, spend.params.v
    );
    println!("  per model, with the held-out k (fit + score = visit fit + spend fit + score):");
    for kind in ModelKind::ALL {
        let held_out = v.models.iter().find(|m| m.kind == kind).expect("model");
        let opts = FitOptions {
            k: Some(held_out.fit.params.k),
            ..FitOptions::default()
        };
        let (t_fit, f) = best(runs, || fit_with(kind, &data, &opts));
        let (t_score, s) = best(runs, || score(&h, &f, &spend, &ScoreOptions::default()));
        assert_eq!(s.len(), h.len());
        let total = t_fit.wall + t_spend.wall + t_score.wall;
        println!(
            "  {:8} fit {t_fit}  score {t_score}  fit+score {total:6.1} ms  {}",
            kind.id(),
            verdict(total, fit_score_target)
        );
        println!("           {}", summary(&f));
        let warm = FitOptions {
            start: Some(held_out.fit.params),
            start_inverse_curvature: held_out.fit.inverse_curvature,
            ..opts
        };
        let (t_warm, fw) = best(runs, || fit_with(kind, &data, &warm));
        println!(
            "           fit from the held-out optimum {t_warm} (evals {})",
            fw.evaluations
        );
        if kind.fits_k() {
            let (t_search, fs) = best(runs.min(2), || fit(kind, &data));
            println!(
                "           fit with the k search {t_search}: {}",
                summary(&fs)
            );
        }
    }
    let verdict_cmp = comparison_target.map_or_else(String::new, |t| verdict(t_val.wall, t));
    println!(
        "  comparison of all four models {t_val}  {verdict_cmp}  auto = {}",
        v.auto.id()
    );
    print_validation(&v);
    let (t_report, r) = best(runs.min(2), || {
        value_report(
            d,
            as_of,
            ModelChoice::Auto,
            &ValidationOptions::default(),
            &ScoreOptions::default(),
        )
        .expect("report")
    });
    println!(
        "  first visit with auto (histories, comparison, refit of {} with its k, spend, score): {t_report}",
        r.visits.kind.id()
    );
    let chosen = ModelChoice::Model(v.auto);
    let (t_chosen, _) = best(runs.min(2), || {
        value_report(
            d,
            as_of,
            chosen,
            &ValidationOptions::default(),
            &ScoreOptions::default(),
        )
        .expect("report")
    });
    println!(
        "  report for {} named (histories, fit with the k search, spend, score): {t_chosen}",
        v.auto.id()
    );
}

fn print_validation(v: &Validation) {
    for m in &v.models {
        println!(
            "    {:8} k={} total {:.0}/{:.0} error {:.4} {:?}",
            m.kind.id(),
            m.fit.params.k,
            m.total.predicted,
            m.total.actual,
            m.error,
            m.fit.problems
        );
    }
    // Predicted/actual repeat visits in the holdout, by group, per model.
    let table = |title: &str, labels: &[&str], pick: &dyn Fn(&ModelValidation) -> &[Bucket]| {
        println!(
            "    {title:<28}{}",
            labels
                .iter()
                .map(|l| format!("{l:>17}"))
                .collect::<String>()
        );
        for m in &v.models {
            let cells: String = pick(m)
                .iter()
                .map(|b| format!("{:>17}", format!("{:.0}/{:.0}", b.predicted, b.actual)))
                .collect();
            println!("    {:<28}{cells}", m.kind.id());
        }
    };
    table(
        "by repeat visits (pred/act)",
        &["0", "1", "2", "3", "4", "5", "6", "7+"],
        &|m| &m.by_frequency,
    );
    table(
        "by days since last (pred/act)",
        &["0-90", "91-180", "181-365", "366-730", "731+"],
        &|m| &m.by_recency,
    );
}

fn main() {
    for (n, runs) in [(20_000, 5), (200_000, 3)] {
        let d = RegularVisits::six_month(7, n).dataset();
        run(&d, n, runs);
    }
}
