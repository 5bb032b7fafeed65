//! A scenario file's text: `Scenario::from_json`, and for a scenario it
//! accepts, the plan the page then computes and the file written back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use panorama::domain::planner::scenario::{Scenario, SolvedPlan};
use panorama::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scenario::from_json(text) {
        Ok(s) => {
            let solved = SolvedPlan::solve(&s);
            let _ = solved.stages();
            assert_eq!(Scenario::from_json(&s.to_json()).as_ref(), Ok(&s));
        }
        Err(e) => {
            let _ = e.message(Lang::Zh, &|i| i.to_string());
            let _ = e.message(Lang::En, &|i| i.to_string());
        }
    }
});
