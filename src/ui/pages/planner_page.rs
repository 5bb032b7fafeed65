//! The Budget planner view (预算规划, DOMAIN §8): the budget and the cells
//! (campaign type × stage), the baseline and the optimised plan side by
//! side, and the tools around them (curves, goal-seek, uncertainty,
//! scenarios), which live in `components::plan_*`.

use crate::domain::planner::cells::default_cell;
use crate::domain::planner::scenario::{by_stage, BaselineRule, PlanFigures, Scenario};
use crate::domain::planner::{Allocation, CampaignType, PlanCell, PlanError, PlanStage};
use crate::ui::components::plan_insights::{GoalSeek, ResponseCurves, StageSpend, Uncertainty};
use crate::ui::components::plan_scenarios::{PlanFiles, SavedPlans};
use crate::ui::format;
use crate::ui::i18n::{campaign_type_name, plan_error, plan_stage_name, tr, Lang};
use crate::ui::io;
use crate::ui::state::{AppContext, Route, Shared};
use leptos::prelude::*;
use std::sync::Arc;

/// The plan solved: the optimised allocation (or why not) and the baseline.
#[derive(Debug)]
pub struct Solved {
    pub cells: Vec<PlanCell>,
    pub budget: f64,
    pub optimised: Result<Allocation, PlanError>,
    pub baseline: Vec<f64>,
    /// How long the optimiser took (ms).
    pub ms: f64,
}

impl Solved {
    /// The optimised spend per cell, if the plan could be optimised.
    pub fn spend(&self) -> Option<&[f64]> {
        self.optimised.as_ref().ok().map(|a| a.spend.as_slice())
    }
}

/// "留存型 × 成长期".
pub fn cell_name(l: Lang, c: &PlanCell) -> String {
    pair_name(l, c.campaign_type, c.stage)
}

fn pair_name(l: Lang, t: CampaignType, s: PlanStage) -> String {
    format!("{} × {}", campaign_type_name(l, t), plan_stage_name(l, s))
}

/// A plan's error in the page's language, naming the cell at fault.
pub fn error_text(l: Lang, e: &PlanError, cells: &[PlanCell]) -> String {
    plan_error(l, e, &|i| {
        cells
            .get(i)
            .map_or_else(|| format!("#{}", i + 1), |c| cell_name(l, c))
    })
}

#[component]
pub fn PlannerPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    // Until the user edits it, the plan follows the data in force.
    Effect::new(move |_| {
        let inputs = ctx.planner_inputs.get();
        if !ctx.plan_edited.get_untracked() {
            let fresh = Scenario::default_for(inputs.as_deref());
            if ctx.plan.with_untracked(|p| *p != fresh) {
                ctx.replace_plan(fresh, false);
            }
        }
    });
    let solved = Memo::new(move |_| {
        ctx.plan.with(|s| {
            let start = io::precise_ms();
            let optimised = s.optimise();
            let ms = io::precise_ms() - start;
            Shared(Arc::new(Solved {
                cells: s.cells.clone(),
                budget: s.budget,
                optimised,
                baseline: s.baseline_spend(),
                ms,
            }))
        })
    });

    // Charts and the Monte Carlo follow the plan once input pauses, so a
    // dragged slider moves the figures and the table at once.
    let settled = RwSignal::new(solved.get_untracked());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let s = solved.get();
        // Already shown (the first run, usually); a plan replaced before this
        // effect first ran still gets through.
        if settled.with_untracked(|shown| *shown == s) {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(io::after(150, move || settled.set(s)));
    });
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });

    view! {
        <section class="page" aria-labelledby="plan-title">
            <h1 id="plan-title">{move || tr(lang(), "预算规划：把预算投在回报最高的生命周期环节", "Budget planner: put the budget where the lifecycle returns most")}</h1>
            <p class="intro">{move || tr(lang(),
                "同样的预算，按客户生命周期重新分配活动，投资回报可以从 1:3.2 提升到 1:8.7。每个单元格是一类活动 × 一个客户阶段；投入越多、边际回报越低。优化器在总预算内让每个单元格的边际回报相等。",
                "The same budget, re-arranged along the customer lifecycle, can lift the return ratio from 1:3.2 to 1:8.7. Each cell is a campaign type aimed at a stage; each extra yuan in a cell returns less than the one before. The optimiser spends the budget so that every cell's marginal return is equal.")}</p>
            <div class="no-report"><DataSource/></div>
            <BudgetCard solved=solved/>
            <PlanSummary solved=solved/>
            <CellTable solved=solved/>
            <StageSpend solved=settled/>
            <ResponseCurves solved=settled/>
            <div class="no-report"><GoalSeek/></div>
            <Uncertainty solved=settled/>
            <div class="no-report"><SavedPlans/></div>
        </section>
    }
}

/// Where the audiences come from, and a way back to the defaults.
#[component]
fn DataSource() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let text = move || {
        let l = lang();
        match ctx.planner_inputs.get() {
            Some(i) => {
                let n: usize = i.customers.iter().sum();
                match l {
                    Lang::Zh => format!("受众来自已加载的数据：{} 位客户按阶段计数；潜在客户池默认是近 12 个月新客数的 10 倍，可修改。", format::count(n as u64)),
                    Lang::En => format!("Audiences come from the loaded data: {} customers counted by stage; the prospect pool defaults to ten times the last 12 months' new customers, and is yours to change.", format::count(n as u64)),
                }
            }
            None => tr(l, "尚未加载数据：受众为示例值（一个中等规模区域网络），可直接修改，或导入情景文件。", "No data loaded: audiences are example figures (a mid-size regional network); edit them or import a scenario file.").to_owned(),
        }
    };
    let focus = move || {
        ctx.plan_focus.get().map(|s| {
            let l = lang();
            view! {
                <p class="notice focus-note" data-testid="plan-focus">
                    {match l {
                        Lang::Zh => format!("已突出显示“{}”阶段的单元格。", plan_stage_name(l, s)),
                        Lang::En => format!("Cells for the {} stage are highlighted.", plan_stage_name(l, s)),
                    }}
                    " "
                    <button class="button small secondary" on:click=move |_| ctx.plan_focus.set(None)>
                        {tr(l, "取消突出显示", "Clear highlight")}
                    </button>
                </p>
            }
        })
    };
    view! {
        <section class="card">
            <p class="source-line" data-testid="plan-source">{text}</p>
            <div class="toolbar">
                <button class="button small secondary" data-testid="reset-plan"
                    on:click=move |_| ctx.replace_plan(ctx.default_plan(), false)>
                    {move || if ctx.planner_inputs.with(Option::is_some) {
                        tr(lang(), "按数据重置计划", "Reset the plan from the data")
                    } else {
                        tr(lang(), "恢复默认计划", "Reset to the default plan")
                    }}
                </button>
                <Show when=move || ctx.data.with(Option::is_none)>
                    <a href=Route::Data.hash()>{move || tr(lang(), "加载数据", "Load data")}</a>
                </Show>
            </div>
            {focus}
            {move || ctx.plan_link_error.get().map(|e| view! {
                <p class="notice error" role="alert" data-testid="plan-link-error">
                    {match lang() {
                        Lang::Zh => format!("无法打开情景链接：{e} 当前计划未改动。"),
                        Lang::En => format!("Could not open the scenario link: {e} The current plan is unchanged."),
                    }}
                </p>
            })}
        </section>
    }
}

/// A table row per cell: its index, type and stage (rows are re-made only
/// when these change, so typing in a row keeps its focus).
pub type CellKey = (usize, CampaignType, PlanStage);

pub fn cell_keys(ctx: AppContext) -> Memo<Vec<CellKey>> {
    Memo::new(move |_| {
        ctx.plan_cells.with(|cells| {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| (i, c.campaign_type, c.stage))
                .collect()
        })
    })
}

/// Parses a number the user typed (thousands separators allowed).
pub fn parse_number(s: &str) -> Option<f64> {
    let v: f64 = s.trim().replace([',', '，', ' '], "").parse().ok()?;
    v.is_finite().then_some(v)
}

#[component]
fn BudgetCard(solved: Memo<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let budget = move || ctx.plan.with(|s| s.budget);
    // The slider spans three times the budget of the plan as loaded (not as
    // dragged, so it never moves its own scale), in 300 round steps.
    let slider = Memo::new(move |_| {
        let _ = ctx.plan_generation.get();
        slider_scale(ctx.plan.with_untracked(|s| s.budget))
    });
    let set_budget = move |v: f64| {
        if v >= 0.0 {
            ctx.edit_plan(|s| s.budget = v);
        }
    };
    let status = move || {
        let l = lang();
        solved.with(|s| match &s.optimised {
            Err(e) => view! { <p class="notice error" role="alert" data-testid="plan-error">{error_text(l, e, &s.cells)}</p> }.into_any(),
            Ok(a) if a.unused > 0.5 => view! {
                <p class="warning" data-testid="plan-unused">{match l {
                    Lang::Zh => format!("每个单元格都已达到最高投入：只能用掉 {}，还有 {} 无处可投。提高最高投入或添加单元格。", format::yuan(a.total_spend, l), format::yuan(a.unused, l)),
                    Lang::En => format!("Every cell is at its maximum spend: the plan can use {}, and {} of the budget has nowhere to go. Raise the maximums or add cells.", format::yuan(a.total_spend, l), format::yuan(a.unused, l)),
                }}</p>
            }.into_any(),
            Ok(_) => view! {
                <p class="muted small" data-testid="plan-ms">{
                    // Browsers round performance.now() to 0.1 ms.
                    let took = if s.ms < 0.1 { tr(l, "不到 0.1", "under 0.1").to_owned() } else { format!("{:.1}", s.ms) };
                    match l {
                        Lang::Zh => format!("已按等边际回报重新优化（{} 个单元格，用时 {took} 毫秒）。", s.cells.len()),
                        Lang::En => format!("Re-optimised for equal marginal return ({} cells, {took} ms).", s.cells.len()),
                    }
                }</p>
            }.into_any(),
        })
    };
    let rule = move || ctx.plan.with(|s| s.baseline_rule());
    let set_rule = move |id: String| {
        let Some(r) = BaselineRule::from_id(&id) else {
            return;
        };
        ctx.edit_plan(|s| {
            if r == BaselineRule::Custom {
                // Start the typed baseline from the one on screen.
                let current = s.baseline_spend();
                for (c, x) in s.cells.iter_mut().zip(current) {
                    c.baseline_spend = Some(x.round());
                }
            }
            s.baseline = Some(r);
        });
    };
    let rule_name = move |r: BaselineRule| {
        let l = lang();
        match r {
            BaselineRule::Acquisition75 => tr(
                l,
                "75% 投在获客（常见做法）",
                "75% on acquisition (the usual habit)",
            ),
            BaselineRule::Proportional => tr(
                l,
                "按触达全部受众的成本分摊",
                "In proportion to the cost of reaching each audience",
            ),
            BaselineRule::Equal => tr(l, "每个单元格平均分配", "The same on every cell"),
            BaselineRule::Custom => tr(
                l,
                "自己填写（表中“基准投入”列）",
                "Typed in the table (baseline column)",
            ),
        }
    };
    view! {
        <section class="card" aria-labelledby="budget-title">
            <h2 id="budget-title">{move || tr(lang(), "总预算与基准方案", "Budget and baseline")}</h2>
            <div class="settings-grid">
                <label class="setting">
                    <span>{move || tr(lang(), "总预算（元）", "Total budget (yuan)")}</span>
                    <input type="number" min="0" step="10000" class="num-input wide-input" data-testid="plan-budget"
                        prop:value=move || format!("{:.0}", budget())
                        on:change=move |ev| if let Some(v) = parse_number(&event_target_value(&ev)) { set_budget(v) }/>
                    <span class="muted small">{move || format::yuan(budget(), lang())}</span>
                </label>
                <label class="setting wide">
                    <span>{move || tr(lang(), "拖动调整预算（实时重新优化）", "Drag to change the budget (re-optimises as you go)")}</span>
                    <input type="range" min="0" data-testid="plan-budget-slider"
                        prop:max=move || format!("{:.0}", slider.get().0)
                        prop:step=move || format!("{:.0}", slider.get().1)
                        prop:value=move || format!("{:.0}", budget())
                        on:input=move |ev| if let Some(v) = parse_number(&event_target_value(&ev)) { set_budget(v) }/>
                </label>
                <label class="setting">
                    <span>{move || tr(lang(), "基准方案（对照）", "Baseline plan (to compare with)")}</span>
                    <select data-testid="plan-baseline-rule" on:change=move |ev| set_rule(event_target_value(&ev))>
                        {move || BaselineRule::ALL.into_iter().map(|r| view! {
                            <option value=r.id() selected=rule() == r>{rule_name(r)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {status}
            <PlanFiles solved=solved/>
        </section>
    }
}

/// The budget slider's (max, step): max three times `budget` (at least
/// ¥1 M), step a round 1, 2 or 5 × 10^k near a 300th of it.
pub fn slider_scale(budget: f64) -> (f64, f64) {
    let top = (budget * 3.0).max(1_000_000.0);
    let raw = top / 300.0;
    let p = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    ((top / step).ceil() * step, step)
}

fn opt_text(v: Option<f64>, l: Lang, f: fn(f64) -> String) -> String {
    v.map(f)
        .unwrap_or_else(|| tr(l, "无数据（未投入）", "no data (nothing spent)").to_owned())
}

/// Baseline vs optimised: spend, conversions, return, ratio and ROI.
#[component]
fn PlanSummary(solved: Memo<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let rows = move || {
        let l = lang();
        solved.with(|s| {
            let base = PlanFigures::of(&s.cells, &s.baseline);
            let opt = s.spend().map(|x| PlanFigures::of(&s.cells, x));
            let money = move |v: f64| format::yuan(v, l);
            let count = |v: f64| format::count(v.max(0.0).round() as u64);
            let row = move |name: &'static str, key: &'static str, b: f64, o: Option<f64>, text: &dyn Fn(f64) -> String, diff: &dyn Fn(f64, f64) -> String| {
                let shown_o = o.map_or_else(|| "—".to_owned(), text);
                let d = o.map(|o| diff(b, o)).unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="num" data-testid=format!("plan-base-{key}") data-value=format!("{b}")>{text(b)}</td>
                        <td class="num strong" data-testid=format!("plan-opt-{key}") data-value=o.map(|o| format!("{o}")).unwrap_or_default()>{shown_o}</td>
                        <td class="num muted">{d}</td>
                    </tr>
                }
            };
            let change = move |b: f64, o: f64| {
                if b.abs() > 1e-9 {
                    format!("{:+.1}%", (o - b) / b * 100.0)
                } else {
                    String::new()
                }
            };
            let ratio_diff = |b: f64, o: f64| format!("{:+.1}", o - b);
            let pp = |b: f64, o: f64| format!("{:+.1} pp", (o - b) * 100.0);
            let ratio_text = move |v: f64| opt_text(Some(v), l, format::ratio);
            view! {
                {row(tr(l, "投入", "Spend"), "spend", base.spend, opt.map(|o| o.spend), &money, &change)}
                {row(tr(l, "预期转化人数", "Expected conversions"), "conversions", base.conversions, opt.map(|o| o.conversions), &count, &change)}
                {row(tr(l, "预期回报", "Expected return"), "return", base.ret, opt.map(|o| o.ret), &money, &change)}
                {match (base.ratio(), opt.and_then(|o| o.ratio())) {
                    (Some(b), o) => row(tr(l, "投资回报比", "Return ratio"), "ratio", b, o, &ratio_text, &ratio_diff).into_any(),
                    _ => view! { <tr><th scope="row">{tr(l, "投资回报比", "Return ratio")}</th><td colspan="3" class="muted">{tr(l, "无数据：基准方案没有投入", "no data: the baseline spends nothing")}</td></tr> }.into_any(),
                }}
                {match (base.roi(), opt.and_then(|o| o.roi())) {
                    (Some(b), o) => row(tr(l, "净 ROI", "Net ROI"), "roi", b, o, &format::percent, &pp).into_any(),
                    _ => view! { <tr><th scope="row">{tr(l, "净 ROI", "Net ROI")}</th><td colspan="3" class="muted">{tr(l, "无数据：基准方案没有投入", "no data: the baseline spends nothing")}</td></tr> }.into_any(),
                }}
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="plan-sum-title">
            <h2 id="plan-sum-title">{move || tr(lang(), "基准方案 vs 优化方案", "Baseline vs optimised")}</h2>
            <div class="table-scroll">
                <table data-testid="plan-summary">
                    <thead><tr>
                        <th></th>
                        <th class="num">{move || tr(lang(), "基准方案", "Baseline")}</th>
                        <th class="num">{move || tr(lang(), "优化方案", "Optimised")}</th>
                        <th class="num">{move || tr(lang(), "变化", "Change")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted small">{move || tr(lang(),
                "投资回报比 1:x = 预期回报 ÷ 投入；净 ROI =（预期回报 − 投入）÷ 投入（DOMAIN §8）。",
                "Return ratio 1:x = expected return ÷ spend; net ROI = (expected return − spend) ÷ spend (DOMAIN §8).")}</p>
        </section>
    }
}

/// Which figure of a cell an input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Audience,
    Cost,
    Conversion,
    Value,
    Min,
    Max,
    Baseline,
}

impl Field {
    fn id(self) -> &'static str {
        match self {
            Field::Audience => "audience",
            Field::Cost => "cost",
            Field::Conversion => "conversion",
            Field::Value => "value",
            Field::Min => "min",
            Field::Max => "max",
            Field::Baseline => "baseline",
        }
    }

    /// The figure as the input shows it (conversion in %; no maximum: blank).
    fn get(self, c: &PlanCell) -> String {
        let plain = |v: f64| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{}", (v * 100.0).round() / 100.0)
            }
        };
        match self {
            Field::Audience => plain(c.audience),
            Field::Cost => plain(c.cost_per_person),
            Field::Conversion => plain(c.conversion_rate * 100.0),
            Field::Value => plain(c.value_per_conversion),
            Field::Min => plain(c.min_spend),
            Field::Max => c.max_spend.map(plain).unwrap_or_default(),
            Field::Baseline => plain(c.baseline_spend.unwrap_or(0.0)),
        }
    }

    /// Sets the figure from what the user typed; `false` when it is not a number.
    fn set(self, c: &mut PlanCell, text: &str) -> bool {
        if self == Field::Max && text.trim().is_empty() {
            c.max_spend = None;
            return true;
        }
        let Some(v) = parse_number(text) else {
            return false;
        };
        match self {
            Field::Audience => c.audience = v,
            Field::Cost => c.cost_per_person = v,
            Field::Conversion => c.conversion_rate = v / 100.0,
            Field::Value => c.value_per_conversion = v,
            Field::Min => c.min_spend = v,
            Field::Max => c.max_spend = Some(v),
            Field::Baseline => c.baseline_spend = Some(v),
        }
        true
    }
}

#[component]
fn NumField(index: usize, field: Field) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let value = move || {
        ctx.plan_cells
            .with(|cells| cells.get(index).map(|c| field.get(c)))
            .unwrap_or_default()
    };
    let label = move || {
        let l = ctx.lang.get();
        let name = ctx
            .plan_cells
            .with(|cells| cells.get(index).map(|c| cell_name(l, c)))
            .unwrap_or_default();
        let what = match field {
            Field::Audience => tr(l, "受众人数", "audience"),
            Field::Cost => tr(l, "人均成本（元）", "cost per person (yuan)"),
            Field::Conversion => tr(l, "转化率（%）", "conversion rate (%)"),
            Field::Value => tr(l, "每次转化价值（元）", "value per conversion (yuan)"),
            Field::Min => tr(l, "最低投入（元）", "minimum spend (yuan)"),
            Field::Max => tr(
                l,
                "最高投入（元，留空为不限）",
                "maximum spend (yuan, blank for none)",
            ),
            Field::Baseline => tr(l, "基准投入（元）", "baseline spend (yuan)"),
        };
        format!("{name} · {what}")
    };
    view! {
        <input type="text" inputmode="decimal" class="num-input" data-field=field.id()
            aria-label=label prop:value=value
            on:change=move |ev| {
                let text = event_target_value(&ev);
                let mut ok = true;
                ctx.edit_plan(|s| if let Some(c) = s.cells.get_mut(index) { ok = field.set(c, &text) });
                if !ok {
                    // Not a number: put the figure back.
                    let shown = ctx.plan_cells.with_untracked(|c| c.get(index).map(|c| field.get(c))).unwrap_or_default();
                    event_target::<web_sys::HtmlInputElement>(&ev).set_value(&shown);
                }
            }/>
    }
}

#[component]
fn CellTable(solved: Memo<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let keys = cell_keys(ctx);
    let custom = move || ctx.plan.with(|s| s.baseline_rule() == BaselineRule::Custom);
    let out = move |i: usize, f: fn(&PlanCell, f64) -> f64, money: bool, optimised: bool| {
        let l = lang();
        solved.with(|s| {
            let x = if optimised {
                s.spend().and_then(|x| x.get(i).copied())
            } else {
                s.baseline.get(i).copied()
            };
            match (s.cells.get(i), x) {
                (Some(c), Some(x)) => {
                    let v = f(c, x);
                    if money {
                        format::yuan(v, l)
                    } else {
                        format::count(v.max(0.0).round() as u64)
                    }
                }
                _ => "—".to_owned(),
            }
        })
    };
    let row = move |(i, t, st): CellKey| {
        let focus = move || ctx.plan_focus.get() == Some(st);
        let raw_spend = move || {
            solved.with(|s| {
                s.spend()
                    .and_then(|x| x.get(i))
                    .map(|x| format!("{x}"))
                    .unwrap_or_default()
            })
        };
        let marginal = move || {
            solved.with(
                |s| match (s.cells.get(i), s.spend().and_then(|x| x.get(i))) {
                    (Some(c), Some(x)) => format!("{:.2}", c.marginal(*x)),
                    _ => "—".to_owned(),
                },
            )
        };
        view! {
            <tr data-testid=format!("cell-{}-{}", t.id(), st.id()) class:focus=focus>
                <th scope="row">{move || campaign_type_name(lang(), t)}</th>
                <td>{move || plan_stage_name(lang(), st)}</td>
                <td><NumField index=i field=Field::Audience/></td>
                <td><NumField index=i field=Field::Cost/></td>
                <td><NumField index=i field=Field::Conversion/></td>
                <td><NumField index=i field=Field::Value/></td>
                <td><NumField index=i field=Field::Min/></td>
                <td><NumField index=i field=Field::Max/></td>
                <td class="num" data-col="baseline">
                    {move || if custom() {
                        view! { <NumField index=i field=Field::Baseline/> }.into_any()
                    } else {
                        view! { <span>{out(i, |_, x| x, true, false)}</span> }.into_any()
                    }}
                </td>
                <td class="num strong" data-col="spend" data-value=raw_spend>{move || out(i, |_, x| x, true, true)}</td>
                <td class="num" data-col="conversions">{move || out(i, PlanCell::conversions, false, true)}</td>
                <td class="num" data-col="return">{move || out(i, PlanCell::response, true, true)}</td>
                <td class="num" data-col="marginal">{marginal}</td>
                <td>
                    <button class="button small secondary" data-testid="remove-cell"
                        aria-label=move || format!("{} {}", tr(lang(), "删除", "Remove"), ctx.plan_cells.with(|cells| cells.get(i).map(|c| cell_name(lang(), c)).unwrap_or_default()))
                        on:click=move |_| ctx.edit_plan(|s| { if i < s.cells.len() { s.cells.remove(i); } })>
                        "✕"
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <section class="card" aria-labelledby="cells-title">
            <h2 id="cells-title">{move || tr(lang(), "活动 × 阶段单元格", "Cells: campaign type × stage")}</h2>
            <p class="muted small">{move || tr(lang(),
                "默认值：人均成本与转化率取 DOMAIN §3 区间中点；转化价值取数据中该阶段客户的 12 个月消费（无数据时按 §3 回报比中点推算）。修改任意数字即重新优化；边际回报 = 再投 1 元的预期回报。",
                "Defaults: cost per person and conversion at the DOMAIN §3 midpoints; value per conversion from the data's 12-month spend of the stage (without data, from the §3 return-ratio midpoint). Change any figure and the plan re-optimises; marginal return = the return of one more yuan.")}</p>
            <div class="table-scroll">
                <table class="plan-cells" data-testid="plan-cells">
                    <thead><tr>
                        <th>{move || tr(lang(), "活动类型", "Campaign type")}</th>
                        <th>{move || tr(lang(), "阶段", "Stage")}</th>
                        <th>{move || tr(lang(), "受众人数", "Audience")}</th>
                        <th>{move || tr(lang(), "人均成本（元）", "Cost / person (¥)")}</th>
                        <th>{move || tr(lang(), "转化率 %", "Conversion %")}</th>
                        <th>{move || tr(lang(), "转化价值（元）", "Value / conversion (¥)")}</th>
                        <th>{move || tr(lang(), "最低投入", "Min spend")}</th>
                        <th>{move || tr(lang(), "最高投入", "Max spend")}</th>
                        <th class="num">{move || tr(lang(), "基准投入", "Baseline spend")}</th>
                        <th class="num">{move || tr(lang(), "优化投入", "Optimised spend")}</th>
                        <th class="num">{move || tr(lang(), "预期转化", "Conversions")}</th>
                        <th class="num">{move || tr(lang(), "预期回报", "Return")}</th>
                        <th class="num">{move || tr(lang(), "边际回报", "Marginal return")}</th>
                        <th><span class="visually-hidden">{move || tr(lang(), "删除", "Remove")}</span></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || keys.get() key=|k| *k children=row/>
                    </tbody>
                </table>
            </div>
            <div class="no-report"><AddCell/></div>
        </section>
    }
}

#[component]
fn AddCell() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let kind = RwSignal::new(CampaignType::Retention);
    let stage = RwSignal::new(PlanStage::Growth);
    let note = RwSignal::new(None::<String>);
    let add = move |_| {
        let (t, s) = (kind.get_untracked(), stage.get_untracked());
        if ctx
            .plan
            .with_untracked(|p| p.cells.iter().any(|c| c.campaign_type == t && c.stage == s))
        {
            let l = lang();
            let name = pair_name(l, t, s);
            note.set(Some(match l {
                Lang::Zh => format!("“{name}”已在计划中。"),
                Lang::En => format!("“{name}” is already in the plan."),
            }));
            return;
        }
        note.set(None);
        let cell = ctx
            .planner_inputs
            .with_untracked(|i| default_cell(t, s, i.as_deref()));
        ctx.edit_plan(|p| p.cells.push(cell));
    };
    view! {
        <div class="toolbar">
            <label class="setting inline">
                <span>{move || tr(lang(), "活动类型", "Campaign type")}</span>
                <select data-testid="add-cell-type" on:change=move |ev| if let Some(t) = CampaignType::from_id(&event_target_value(&ev)) { kind.set(t) }>
                    {move || CampaignType::ALL.into_iter().map(|t| view! {
                        <option value=t.id() selected=kind.get() == t>{campaign_type_name(lang(), t)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="setting inline">
                <span>{move || tr(lang(), "阶段", "Stage")}</span>
                <select data-testid="add-cell-stage" on:change=move |ev| if let Some(s) = PlanStage::from_id(&event_target_value(&ev)) { stage.set(s) }>
                    {move || PlanStage::ALL.into_iter().map(|s| view! {
                        <option value=s.id() selected=stage.get() == s>{plan_stage_name(lang(), s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="button small" data-testid="add-cell" on:click=add>{move || tr(lang(), "添加单元格", "Add cell")}</button>
            {move || note.get().map(|n| view! { <span class="warning">{n}</span> })}
        </div>
    }
}

/// Spend, conversions and return per stage for a plan.
pub fn stage_rows(s: &Solved, optimised: bool) -> Vec<(PlanStage, PlanFigures)> {
    let spend = if optimised {
        s.spend().map(<[f64]>::to_vec)
    } else {
        Some(s.baseline.clone())
    };
    spend.map_or_else(Vec::new, |x| by_stage(&s.cells, &x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slider_steps_are_round() {
        assert_eq!(slider_scale(20_000_000.0), (60_000_000.0, 200_000.0));
        assert_eq!(slider_scale(1_000_000.0), (3_000_000.0, 10_000.0));
        assert_eq!(slider_scale(6_800_000.0), (20_400_000.0, 100_000.0));
        assert_eq!(slider_scale(0.0), (1_000_000.0, 5_000.0));
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_number(" 1,500,000 "), Some(1_500_000.0));
        assert_eq!(parse_number("68.5"), Some(68.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
    }
}
