//! Baseline vs optimised: spend, conversions, return, ratio and ROI, each
//! with its change.

use crate::domain::planner::scenario::relative_change;
use crate::i18n::planner::{baseline_rule, PlanText};
use crate::i18n::{format, Lang, Text};
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

/// One figure of both plans: its name, test id, baseline and optimised
/// values (`None` where they cannot be computed), and what to say when the
/// baseline has none.
struct Figure {
    name: PlanText,
    key: &'static str,
    b: Option<f64>,
    o: Option<f64>,
    missing: PlanText,
}

fn row(
    l: Lang,
    f: Figure,
    show: &dyn Fn(f64) -> String,
    diff: &dyn Fn(f64, f64) -> Option<String>,
) -> AnyView {
    let Figure {
        name,
        key,
        b,
        o,
        missing,
    } = f;
    let (Some(b), o) = (b, o) else {
        return view! {
            <tr>
                <th scope="row">{name.text(l)}</th>
                <td colspan="3" class="muted" data-testid=format!("plan-base-{key}")>{missing.text(l)}</td>
            </tr>
        }
        .into_any();
    };
    let shown_o = o.map_or_else(|| "—".to_owned(), show);
    let d = o.and_then(|o| diff(b, o)).unwrap_or_default();
    let label = |t: PlanText| t.text(l);
    view! {
        <tr>
            <th scope="row">{name.text(l)}</th>
            <td class="num" data-label=label(PlanText::Baseline) data-testid=format!("plan-base-{key}") data-value=format!("{b}")>{show(b)}</td>
            <td class="num strong" data-label=label(PlanText::Optimised) data-testid=format!("plan-opt-{key}") data-value=o.map(|o| format!("{o}")).unwrap_or_default()>{shown_o}</td>
            <td class="num muted" data-label=label(PlanText::Change)>{d}</td>
        </tr>
    }
    .into_any()
}

#[component]
pub fn PlanSummary() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let rows = move || {
        let l = ctx.lang.get();
        planner.solved.with(|s| {
            let base = s.baseline_figures();
            let opt = s.optimised_figures();
            let finite = |v: f64| v.is_finite().then_some(v);
            let money = move |v: f64| format::yuan(v, l);
            let count = |v: f64| format::count(v.max(0.0).round() as u64);
            let change =
                |b: f64, o: f64| relative_change(b, o).map(|c| format!("{:+.1}%", c * 100.0));
            let ratio_diff = |b: f64, o: f64| Some(format!("{:+.1}", o - b));
            let pp = |b: f64, o: f64| Some(format::points(o - b, l));
            let cannot = if opt.is_none() {
                PlanText::NotComputable
            } else {
                PlanText::NothingSpent
            };
            vec![
                row(
                    l,
                    Figure {
                        name: PlanText::Spend,
                        key: "spend",
                        b: finite(base.spend),
                        o: opt.map(|o| o.spend),
                        missing: PlanText::NotComputable,
                    },
                    &money,
                    &change,
                ),
                row(
                    l,
                    Figure {
                        name: PlanText::Conversions,
                        key: "conversions",
                        b: finite(base.conversions),
                        o: opt.map(|o| o.conversions),
                        missing: PlanText::NotComputable,
                    },
                    &count,
                    &change,
                ),
                row(
                    l,
                    Figure {
                        name: PlanText::Return,
                        key: "return",
                        b: finite(base.ret),
                        o: opt.map(|o| o.ret),
                        missing: PlanText::NotComputable,
                    },
                    &money,
                    &change,
                ),
                row(
                    l,
                    Figure {
                        name: PlanText::Ratio,
                        key: "ratio",
                        b: base.ratio(),
                        o: opt.and_then(|o| o.ratio()),
                        missing: cannot.clone(),
                    },
                    &format::ratio,
                    &ratio_diff,
                ),
                row(
                    l,
                    Figure {
                        name: PlanText::Roi,
                        key: "roi",
                        b: base.roi(),
                        o: opt.and_then(|o| o.roi()),
                        missing: cannot,
                    },
                    &format::percent,
                    &pp,
                ),
            ]
        })
    };
    view! {
        <section class="card" aria-labelledby="plan-sum-title">
            <h2 id="plan-sum-title" data-testid="plan-summary-title">{move || {
                let l = ctx.lang.get();
                let rule = planner.plan.with(|s| s.baseline_rule());
                PlanText::SummaryTitle { rule: baseline_rule(l, rule).to_owned() }.text(l)
            }}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="stack" data-testid="plan-summary">
                    <thead><tr>
                        <th></th>
                        <th class="num">{ctx.tr(PlanText::Baseline)}</th>
                        <th class="num">{ctx.tr(PlanText::Optimised)}</th>
                        <th class="num">{ctx.tr(PlanText::Change)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted small">{ctx.tr(PlanText::RatioNote)}</p>
        </section>
    }
}
