//! Campaigns A and B side by side: the verdict, each window's retention
//! and LTV with B − A, intervals, costs, return ratio and net ROI, and the
//! tests. A table on a wide screen; each row stacks on a phone.

use crate::domain::campaign::{self, returns};
use crate::engine::protocol::CompareView;
use crate::i18n::campaigns::{self as text, campaign_name, CampText};
use crate::i18n::shell::Common;
use crate::i18n::{format, Lang, Text};
use crate::ui::campaigns::campaign_costs::CampaignCosts;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

fn opt_pct(v: Option<f64>, l: Lang) -> String {
    v.map(format::percent)
        .unwrap_or_else(|| Common::NoData.text(l))
}

fn opt_yuan(v: Option<f64>, l: Lang) -> String {
    v.map(|x| format::yuan(x, l))
        .unwrap_or_else(|| Common::NoData.text(l))
}

fn ci_text(ci: Option<(f64, f64)>, l: Lang) -> String {
    ci.map(|(low, high)| {
        CampText::Ci {
            low: format::yuan_signed(low, l)
                .trim_start_matches('+')
                .to_owned(),
            high: format::yuan_signed(high, l)
                .trim_start_matches('+')
                .to_owned(),
        }
        .text(l)
    })
    .unwrap_or_default()
}

/// One figure for A, B and B − A, with a test id per cell.
struct Row {
    name: CampText,
    key: &'static str,
    a: String,
    b: String,
    diff: String,
}

#[component]
pub fn ComparisonTable(
    compared: Signal<Option<Arc<CompareView>>>,
    a_name: Memo<Option<String>>,
    b_name: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = app();
    let costs = expect_context::<CampaignCosts>();
    let is_demo = move || ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_demo));
    let shown = move |n: Memo<Option<String>>| {
        campaign_name(ctx.lang.get(), &n.get().unwrap_or_default(), is_demo())
    };
    let rows = move || {
        let l = ctx.lang.get();
        let (ca, cb) = (
            a_name.get().and_then(|n| costs.get(&n)),
            b_name.get().and_then(|n| costs.get(&n)),
        );
        compared.with(|c| {
            let v = c.as_ref()?;
            let c = &v.comparison;
            let diff_pct = |x: Option<f64>, y: Option<f64>| {
                x.zip(y).map(|(x, y)| format::points(y - x, l)).unwrap_or_default()
            };
            let diff_yuan = |x: Option<f64>, y: Option<f64>| {
                x.zip(y)
                    .map(|(x, y)| format::yuan_signed(y - x, l))
                    .unwrap_or_default()
            };
            let (ra, rb) = (
                c.a.ltv.zip(ca).and_then(|(v, k)| returns(v, k)),
                c.b.ltv.zip(cb).and_then(|(v, k)| returns(v, k)),
            );
            let ratio = |r: Option<(f64, f64)>| {
                r.map(|r| format::ratio(r.0))
                    .unwrap_or_else(|| CampText::EnterCost.text(l))
            };
            let roi = |r: Option<(f64, f64)>| r.map(|r| format::percent(r.1)).unwrap_or_default();
            let mut rows = vec![
                Row {
                    name: CampText::CompleteCustomers,
                    key: "customers",
                    a: format::count(c.a.customers as u64),
                    b: format::count(c.b.customers as u64),
                    diff: String::new(),
                },
                Row {
                    name: CampText::TooRecent,
                    key: "too-recent",
                    a: format::count(c.a.too_recent as u64),
                    b: format::count(c.b.too_recent as u64),
                    diff: String::new(),
                },
                Row {
                    name: CampText::Retention3m,
                    key: "retention",
                    a: opt_pct(c.a.retention, l),
                    b: opt_pct(c.b.retention, l),
                    diff: diff_pct(c.a.retention, c.b.retention),
                },
                Row {
                    name: CampText::Ltv3m,
                    key: "ltv",
                    a: opt_yuan(c.a.ltv, l),
                    b: opt_yuan(c.b.ltv, l),
                    diff: c.ltv_diff.map(|d| format::yuan_signed(d, l)).unwrap_or_default(),
                },
                Row {
                    name: CampText::Ltv3mCi,
                    key: "ltv-ci",
                    a: ci_text(c.a_ltv_ci, l),
                    b: ci_text(c.b_ltv_ci, l),
                    diff: ci_text(c.ltv_diff_ci, l),
                },
            ];
            let labels = [
                (CampText::Retention30d, CampText::Ltv30d, "30d"),
                (CampText::Retention12m, CampText::Ltv12m, "12m"),
            ];
            for ((wa, wb), (ret, ltv, key)) in v.windows.iter().zip(labels) {
                rows.push(Row {
                    name: ret,
                    key: if key == "30d" { "retention-30d" } else { "retention-12m" },
                    a: opt_pct(wa.retention, l),
                    b: opt_pct(wb.retention, l),
                    diff: diff_pct(wa.retention, wb.retention),
                });
                rows.push(Row {
                    name: ltv,
                    key: if key == "30d" { "ltv-30d" } else { "ltv-12m" },
                    a: opt_yuan(wa.ltv, l),
                    b: opt_yuan(wb.ltv, l),
                    diff: diff_yuan(wa.ltv, wb.ltv),
                });
            }
            let (pa, pb) = v.predicted_12m;
            let cltv = |p: Option<f64>, cost: Option<f64>| {
                p.zip(cost)
                    .and_then(|(p, k)| returns(p, k))
                    .map(|r| format::percent(r.1))
                    .unwrap_or_default()
            };
            rows.extend([
                Row {
                    name: CampText::Predicted12m,
                    key: "predicted-12m",
                    a: opt_yuan(pa, l),
                    b: opt_yuan(pb, l),
                    diff: diff_yuan(pa, pb),
                },
                Row {
                    name: CampText::CltvRoi,
                    key: "cltv-roi",
                    a: cltv(pa, ca),
                    b: cltv(pb, cb),
                    diff: String::new(),
                },
                Row {
                    name: CampText::CostPerPerson,
                    key: "cost",
                    a: opt_yuan(ca, l),
                    b: opt_yuan(cb, l),
                    diff: String::new(),
                },
                Row {
                    name: CampText::ReturnRatio,
                    key: "return-ratio",
                    a: ratio(ra),
                    b: ratio(rb),
                    diff: String::new(),
                },
                Row {
                    name: CampText::NetRoi,
                    key: "net-roi",
                    a: roi(ra),
                    b: roi(rb),
                    diff: String::new(),
                },
            ]);
            let (la, lb) = (
                CampText::ColumnA { name: shown(a_name) }.text(l),
                CampText::ColumnB { name: shown(b_name) }.text(l),
            );
            let ld = CampText::Difference.text(l);
            Some(
                rows.into_iter()
                    .map(|r| {
                        view! {
                            <tr>
                                <th scope="row">{r.name.text(l)}</th>
                                <td class="num" data-label=la.clone() data-testid=format!("cmp-{}-a", r.key)>{r.a}</td>
                                <td class="num" data-label=lb.clone() data-testid=format!("cmp-{}-b", r.key)>{r.b}</td>
                                <td class="num muted" data-label=ld.clone()>{r.diff}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    let tests = move || {
        let l = ctx.lang.get();
        compared.with(|c| {
            let c = &c.as_ref()?.comparison;
            let no = || Common::NoData.text(l);
            let welch = c.welch.map(|t| {
                format!(
                    "t = {:.2}, df = {:.0}, {}",
                    t.statistic,
                    t.df.unwrap_or(0.0),
                    format::p_value(t.p_value)
                )
            });
            let z = c
                .retention_test
                .map(|t| format!("z = {:.2}, {}", t.statistic, format::p_value(t.p_value)));
            Some(
                CampText::Tests {
                    welch: welch.unwrap_or_else(no),
                    z: z.unwrap_or_else(no),
                }
                .text(l),
            )
        })
    };
    let verdict = move || {
        let (a, b) = (shown(a_name), shown(b_name));
        compared.with(|c| {
            c.as_ref()
                .map(|v| text::verdict(ctx.lang.get(), &a, &b, &v.verdict))
        })
    };
    let too_small = move || compared.with(|c| c.as_ref().is_some_and(|c| c.comparison.too_small));
    view! {
        <section class="card" aria-labelledby="cmp-title">
            <h2 id="cmp-title">{ctx.tr(CampText::SideBySide)}</h2>
            <p class="verdict" data-testid="verdict" role="status">{verdict}</p>
            <div class="table-scroll" tabindex="0">
                <table class="stack" data-testid="comparison-table">
                    <thead><tr>
                        <th scope="col">{ctx.tr(CampText::Metric)}</th>
                        <th scope="col">{move || ctx.t(CampText::ColumnA { name: shown(a_name) })}</th>
                        <th scope="col">{move || ctx.t(CampText::ColumnB { name: shown(b_name) })}</th>
                        <th scope="col">{ctx.tr(CampText::Difference)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted small" data-testid="tests">{tests}</p>
            <Show when=too_small>
                <p class="warning small">{move || ctx.t(CampText::SmallSample { min: campaign::MIN_SAMPLE })}</p>
            </Show>
        </section>
    }
}
