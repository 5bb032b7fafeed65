//! Text bytes read as a customer summary (whatever the header says), then
//! the figures the views compute from it: KPIs, segments, planner inputs
//! and, when enough customers came back, the value model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use panorama::domain::ingest::decode::{sniff_kind, FileKind};
use panorama::domain::ingest::open;
use panorama::domain::kpi::dashboard;
use panorama::domain::lifecycle::StageSettings;
use panorama::domain::planner::cells::data_inputs;
use panorama::domain::segmentation::{segment, SegmentSettings};
use panorama::domain::summary::read_summary_file;
use panorama::domain::value::score::{checked_report, ScoreOptions};
use panorama::domain::value::validate::ModelChoice;
use panorama::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    if !matches!(sniff_kind(data), Ok(FileKind::Text)) {
        return;
    }
    let Ok(file) = open(data.to_vec(), "fuzz.csv", None) else {
        return;
    };
    let read = match read_summary_file(&file) {
        Ok(r) => r,
        Err(e) => {
            let _ = (e.message(Lang::Zh), e.message(Lang::En));
            return;
        }
    };
    assert_eq!(
        read.rows_read,
        read.summary.rows.len() as u64 + read.rejected.len() as u64
    );
    for e in &read.rejected {
        let _ = (e.message(Lang::Zh), e.message(Lang::En));
    }
    let s = &read.summary;
    let Some(as_of) = s.as_of else { return };
    let stages = StageSettings::default();
    let _ = dashboard(s, as_of, &stages);
    let _ = data_inputs(s, as_of, &stages);
    let seg = segment(s, as_of, &SegmentSettings::default());
    assert_eq!(seg.customers.len(), s.rows.len());
    if let Ok(r) = checked_report(s, as_of, ModelChoice::Auto, None, &ScoreOptions::default()) {
        for c in &r.customers {
            assert!((0.0..=1.0).contains(&c.p_alive), "P(alive) {}", c.p_alive);
        }
    }
});
