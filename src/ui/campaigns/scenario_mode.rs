//! The what-if scenario: two campaigns' figures as ranges, a seeded Monte
//! Carlo of the return per yuan, and the day-one comparison (DOMAIN §4).

use crate::domain::campaign::{ScenarioCampaign, ScenarioProblem, ScenarioResult, SCENARIO_RUNS};
use crate::engine::protocol::Query;
use crate::i18n::campaigns::{self as text, CampText};
use crate::i18n::shell::Common;
use crate::i18n::{format, Text};
use crate::ui::campaigns::scenario_input::{ScenarioField, ScenarioInput};
use crate::ui::engine_client::use_query;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn ScenarioMode() -> impl IntoView {
    let ctx = app();
    let a = RwSignal::new(ScenarioCampaign::source_a());
    let b = RwSignal::new(ScenarioCampaign::source_b());
    let result = use_query::<Result<ScenarioResult, ScenarioProblem>>(move || {
        Some(Query::ScenarioSim {
            a: a.get(),
            b: b.get(),
        })
    });
    let body = ScenarioField::ALL
        .into_iter()
        .map(|field| {
            view! {
                <tr>
                    <th scope="row">{move || ctx.t(field.name())}</th>
                    <td data-label=move || ctx.t(CampText::ScenarioA)><div class="inputs"><ScenarioInput campaign=a side="a" field=field high=false/>"–"<ScenarioInput campaign=a side="a" field=field high=true/></div></td>
                    <td data-label=move || ctx.t(CampText::ScenarioB)><div class="inputs"><ScenarioInput campaign=b side="b" field=field high=false/>"–"<ScenarioInput campaign=b side="b" field=field high=true/></div></td>
                </tr>
            }
        })
        .collect_view();
    let summary = move || {
        let l = ctx.lang.get();
        let day_one = CampText::DayOne {
            a: format::percent(a.get().day_one()),
            b: format::percent(b.get().day_one()),
        }
        .text(l);
        result.with(|r| match r.as_deref() {
            Some(Ok(r)) => {
                let band = |(p10, p50, p90): (f64, f64, f64)| {
                    CampText::Band {
                        p10: format!("{p10:.2}"),
                        p50: format!("{p50:.2}"),
                        p90: format!("{p90:.2}"),
                    }
                    .text(l)
                };
                view! {
                    <p data-testid="sc-day-one">{day_one}</p>
                    <p>{CampText::ReturnA.text(l)}{Common::Colon.text(l)}<strong data-testid="sc-a-p50">{band(r.a)}</strong></p>
                    <p>{CampText::ReturnB.text(l)}{Common::Colon.text(l)}<strong data-testid="sc-b-p50">{band(r.b)}</strong></p>
                    <p>{CampText::PBeats.text(l)}{Common::Colon.text(l)}<strong data-testid="scenario-p-b">{format::percent(r.p_b_beats_a)}</strong></p>
                }
                .into_any()
            }
            Some(Err(p)) => view! {
                <p class="warning" role="alert" data-testid="scenario-error">{text::scenario_problem(l, *p)}</p>
            }
            .into_any(),
            None => ().into_any(),
        })
    };
    view! {
        <section class="card" aria-labelledby="scenario-title" data-testid="scenario">
            <h2 id="scenario-title">{ctx.tr(CampText::ScenarioTitle)}</h2>
            <p class="muted small">{move || ctx.t(CampText::ScenarioHint { runs: format::count(SCENARIO_RUNS as u64) })}</p>
            <div class="table-scroll" tabindex="0">
                <table class="stack">
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{ctx.tr(CampText::ScenarioA)}</th>
                        <th scope="col">{ctx.tr(CampText::ScenarioB)}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="scenario-result">{summary}</div>
        </section>
    }
}
