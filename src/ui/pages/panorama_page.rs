//! The Panorama view (全景图): the lifecycle stage × campaign-type map of
//! DOMAIN §1 filled with the loaded customers and each stage's key metrics
//! against DOMAIN §5 targets, the KPI dashboard, the stage flow and the
//! festival and season calendar.

use crate::charts::sankey;
use crate::domain::kpi::{stage_flow, Kpi, KpiId, Missing, Status, Target};
use crate::domain::lifecycle::Stage;
use crate::domain::planner::PlanStage;
use crate::domain::segmentation::Group;
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::format;
use crate::ui::i18n::{stage_name, tr, Lang};
use crate::ui::state::{AppContext, Route};
use leptos::prelude::*;
use std::sync::Arc;

fn kpi_name(l: Lang, id: KpiId) -> &'static str {
    match id {
        KpiId::Retention30d => tr(l, "30 天复购率", "30-day repeat rate"),
        KpiId::Retention90d => tr(l, "3 个月留存率", "3-month retention"),
        KpiId::Retention12m => tr(l, "12 个月留存率", "12-month retention"),
        KpiId::ActiveShare => tr(
            l,
            "活跃客户占比（90 天内到店）",
            "Active share (visit in 90 days)",
        ),
        KpiId::SilentShare => tr(l, "沉默客户占比", "Silent share"),
        KpiId::ChurnAnnual => tr(l, "年流失率", "Annual churn"),
        KpiId::RepurchaseRate => tr(l, "复购率（≥ 2 次到店）", "Repurchase rate (≥ 2 visits)"),
        KpiId::AnnualSpend => tr(l, "年消费额（人均）", "Annual spend per customer"),
        KpiId::VisitsPerMonth => tr(l, "月均到店频次", "Visits per month"),
        KpiId::FirstMaintenanceArrival => tr(l, "首保到店率", "First-maintenance arrival"),
        KpiId::Nps => tr(l, "NPS", "NPS"),
        KpiId::WakeUpRate => tr(l, "唤醒率", "Wake-up rate"),
        KpiId::PostWakeUpRetention => tr(l, "唤醒后留存率", "Post-wake-up retention"),
        KpiId::WarningRecognition => tr(l, "预警识别率", "Warning recognition"),
        KpiId::Referral => tr(l, "推荐率", "Referral rate"),
    }
}

fn value_text(l: Lang, k: &Kpi) -> String {
    match k.value {
        Ok(v) if k.id.is_share() => format::percent(v),
        Ok(v) if k.id == KpiId::AnnualSpend => format::yuan(v, l),
        Ok(v) if k.id == KpiId::Nps => format!("{v:.1}"),
        Ok(v) => format!("{v:.2}"),
        Err(m) => {
            let why = match m {
                Missing::NoDeliveryDates => tr(
                    l,
                    "数据中没有交车日期列",
                    "the data has no delivery-date column",
                ),
                Missing::NoNps => tr(l, "数据中没有 NPS 评分", "the data has no NPS scores"),
                Missing::NotNpsScale => tr(
                    l,
                    "评分不是 0–10 的推荐度",
                    "scores are not 0–10 recommendation scores",
                ),
                Missing::NoReferrals => {
                    tr(l, "数据中没有推荐记录", "the data has no referral records")
                }
                Missing::NoWarningLog => {
                    tr(l, "需要预警处理记录", "needs a log of warnings handled")
                }
                Missing::NotEnoughHistory => tr(l, "历史数据不够长", "not enough history"),
            };
            match l {
                Lang::Zh => format!("无数据：{why}"),
                Lang::En => format!("no data: {why}"),
            }
        }
    }
}

fn target_text(l: Lang, k: &Kpi) -> String {
    let (sign, t) = match k.target {
        Target::Above(t) => (">", t),
        Target::Below(t) => ("<", t),
    };
    let t = if k.id.is_share() {
        format!("{:.0}%", t * 100.0)
    } else if k.id == KpiId::AnnualSpend {
        format::yuan(t, l)
    } else {
        format!("{t}")
    };
    format!("{} {sign} {t}", tr(l, "目标", "target"))
}

/// Colour plus a symbol and a word, so status never rests on colour alone.
fn status_badge(l: Lang, s: Option<Status>) -> (&'static str, String) {
    match s {
        Some(Status::Green) => ("status green", format!("● {}", tr(l, "达标", "on target"))),
        Some(Status::Amber) => ("status amber", format!("▲ {}", tr(l, "接近", "close"))),
        Some(Status::Red) => ("status red", format!("■ {}", tr(l, "未达标", "off target"))),
        None => ("status none", format!("○ {}", tr(l, "无数据", "no data"))),
    }
}

fn kpi_line(l: Lang, k: &Kpi, testid: Option<String>) -> impl IntoView {
    let (class, badge) = status_badge(l, k.status());
    view! {
        <li class="kpi-line">
            <span class="kpi-name">{kpi_name(l, k.id)}</span>
            <span class="kpi-value" data-testid=testid>{value_text(l, k)}</span>
            <span class="muted small">{target_text(l, k)}</span>
            <span class=class>{badge}</span>
        </li>
    }
}

/// DOMAIN §1 map rows for one stage column: core goal and campaign types.
fn stage_plan(l: Lang, s: Option<Stage>) -> (&'static str, &'static str) {
    match s {
        None => (
            tr(l, "认知、兴趣", "Awareness, interest"),
            tr(l, "品牌活动、获客型活动", "Brand, acquisition"),
        ),
        Some(Stage::New) => (
            tr(l, "建立信任、养成习惯", "Trust, habits"),
            tr(
                l,
                "新手培养、节日/季节活动",
                "Onboarding, festival and seasonal",
            ),
        ),
        Some(Stage::Growth) => (
            tr(l, "提升活跃、加深关系", "Activity, relationship"),
            tr(l, "留存型活动、会员计划", "Retention, membership"),
        ),
        Some(Stage::Mature) => (
            tr(l, "挖掘价值、提升忠诚", "Value, loyalty"),
            tr(l, "深度留存、VIP 专属", "Deep retention, VIP"),
        ),
        Some(Stage::Dormant) => (
            tr(l, "重新激活、修复关系", "Reactivate, repair"),
            tr(l, "唤醒型活动", "Wake-up"),
        ),
    }
}

#[component]
pub fn PanoramaPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    view! {
        <section class="page" aria-labelledby="pano-title">
            <h1 id="pano-title">{move || tr(lang(), "服务营销活动全景图", "Service marketing panorama")}</h1>
            <p class="intro">{move || tr(lang(),
                "按客户生命周期排布所有营销活动：每个阶段的核心目标、主要活动类型、您的客户数，以及关键指标与目标的对比。",
                "Every campaign laid out along the customer lifecycle: each stage's core goal, main campaign types, your customers in it, and its key metrics against target.")}</p>
            <Show when=move || ctx.dashboard.with(Option::is_some) fallback=move || view! {
                <p class="card muted" data-testid="no-data"><a href=Route::Data.hash()>
                    {move || tr(lang(), "请先在“数据”页上传文件或加载演示数据。", "Load a file or the demo data on the Data page first.")}
                </a></p>
            }>
                <PanoramaMap/>
                <KpiDashboard/>
                <StageFlow/>
            </Show>
            <div class="no-report"><Calendar/></div>
        </section>
    }
}

#[component]
fn PanoramaMap() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let columns: [Option<Stage>; 5] = [
        None,
        Some(Stage::New),
        Some(Stage::Growth),
        Some(Stage::Mature),
        Some(Stage::Dormant),
    ];
    let open_stage = move |s: Stage| {
        ctx.drill_request.set(Some(Group::Stage(s)));
        let _ = window().location().set_hash(Route::Segments.hash());
    };
    let open_plan = move |s: PlanStage| {
        ctx.plan_focus.set(Some(s));
        let _ = window().location().set_hash(Route::Planner.hash());
    };
    let body = move || {
        let l = lang();
        ctx.dashboard.with(|d| {
            let d = d.as_ref()?;
            let header = columns.iter().map(|s| {
                let name = match s {
                    None => tr(l, "潜在客户期", "Prospect").to_owned(),
                    Some(s) => stage_name(l, *s).to_owned(),
                };
                view! { <th scope="col">{name}</th> }
            }).collect_view();
            let goals = columns.iter().map(|s| view! { <td>{stage_plan(l, *s).0}</td> }).collect_view();
            let types = columns.iter().map(|s| view! { <td>{stage_plan(l, *s).1}</td> }).collect_view();
            let customers = columns.iter().map(|s| match s {
                None => view! { <td class="muted small">{tr(l, "不在到店数据中（预算规划的输入）", "not in visit data (a planner input)")}</td> }.into_any(),
                Some(s) => {
                    let s = *s;
                    let n = d.stage_customers.iter().find(|(x, _)| *x == s).map_or(0, |x| x.1);
                    let share = format::percent(n as f64 / d.stage_customers.iter().map(|x| x.1).sum::<usize>().max(1) as f64);
                    view! {
                        <td><button class="link big" on:click=move |_| open_stage(s)
                            title=tr(l, "查看该阶段的客户", "List this stage's customers")>
                            <span data-testid=format!("stage-customers-{}", s.id())>{format::count(n as u64)}</span>
                        </button><span class="muted small">" · "{share}</span></td>
                    }.into_any()
                }
            }).collect_view();
            let metrics = columns.iter().map(|s| match s {
                None => view! { <td class="muted small">{tr(l, "触达量、到店率：需要营销触达数据", "Reach, store-visit rate: need outreach data")}</td> }.into_any(),
                Some(s) => {
                    let kpis = d.by_stage.iter().find(|(x, _)| x == s).map(|x| x.1.clone()).unwrap_or_default();
                    let id = s.id();
                    view! { <td><ul class="kpi-list">{kpis.iter().map(|k| kpi_line(l, k, Some(format!("stage-kpi-{id}-{}", k.id.id())))).collect_view()}</ul></td> }.into_any()
                }
            }).collect_view();
            let plan_links = columns.iter().map(|s| {
                let stage = s.map_or(PlanStage::Prospect, PlanStage::from);
                view! {
                    <td><button class="button small secondary" data-testid=format!("plan-stage-{}", stage.id())
                        on:click=move |_| open_plan(stage)>
                        {tr(l, "在预算规划中查看", "Open in the planner")}
                    </button></td>
                }
            }).collect_view();
            Some(view! {
                <thead><tr><th scope="col"></th>{header}</tr></thead>
                <tbody>
                    <tr><th scope="row">{tr(l, "核心目标", "Core goal")}</th>{goals}</tr>
                    <tr><th scope="row">{tr(l, "主要活动类型", "Main campaign types")}</th>{types}</tr>
                    <tr><th scope="row">{tr(l, "客户数", "Customers")}</th>{customers}</tr>
                    <tr><th scope="row">{tr(l, "关键指标", "Key metrics")}</th>{metrics}</tr>
                    <tr><th scope="row">{tr(l, "预算", "Budget")}</th>{plan_links}</tr>
                    <tr class="throughout"><th scope="row">{tr(l, "贯穿全程", "Throughout")}</th>
                        <td colspan="5">{tr(l,
                            "节日活动（春节、情人节/七夕、三八节、劳动节/国庆、中秋、双 11/双 12）与季节性活动（春季检测、夏季空调、秋季保养、冬季套餐）：保持触点、提升参与度与认知度。",
                            "Festival campaigns (Spring Festival, Valentine's/Qixi, Women's Day, Labour Day/National Day, Mid-Autumn, Double 11/12) and seasonal ones (spring check, summer A/C, autumn service, winter pack): keep in touch, raise participation and awareness.")}</td>
                    </tr>
                </tbody>
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="map-title">
            <h2 id="map-title">{move || tr(lang(), "全景图", "The map")}</h2>
            <p class="muted small">{move || tr(lang(), "客户旅程：潜在客户 → 新客户 → 成长期 → 成熟期 → 沉睡期；点击客户数查看名单。", "Journey: prospect → new → growth → mature → dormant; click a count for the customers.")}</p>
            <div class="table-scroll"><table class="panorama-map" data-testid="panorama-map">{body}</table></div>
        </section>
    }
}

#[component]
fn KpiDashboard() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let cards = move || {
        let l = lang();
        ctx.dashboard.with(|d| {
            d.as_ref().map(|d| {
                d.overall
                    .iter()
                    .map(|k| {
                        let (class, badge) = status_badge(l, k.status());
                        view! {
                            <div class="kpi-card">
                                <div class="muted small">{kpi_name(l, k.id)}</div>
                                <div class="kpi-big" data-testid=format!("kpi-{}", k.id.id())>{value_text(l, k)}</div>
                                <div class="small">{target_text(l, k)}" · "<span class=class>{badge}</span></div>
                                <div class="muted small">{format!("n = {}", format::count(k.base as u64))}</div>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="kpi-title">
            <h2 id="kpi-title">{move || tr(lang(), "监控看板", "KPI dashboard")}</h2>
            <p class="muted small">{move || tr(lang(),
                "绿色 ● 达标；黄色 ▲ 距目标 10% 以内；红色 ■ 未达标。n 为计算该指标的客户数。",
                "Green ● meets the target; amber ▲ within 10% of it; red ■ off target. n is the number of customers measured.")}</p>
            <div class="kpi-grid">{cards}</div>
        </section>
    }
}

#[component]
fn StageFlow() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let days = RwSignal::new(90u64);
    let flow = Memo::new(move |_| {
        let p = days.get();
        let stages = ctx.segment_settings.with(|s| s.stages);
        let as_of = ctx.as_of()?;
        ctx.data.with(|d| {
            d.as_ref()
                .map(|d| stage_flow(&d.report.dataset, as_of, p, &stages))
        })
    });
    let stage_index = |s: Stage| Stage::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let draw: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        flow.with(|f| {
            let Some(f) = f else { return };
            let mut left: Vec<String> =
                vec![tr(l, "新到店（原潜在客户）", "New arrivals (prospects)").to_owned()];
            left.extend(Stage::ALL.iter().map(|s| stage_name(l, *s).to_owned()));
            let right: Vec<String> = Stage::ALL
                .iter()
                .map(|s| stage_name(l, *s).to_owned())
                .collect();
            let flows: Vec<sankey::Flow> = f
                .iter()
                .map(|(from, to, n)| sankey::Flow {
                    from: from.map_or(0, |s| stage_index(s) + 1),
                    to: stage_index(*to),
                    count: *n,
                })
                .collect();
            let count = |i: usize, side: bool| {
                flows
                    .iter()
                    .filter(|x| if side { x.from == i } else { x.to == i })
                    .map(|x| x.count)
                    .sum::<usize>()
            };
            let left: Vec<String> = left
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{s} {}", format::count(count(i, true) as u64)))
                .collect();
            let right: Vec<String> = right
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{s} {}", format::count(count(i, false) as u64)))
                .collect();
            let _ = sankey::draw(area, &left, &right, &flows, dpr);
        });
    });
    let rows = move || {
        let l = lang();
        flow.with(|f| {
            f.as_ref().map(|f| {
                f.iter()
                    .filter(|(from, to, _)| *from != Some(*to))
                    .map(|(from, to, n)| {
                        let from = from.map_or(tr(l, "新到店", "new arrival").to_owned(), |s| stage_name(l, s).to_owned());
                        view! { <tr><td>{from}</td><td>"→ "{stage_name(l, *to)}</td><td class="num">{format::count(*n as u64)}</td></tr> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="flow-title">
            <h2 id="flow-title">{move || tr(lang(), "阶段流转", "Stage flow")}</h2>
            <label class="setting inline">
                <span>{move || tr(lang(), "对比期间：基准日前", "Compare with the as-of date minus")}</span>
                <select data-testid="flow-days" on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse() { days.set(v) } }>
                    {[30u64, 90, 180, 365].map(|d| view! { <option value=d.to_string() selected=d == 90>{move || format!("{d} {}", tr(lang(), "天", "days"))}</option> })}
                </select>
            </label>
            <ChartCanvas draw=draw height=320 label=Signal::derive(move || tr(lang(), "阶段流转图", "Stage flow diagram").to_owned()) testid="chart-flow"/>
            <div class="table-scroll"><table class="mini" data-testid="flow-table"><tbody>{rows}</tbody></table></div>
        </section>
    }
}

/// Festival and season calendar (DOMAIN §3): (zh, en, first month, last month, is festival).
const CALENDAR: [(&str, &str, u32, u32, bool); 12] = [
    ("春节", "Spring Festival", 1, 2, true),
    ("情人节", "Valentine's Day", 2, 2, true),
    ("三八节", "Women's Day", 3, 3, true),
    ("劳动节", "Labour Day", 5, 5, true),
    ("七夕", "Qixi", 8, 8, true),
    ("中秋节", "Mid-Autumn", 9, 9, true),
    ("国庆", "National Day", 10, 10, true),
    ("双 11 / 双 12", "Double 11 / 12", 11, 12, true),
    ("春季检测", "Spring check", 3, 4, false),
    ("夏季空调", "Summer A/C", 6, 8, false),
    ("秋季保养", "Autumn service", 9, 10, false),
    ("冬季套餐", "Winter pack", 11, 12, false),
];

#[component]
fn Calendar() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let months = move || {
        let l = lang();
        (1..=12u32)
            .map(|m| view! { <div class="cal-month">{match l { Lang::Zh => format!("{m}月"), Lang::En => ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"][m as usize - 1].to_owned() }}</div> })
            .collect_view()
    };
    let events = move || {
        let l = lang();
        CALENDAR
            .iter()
            .map(|(zh, en, from, to, festival)| {
                let class = if *festival {
                    "cal-event festival"
                } else {
                    "cal-event season"
                };
                view! {
                    <div class=class style:grid-column=format!("{} / {}", from, to + 1)>
                        {if *festival { "★ " } else { "◆ " }}{tr(l, zh, en)}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="cal-title">
            <h2 id="cal-title">{move || tr(lang(), "节日与季节日历", "Festival and season calendar")}</h2>
            <p class="muted small">{move || tr(lang(),
                "★ 节日活动（人均 50–120 元，转化 30–50%）适合所有阶段保持触点；◆ 季节性活动适合新客户期与成长期的保养提醒，沉睡客户可借季节检测唤醒。",
                "★ Festival campaigns (¥50–120 per person, 30–50% conversion) keep every stage in touch; ◆ seasonal ones suit new and growth customers' service reminders, and a seasonal check is a reason to wake dormant ones.")}</p>
            <div class="table-scroll">
                <div class="calendar" data-testid="calendar">{months}{events}</div>
            </div>
        </section>
    }
}
