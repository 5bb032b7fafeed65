//! A scenario link's parameter: `Scenario::from_link_param`, and for a
//! scenario it accepts, the plan the page then computes and the link
//! written back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use panorama::domain::planner::scenario::{Scenario, SolvedPlan};
use panorama::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let param = String::from_utf8_lossy(data);
    match Scenario::from_link_param(&param) {
        Ok(s) => {
            let solved = SolvedPlan::solve(&s);
            let _ = solved.stages();
            assert_eq!(Scenario::from_link_param(&s.to_link_param()).as_ref(), Ok(&s));
        }
        Err(e) => {
            let _ = e.message(Lang::Zh, &|i| i.to_string());
            let _ = e.message(Lang::En, &|i| i.to_string());
        }
    }
});
