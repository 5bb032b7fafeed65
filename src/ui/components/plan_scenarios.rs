//! Planner scenarios: the scenario file (import/export), `plan.csv`, and
//! plans saved under names in the browser, two of them side by side.

use crate::domain::planner::scenario::{by_stage, plan_csv, PlanFigures, Scenario, ScenarioError};
use crate::domain::planner::PlanStage;
use crate::ui::format;
use crate::ui::i18n::{plan_stage_name, tr, Lang};
use crate::ui::io;
use crate::ui::pages::planner_page::{error_text, Solved};
use crate::ui::state::{AppContext, Shared};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[component]
pub fn PlanFiles(solved: Memo<Shared<Solved>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let message = RwSignal::new(None::<(bool, String)>);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = io::picked_file(&ev) else {
            return;
        };
        let name = file.name();
        spawn_local(async move {
            let l = ctx.lang.get_untracked();
            let text = match io::read_file(&file).await {
                Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                    tr(l, "文件不是 UTF-8 文本。", "The file is not UTF-8 text.").to_owned()
                }),
                Err(e) => Err(e),
            };
            let outcome = text.and_then(|t| {
                Scenario::from_json(&t).map_err(|e| match e {
                    ScenarioError::Json {
                        line,
                        column,
                        message,
                    } => match l {
                        Lang::Zh => {
                            format!("不是有效的情景文件（第 {line} 行第 {column} 列）：{message}。")
                        }
                        Lang::En => format!(
                            "Not a scenario file (line {line}, column {column}): {message}."
                        ),
                    },
                    ScenarioError::Plan(p) => {
                        let cells = Scenario::from_json_unchecked(&t)
                            .map(|s| s.cells)
                            .unwrap_or_default();
                        error_text(l, &p, &cells)
                    }
                })
            });
            match outcome {
                Ok(s) => {
                    let n = s.cells.len();
                    ctx.replace_plan(s, true);
                    message.set(Some((
                        false,
                        match l {
                            Lang::Zh => format!("已导入 {name}：{n} 个单元格，已重新优化。"),
                            Lang::En => format!("Imported {name}: {n} cells, re-optimised."),
                        },
                    )));
                }
                Err(e) => message.set(Some((
                    true,
                    match l {
                        Lang::Zh => format!("无法导入 {name}：{e} 当前计划未改动。"),
                        Lang::En => {
                            format!("Could not import {name}: {e} The current plan is unchanged.")
                        }
                    },
                ))),
            }
        });
    };
    let export_scenario = move |_| {
        let json = ctx.plan.with_untracked(Scenario::to_json);
        if let Err(e) = io::download("scenario.json", "application/json", json.as_bytes()) {
            message.set(Some((true, e)));
        }
    };
    let export_plan = move |_| {
        let l = lang();
        solved.with_untracked(|s| match s.spend() {
            Some(x) => {
                let csv = plan_csv(&s.cells, x, &s.baseline);
                if let Err(e) = io::download("plan.csv", "text/csv;charset=utf-8", csv.as_bytes()) {
                    message.set(Some((true, e)));
                }
            }
            None => message.set(Some((
                true,
                tr(
                    l,
                    "计划无法优化，请先修正上面的问题。",
                    "The plan cannot be optimised; fix the problem above first.",
                )
                .to_owned(),
            ))),
        });
    };
    let link = RwSignal::new(None::<String>);
    let share = move |_| {
        let here = window().location().href().unwrap_or_default();
        let base = here.split('#').next().unwrap_or_default().to_owned();
        let param = ctx.plan.with_untracked(Scenario::to_link_param);
        link.set(Some(format!("{base}#/planner?plan={param}")));
    };
    view! {
        <div class="toolbar">
            <label class="file-label">
                <input type="file" class="visually-hidden" data-testid="import-scenario"
                    accept=".json,application/json" on:change=import/>
                <span class="button small secondary">{move || tr(lang(), "导入情景文件（JSON）", "Import scenario (JSON)")}</span>
            </label>
            <button class="button small secondary" data-testid="export-scenario" on:click=export_scenario>
                {move || tr(lang(), "导出情景文件", "Export scenario")}
            </button>
            <button class="button small" data-testid="export-plan" on:click=export_plan>
                {move || tr(lang(), "导出计划 plan.csv", "Export plan.csv")}
            </button>
            <button class="button small secondary" data-testid="share-plan" on:click=share>
                {move || tr(lang(), "生成情景链接", "Make a scenario link")}
            </button>
        </div>
        {move || link.get().map(|url| view! {
            <label class="setting wide share-link">
                <span>{move || tr(lang(), "复制此链接：打开即可复现当前计划；链接只含计划参数，不含任何客户数据。", "Copy this link: it opens this plan; it holds the plan's figures only, no customer data.")}</span>
                <input type="text" readonly data-testid="share-link" prop:value=url
                    on:focus=move |ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } }/>
            </label>
        })}
        {move || message.get().map(|(error, text)| if error {
            view! { <p class="notice error" role="alert" data-testid="import-error">{text}</p> }.into_any()
        } else {
            view! { <p class="muted" role="status" data-testid="import-note">{text}</p> }.into_any()
        })}
    }
}

/// A saved plan's headline figures, for the side-by-side table.
struct Headline {
    budget: f64,
    optimised: Option<PlanFigures>,
    baseline: PlanFigures,
    stages: Vec<(PlanStage, PlanFigures)>,
}

fn headline(s: &Scenario) -> Headline {
    let opt = s.optimise().ok();
    let baseline = PlanFigures::of(&s.cells, &s.baseline_spend());
    Headline {
        budget: s.budget,
        optimised: opt.as_ref().map(|a| PlanFigures::of(&s.cells, &a.spend)),
        baseline,
        stages: opt
            .map(|a| by_stage(&s.cells, &a.spend))
            .unwrap_or_default(),
    }
}

#[component]
pub fn SavedPlans() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let name = RwSignal::new(String::new());
    let pick_a = RwSignal::new(None::<String>);
    let pick_b = RwSignal::new(None::<String>);
    let names = Memo::new(move |_| {
        ctx.saved_plans
            .with(|m| m.keys().cloned().collect::<Vec<_>>())
    });
    let save = move |_| {
        let n = name.get_untracked().trim().to_owned();
        if n.is_empty() {
            return;
        }
        ctx.save_plan_as(n.clone());
        // Put the newest beside the one picked before.
        if pick_a.get_untracked().is_none() {
            pick_a.set(Some(n));
        } else {
            pick_b.set(Some(n));
        }
        name.set(String::new());
    };
    let list = move || {
        let l = lang();
        names.get().into_iter().map(|n| {
            let (load_name, del_name) = (n.clone(), n.clone());
            view! {
                <li data-testid="saved-plan">
                    <span class="saved-name">{n.clone()}</span>
                    <button class="button small secondary" data-testid="load-plan"
                        on:click=move |_| if let Some(s) = ctx.saved_plans.with_untracked(|m| m.get(&load_name).cloned()) { ctx.replace_plan(s, true) }>
                        {tr(l, "载入", "Load")}
                    </button>
                    <button class="button small secondary" data-testid="delete-plan"
                        on:click=move |_| ctx.delete_saved_plan(&del_name)>
                        {tr(l, "删除", "Delete")}
                    </button>
                </li>
            }
        }).collect_view()
    };
    let picker = move |pick: RwSignal<Option<String>>,
                       testid: &'static str,
                       label: (&'static str, &'static str)| {
        view! {
            <label class="setting inline">
                <span>{move || tr(lang(), label.0, label.1)}</span>
                <select data-testid=testid on:change=move |ev| {
                    let v = event_target_value(&ev);
                    pick.set((!v.is_empty()).then_some(v));
                }>
                    <option value="">{move || tr(lang(), "（选择）", "(choose)")}</option>
                    {move || names.get().into_iter().map(|n| {
                        let selected = pick.get().as_deref() == Some(n.as_str());
                        view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let compare = move || {
        let l = lang();
        let (a, b) = (pick_a.get()?, pick_b.get()?);
        let (ha, hb) = ctx
            .saved_plans
            .with(|m| Some((headline(m.get(&a)?), headline(m.get(&b)?))))?;
        let money = |v: f64| format::yuan(v, l);
        let opt = |h: &Headline,
                   f: &dyn Fn(&PlanFigures) -> Option<f64>,
                   show: &dyn Fn(f64) -> String| {
            h.optimised
                .as_ref()
                .and_then(f)
                .map_or_else(|| tr(l, "无法优化", "cannot be optimised").to_owned(), show)
        };
        let mut rows: Vec<(String, String, String)> = vec![
            (
                tr(l, "总预算", "Budget").into(),
                money(ha.budget),
                money(hb.budget),
            ),
            (
                tr(l, "优化方案回报", "Optimised return").into(),
                opt(&ha, &|f| Some(f.ret), &money),
                opt(&hb, &|f| Some(f.ret), &money),
            ),
            (
                tr(l, "优化方案回报比", "Optimised return ratio").into(),
                opt(&ha, &PlanFigures::ratio, &format::ratio),
                opt(&hb, &PlanFigures::ratio, &format::ratio),
            ),
            (
                tr(l, "优化方案净 ROI", "Optimised net ROI").into(),
                opt(&ha, &PlanFigures::roi, &format::percent),
                opt(&hb, &PlanFigures::roi, &format::percent),
            ),
            (
                tr(l, "预期转化人数", "Expected conversions").into(),
                opt(&ha, &|f| Some(f.conversions), &|v| {
                    format::count(v.round() as u64)
                }),
                opt(&hb, &|f| Some(f.conversions), &|v| {
                    format::count(v.round() as u64)
                }),
            ),
            (
                tr(l, "基准方案回报", "Baseline return").into(),
                money(ha.baseline.ret),
                money(hb.baseline.ret),
            ),
        ];
        for st in PlanStage::ALL {
            let spend = |h: &Headline| {
                h.stages
                    .iter()
                    .find(|(s, _)| *s == st)
                    .map_or_else(|| "—".to_owned(), |(_, f)| money(f.spend))
            };
            rows.push((
                format!(
                    "{} · {}",
                    tr(l, "优化投入", "Optimised spend"),
                    plan_stage_name(l, st)
                ),
                spend(&ha),
                spend(&hb),
            ));
        }
        Some(view! {
            <div class="table-scroll">
                <table class="mini" data-testid="compare-plans">
                    <thead><tr><th></th><th class="num">{a}</th><th class="num">{b}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(k, x, y)| view! {
                            <tr><th scope="row">{k}</th><td class="num">{x}</td><td class="num">{y}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="card" aria-labelledby="saved-title">
            <h2 id="saved-title">{move || tr(lang(), "情景：保存、载入与对比", "Scenarios: save, load and compare")}</h2>
            <p class="muted small">{move || tr(lang(), "情景只保存在本浏览器中（不含任何客户明细）。", "Scenarios are kept in this browser only (no customer records in them).")}</p>
            <div class="toolbar">
                <label class="setting inline">
                    <span>{move || tr(lang(), "名称", "Name")}</span>
                    <input type="text" class="name-input" data-testid="scenario-name"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <button class="button small" data-testid="save-scenario"
                    disabled=move || name.with(|n| n.trim().is_empty()) on:click=save>
                    {move || tr(lang(), "保存当前计划", "Save the current plan")}
                </button>
            </div>
            <Show when=move || names.with(|n| !n.is_empty()) fallback=move || view! {
                <p class="muted" data-testid="no-saved-plans">{move || tr(lang(), "还没有保存的情景。", "No saved scenarios yet.")}</p>
            }>
                <ul class="saved-list" data-testid="saved-plans">{list}</ul>
                <div class="toolbar">
                    {picker(pick_a, "compare-a", ("对比 A", "Compare A"))}
                    {picker(pick_b, "compare-b", ("对比 B", "Compare B"))}
                </div>
                {compare}
            </Show>
        </section>
    }
}
