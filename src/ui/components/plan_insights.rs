//! What the planner shows around the plan: spend by stage, each cell's
//! response curve, goal-seek, and the plan's uncertainty (Monte Carlo and
//! sensitivity). Numbers come from `domain::planner`.

use crate::charts::bar_chart::{self, Bar};
use crate::charts::response_curve::{self, Curve};
use crate::charts::PALETTE;
use crate::domain::planner::goal::{goal_seek, Goal, Outcome};
use crate::domain::planner::uncertainty::{monte_carlo, ranges, sensitivity, Param};
use crate::domain::planner::PlanStage;
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::format;
use crate::ui::i18n::{plan_stage_name, tr, Lang};
use crate::ui::pages::planner_page::{
    cell_keys, cell_name, error_text, parse_number, stage_rows, CellKey, Solved,
};
use crate::ui::state::{AppContext, Shared};
use leptos::prelude::*;
use std::sync::Arc;

/// Monte Carlo draws and seed: fixed, so the page shows the same figures
/// for the same plan.
const DRAWS: usize = 2_000;
const SEED: u64 = 2024;

/// The palette without its yellow, which is too faint for a thin line on white.
fn color(i: usize) -> plotters::style::RGBColor {
    const PICK: [usize; 7] = [0, 1, 2, 3, 4, 5, 7];
    PALETTE[PICK[i % PICK.len()]]
}

#[component]
pub fn StageSpend(#[prop(into)] solved: Signal<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let draw: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        solved.with(|s| {
            let (opt, base) = (stage_rows(s, true), stage_rows(s, false));
            if opt.is_empty() {
                return;
            }
            let total = |rows: &[(PlanStage, _)]| -> f64 {
                rows.iter()
                    .map(
                        |(_, f): &(PlanStage, crate::domain::planner::scenario::PlanFigures)| {
                            f.spend
                        },
                    )
                    .sum::<f64>()
                    .max(1e-9)
            };
            let (to, tb) = (total(&opt), total(&base));
            let bars: Vec<Bar> = opt
                .iter()
                .zip(&base)
                .enumerate()
                .map(|(k, ((st, o), (_, b)))| Bar {
                    label: plan_stage_name(l, *st).to_owned(),
                    share: o.spend / to,
                    value_label: format!(
                        "{} {} ({})",
                        tr(l, "优化", "optimised"),
                        format::yuan(o.spend, l),
                        format::percent(o.spend / to)
                    ),
                    color: color(k),
                    secondary: Some((
                        b.spend / tb,
                        format!(
                            "{} {} ({})",
                            tr(l, "基准", "baseline"),
                            format::yuan(b.spend, l),
                            format::percent(b.spend / tb)
                        ),
                    )),
                })
                .collect();
            let _ = bar_chart::draw(area, &bars, dpr);
        });
    });
    let rows = move || {
        let l = lang();
        solved.with(|s| {
            let (opt, base) = (stage_rows(s, true), stage_rows(s, false));
            opt.into_iter()
                .zip(base)
                .map(|((st, o), (_, b))| {
                    view! {
                        <tr data-testid=format!("stage-spend-{}", st.id())>
                            <th scope="row">{plan_stage_name(l, st)}</th>
                            <td class="num">{format::yuan(b.spend, l)}</td>
                            <td class="num">{format::yuan(o.spend, l)}</td>
                            <td class="num">{format::yuan(b.ret, l)}</td>
                            <td class="num">{format::yuan(o.ret, l)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <figure class="card chart-card wide">
            <figcaption>{move || tr(lang(), "各阶段投入：优化方案（彩色）与基准方案（灰色）", "Spend by stage: optimised (colour) and baseline (grey)")}</figcaption>
            <ChartCanvas draw=draw height=300 label=Signal::derive(move || tr(lang(), "各阶段投入对比", "Spend by stage").to_owned()) testid="chart-stage-spend"/>
            <div class="table-scroll">
                <table class="mini" data-testid="stage-spend">
                    <thead><tr>
                        <th>{move || tr(lang(), "阶段", "Stage")}</th>
                        <th class="num">{move || tr(lang(), "基准投入", "Baseline spend")}</th>
                        <th class="num">{move || tr(lang(), "优化投入", "Optimised spend")}</th>
                        <th class="num">{move || tr(lang(), "基准回报", "Baseline return")}</th>
                        <th class="num">{move || tr(lang(), "优化回报", "Optimised return")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

/// One small chart per cell: its response curve with both plans' points.
#[component]
pub fn ResponseCurves(#[prop(into)] solved: Signal<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let count = Memo::new(move |_| solved.with(|s| s.cells.len()));
    let panel = move |i: usize| {
        let draw: DrawFn = Arc::new(move |area, dpr| {
            let l = ctx.lang.get();
            solved.with(|s| {
                let Some(c) = s.cells.get(i) else {
                    return;
                };
                let opt = s.spend().and_then(|x| x.get(i).copied());
                let base = s.baseline.get(i).copied();
                let reach_all = 2.5 * c.cost_per_person * c.audience;
                let x_max = [
                    c.max_spend
                        .map_or(reach_all, |m| m.min(reach_all).max(c.min_spend)),
                    opt.unwrap_or(0.0) * 1.3,
                    base.unwrap_or(0.0) * 1.3,
                ]
                .into_iter()
                .fold(1.0f64, f64::max);
                let points = (0..=60)
                    .map(|k| {
                        let x = x_max * f64::from(k) / 60.0;
                        (x, c.response(x))
                    })
                    .collect();
                let x = opt.unwrap_or(0.0);
                let curve = Curve {
                    title: cell_name(l, c),
                    color: color(i),
                    points,
                    optimised: (x, c.response(x), tr(l, "优化", "optimised").to_owned()),
                    baseline: base
                        .map(|b| (b, c.response(b), tr(l, "基准", "baseline").to_owned())),
                };
                let _ = response_curve::draw(area, &curve, &|v| format::yuan_tick(v, l), dpr);
            });
        });
        let label = Signal::derive(move || {
            let l = ctx.lang.get();
            solved.with(|s| {
                s.cells
                    .get(i)
                    .map(|c| {
                        format!(
                            "{} {}",
                            tr(l, "响应曲线", "Response curve"),
                            cell_name(l, c)
                        )
                    })
                    .unwrap_or_default()
            })
        });
        view! { <ChartCanvas draw=draw height=190 label=label testid="chart-response"/> }
    };
    view! {
        <section class="card" aria-labelledby="curves-title">
            <h2 id="curves-title">{move || tr(lang(), "响应曲线：投入越多，边际回报越低", "Response curves: each extra yuan returns less")}</h2>
            <p class="muted small">{move || tr(lang(),
                "回报 R(x) = 转化价值 × 转化率 × 受众 × (1 − e^(−x ÷ (人均成本 × 受众)))。实心点为优化方案，空心圈为基准方案。",
                "Return R(x) = value × conversion × audience × (1 − e^(−x ÷ (cost per person × audience))). Filled dot: optimised plan; open ring: baseline.")}</p>
            <div class="curve-grid">
                <For each=move || 0..count.get() key=|i| *i children=panel/>
            </div>
        </section>
    }
}

#[component]
pub fn GoalSeek() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let kind = RwSignal::new("ratio".to_owned());
    let target = RwSignal::new("8".to_owned());
    let result = RwSignal::new(None::<(String, Option<f64>)>);
    let run = move |_| {
        let l = lang();
        let Some(t) = parse_number(&target.get_untracked()).filter(|t| *t > 0.0) else {
            result.set(Some((
                tr(l, "请输入大于 0 的目标值。", "Enter a target above 0.").to_owned(),
                None,
            )));
            return;
        };
        let ratio = kind.get_untracked() == "ratio";
        let goal = if ratio {
            Goal::ReturnRatio(t)
        } else {
            Goal::Retained(t)
        };
        let cells = ctx.plan.with_untracked(|s| s.cells.clone());
        let text = match goal_seek(&cells, goal) {
            Err(e) => (error_text(l, &e, &cells), None),
            Ok(Outcome::Reached { budget, allocation }) => {
                let f = crate::domain::planner::scenario::PlanFigures::of(&cells, &allocation.spend);
                let r = f.ratio().map(format::ratio).unwrap_or_default();
                (
                    match (l, ratio) {
                        (Lang::Zh, true) => format!("预算最多 {}，优化方案的投资回报比仍能达到 1:{t}（此时 {r}，预期回报 {}）。", format::yuan(budget, l), format::yuan(f.ret, l)),
                        (Lang::En, true) => format!("Up to a budget of {} the optimised plan still returns 1:{t} (there: {r}, expected return {}).", format::yuan(budget, l), format::yuan(f.ret, l)),
                        (Lang::Zh, false) => format!("至少需要预算 {}，优化方案才能留住/唤回 {} 位老客户（投资回报比 {r}）。", format::yuan(budget, l), format::count(t.round() as u64)),
                        (Lang::En, false) => format!("A budget of at least {} lets the optimised plan keep or win back {} existing customers (return ratio {r}).", format::yuan(budget, l), format::count(t.round() as u64)),
                    },
                    Some(budget),
                )
            }
            Ok(Outcome::Unreachable { best }) => (
                match (l, ratio) {
                    (Lang::Zh, true) => format!("任何预算都达不到 1:{t}：这些单元格最高只能到 {}。", format::ratio(best)),
                    (Lang::En, true) => format!("No budget reaches 1:{t}: these cells return at most {}.", format::ratio(best)),
                    (Lang::Zh, false) => format!("任何预算都达不到：这些单元格最多留住/唤回约 {} 位老客户。", format::count(best.round() as u64)),
                    (Lang::En, false) => format!("No budget gets there: these cells keep or win back about {} existing customers at most.", format::count(best.round() as u64)),
                },
                None,
            ),
        };
        result.set(Some(text));
    };
    view! {
        <section class="card" aria-labelledby="goal-title">
            <h2 id="goal-title">{move || tr(lang(), "目标倒推：多少预算能达到目标？", "Goal-seek: what budget reaches a goal?")}</h2>
            <div class="toolbar">
                <label class="setting inline">
                    <span>{move || tr(lang(), "目标", "Goal")}</span>
                    <select data-testid="goal-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="ratio" selected=move || kind.get() == "ratio">{move || tr(lang(), "投资回报比 1:x", "Return ratio 1:x")}</option>
                        <option value="retained" selected=move || kind.get() == "retained">{move || tr(lang(), "留住/唤回的老客户人数", "Existing customers kept or won back")}</option>
                    </select>
                </label>
                <label class="setting inline">
                    <span>{move || if kind.get() == "ratio" { tr(lang(), "x =", "x =") } else { tr(lang(), "人数", "customers") }}</span>
                    <input type="text" inputmode="decimal" class="num-input" data-testid="goal-target"
                        prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))/>
                </label>
                <button class="button small" data-testid="goal-run" on:click=run>{move || tr(lang(), "计算", "Find the budget")}</button>
            </div>
            {move || result.get().map(|(text, budget)| view! {
                <p data-testid="goal-result">{text}" "
                    {budget.map(|b| view! {
                        <button class="button small secondary" data-testid="goal-apply"
                            on:click=move |_| ctx.edit_plan(|s| s.budget = b.round())>
                            {move || tr(lang(), "采用这个预算", "Use this budget")}
                        </button>
                    })}
                </p>
            })}
        </section>
    }
}

fn param_name(l: Lang, p: Param) -> &'static str {
    match p {
        Param::Cost => tr(l, "人均成本", "cost per person"),
        Param::Conversion => tr(l, "转化率", "conversion rate"),
        Param::Value => tr(l, "转化价值", "value per conversion"),
    }
}

#[component]
pub fn Uncertainty(#[prop(into)] solved: Signal<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let mc = Memo::new(move |_| {
        solved.with(|s| {
            s.spend()
                .map(|x| Shared(Arc::new(monte_carlo(&s.cells, x, &s.baseline, DRAWS, SEED))))
        })
    });
    let swings = Memo::new(move |_| {
        solved.with(|s| {
            s.spend()
                .map(|x| Shared(Arc::new(sensitivity(&s.cells, x))))
        })
    });
    let table = move || {
        let l = lang();
        let budget = solved.with(|s| format!("{}", s.budget));
        mc.get().map(|m| {
            let money = |v: f64| format::yuan(v, l);
            let row = |name: &'static str, key: &'static str, p: crate::domain::planner::uncertainty::Percentiles, f: &dyn Fn(f64) -> String| view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num" data-testid=format!("mc-{key}-p10")>{f(p.p10)}</td>
                    <td class="num" data-testid=format!("mc-{key}-p50")>{f(p.p50)}</td>
                    <td class="num" data-testid=format!("mc-{key}-p90")>{f(p.p90)}</td>
                </tr>
            };
            view! {
                <div class="table-scroll">
                    <table class="mini" data-testid="mc-table" data-budget=budget>
                        <thead><tr><th></th><th class="num">"P10"</th><th class="num">"P50"</th><th class="num">"P90"</th></tr></thead>
                        <tbody>
                            {row(tr(l, "优化方案回报", "Optimised return"), "opt", m.optimised, &money)}
                            {row(tr(l, "基准方案回报", "Baseline return"), "base", m.baseline, &money)}
                            {row(tr(l, "优化方案回报比", "Optimised return ratio"), "ratio", m.ratio, &format::ratio)}
                        </tbody>
                    </table>
                </div>
                <p class="verdict" data-testid="mc-beats">{match l {
                    Lang::Zh => format!("在 {} 次模拟中，优化方案回报高于基准方案的概率为 {}。", format::count(m.draws as u64), format::percent(m.p_beats_baseline)),
                    Lang::En => format!("In {} simulated draws, the optimised plan returns more than the baseline with probability {}.", format::count(m.draws as u64), format::percent(m.p_beats_baseline)),
                }}</p>
            }
        })
    };
    let tornado = move || {
        let l = lang();
        let sw = swings.get()?;
        let top: Vec<_> = sw.iter().take(8).copied().collect();
        let lo = top
            .iter()
            .map(|w| w.at_low.min(w.at_high))
            .fold(f64::INFINITY, f64::min);
        let hi = top
            .iter()
            .map(|w| w.at_low.max(w.at_high))
            .fold(f64::NEG_INFINITY, f64::max);
        let span = (hi - lo).max(1e-9);
        let center = solved.with(|s| {
            s.spend()
                .map(|x| crate::domain::planner::scenario::PlanFigures::of(&s.cells, x).ret)
        })?;
        let rows = solved.with(|s| {
            top.iter()
                .map(|w| {
                    let c = &s.cells[w.cell];
                    let r = ranges(c);
                    let (a, b) = match w.param {
                        Param::Cost => (format::yuan(r.cost.0, l), format::yuan(r.cost.1, l)),
                        Param::Conversion => (format::percent(r.conversion.0), format::percent(r.conversion.1)),
                        Param::Value => (format::yuan(r.value.0, l), format::yuan(r.value.1, l)),
                    };
                    let (min, max) = (w.at_low.min(w.at_high), w.at_low.max(w.at_high));
                    let left = (min - lo) / span * 100.0;
                    let width = ((max - min) / span * 100.0).max(0.5);
                    let mark = (center - lo) / span * 100.0;
                    view! {
                        <tr>
                            <th scope="row" class="tornado-label">{format!("{} · {} ({a} – {b})", cell_name(l, c), param_name(l, w.param))}</th>
                            <td class="tornado-cell">
                                <div class="tornado-track">
                                    <div class="tornado-bar" style:left=format!("{left:.2}%") style:width=format!("{width:.2}%")></div>
                                    <div class="tornado-mark" style:left=format!("{mark:.2}%")></div>
                                </div>
                            </td>
                            <td class="num">{format!("{} – {}", format::yuan(min, l), format::yuan(max, l))}</td>
                        </tr>
                    }
                })
                .collect_view()
        });
        Some(view! {
            <div class="table-scroll">
                <table class="mini tornado" data-testid="sensitivity">
                    <thead><tr>
                        <th>{tr(l, "参数（区间）", "Parameter (range)")}</th>
                        <th>{tr(l, "优化方案回报的变动", "Optimised return moves")}</th>
                        <th class="num">{tr(l, "回报区间", "Return range")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="card" aria-labelledby="mc-title">
            <h2 id="mc-title">{move || tr(lang(), "不确定性：回报区间与敏感性", "Uncertainty: return range and sensitivity")}</h2>
            <p class="muted small">{move || match lang() {
                Lang::Zh => format!("每个单元格的人均成本、转化率和转化价值在各自区间（默认 DOMAIN §3）内均匀抽样，共 {} 次（随机种子 {SEED}，结果可复现）；两个方案的投入保持不变。", format::count(DRAWS as u64)),
                Lang::En => format!("Each cell's cost per person, conversion and value are drawn uniformly from their ranges (DOMAIN §3 by default), {} times (seed {SEED}, reproducible); both plans keep their spend.", format::count(DRAWS as u64)),
            }}</p>
            {table}
            <RangeEditor/>
            <h3>{move || tr(lang(), "敏感性：哪个参数对回报影响最大", "Sensitivity: which parameter moves the return most")}</h3>
            <p class="muted small">{move || tr(lang(), "每次只把一个参数移到区间两端，其余不变；竖线为当前预期回报。", "One parameter at a time moved to each end of its range, the rest held; the line marks the expected return.")}</p>
            {tornado}
        </section>
    }
}

/// One end of one parameter's range for one cell.
#[component]
fn RangeInput(index: usize, param: Param, high: bool) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let value_of = move |cells: &[crate::domain::planner::PlanCell]| {
        cells
            .get(index)
            .map(|c| {
                let r = ranges(c);
                let (lo, hi) = match param {
                    Param::Cost => r.cost,
                    Param::Conversion => (r.conversion.0 * 100.0, r.conversion.1 * 100.0),
                    Param::Value => r.value,
                };
                let v = if high { hi } else { lo };
                format!("{}", (v * 100.0).round() / 100.0)
            })
            .unwrap_or_default()
    };
    let value = move || ctx.plan_cells.with(|cells| value_of(cells));
    let value_now = move || ctx.plan_cells.with_untracked(|cells| value_of(cells));
    let label = move || {
        let l = ctx.lang.get();
        let name = ctx
            .plan_cells
            .with(|cells| cells.get(index).map(|c| cell_name(l, c)))
            .unwrap_or_default();
        let end = if high {
            tr(l, "上限", "high")
        } else {
            tr(l, "下限", "low")
        };
        format!("{name} · {} · {end}", param_name(l, param))
    };
    view! {
        <input type="text" inputmode="decimal" class="num-input" data-range=format!("{}-{}", match param { Param::Cost => "cost", Param::Conversion => "conversion", Param::Value => "value" }, if high { "high" } else { "low" })
            aria-label=label prop:value=value
            on:change=move |ev| {
                let Some(v) = parse_number(&event_target_value(&ev)) else {
                    event_target::<web_sys::HtmlInputElement>(&ev).set_value(&value_now());
                    return;
                };
                ctx.edit_plan(|s| {
                    let Some(c) = s.cells.get_mut(index) else { return };
                    let r = ranges(c);
                    let set = |(lo, hi): (f64, f64), v: f64| if high { (lo, v) } else { (v, hi) };
                    match param {
                        Param::Cost => c.cost_range = Some(set(r.cost, v)),
                        Param::Conversion => c.conversion_range = Some(set(r.conversion, v / 100.0)),
                        Param::Value => c.value_range = Some(set(r.value, v)),
                    }
                });
            }/>
    }
}

/// Each cell's ranges for the Monte Carlo, editable (DOMAIN §3 by default).
#[component]
fn RangeEditor() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let keys = cell_keys(ctx);
    let row = move |(i, _, _): CellKey| {
        let name = move || {
            ctx.plan_cells
                .with(|cells| cells.get(i).map(|c| cell_name(lang(), c)))
                .unwrap_or_default()
        };
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td><RangeInput index=i param=Param::Cost high=false/>" – "<RangeInput index=i param=Param::Cost high=true/></td>
                <td><RangeInput index=i param=Param::Conversion high=false/>" – "<RangeInput index=i param=Param::Conversion high=true/></td>
                <td><RangeInput index=i param=Param::Value high=false/>" – "<RangeInput index=i param=Param::Value high=true/></td>
            </tr>
        }
    };
    view! {
        <details class="ranges no-report" data-testid="range-editor">
            <summary>{move || tr(lang(), "修改参数区间", "Edit the ranges")}</summary>
            <div class="table-scroll">
                <table class="mini plan-cells">
                    <thead><tr>
                        <th>{move || tr(lang(), "单元格", "Cell")}</th>
                        <th>{move || tr(lang(), "人均成本（元）", "Cost per person (¥)")}</th>
                        <th>{move || tr(lang(), "转化率 %", "Conversion %")}</th>
                        <th>{move || tr(lang(), "转化价值（元）", "Value per conversion (¥)")}</th>
                    </tr></thead>
                    <tbody><For each=move || keys.get() key=|k| *k children=row/></tbody>
                </table>
            </div>
        </details>
    }
}
