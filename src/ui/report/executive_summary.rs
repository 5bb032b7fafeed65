//! Page 1 of the report: the headline KPIs against their targets, segment
//! sizes, customer value, the A/B verdict and the plan's return against
//! its baseline with its P10–P90, each from the answer its own view shows.

use crate::domain::campaign::default_pair;
use crate::engine::protocol::{
    CampaignsView, CompareView, PanoramaView, PlanRisk, Query, SegmentsView, ValueView,
};
use crate::i18n::campaigns::{campaign_name, verdict};
use crate::i18n::panorama::{kpi_target_from, kpi_value, status};
use crate::i18n::planner::baseline_rule;
use crate::i18n::report::ReportText;
use crate::i18n::value::model;
use crate::i18n::{format, names, Text};
use crate::ui::engine_client::use_query;
use crate::ui::planner::planner_state::PlannerState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn ExecutiveSummary() -> impl IntoView {
    let ctx = app();
    let planner = expect_context::<PlannerState>();
    let stages = ctx.stages();
    let panorama = use_query::<PanoramaView>(move || {
        Some(Query::Dashboard {
            at: ctx.at()?,
            stages: stages.get(),
        })
    });
    let segments = use_query::<SegmentsView>(move || {
        Some(Query::Segments {
            at: ctx.at()?,
            settings: ctx.segment_settings.get(),
            model: ctx.model.get(),
        })
    });
    let value = use_query::<ValueView>(move || {
        Some(Query::Value {
            at: ctx.at()?,
            settings: ctx.segment_settings.get(),
            model: ctx.model.get(),
            cut: None,
        })
    });
    let campaigns = use_query::<CampaignsView>(move || {
        Some(Query::Campaigns {
            at: ctx.at()?,
            model: ctx.model.get(),
        })
    });
    let pair = Memo::new(move |_| {
        campaigns.with(|c| {
            let sizes: Vec<(String, usize)> = c
                .as_ref()?
                .campaigns
                .iter()
                .map(|c| (c.name.clone(), c.members))
                .collect();
            match default_pair(&sizes) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            }
        })
    });
    let compared = use_query::<CompareView>(move || {
        let (a, b) = pair.get()?;
        Some(Query::Compare {
            at: ctx.at()?,
            model: ctx.model.get(),
            a,
            b,
        })
    });
    let risk = use_query::<PlanRisk>(move || {
        planner.solved.with(|s| {
            Some(Query::PlanRisk {
                cells: s.cells.clone(),
                spend: s.spend()?.to_vec(),
                baseline: s.baseline.clone(),
            })
        })
    });

    let kpi_rows = move || {
        let l = ctx.lang.get();
        let targets = ctx.targets.get();
        panorama.with(|p| {
            p.as_ref().map(|p| {
                p.dashboard
                    .overall
                    .iter()
                    .map(|k| {
                        let mut k = *k;
                        k.retarget(&targets);
                        let k = &k;
                        let st = k.status();
                        let class = match st {
                            Some(crate::domain::kpi::Status::Green) => "status green",
                            Some(crate::domain::kpi::Status::Amber) => "status amber",
                            Some(crate::domain::kpi::Status::Red) => "status red",
                            None => "status none",
                        };
                        view! {
                            <tr>
                                <th scope="row">{names::kpi(l, k.id)}</th>
                                <td class="num" data-label=ReportText::ColValue.text(l)>{kpi_value(l, k)}</td>
                                <td class="num" data-label=ReportText::ColTarget.text(l)>{kpi_target_from(l, k)}</td>
                                <td class=class data-label=ReportText::ColStatus.text(l)>{status(l, st)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let segment_rows = move || {
        let l = ctx.lang.get();
        segments.with(|s| {
            s.as_ref().map(|s| {
                s.segments
                    .iter()
                    .map(|g| {
                        view! {
                            <tr>
                                <th scope="row">{names::segment(l, g.line.key)}</th>
                                <td class="num" data-label=ReportText::ColCustomers.text(l)>{format::count(g.line.summary.customers as u64)}</td>
                                <td class="num" data-label=ReportText::ColShare.text(l)>{g.line.customer_share.map(format::percent).unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let value_lines = move || {
        let l = ctx.lang.get();
        value.with(|v| {
            let v = v.as_ref()?;
            Some(match &v.result {
                Err(p) => vec![ReportText::ValueNone { why: p.message(l) }.text(l)],
                Ok(m) => {
                    let t = &m.summary.total;
                    let mut lines = vec![
                        ReportText::ValueModel {
                            model: model(l, m.fit.kind).to_owned(),
                        }
                        .text(l),
                        ReportText::ValueTotal {
                            total: format::yuan(t.total_clv_365d, l),
                            mean: t
                                .mean_clv_365d
                                .map(|x| format::yuan(x, l))
                                .unwrap_or_default(),
                        }
                        .text(l),
                    ];
                    if t.customers > 0 {
                        lines.push(
                            ReportText::ValueGone {
                                n: format::count(m.summary.probably_gone as u64),
                                share: format::percent(
                                    m.summary.probably_gone as f64 / t.customers as f64,
                                ),
                            }
                            .text(l),
                        );
                    }
                    if let Some(ltv) = m.summary.ltv {
                        lines.push(
                            ReportText::ValueLtv {
                                ltv: format::yuan(ltv, l),
                            }
                            .text(l),
                        );
                    }
                    lines
                }
            })
        })
    };
    let verdict_line = move || {
        let l = ctx.lang.get();
        let is_demo = ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_demo));
        match (pair.get(), compared.get()) {
            (Some((a, b)), Some(c)) => verdict(
                l,
                &campaign_name(l, &a, is_demo),
                &campaign_name(l, &b, is_demo),
                &c.verdict,
            ),
            _ if ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_summary)) => {
                crate::i18n::data::DataText::NeedsVisits.text(l)
            }
            (None, _) if campaigns.with(Option::is_some) => ReportText::NoCampaigns.text(l),
            _ => String::new(),
        }
    };
    let plan_lines = move || {
        let l = ctx.lang.get();
        planner.solved.with(|s| {
            let base = s.baseline_figures();
            let Some(opt) = s.optimised_figures() else {
                return vec![ReportText::PlanNone.text(l)];
            };
            let ratio = |r: Option<f64>| r.map(format::ratio).unwrap_or_else(|| "—".into());
            let mut lines = vec![
                ReportText::PlanBudget {
                    budget: format::yuan(s.budget, l),
                }
                .text(l),
                ReportText::PlanReturn {
                    base: format::yuan(base.ret, l),
                    opt: format::yuan(opt.ret, l),
                    base_ratio: ratio(base.ratio()),
                    opt_ratio: ratio(opt.ratio()),
                }
                .text(l),
            ];
            if let Some(r) = risk.get() {
                let m = &r.monte_carlo;
                lines.push(
                    ReportText::PlanRange {
                        p10: format::yuan(m.optimised.p10, l),
                        p90: format::yuan(m.optimised.p90, l),
                        beats: format::percent(m.p_beats_baseline),
                    }
                    .text(l),
                );
            }
            lines
        })
    };
    let plan_title = move || {
        let l = ctx.lang.get();
        let rule = planner.plan.with(|s| s.baseline_rule());
        ReportText::PlanTitle {
            rule: baseline_rule(l, rule).to_owned(),
        }
        .text(l)
    };
    let list = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view()
    };
    view! {
        <section class="card exec-summary" aria-labelledby="exec-title" data-testid="exec-summary">
            <h2 id="exec-title">{ctx.tr(ReportText::SummaryTitle)}</h2>
            <div class="exec-grid">
                <div class="kpis">
                    <h3>{ctx.tr(ReportText::KpisTitle)}</h3>
                    <table class="mini stack" data-testid="exec-kpis">
                        <thead><tr>
                            <th scope="col">{ctx.tr(ReportText::ColKpi)}</th>
                            <th scope="col" class="num">{ctx.tr(ReportText::ColValue)}</th>
                            <th scope="col" class="num">{ctx.tr(ReportText::ColTarget)}</th>
                            <th scope="col">{ctx.tr(ReportText::ColStatus)}</th>
                        </tr></thead>
                        <tbody>{kpi_rows}</tbody>
                    </table>
                </div>
                <div>
                    <h3>{ctx.tr(ReportText::SegmentsTitle)}</h3>
                    <table class="mini stack" data-testid="exec-segments">
                        <thead><tr>
                            <th scope="col">{ctx.tr(ReportText::ColSegment)}</th>
                            <th scope="col" class="num">{ctx.tr(ReportText::ColCustomers)}</th>
                            <th scope="col" class="num">{ctx.tr(ReportText::ColShare)}</th>
                        </tr></thead>
                        <tbody>{segment_rows}</tbody>
                    </table>
                </div>
                <div>
                    <h3>{ctx.tr(ReportText::ValueTitle)}</h3>
                    <ul data-testid="exec-value">{move || value_lines().map(list)}</ul>
                </div>
                <div>
                    <h3>{ctx.tr(ReportText::CampaignsTitle)}</h3>
                    <p data-testid="exec-verdict">{verdict_line}</p>
                </div>
                <div class="wide">
                    <h3>{plan_title}</h3>
                    <ul data-testid="exec-plan">{move || list(plan_lines())}</ul>
                </div>
            </div>
            <p class="muted small">{ctx.tr(ReportText::Assumptions)}</p>
        </section>
    }
}
