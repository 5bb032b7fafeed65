//! Engine benchmark: the ~1,000,000-row demo export loaded into the engine,
//! then every question a view asks, first and asked again (cached). The
//! browser runs the same code in a worker, about 1.5–2× slower; each view
//! must show its numbers within 1 s of a click. Run: `cargo bench --bench engine`.

use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::segmentation::{Group, SegmentSettings, SortKey};
use panorama::domain::value::validate::ModelChoice;
use panorama::engine::protocol::{At, Export, Query, Reply};
use panorama::engine::{Engine, Step};
use std::time::Instant;

/// About a million rows, as the import benchmark's file.
const CUSTOMERS: usize = 154_000;

fn clock() -> f64 {
    0.0
}

fn main() {
    let rows = demo::generate(&DemoConfig {
        customers: CUSTOMERS,
        ..DemoConfig::default()
    });
    let mut csv = Vec::new();
    demo::write_csv(&rows, &mut csv).expect("csv");
    drop(rows);
    let mut e = Engine::new(clock);
    let t = Instant::now();
    let Reply::Opened(opened) = e.open(Some(csv), "visits_1m.csv", None) else {
        panic!("open");
    };
    assert!(e.start_import(opened.mapping).is_none());
    let data = loop {
        match e.step(2_000).expect("running") {
            Step::Progress(_) => {}
            Step::Done(reply) => match *reply {
                Reply::Loaded(v) => break v,
                other => panic!("{other:?}"),
            },
            other => panic!("a whole file never waits for parts: {other:?}"),
        }
    };
    println!(
        "import: {} rows, {} customers in {:.0} ms",
        data.rows_accepted,
        data.summary.customers,
        t.elapsed().as_secs_f64() * 1e3
    );
    let at = At {
        data: data.id,
        as_of: None,
    };
    let settings = SegmentSettings::default();
    let stages = settings.stages;
    let campaigns = ("首保免费".to_owned(), "新车守护计划".to_owned());
    let model = ModelChoice::Auto;
    let questions = [
        (
            "customer value",
            Query::Value {
                at: at.clone(),
                settings: settings.clone(),
                model,
                cut: None,
            },
        ),
        (
            "segments",
            Query::Segments {
                model,
                at: at.clone(),
                settings: settings.clone(),
            },
        ),
        (
            "drill-down",
            Query::Drill {
                model,
                at: at.clone(),
                settings: settings.clone(),
                group: Group::Segment(panorama::domain::rfm::Segment::AtRisk),
                sort: SortKey::Recency,
                descending: true,
                page: 0,
            },
        ),
        (
            "panorama",
            Query::Dashboard {
                at: at.clone(),
                stages,
            },
        ),
        (
            "stage flow",
            Query::StageFlow {
                at: at.clone(),
                stages,
                days: 90,
            },
        ),
        (
            "campaigns",
            Query::Campaigns {
                at: at.clone(),
                model,
            },
        ),
        (
            "A vs B",
            Query::Compare {
                model,
                at: at.clone(),
                a: campaigns.0,
                b: campaigns.1,
            },
        ),
        (
            "planner inputs",
            Query::PlannerInputs {
                model,
                at: at.clone(),
                stages,
            },
        ),
    ];
    for (name, q) in &questions {
        let t = Instant::now();
        assert!(matches!(e.query(q), Reply::Answer(_)), "{name}");
        let first = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let _ = e.query(q);
        let again = t.elapsed().as_secs_f64() * 1e3;
        println!("{name:>15}: {first:>7.1} ms first, {again:>6.3} ms cached");
    }
    let t = Instant::now();
    let out = e.export(&Export::Customers {
        model,
        at,
        settings,
        group: Group::All,
    });
    println!(
        "customers.csv: {:.1} MB in {:.0} ms",
        out.map_or(0, |(_, b)| b.len()) as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
}
