//! The engine natively: a file goes in through `open` and `start_import`,
//! stepped to the end; questions get the domain's answers, cached, and a
//! question about a replaced data set is stale. Cancel keeps the data.

use panorama::domain::campaign::{self, cohorts};
use panorama::domain::segmentation::{segment, Group, SegmentSettings, SortKey};
use panorama::domain::value::validate::ModelChoice;
use panorama::engine::protocol::{
    At, CampaignsView, DataView, DrillPage, Export, PanoramaView, Query, Reply, SegmentsView,
};
use panorama::engine::{Engine, Step};
use panorama::i18n::Lang;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn clock() -> f64 {
    0.0
}

/// Runs the started work to its end and returns the final reply.
fn finish(e: &mut Engine) -> Reply {
    loop {
        match e.step(1_000).expect("running") {
            Step::Progress(p) => assert!((0.0..=1.0).contains(&p)),
            Step::Done(reply) => return *reply,
            other => panic!("a whole file never waits for parts: {other:?}"),
        }
    }
}

fn load(e: &mut Engine, name: &str) -> DataView {
    let Reply::Opened(opened) = e.open(Some(fixture(name)), name, None) else {
        panic!("not opened");
    };
    assert!(e.start_import(opened.mapping).is_none());
    match finish(e) {
        Reply::Loaded(v) => *v,
        other => panic!("{other:?}"),
    }
}

fn answer<T: serde::de::DeserializeOwned>(e: &mut Engine, q: &Query) -> T {
    match e.query(q) {
        Reply::Answer(raw) => panorama::engine::protocol::decode(&raw).expect("answer type"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_loaded_file_answers_as_the_domain_computes() {
    let mut e = Engine::new(clock);
    let v = load(&mut e, "segments_small.csv");
    assert_eq!(v.summary.customers, 10);
    let at = At {
        data: v.id,
        as_of: None,
    };
    let settings = SegmentSettings::default();
    let seg: SegmentsView = answer(
        &mut e,
        &Query::Segments {
            model: ModelChoice::Auto,
            at: at.clone(),
            settings: settings.clone(),
        },
    );
    let d = panorama::domain::ingest::import_bytes(fixture("segments_small.csv"), "s.csv")
        .expect("import")
        .dataset;
    let as_of = d.summary().last_date.expect("dates");
    let direct = segment(&d, as_of, &settings);
    assert_eq!(seg.total.customers, direct.total.customers);
    // Budget shares over the segments present (loyal 3, new 1, at risk 4,
    // average 2): the source's 25, 15, 15 and 8% rescaled by 1 / 0.63.
    let share = |id: &str| {
        seg.segments
            .iter()
            .find(|l| l.line.key.id() == id)
            .expect("segment")
            .budget_share
    };
    for (id, source) in [
        ("loyal", 0.25),
        ("new", 0.15),
        ("at_risk", 0.15),
        ("average", 0.08),
    ] {
        assert!(
            (share(id) - source / 0.63).abs() < 1e-12,
            "{id}: {}",
            share(id)
        );
    }
    for id in ["champions", "potential_loyalists", "hibernating", "lost"] {
        assert_eq!(share(id), 0.0, "{id}");
    }
    for (line, (s, g)) in seg.segments.iter().zip(&direct.by_segment) {
        assert_eq!((line.line.key, line.line.summary), (*s, *g));
        assert_eq!(line.line.customer_share, g.customer_share(&direct.total));
    }
    assert_eq!(seg.rf, direct.rf);
    // The drill-down pages the at-risk call list.
    let page: DrillPage = answer(
        &mut e,
        &Query::Drill {
            model: ModelChoice::Auto,
            at: at.clone(),
            settings: settings.clone(),
            group: Group::Segment(panorama::domain::rfm::Segment::AtRisk),
            sort: SortKey::Recency,
            descending: true,
            page: 7,
        },
    );
    assert_eq!(
        page.total,
        direct
            .segment(panorama::domain::rfm::Segment::AtRisk)
            .customers
    );
    assert_eq!(page.page, 0, "a page past the end shows the last");
    // The panorama's stage shares add up to one.
    let pano: PanoramaView = answer(
        &mut e,
        &Query::Dashboard {
            at: at.clone(),
            stages: settings.stages,
        },
    );
    let shares: f64 = pano.stages.iter().filter_map(|s| s.2).sum();
    assert!((shares - 1.0).abs() < 1e-12);
    // The customers export is the domain's.
    let (reply, bytes) = e
        .export(&Export::Customers {
            model: ModelChoice::Auto,
            at,
            settings,
            group: Group::All,
        })
        .expect("export");
    assert!(matches!(reply, Reply::File { ref name, .. } if name == "customers.csv"));
    assert_eq!(
        String::from_utf8(bytes).expect("utf-8"),
        panorama::domain::segmentation::customers_csv(&d, direct.customers.iter(), &|_| None)
    );
}

#[test]
fn answers_are_cached_and_questions_about_old_data_are_stale() {
    let mut e = Engine::new(clock);
    let first = load(&mut e, "segments_small.csv");
    let q = Query::Segments {
        model: ModelChoice::Auto,
        at: At {
            data: first.id,
            as_of: None,
        },
        settings: SegmentSettings::default(),
    };
    let a: SegmentsView = answer(&mut e, &q);
    let b: SegmentsView = answer(&mut e, &q);
    assert_eq!(a, b);
    let second = load(&mut e, "panorama_small.csv");
    assert_ne!(first.id, second.id);
    assert!(matches!(e.query(&q), Reply::Stale));
}

#[test]
fn a_cancelled_import_keeps_the_loaded_data() {
    let mut e = Engine::new(clock);
    let loaded = load(&mut e, "segments_small.csv");
    let Reply::Opened(opened) = e.open(Some(fixture("panorama_small.csv")), "p.csv", None) else {
        panic!("not opened");
    };
    assert!(e.start_import(opened.mapping).is_none());
    assert!(e.is_running());
    assert!(matches!(e.cancel(), Reply::Cancelled));
    assert!(!e.is_running());
    assert!(e.step(10).is_none());
    let seg: SegmentsView = answer(
        &mut e,
        &Query::Segments {
            model: ModelChoice::Auto,
            at: At {
                data: loaded.id,
                as_of: None,
            },
            settings: SegmentSettings::default(),
        },
    );
    assert_eq!(seg.total.customers, 10);
}

#[test]
fn a_file_that_cannot_be_read_is_a_failure_reply() {
    let mut e = Engine::new(clock);
    assert!(matches!(
        e.open(Some(fixture("not_a_table.png")), "p.png", None),
        Reply::Failed(_)
    ));
    // Re-opening with another sheet needs a workbook opened before.
    assert!(matches!(e.open(None, "x", Some("Sheet2")), Reply::Stale));
}

#[test]
fn the_demo_campaigns_answer_with_the_domain_intervals() {
    let mut e = Engine::new(clock);
    e.start_demo();
    let Reply::Loaded(v) = finish(&mut e) else {
        panic!("demo");
    };
    assert!(v.is_demo);
    let at = At {
        data: v.id,
        as_of: None,
    };
    let list: CampaignsView = answer(
        &mut e,
        &Query::Campaigns {
            at,
            model: ModelChoice::Auto,
        },
    );
    let d = panorama::domain::demo::dataset(&panorama::domain::demo::DemoConfig::default());
    let all = cohorts(&d, d.summary().last_date.expect("dates"));
    assert_eq!(list.campaigns.len(), all.len());
    for (line, c) in list.campaigns.iter().zip(&all) {
        let w = c.window(90);
        assert_eq!(line.name, c.campaign);
        assert_eq!(line.window, w.figures());
        assert_eq!(line.ltv_ci, w.ltv_ci(campaign::SEED));
    }
}

#[test]
fn the_value_view_crosses_the_wire_for_every_model() {
    use panorama::domain::value::validate::ModelChoice;
    use panorama::domain::value::visits::ModelKind;
    use panorama::engine::protocol::ValueView;
    let mut e = Engine::new(clock);
    let v = load(&mut e, "value_regular.csv");
    let at = At {
        data: v.id,
        as_of: None,
    };
    for model in std::iter::once(ModelChoice::Auto).chain(ModelKind::ALL.map(ModelChoice::Model)) {
        // `answer` reads the JSON back: every figure must survive the trip.
        let view: ValueView = answer(
            &mut e,
            &Query::Value {
                at: at.clone(),
                settings: SegmentSettings::default(),
                model,
                cut: None,
            },
        );
        let m = view.result.expect("a model fits 400 regular visitors");
        assert_eq!(m.customers, 400);
        if let ModelChoice::Model(k) = model {
            assert_eq!(m.fit.kind, k);
        }
        assert_eq!(m.validation.expect("validation").models.len(), 4);
        assert_eq!(m.summary.clv_bins.iter().map(|b| b.2).sum::<usize>(), 400);
    }
    // Regular visits: auto picks a CNBD-k model.
    let auto: ValueView = answer(
        &mut e,
        &Query::Value {
            at,
            settings: SegmentSettings::default(),
            model: ModelChoice::Auto,
            cut: None,
        },
    );
    assert!(auto.result.expect("model").fit.kind.fits_k());
}

/// The Excel call list reads back with Chinese headers and values, dates
/// and money as numbers (issue 14); the CSV beside it is unchanged.
#[test]
fn the_excel_customer_list_reads_back_in_the_users_language() {
    use calamine::{Data, Reader, Xlsx};
    let mut e = Engine::new(clock);
    let v = load(&mut e, "segments_small.csv");
    let (reply, bytes) = e
        .export(&Export::CustomersXlsx {
            at: At {
                data: v.id,
                as_of: None,
            },
            settings: SegmentSettings::default(),
            model: ModelChoice::Auto,
            group: Group::All,
            lang: Lang::Zh,
        })
        .expect("a file");
    let Reply::File { name, mime } = reply else {
        panic!("{reply:?}");
    };
    assert_eq!(name, "customers.xlsx");
    assert!(mime.contains("spreadsheetml"));
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let sheet = book.worksheet_range("客户名单").expect("the sheet");
    assert_eq!(sheet.height(), 11);
    let head: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        head[..13],
        [
            "客户ID",
            "首次到店",
            "最近到店",
            "未到店天数",
            "到店次数",
            "累计消费",
            "R 分",
            "F 分",
            "M 分",
            "客户群",
            "阶段",
            "预警灯",
            "等级"
        ]
    );
    // K0: first 2023-08-20, last 2024-12-22, 2 visits, ¥200, scores 5/4/1,
    // loyal, mature, green, normal (as in customers.csv).
    let k0 = sheet
        .rows()
        .find(|r| r[0] == Data::String("K0".into()))
        .expect("K0");
    let serial = |c: &Data| match c {
        Data::DateTime(d) => d.as_f64(),
        other => panic!("{other:?}"),
    };
    assert_eq!((serial(&k0[1]), serial(&k0[2])), (45158.0, 45648.0));
    assert_eq!(k0[3], Data::Float(0.0));
    assert_eq!(k0[4], Data::Float(2.0));
    assert_eq!(k0[5], Data::Float(200.0));
    assert_eq!(
        (&k0[6], &k0[7], &k0[8]),
        (&Data::Float(5.0), &Data::Float(4.0), &Data::Float(1.0))
    );
    assert_eq!(k0[9], Data::String("重要保持客户".into()));
    assert_eq!(k0[10], Data::String("成熟期（12 个月以上）".into()));
    assert_eq!(k0[11], Data::String("● 绿灯（正常）".into()));
    assert_eq!(k0[12], Data::String("普通会员".into()));
    // Ten customers fit no value model: its cells are empty, not 0.
    assert!(k0.len() <= 15 || k0[15..].iter().all(|c| *c == Data::Empty));
}

/// The warm-up fits customer value a model per turn (issue 12: a view's
/// question waits for one fit at most); the answer is byte for byte the
/// one asked for at once, and a question asked half-way finishes the
/// comparison the warm-up started.
#[test]
fn customer_value_prepared_a_model_per_step_answers_the_same() {
    use panorama::domain::value::visits::ModelKind;
    let raw = |e: &mut Engine, q: &Query| match e.query(q) {
        Reply::Answer(raw) => raw,
        other => panic!("{other:?}"),
    };
    let mut direct = Engine::new(clock);
    let v = load(&mut direct, "value_regular.csv");
    let at = At {
        data: v.id,
        as_of: None,
    };
    let q = Query::Value {
        at: at.clone(),
        settings: SegmentSettings::default(),
        model: ModelChoice::Auto,
        cut: None,
    };
    let expected = raw(&mut direct, &q);

    let mut stepped = Engine::new(clock);
    let v2 = load(&mut stepped, "value_regular.csv");
    assert_eq!(v2.id, v.id);
    let mut steps = 0;
    while !stepped.prepare_value(&at, ModelChoice::Auto, None) {
        steps += 1;
        assert!(
            steps <= ModelKind::ALL.len() + 1,
            "a step per model, then the value"
        );
    }
    // Start, one step per model (the last also stores the comparison).
    assert_eq!(steps, ModelKind::ALL.len() + 1);
    assert!(
        stepped.prepare_value(&at, ModelChoice::Auto, None),
        "cached now"
    );
    assert_eq!(raw(&mut stepped, &q), expected);

    let mut interrupted = Engine::new(clock);
    load(&mut interrupted, "value_regular.csv");
    assert!(!interrupted.prepare_value(&at, ModelChoice::Auto, None));
    assert!(!interrupted.prepare_value(&at, ModelChoice::Auto, None));
    assert_eq!(raw(&mut interrupted, &q), expected);
}
