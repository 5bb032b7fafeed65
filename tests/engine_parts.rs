//! The engine reading a large text file in parts with a helper, as the
//! workers do it in the browser (here both engines run in one thread and
//! the test carries their messages): the same data view and the same
//! answers as reading the file whole; another mapping reads the kept
//! texts again without a byte of the file; without a helper the engine
//! reads every part itself; a file that is not UTF-8 after its head is
//! read whole.

use panorama::domain::demo::{self, DemoConfig};
use panorama::domain::ingest::parts::{HEAD_BYTES, PARTS_FROM};
use panorama::domain::ingest::ColumnMapping;
use panorama::domain::segmentation::SegmentSettings;
use panorama::domain::value::validate::ModelChoice;
use panorama::engine::protocol::{At, DataView, Query, Reply};
use panorama::engine::{Engine, Step};

fn clock() -> f64 {
    0.0
}

fn demo_csv(customers: usize) -> Vec<u8> {
    let rows = demo::generate(&DemoConfig {
        customers,
        ..DemoConfig::default()
    });
    let mut csv = Vec::new();
    demo::write_csv(&rows, &mut csv).expect("csv");
    csv
}

fn whole(bytes: &[u8]) -> (Engine, DataView) {
    let mut e = Engine::new(clock);
    let Reply::Opened(o) = e.open(Some(bytes.to_vec()), "visits.csv", None) else {
        panic!("open");
    };
    assert!(e.start_import(o.mapping).is_none());
    loop {
        match e.step(5_000).expect("running") {
            Step::Progress(_) => {}
            Step::Done(r) => match *r {
                Reply::Loaded(v) => return (e, *v),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }
}

/// What happened on the way: parts the engine read, parts the helper read
/// from bytes, parts it read from its kept text.
#[derive(Debug, Default, PartialEq)]
struct Trip {
    engine_reads: usize,
    helper_reads: usize,
    helper_kept: usize,
    whole: bool,
    /// The engine took the helper's last parts, and the helper had passed
    /// the place when the engine's message arrived.
    truncated: bool,
    late: bool,
}

/// How the simulated helper keeps pace: parts it reads per engine step
/// (0 = it waits), and how many steps its messages take to arrive.
#[derive(Clone, Copy)]
struct Pace {
    parts_per_step: usize,
    every: usize,
    delay: usize,
}

const EAGER: Pace = Pace {
    parts_per_step: 64,
    every: 1,
    delay: 0,
};

/// Drives an import in parts to its end, carrying the helper's messages
/// (`helper: None`: no helper). The helper reads `pace.parts_per_step`
/// parts every `pace.every` engine steps; messages both ways arrive
/// `pace.delay` steps late, so the engine may ask it to stop after it has
/// passed the place (the engine then reads its tail again).
fn in_parts(
    e: &mut Engine,
    mut helper: Option<&mut Engine>,
    bytes: &[u8],
    mapping: ColumnMapping,
    pace: Pace,
) -> (DataView, Trip) {
    use panorama::engine::parts::{HelperReply, HelperRequest};
    e.set_helper(helper.is_some());
    assert!(e.start_import(mapping).is_none());
    let mut trip = Trip::default();
    // The helper's chain: its request, the parts left, and messages in flight.
    type Job = (
        HelperRequest,
        std::collections::VecDeque<(usize, std::ops::Range<usize>)>,
    );
    let mut job: Option<Job> = None;
    let mut to_engine: Vec<(usize, HelperReply, Option<Vec<u8>>)> = Vec::new();
    let mut to_helper: Vec<(usize, HelperRequest)> = Vec::new();
    let mut step = 0usize;
    let mut cut = None;
    loop {
        step += 1;
        assert!(step < 1_000_000, "the import does not end");
        if let Some(h) = helper.as_deref_mut() {
            if let Some(req) = e.helper_request() {
                to_helper.push((step + pace.delay, req));
            }
            // Messages that have arrived at the helper.
            let (due, later): (Vec<_>, Vec<_>) = to_helper.drain(..).partition(|m| m.0 <= step);
            to_helper = later;
            for (_, req) in due {
                match &req {
                    HelperRequest::Chain { parts, .. } => {
                        h.helper_start(&req);
                        job = Some((req.clone(), parts.iter().cloned().collect()));
                    }
                    HelperRequest::Truncate { run, end } => h.helper_truncate(*run, *end),
                    HelperRequest::Stop { run } => h.helper_stop(*run),
                }
            }
            if step.is_multiple_of(pace.every) {
                for _ in 0..pace.parts_per_step {
                    let Some((HelperRequest::Chain { run, file, .. }, left)) = &mut job else {
                        break;
                    };
                    let (run, file) = (*run, *file);
                    let next = left
                        .front()
                        .cloned()
                        .filter(|(k, _)| h.helper_wants(run, *k));
                    match next {
                        Some((k, range)) => {
                            left.pop_front();
                            let kept = h.helper_holds(file, k);
                            if kept {
                                trip.helper_kept += 1;
                            } else {
                                trip.helper_reads += 1;
                            }
                            let given = (!kept).then(|| &bytes[range.clone()]);
                            let (reply, part) = match h.helper_feed(run, k, given) {
                                Ok((reply, part)) => (reply, Some(part)),
                                Err(failed) => (failed, None),
                            };
                            to_engine.push((step + pace.delay, reply, part));
                        }
                        None => {
                            let reply = h.helper_finish(run);
                            to_engine.push((step + pace.delay, reply, None));
                            job = None;
                        }
                    }
                }
            }
            let (due, later): (Vec<_>, Vec<_>) = to_engine.drain(..).partition(|m| m.0 <= step);
            to_engine = later;
            for (_, reply, part) in due {
                if let (HelperReply::Chain { end, .. }, Some(cut)) = (&reply, cut) {
                    trip.late |= *end > cut;
                }
                e.helper_reply(reply, part.as_deref());
            }
        }
        match e.step(5_000).expect("running") {
            Step::Progress(p) => assert!((0.0..=1.0).contains(&p)),
            Step::NeedPart(k) => {
                trip.engine_reads += 1;
                let (run, _) = e.parts_run().expect("run");
                let range = e.part_range(k).expect("range");
                e.part_bytes(run, k, &bytes[range]);
            }
            Step::Truncate(end) => {
                trip.truncated = true;
                cut = Some(end);
                let (run, _) = e.parts_run().expect("run");
                to_helper.push((step + pace.delay, HelperRequest::Truncate { run, end }));
            }
            Step::Waiting => assert!(helper.is_some(), "waiting for no helper"),
            Step::NeedWhole(mapping) => {
                trip.whole = true;
                let Reply::Opened(_) = e.open(Some(bytes.to_vec()), "visits.csv", None) else {
                    panic!("open whole");
                };
                assert!(e.start_import(mapping).is_none());
            }
            Step::Done(r) => match *r {
                Reply::Loaded(v) => return (*v, trip),
                other => panic!("{other:?}"),
            },
        }
    }
}

fn open_head(e: &mut Engine, bytes: &[u8]) -> ColumnMapping {
    let head = &bytes[..HEAD_BYTES.min(bytes.len())];
    match e.open_head(head, bytes.len(), "visits.csv") {
        Some(Reply::Opened(o)) => o.mapping,
        other => panic!("{other:?}"),
    }
}

fn same_view(a: &DataView, b: &DataView) {
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.rows_read, b.rows_read);
    assert_eq!(a.rows_accepted, b.rows_accepted);
    assert_eq!(a.rejected, b.rejected);
    assert_eq!(a.format, b.format);
}

fn segments(e: &mut Engine, data: u64) -> Vec<u8> {
    let q = Query::Segments {
        at: At { data, as_of: None },
        settings: SegmentSettings::default(),
        model: ModelChoice::Auto,
    };
    match e.query(&q) {
        Reply::Answer(bytes) => bytes,
        other => panic!("{other:?}"),
    }
}

#[test]
fn parts_read_by_two_engines_give_the_whole_files_answers() {
    let bytes = demo_csv(40_000);
    assert!(bytes.len() > PARTS_FROM, "{} bytes", bytes.len());
    let (mut seq, expected) = whole(&bytes);

    let (mut e, mut h) = (Engine::new(clock), Engine::new(clock));
    let mapping = open_head(&mut e, &bytes);
    let (view, trip) = in_parts(&mut e, Some(&mut h), &bytes, mapping.clone(), EAGER);
    same_view(&view, &expected);
    assert!(!trip.whole, "{trip:?}");
    assert!(trip.engine_reads > 0 && trip.helper_reads > 0, "{trip:?}");
    assert_eq!(segments(&mut e, view.id), segments(&mut seq, expected.id));

    // Another import of the opened file (the user maps it again): every
    // part's text is kept where it was read, so no byte is read again.
    let parts = trip.engine_reads + trip.helper_reads;
    let (again, trip2) = in_parts(&mut e, Some(&mut h), &bytes, mapping, EAGER);
    same_view(&again, &expected);
    assert_eq!(
        trip2,
        Trip {
            helper_kept: trip.helper_reads,
            ..Trip::default()
        },
        "{parts} parts"
    );
}

#[test]
fn without_a_helper_the_engine_reads_every_part() {
    let bytes = demo_csv(30_000);
    let (_, expected) = whole(&bytes);
    let mut e = Engine::new(clock);
    let mapping = open_head(&mut e, &bytes);
    let (view, trip) = in_parts(&mut e, None, &bytes, mapping, EAGER);
    same_view(&view, &expected);
    assert!(
        !trip.whole && trip.helper_reads == 0 && trip.engine_reads > 1,
        "{trip:?}"
    );
}

#[test]
fn a_file_not_utf8_after_its_head_is_read_whole_and_the_same() {
    let mut bytes = demo_csv(30_000);
    // English headers (read the same in any encoding), and a GBK store name
    // near the end: the head is UTF-8, the file is not, so the whole file
    // is read as GB18030 (as it always was), with the head's mapping.
    let header_end = bytes.iter().position(|&b| b == b'\n').expect("header");
    bytes.splice(
        ..header_end,
        b"customer,date,item,amount,campaign,store,delivery,nps,complaint"
            .iter()
            .copied(),
    );
    let at = bytes.len() - 200;
    let line = bytes[at..].iter().position(|&b| b == b'\n').expect("line") + at + 1;
    bytes.splice(
        line..line,
        b"C999999,2025/6/1,\xB1\xA3\xD1\xF8,300.00,,\xC9\xCF\xBA\xA3,,,\n"
            .iter()
            .copied(),
    );
    let (_, expected) = whole(&bytes);
    let mut e = Engine::new(clock);
    let mapping = open_head(&mut e, &bytes);
    let (view, trip) = in_parts(&mut e, None, &bytes, mapping, EAGER);
    assert!(trip.whole, "{trip:?}");
    same_view(&view, &expected);
}

/// A slow helper: the engine finishes first and takes the helper's last
/// parts, whether its message arrives in time or after the helper passed
/// the place (then the engine reads from where the helper stopped). The
/// answer is the whole file's every time.
#[test]
fn a_slow_helper_hands_its_last_parts_to_the_engine() {
    // Eight parts: four each, of which a helper that lags hands some back.
    let bytes = demo_csv(80_000);
    let (_, expected) = whole(&bytes);
    let (mut stolen, mut late) = (0, 0);
    for pace in [
        Pace {
            parts_per_step: 1,
            every: 400,
            delay: 0,
        },
        Pace {
            parts_per_step: 1,
            every: 250,
            delay: 0,
        },
        Pace {
            parts_per_step: 2,
            every: 300,
            delay: 500,
        },
        Pace {
            parts_per_step: 1,
            every: 150,
            delay: 900,
        },
        Pace {
            parts_per_step: 4,
            every: 40,
            delay: 100,
        },
    ] {
        let (mut e, mut h) = (Engine::new(clock), Engine::new(clock));
        let mapping = open_head(&mut e, &bytes);
        let (view, trip) = in_parts(&mut e, Some(&mut h), &bytes, mapping, pace);
        same_view(&view, &expected);
        assert!(!trip.whole, "{trip:?}");
        stolen += usize::from(trip.truncated);
        late += usize::from(trip.late);
    }
    assert!(
        stolen >= 3 && late >= 1,
        "took parts {stolen} times, {late} too late"
    );
}
