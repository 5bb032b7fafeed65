//! The Campaign A vs B view (活动对比): two campaigns from the data side by
//! side by 3-month LTV with intervals and a verdict, every campaign in a
//! table, and a what-if scenario without data (DOMAIN §4).

use crate::charts::{line_chart, PALETTE};
use crate::domain::campaign::{
    self, compare, returns, simulate, Cohort, Comparison, ScenarioCampaign, WindowStats,
};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::format;
use crate::ui::i18n::{tr, Lang};
use crate::ui::io;
use crate::ui::state::{AppContext, Route, Shared};
use leptos::prelude::*;
use std::sync::Arc;

/// Seed of the bootstrap, fixed so the page shows the same interval each time.
const SEED: u64 = 20_240;

fn p_value(p: f64) -> String {
    if p < 0.0001 {
        "p < 0.0001".into()
    } else {
        format!("p = {p:.4}")
    }
}

fn opt_pct(v: Option<f64>, l: Lang) -> String {
    v.map(format::percent)
        .unwrap_or_else(|| tr(l, "无数据", "no data").to_owned())
}

fn opt_yuan(v: Option<f64>, l: Lang) -> String {
    v.map(|x| format::yuan(x, l))
        .unwrap_or_else(|| tr(l, "无数据", "no data").to_owned())
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let pick_a = RwSignal::new(None::<String>);
    let pick_b = RwSignal::new(None::<String>);
    // Defaults: A and B of DOMAIN §4 when present, else the two largest.
    let names = Memo::new(move |_| {
        ctx.cohorts.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.iter()
                        .map(|x| (x.campaign.clone(), x.members.len()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let chosen = move |pick: RwSignal<Option<String>>, named: &str, rank: usize| {
        pick.get().or_else(|| {
            names.with(|n| {
                n.iter()
                    .find(|(c, _)| c == named)
                    .or_else(|| n.get(rank))
                    .map(|(c, _)| c.clone())
            })
        })
    };
    let a_name = Memo::new(move |_| chosen(pick_a, crate::domain::demo::CAMPAIGN_A, 0));
    let b_name = Memo::new(move |_| chosen(pick_b, crate::domain::demo::CAMPAIGN_B, 1));
    let pair = Memo::new(move |_| {
        let (a, b) = (a_name.get()?, b_name.get()?);
        ctx.cohorts.with(|c| {
            let c = c.as_ref()?;
            let find = |n: &str| c.iter().find(|x| x.campaign == n).cloned();
            Some(Shared(Arc::new((find(&a)?, find(&b)?))))
        })
    });
    let comparison = Memo::new(move |_| {
        pair.with(|p| {
            p.as_ref().map(|p| {
                let (a, b) = &**p;
                Shared(Arc::new(compare(a, b, SEED)))
            })
        })
    });
    let has_campaigns = move || names.with(|n| !n.is_empty());

    view! {
        <section class="page" aria-labelledby="camp-title">
            <h1 id="camp-title">{move || tr(lang(), "活动对比：按 3 个月 LTV 评估", "Campaign A vs B by 3-month LTV")}</h1>
            <p class="intro">{move || tr(lang(),
                "“首保免费”在到店率、首次转化等首日指标上全面领先，但 3 个月后“新车守护计划”的客户价值是它的三倍多。评估活动要看长期价值，而不是首日转化。",
                "“Free first maintenance” wins every day-one number, yet after three months the “new-car guardian plan” customers are worth three times more. Judge a campaign by long-term value, not by day-one conversion.")}</p>
            <Show when=has_campaigns fallback=move || view! {
                <p class="card muted" data-testid="no-campaigns">
                    {move || if ctx.data.with(Option::is_some) {
                        tr(lang(), "数据中没有活动/渠道列，无法按活动分组；可以使用下方的情景模拟。", "The data has no campaign column to group by; use the scenario below.")
                    } else {
                        tr(lang(), "尚未加载数据：可在“数据”页加载，或使用下方的情景模拟。", "No data loaded: load some on the Data page, or use the scenario below.")
                    }}
                    " " <a href=Route::Data.hash()>{move || tr(lang(), "前往数据页", "Go to Data")}</a>
                </p>
            }>
                <section class="card" aria-labelledby="pick-title">
                    <h2 id="pick-title">{move || tr(lang(), "从数据中比较", "Compare from your data")}</h2>
                    <div class="settings-grid">
                        <CampaignPicker label=("活动 A", "Campaign A") testid="pick-a" names=names current=a_name pick=pick_a/>
                        <CampaignPicker label=("活动 B", "Campaign B") testid="pick-b" names=names current=b_name pick=pick_b/>
                        <CostInput label=("A 人均成本（元）", "A cost per person (yuan)") testid="cost-a" name=a_name/>
                        <CostInput label=("B 人均成本（元）", "B cost per person (yuan)") testid="cost-b" name=b_name/>
                    </div>
                </section>
                <ComparisonTable comparison=comparison a_name=a_name b_name=b_name/>
                <CampaignCharts pair=pair/>
                <AllCampaigns/>
            </Show>
            <div class="no-report"><ScenarioMode/></div>
        </section>
    }
}

#[component]
fn CampaignPicker(
    label: (&'static str, &'static str),
    testid: &'static str,
    names: Memo<Vec<(String, usize)>>,
    current: Memo<Option<String>>,
    pick: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <label class="setting">
            <span>{move || tr(ctx.lang.get(), label.0, label.1)}</span>
            <select data-testid=testid on:change=move |ev| pick.set(Some(event_target_value(&ev)))>
                {move || {
                    let cur = current.get();
                    names.get().into_iter().map(|(n, size)| {
                        let selected = cur.as_deref() == Some(n.as_str());
                        view! { <option value=n.clone() selected=selected>{format!("{n} ({})", format::count(size as u64))}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

#[component]
fn CostInput(
    label: (&'static str, &'static str),
    testid: &'static str,
    name: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let value = move || {
        name.get()
            .and_then(|n| ctx.campaign_cost(&n))
            .map(|c| format!("{c}"))
            .unwrap_or_default()
    };
    view! {
        <label class="setting">
            <span>{move || tr(ctx.lang.get(), label.0, label.1)}</span>
            <input type="number" min="0" step="any" class="num-input" data-testid=testid prop:value=value
                on:change=move |ev| {
                    if let (Some(n), Ok(v)) = (name.get_untracked(), event_target_value(&ev).trim().parse::<f64>()) {
                        if v.is_finite() && v >= 0.0 {
                            ctx.set_campaign_cost(n, v);
                        }
                    }
                }/>
        </label>
    }
}

/// One figure for A, B and B − A, with a test id per cell.
fn metric_row(name: String, key: &str, a: String, b: String, diff: String) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="num" data-testid=format!("cmp-{key}-a")>{a}</td>
            <td class="num" data-testid=format!("cmp-{key}-b")>{b}</td>
            <td class="num muted">{diff}</td>
        </tr>
    }
}

fn ci_text(ci: Option<(f64, f64)>, l: Lang) -> String {
    ci.map(|(lo, hi)| format!("95% CI {} – {}", format::yuan(lo, l), format::yuan(hi, l)))
        .unwrap_or_default()
}

/// The verdict in one sentence, from the comparison's numbers.
pub fn verdict(l: Lang, a: &str, b: &str, c: &Comparison, day0: (f64, f64)) -> String {
    if c.too_small {
        return match l {
            Lang::Zh => format!("样本太少，无法判断：{a} 有 {} 位、{b} 有 {} 位已满 3 个月的客户，每组至少需要 {} 位。", c.a.customers, c.b.customers, campaign::MIN_SAMPLE),
            Lang::En => format!("Too few customers to tell: {a} has {} and {b} has {} with a complete 3-month window; each needs at least {}.", c.a.customers, c.b.customers, campaign::MIN_SAMPLE),
        };
    }
    let (Some(diff), Some((lo, hi))) = (c.ltv_diff, c.ltv_diff_ci) else {
        return tr(
            l,
            "无数据：无法计算差异。",
            "No data: the difference cannot be computed.",
        )
        .to_owned();
    };
    if lo <= 0.0 && hi >= 0.0 {
        return match l {
            Lang::Zh => format!(
                "两者 3 个月 LTV 没有显著差异（{b} − {a} 的 95% 置信区间为 {} 至 {}）。",
                format::yuan(lo, l),
                format::yuan(hi, l)
            ),
            Lang::En => format!(
                "No significant difference in 3-month LTV (95% CI of {b} − {a}: {} to {}).",
                format::yuan(lo, l),
                format::yuan(hi, l)
            ),
        };
    }
    let (win, lose, amount, ci) = if diff > 0.0 {
        (b, a, diff, (lo, hi))
    } else {
        (a, b, -diff, (-hi, -lo))
    };
    let winner_day0_lower = if diff > 0.0 {
        day0.1 < day0.0
    } else {
        day0.0 < day0.1
    };
    match l {
        Lang::Zh => {
            let mut s = format!(
                "{win} 每位客户 3 个月多带来 {}（95% 置信区间 {} – {}）",
                format::yuan(amount, l),
                format::yuan(ci.0, l),
                format::yuan(ci.1, l)
            );
            if winner_day0_lower {
                s.push_str(&format!("；{lose} 只在首日消费上看起来更好。"));
            } else {
                s.push('。');
            }
            s
        }
        Lang::En => {
            let mut s = format!(
                "{win} brings {} more per customer in 3 months (95% CI {} – {})",
                format::yuan(amount, l),
                format::yuan(ci.0, l),
                format::yuan(ci.1, l)
            );
            if winner_day0_lower {
                s.push_str(&format!("; {lose} looks better on day one only."));
            } else {
                s.push('.');
            }
            s
        }
    }
}

#[component]
fn ComparisonTable(
    comparison: Memo<Option<Shared<Comparison>>>,
    a_name: Memo<Option<String>>,
    b_name: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let body = move || {
        let l = lang();
        let (an, bn) = (
            a_name.get().unwrap_or_default(),
            b_name.get().unwrap_or_default(),
        );
        let (ca, cb) = (ctx.campaign_cost(&an), ctx.campaign_cost(&bn));
        let windows = ctx.cohorts.with(|all| {
            let all = all.as_ref()?;
            let w =
                |n: &str, days: u16| all.iter().find(|c| c.campaign == n).map(|c| c.window(days));
            Some([(w(&an, 30)?, w(&bn, 30)?), (w(&an, 365)?, w(&bn, 365)?)])
        });
        comparison.with(|c| {
            let c = c.as_ref()?;
            let diff_pct = |x: Option<f64>, y: Option<f64>| {
                x.zip(y)
                    .map(|(x, y)| format!("{:+.1} pt", (y - x) * 100.0))
                    .unwrap_or_default()
            };
            let diff_yuan = |x: Option<f64>, y: Option<f64>| {
                x.zip(y)
                    .map(|(x, y)| format::yuan(y - x, l))
                    .unwrap_or_default()
            };
            let ret = |w: &WindowStats, cost: Option<f64>| {
                w.ltv.zip(cost).and_then(|(v, k)| returns(v, k))
            };
            let (ra, rb) = (ret(&c.a, ca), ret(&c.b, cb));
            let ratio = |r: Option<(f64, f64)>| {
                r.map(|r| format!("1:{:.1}", r.0))
                    .unwrap_or_else(|| tr(l, "请输入成本", "enter a cost").to_owned())
            };
            let roi = |r: Option<(f64, f64)>| r.map(|r| format::percent(r.1)).unwrap_or_default();
            let mut rows = vec![
                metric_row(
                    tr(l, "已满 3 个月的客户", "Customers with 3 full months").into(),
                    "customers",
                    format::count(c.a.customers as u64),
                    format::count(c.b.customers as u64),
                    String::new(),
                )
                .into_any(),
                metric_row(
                    tr(l, "未满 3 个月（不计入）", "Too recent to count").into(),
                    "too-recent",
                    format::count(c.a.too_recent as u64),
                    format::count(c.b.too_recent as u64),
                    String::new(),
                )
                .into_any(),
                metric_row(
                    tr(l, "3 个月留存率", "3-month retention").into(),
                    "retention",
                    opt_pct(c.a.retention, l),
                    opt_pct(c.b.retention, l),
                    diff_pct(c.a.retention, c.b.retention),
                )
                .into_any(),
                metric_row(
                    tr(l, "3 个月 LTV（人均）", "3-month LTV per customer").into(),
                    "ltv",
                    opt_yuan(c.a.ltv, l),
                    opt_yuan(c.b.ltv, l),
                    c.ltv_diff.map(|d| format::yuan(d, l)).unwrap_or_default(),
                )
                .into_any(),
                metric_row(
                    tr(l, "3 个月 LTV 95% 置信区间", "3-month LTV 95% CI").into(),
                    "ltv-ci",
                    ci_text(c.a_ltv_ci, l),
                    ci_text(c.b_ltv_ci, l),
                    ci_text(c.ltv_diff_ci, l),
                )
                .into_any(),
            ];
            let labels = [
                (
                    ("30 天留存率", "30-day retention"),
                    ("30 天 LTV", "30-day LTV"),
                    "30d",
                ),
                (
                    ("12 个月留存率", "12-month retention"),
                    ("12 个月 LTV", "12-month LTV"),
                    "12m",
                ),
            ];
            for ((wa, wb), (ret_label, ltv_label, key)) in windows.into_iter().flatten().zip(labels)
            {
                rows.push(
                    metric_row(
                        tr(l, ret_label.0, ret_label.1).into(),
                        &format!("retention-{key}"),
                        opt_pct(wa.retention, l),
                        opt_pct(wb.retention, l),
                        diff_pct(wa.retention, wb.retention),
                    )
                    .into_any(),
                );
                rows.push(
                    metric_row(
                        tr(l, ltv_label.0, ltv_label.1).into(),
                        &format!("ltv-{key}"),
                        opt_yuan(wa.ltv, l),
                        opt_yuan(wb.ltv, l),
                        diff_yuan(wa.ltv, wb.ltv),
                    )
                    .into_any(),
                );
            }
            rows.push(
                metric_row(
                    tr(l, "人均成本", "Cost per person").into(),
                    "cost",
                    opt_yuan(ca, l),
                    opt_yuan(cb, l),
                    String::new(),
                )
                .into_any(),
            );
            rows.push(
                metric_row(
                    tr(
                        l,
                        "投入产出比（3 个月 LTV ÷ 成本）",
                        "Return ratio (3-month LTV ÷ cost)",
                    )
                    .into(),
                    "return-ratio",
                    ratio(ra),
                    ratio(rb),
                    String::new(),
                )
                .into_any(),
            );
            rows.push(
                metric_row(
                    tr(
                        l,
                        "净 ROI（(LTV − 成本) ÷ 成本）",
                        "Net ROI ((LTV − cost) ÷ cost)",
                    )
                    .into(),
                    "net-roi",
                    roi(ra),
                    roi(rb),
                    String::new(),
                )
                .into_any(),
            );
            Some(rows)
        })
    };
    let tests = move || {
        let l = lang();
        comparison.with(|c| {
            let c = c.as_ref()?;
            let welch = c.welch.map(|t| {
                format!(
                    "t = {:.2}, df = {:.0}, {}",
                    t.statistic,
                    t.df.unwrap_or(0.0),
                    p_value(t.p_value)
                )
            });
            let z = c
                .retention_test
                .map(|t| format!("z = {:.2}, {}", t.statistic, p_value(t.p_value)));
            Some(format!(
                "{}: {} · {}: {}",
                tr(l, "LTV 差异 Welch 检验", "Welch test on LTV"),
                welch.unwrap_or_else(|| tr(l, "无数据", "no data").into()),
                tr(l, "留存率双比例检验", "Two-proportion test on retention"),
                z.unwrap_or_else(|| tr(l, "无数据", "no data").into()),
            ))
        })
    };
    let verdict_text = move || {
        let l = lang();
        let (an, bn) = (a_name.get()?, b_name.get()?);
        let day0 = ctx.cohorts.with(|all| {
            let all = all.as_ref()?;
            let d0 = |n: &str| {
                all.iter()
                    .find(|c| c.campaign == n)
                    .and_then(|c| c.window(0).ltv)
            };
            Some((d0(&an)?, d0(&bn)?))
        })?;
        comparison.with(|c| c.as_ref().map(|c| verdict(l, &an, &bn, c, day0)))
    };
    view! {
        <section class="card" aria-labelledby="cmp-title">
            <h2 id="cmp-title">{move || tr(lang(), "并排比较", "Side by side")}</h2>
            <p class="verdict" data-testid="verdict" role="status">{verdict_text}</p>
            <div class="table-scroll">
                <table data-testid="comparison-table">
                    <thead><tr>
                        <th scope="col">{move || tr(lang(), "指标", "Metric")}</th>
                        <th scope="col">{move || format!("A · {}", a_name.get().unwrap_or_default())}</th>
                        <th scope="col">{move || format!("B · {}", b_name.get().unwrap_or_default())}</th>
                        <th scope="col">"B − A"</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <p class="muted small" data-testid="tests">{tests}</p>
            <Show when=move || comparison.with(|c| c.as_ref().is_some_and(|c| c.too_small))>
                <p class="warning small">{move || tr(lang(), "样本不足：每组至少需要 30 位已满 3 个月的客户，结论仅供参考。", "Small sample: each cohort needs at least 30 customers with 3 full months; read the result with care.")}</p>
            </Show>
        </section>
    }
}

#[component]
fn CampaignCharts(pair: Memo<Option<Shared<(Cohort, Cohort)>>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let curves = Memo::new(move |_| {
        pair.with(|p| {
            p.as_ref().map(|p| {
                let (a, b) = &**p;
                Shared(Arc::new((
                    a.campaign.clone(),
                    a.curves(),
                    b.campaign.clone(),
                    b.curves(),
                )))
            })
        })
    });
    let revenue: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        curves.with(|c| {
            if let Some(c) = c {
                let series = |name: &str, cv: &campaign::Curves, color| line_chart::Series {
                    label: name.to_owned(),
                    color,
                    points: cv
                        .revenue
                        .iter()
                        .map(|p| (f64::from(p.0), p.1, Some((p.2, p.3))))
                        .collect(),
                };
                let (na, ca, nb, cb) = &**c;
                let s = [series(na, ca, PALETTE[0]), series(nb, cb, PALETTE[5])];
                let _ = line_chart::draw(
                    area,
                    &s,
                    tr(l, "开始后天数", "days after start"),
                    &|y| format::yuan_tick(y, l),
                    dpr,
                );
            }
        });
    });
    let retention: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        curves.with(|c| {
            if let Some(c) = c {
                let series = |name: &str, cv: &campaign::Curves, color| line_chart::Series {
                    label: name.to_owned(),
                    color,
                    points: cv
                        .retention
                        .iter()
                        .map(|p| (f64::from(p.0), p.1, None))
                        .collect(),
                };
                let (na, ca, nb, cb) = &**c;
                let s = [series(na, ca, PALETTE[0]), series(nb, cb, PALETTE[5])];
                let _ = line_chart::draw(
                    area,
                    &s,
                    tr(l, "开始后天数", "days after start"),
                    &|y| format!("{:.0}%", y * 100.0),
                    dpr,
                );
            }
        });
    });
    view! {
        <div class="chart-grid">
            <figure class="card chart-card">
                <figcaption>{move || tr(lang(), "人均累计收入（阴影为 95% 区间）", "Cumulative revenue per customer (band: 95% interval)")}</figcaption>
                <ChartCanvas draw=revenue height=300 label=Signal::derive(move || tr(lang(), "人均累计收入曲线", "Cumulative revenue curves").to_owned()) testid="chart-revenue"/>
            </figure>
            <figure class="card chart-card">
                <figcaption>{move || tr(lang(), "留存曲线：到某天为止有再次到店的比例", "Retention: share with a repeat visit by each day")}</figcaption>
                <ChartCanvas draw=retention height=300 label=Signal::derive(move || tr(lang(), "留存曲线", "Retention curves").to_owned()) testid="chart-retention"/>
            </figure>
        </div>
    }
}

#[component]
fn AllCampaigns() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let rows = move || {
        let l = lang();
        ctx.cohorts.with(|all| {
            all.as_ref().map(|all| {
                all.iter()
                    .map(|c| {
                        let w = c.window(90);
                        view! {
                            <tr>
                                <th scope="row">{c.campaign.clone()}</th>
                                <td class="num">{format::count(w.customers as u64)}</td>
                                <td class="num">{format::count(w.too_recent as u64)}</td>
                                <td class="num">{opt_pct(w.retention, l)}</td>
                                <td class="num">{opt_yuan(w.ltv, l)}</td>
                                <td class="num muted">{ci_text(w.ltv_ci(SEED), l)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let export = move |_| {
        ctx.cohorts.with_untracked(|all| {
            if let Some(all) = all {
                let csv = campaign::campaigns_csv(all, |n| ctx.campaign_cost(n), SEED);
                let _ = io::download("campaigns.csv", "text/csv;charset=utf-8", csv.as_bytes());
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="all-camp-title">
            <h2 id="all-camp-title">{move || tr(lang(), "全部活动（3 个月窗口）", "Every campaign (3-month window)")}</h2>
            <button class="button secondary" data-testid="export-campaigns" on:click=export>{move || tr(lang(), "导出活动对比（CSV）", "Export campaigns (CSV)")}</button>
            <div class="table-scroll">
                <table data-testid="campaigns-table">
                    <thead><tr>
                        <th scope="col">{move || tr(lang(), "活动", "Campaign")}</th>
                        <th scope="col">{move || tr(lang(), "客户数", "Customers")}</th>
                        <th scope="col">{move || tr(lang(), "未满 3 个月", "Too recent")}</th>
                        <th scope="col">{move || tr(lang(), "3 个月留存", "3-month retention")}</th>
                        <th scope="col">{move || tr(lang(), "3 个月 LTV", "3-month LTV")}</th>
                        <th scope="col">{move || tr(lang(), "95% 置信区间", "95% CI")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// One input row of the scenario: zh and en labels, test-id tag, getter,
/// setter, and whether the figure is a percentage.
type ScenarioRow = (
    &'static str,
    &'static str,
    &'static str,
    fn(&ScenarioCampaign) -> (f64, f64),
    fn(&mut ScenarioCampaign, (f64, f64)),
    bool,
);

#[component]
fn ScenarioMode() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let a = RwSignal::new(ScenarioCampaign::source_a());
    let b = RwSignal::new(ScenarioCampaign::source_b());
    let result = Memo::new(move |_| simulate(&a.get(), &b.get(), 10_000, SEED));
    let field = move |c: RwSignal<ScenarioCampaign>,
                      tag: String,
                      get: fn(&ScenarioCampaign) -> (f64, f64),
                      set: fn(&mut ScenarioCampaign, (f64, f64)),
                      pct: bool| {
        let k = if pct { 100.0 } else { 1.0 };
        let input = move |hi: bool, tag: &str| {
            view! {
                <input type="number" min="0" step="any" class="num-input" data-testid=format!("sc-{tag}-{}", if hi { "hi" } else { "lo" })
                    prop:value=move || { let r = get(&c.get()); format!("{}", if hi { r.1 } else { r.0 } * k) }
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            if v.is_finite() && v >= 0.0 {
                                c.update(|s| {
                                    let mut r = get(s);
                                    if hi { r.1 = v / k } else { r.0 = v / k }
                                    if r.0 > r.1 { if hi { r.0 = r.1 } else { r.1 = r.0 } }
                                    set(s, r);
                                });
                            }
                        }
                    }/>
            }
        };
        view! { <td><div class="inputs">{input(false, &tag)}"–"{input(true, &tag)}</div></td> }
    };
    let rows: [ScenarioRow; 5] = [
        (
            "人均成本（元）",
            "Cost per person (yuan)",
            "cost",
            |s| s.cost,
            |s, r| s.cost = r,
            false,
        ),
        (
            "到店率 %",
            "Arrival rate %",
            "arrival",
            |s| s.arrival,
            |s, r| s.arrival = r,
            true,
        ),
        (
            "首次转化 %",
            "First conversion %",
            "conversion",
            |s| s.conversion,
            |s, r| s.conversion = r,
            true,
        ),
        (
            "3 个月留存 %",
            "3-month retention %",
            "retention",
            |s| s.retention_3m,
            |s, r| s.retention_3m = r,
            true,
        ),
        (
            "3 个月 LTV（元）",
            "3-month LTV (yuan)",
            "ltv",
            |s| s.ltv_3m,
            |s, r| s.ltv_3m = r,
            false,
        ),
    ];
    let body = rows
        .into_iter()
        .map(|(zh, en, tag, get, set, pct)| {
            view! {
                <tr>
                    <th scope="row">{move || tr(lang(), zh, en)}</th>
                    {field(a, format!("a-{tag}"), get, set, pct)}
                    {field(b, format!("b-{tag}"), get, set, pct)}
                </tr>
            }
        })
        .collect_view();
    let summary = move || {
        let l = lang();
        let mid = |r: (f64, f64)| (r.0 + r.1) / 2.0;
        let day_one = |c: ScenarioCampaign| mid(c.arrival) * mid(c.conversion);
        let (d1a, d1b) = (day_one(a.get()), day_one(b.get()));
        let day_one_line = match l {
            Lang::Zh => format!(
                "首日转化（到店率 × 首次转化）：A {}，B {}。",
                format::percent(d1a),
                format::percent(d1b)
            ),
            Lang::En => format!(
                "Day one (arrival × first conversion): A {}, B {}.",
                format::percent(d1a),
                format::percent(d1b)
            ),
        };
        match result.get() {
            Some(r) => {
                let band = |(p10, p50, p90): (f64, f64, f64)| format!("{p50:.2} (P10 {p10:.2} – P90 {p90:.2})");
                view! {
                    <p data-testid="sc-day-one">{day_one_line}</p>
                    <p>{tr(l, "A 每元回报（3 个月 LTV ÷ 成本）", "A return per yuan (3-month LTV ÷ cost)")}": "<strong data-testid="sc-a-p50">{band(r.a)}</strong></p>
                    <p>{tr(l, "B 每元回报", "B return per yuan")}": "<strong data-testid="sc-b-p50">{band(r.b)}</strong></p>
                    <p>{tr(l, "B 优于 A 的概率", "Probability that B beats A")}": "<strong data-testid="scenario-p-b">{format::percent(r.p_b_beats_a)}</strong></p>
                }.into_any()
            }
            None => view! { <p class="warning">{tr(l, "成本必须大于 0。", "Costs must be above 0.")}</p> }.into_any(),
        }
    };
    view! {
        <section class="card" aria-labelledby="scenario-title" data-testid="scenario">
            <h2 id="scenario-title">{move || tr(lang(), "情景模拟（无需数据）", "Scenario (no data needed)")}</h2>
            <p class="muted small">{move || tr(lang(),
                "默认值来自原文示例；不确定的数字可填范围（低–高），蒙特卡洛模拟 10,000 次（固定种子，可复现）。",
                "Defaults reproduce the source's example; give a range (low–high) where you are unsure. 10,000 Monte Carlo runs, seeded and reproducible.")}</p>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{move || tr(lang(), "A 首保免费", "A Free first maintenance")}</th>
                        <th scope="col">{move || tr(lang(), "B 新车守护计划", "B New-car guardian plan")}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="scenario-result">{summary}</div>
        </section>
    }
}
