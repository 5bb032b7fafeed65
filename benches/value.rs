//! Value-model benchmark: synthetic regular visitors (6-month cycle),
//! 20,000 and 200,000 customers: histories, then per model the fit on all
//! customers plus scoring every one, and the held-out comparison of all
//! four models. Run: `cargo bench --bench value`.

use panorama::domain::model::Dataset;
use panorama::domain::value::history::{histories, Compressed};
use panorama::domain::value::score::value_report;
use panorama::domain::value::score::{score, ScoreOptions};
use panorama::domain::value::spend::fit_spend;
use panorama::domain::value::synthetic::RegularVisits;
use panorama::domain::value::validate::{validate, ModelChoice, ValidationOptions};
use panorama::domain::value::visits::{fit, fit_with, FitOptions, ModelKind};
use std::time::Instant;

/// Wall time since `t`, with this thread's CPU time beside it when Linux
/// tells it (/proc/thread-self/schedstat): on a shared machine the wall
/// time includes waiting for a core.
struct Clock(Instant, Option<u64>);

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn now() -> Clock {
        Clock(Instant::now(), cpu_ns())
    }
}

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let wall = self.0.elapsed().as_secs_f64() * 1e3;
        match (self.1, cpu_ns()) {
            (Some(a), Some(b)) => write!(f, "{wall:.1} ms (cpu {:.1} ms)", (b - a) as f64 / 1e6),
            _ => write!(f, "{wall:.1} ms"),
        }
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn run(d: &Dataset, label: &str) {
    let as_of = d.summary().last_date.expect("dates");
    let t = Clock::now();
    let h = histories(d, as_of);
    let hist_ms = t.to_string();
    let t = Clock::now();
    let data = Compressed::from_histories(h.iter().map(|(_, h)| h), 1.0);
    println!(
        "{label}: {} customers, {} distinct triples; histories {hist_ms}, compression {}",
        h.len(),
        data.triples.len(),
        t
    );
    let t = Clock::now();
    let spend = fit_spend(h.iter().map(|(_, h)| (h.x, h.mean_repeat_spend)));
    println!("  gamma-gamma fit: {} {:?}", t, spend.params);
    for kind in ModelKind::ALL {
        let t = Clock::now();
        let f = fit(kind, &data);
        let fit_ms = t.to_string();
        let t = Clock::now();
        let s = score(&h, &f, &spend, &ScoreOptions::default());
        std::hint::black_box(&s);
        println!(
            "  {:8} fit {fit_ms} + score {}  k={} LL={:.1} grid={:?} evals={} {:?}",
            kind.id(),
            t,
            f.params.k,
            f.log_likelihood,
            f.time_grid,
            f.evaluations,
            f.problems
        );
    }
    let t = Clock::now();
    let v = validate(d, as_of, &ValidationOptions::default()).expect("validates");
    println!("  validation of all models: {}, auto = {}", t, v.auto.id());
    let t = Clock::now();
    let quarterly = ValidationOptions {
        curve_step_days: 91,
        ..ValidationOptions::default()
    };
    std::hint::black_box(validate(d, as_of, &quarterly).expect("validates"));
    println!("  validation with a quarterly curve: {}", t);
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
    // The app's path once auto has chosen: refit with the held-out k as a
    // warm start on every customer, then score everyone.
    let m = v.models.iter().find(|m| m.kind == v.auto).expect("chosen");
    let t = Clock::now();
    let f = fit_with(
        v.auto,
        &data,
        &FitOptions {
            k: Some(m.fit.params.k),
            start: Some(m.fit.params),
            ..FitOptions::default()
        },
    );
    let s = score(&h, &f, &spend, &ScoreOptions::default());
    std::hint::black_box(&s);
    println!(
        "  {} fit with the held-out k and start + score: {} (evals {})",
        v.auto.id(),
        t,
        f.evaluations
    );
    let t = Clock::now();
    let r = value_report(
        d,
        as_of,
        ModelChoice::Auto,
        &ValidationOptions::default(),
        &ScoreOptions::default(),
    );
    std::hint::black_box(&r);
    println!("  whole auto report (validate, refit, spend, score): {}", t);
}

fn main() {
    let d = RegularVisits::six_month(8, 282_000).dataset();
    let as_of = d.summary().last_date.expect("dates");
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(histories(&d, as_of));
        best = best.min(ms(t));
    }
    println!("histories of {} rows: best of 5 {best:.1} ms", d.len());
    for n in [20_000, 200_000] {
        let t = Instant::now();
        let d = RegularVisits::six_month(7, n).dataset();
        println!("generated {} rows in {:.0} ms", d.len(), ms(t));
        run(&d, &format!("{n} customers"));
    }
}
