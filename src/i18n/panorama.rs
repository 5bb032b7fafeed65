//! Texts of the Panorama view: the map's content, KPIs with their values,
//! targets and status, the stage flow and the calendar.

use crate::domain::kpi::{Kpi, KpiId, Missing, Status, Target, AMBER_BAND};
use crate::domain::lifecycle::Stage;
use crate::domain::panorama::{Event, Goal, MapCampaign, MapStage};
use crate::domain::targets::{Scope, Source, TargetError};
use crate::i18n::{format, names, Lang, Text};

crate::texts! {
    pub enum PanoText {
        Title => "服务营销活动全景图", "Service marketing panorama";
        Intro => "按客户生命周期排布所有营销活动：每个阶段的核心目标、主要活动类型、您的客户数，以及关键指标与目标的对比。",
            "Every campaign laid out along the customer lifecycle: each stage's core goal, main campaign types, your customers in it, and its key metrics against target.";
        MapTitle => "全景图", "The map";
        Journey => "客户旅程：潜在客户 → 新客户 → 成长期 → 成熟期 → 沉睡期。",
            "Journey: prospect → new → growth → mature → dormant.";
        CoreGoal => "核心目标", "Core goal";
        CampaignTypes => "主要活动类型", "Main campaign types";
        Customers => "客户数", "Customers";
        KeyMetrics => "关键指标", "Key metrics";
        Budget => "预算", "Budget";
        Throughout => "贯穿全程", "Throughout";
        ThroughoutText => "节日活动（春节、情人节/七夕、三八节、劳动节/国庆、中秋、双 11/双 12）与季节性活动（春季检测、夏季空调、秋季保养、冬季套餐）：保持触点、提升参与度与认知度。",
            "Festival campaigns (Spring Festival, Valentine's/Qixi, Women's Day, Labour Day/National Day, Mid-Autumn, Double 11/12) and seasonal ones (spring check, summer A/C, autumn service, winter pack): keep in touch, raise participation and awareness.";
        NotInData => "不在到店数据中（预算规划的输入）", "not in visit data (a planner input)";
        StageKpi { stage: String, kpi: String } => "{stage}：{kpi}", "{stage}: {kpi}";
        NeedsOutreach => "触达量、到店率：需要营销触达数据", "Reach, store-visit rate: need outreach data";
        ListStage => "查看该阶段的客户", "List this stage's customers";
        OpenPlanner => "在预算规划中查看", "Open in the planner";
        DashboardTitle => "监控看板", "KPI dashboard";
        DashboardHint { band: String } => "绿色 ● 达标；黄色 ▲ 距目标 {band} 以内；红色 ■ 未达标。n 为计算该指标的客户数。",
            "Green ● meets the target; amber ▲ within {band} of it; red ■ off target. n is the number of customers measured.";
        Base { n: String } => "n = {n}", "n = {n}";
        FlowTitle => "阶段流转", "Stage flow";
        FlowCompare => "对比期间：基准日前", "Compare with the as-of date minus";
        FlowChart => "阶段流转图", "Stage flow diagram";
        FlowHint => "新到店：比较日尚无到店记录、此后首次到店的客户（来自潜在客户）。", "New arrivals: customers with no visit yet at the earlier date who came since (from the prospect pool).";
        NewArrival => "新到店", "New arrivals";
        FlowTo { to: String } => "→ {to}", "→ {to}";
        CalendarTitle => "节日与季节日历", "Festival and season calendar";
        ValueKpis => "客户价值指标（来自客户价值模型）", "Value KPIs (from the customer-value model)";
        ValueKpisHint => "LTV = 人均已消费 + 未来预期消费（按年 10% 折现）；生命周期 = 按拟合模型模拟 10,000 位新客户的生命周期中位数。",
            "LTV = spend so far plus the expected future spend (discounted 10% a year), per customer; lifetime = the median over 10,000 new customers simulated from the fitted model.";
        Cac => "获客成本 CAC（元/人，您的数字）", "Acquisition cost CAC (yuan per customer, your figure)";
        CalendarHint => "★ 节日活动（人均 50–120 元，转化 30–50%）适合所有阶段保持触点；◆ 季节性活动适合新客户期与成长期的保养提醒，沉睡客户可借季节检测唤醒。",
            "★ Festival campaigns (¥50–120 per person, 30–50% conversion) keep every stage in touch; ◆ seasonal ones suit new and growth customers' service reminders, and a seasonal check is a reason to wake dormant ones.";
        Target { sign: String, value: String } => "目标 {sign} {value}", "target {sign} {value}";
        TargetFrom { target: String, source: String } => "{target}（{source}）", "{target} ({source})";
        SourceSeed000 => "种子000 全国看板", "seed 000 national dashboard";
        SourceSeed001 => "种子001 留存指标", "seed 001 retention metrics";
        SourceUser => "您设定的", "yours";
        CohortNew => "过去一年首次到店、已满 90 天的客户", "customers first seen 90–365 days ago";
        CohortGrowth => "首次到店在 1–2 年前的客户", "customers first seen 1–2 years ago";
        TargetsTitle => "目标设置", "Targets";
        TargetsHint { n: String } => "每个指标在每个范围只有一个目标。默认值来自种子文档（000 全国副总裁看板，001 留存指标），并标明出处；改成贵公司自己的目标后会标为“您设定的”，并保存在本浏览器中。已修改 {n} 项。",
            "One target per KPI and scope. The defaults come from the seed documents (000 the national VP's dashboard, 001 the retention metrics) and say so; a target you change is marked \"yours\" and kept in this browser. {n} changed.";
        Scope => "范围", "Scope";
        AllCustomers => "全部客户", "All customers";
        Kpi => "指标", "KPI";
        TargetCol => "目标", "Target";
        SourceCol => "来源", "Source";
        ResetTarget => "恢复默认", "Reset";
        ResetAllTargets => "全部恢复默认", "Reset all";
        TargetRefused { why: String } => "未采用：{why}", "Not taken: {why}";
        TargetNotNumber => "请输入数字", "enter a number";
        TargetRange { min: String, max: String } => "目标须在 {min} 到 {max} 之间", "a target lies between {min} and {max}";
        OnTarget => "● 达标", "● on target";
        Close => "▲ 接近", "▲ close";
        OffTarget => "■ 未达标", "■ off target";
        NoStatus => "○ 无数据", "○ no data";
        NoDataBecause { why: String } => "无数据：{why}", "no data: {why}";
    }
}

/// A map column's name.
pub fn map_stage(lang: Lang, s: MapStage) -> &'static str {
    match s {
        MapStage::Prospect => names::prospect_stage(lang),
        MapStage::Stage(s) => names::stage(lang, s),
    }
}

pub fn goal(lang: Lang, g: Goal) -> &'static str {
    match (lang, g) {
        (Lang::Zh, Goal::AwarenessInterest) => "认知、兴趣",
        (Lang::Zh, Goal::TrustHabits) => "建立信任、养成习惯",
        (Lang::Zh, Goal::ActivityRelationship) => "提升活跃、加深关系",
        (Lang::Zh, Goal::ValueLoyalty) => "挖掘价值、提升忠诚",
        (Lang::Zh, Goal::ReactivateRepair) => "重新激活、修复关系",
        (Lang::En, Goal::AwarenessInterest) => "Awareness, interest",
        (Lang::En, Goal::TrustHabits) => "Trust, habits",
        (Lang::En, Goal::ActivityRelationship) => "Activity, relationship",
        (Lang::En, Goal::ValueLoyalty) => "Value, loyalty",
        (Lang::En, Goal::ReactivateRepair) => "Reactivate, repair",
    }
}

pub fn map_campaign(lang: Lang, c: MapCampaign) -> &'static str {
    use MapCampaign::*;
    match (lang, c) {
        (Lang::Zh, Brand) => "品牌活动",
        (Lang::Zh, Acquisition) => "获客型活动",
        (Lang::Zh, Onboarding) => "新手培养",
        (Lang::Zh, FestivalSeasonal) => "节日/季节活动",
        (Lang::Zh, Retention) => "留存型活动",
        (Lang::Zh, Membership) => "会员计划",
        (Lang::Zh, DeepRetention) => "深度留存",
        (Lang::Zh, Vip) => "VIP 专属",
        (Lang::Zh, WakeUp) => "唤醒型活动",
        (Lang::En, Brand) => "Brand",
        (Lang::En, Acquisition) => "acquisition",
        (Lang::En, Onboarding) => "Onboarding",
        (Lang::En, FestivalSeasonal) => "festival and seasonal",
        (Lang::En, Retention) => "Retention",
        (Lang::En, Membership) => "membership",
        (Lang::En, DeepRetention) => "Deep retention",
        (Lang::En, Vip) => "VIP",
        (Lang::En, WakeUp) => "Wake-up",
    }
}

pub fn event(lang: Lang, e: Event) -> &'static str {
    use Event::*;
    match (lang, e) {
        (Lang::Zh, SpringFestival) => "春节",
        (Lang::Zh, Valentines) => "情人节",
        (Lang::Zh, WomensDay) => "三八节",
        (Lang::Zh, LabourDay) => "劳动节",
        (Lang::Zh, Qixi) => "七夕",
        (Lang::Zh, MidAutumn) => "中秋节",
        (Lang::Zh, NationalDay) => "国庆",
        (Lang::Zh, Double11And12) => "双 11 / 双 12",
        (Lang::Zh, SpringCheck) => "春季检测",
        (Lang::Zh, SummerAirCon) => "夏季空调",
        (Lang::Zh, AutumnService) => "秋季保养",
        (Lang::Zh, WinterPack) => "冬季套餐",
        (Lang::En, SpringFestival) => "Spring Festival",
        (Lang::En, Valentines) => "Valentine's Day",
        (Lang::En, WomensDay) => "Women's Day",
        (Lang::En, LabourDay) => "Labour Day",
        (Lang::En, Qixi) => "Qixi",
        (Lang::En, MidAutumn) => "Mid-Autumn",
        (Lang::En, NationalDay) => "National Day",
        (Lang::En, Double11And12) => "Double 11 / 12",
        (Lang::En, SpringCheck) => "Spring check",
        (Lang::En, SummerAirCon) => "Summer A/C",
        (Lang::En, AutumnService) => "Autumn service",
        (Lang::En, WinterPack) => "Winter pack",
    }
}

fn missing(lang: Lang, m: Missing) -> &'static str {
    match (lang, m) {
        (Lang::Zh, Missing::NoDeliveryDates) => "数据中没有交车日期列",
        (Lang::Zh, Missing::NoNps) => "数据中没有 NPS 评分",
        (Lang::Zh, Missing::NotNpsScale) => "评分不是 0–10 的推荐度",
        (Lang::Zh, Missing::NoReferrals) => "数据中没有推荐记录",
        (Lang::Zh, Missing::NoWarningLog) => "需要预警处理记录",
        (Lang::Zh, Missing::NotEnoughHistory) => "历史数据不够长",
        (Lang::Zh, Missing::NoCustomersInStage) => "这一阶段目前没有客户",
        (Lang::Zh, Missing::NoValueModel) => "无法拟合客户价值模型（见“客户价值”页）",
        (Lang::Zh, Missing::NoCohort) => "这一时间段内没有首次到店的客户",
        (Lang::Zh, Missing::NoCac) => "尚未输入获客成本（在全景图页输入）",
        (Lang::En, Missing::NoDeliveryDates) => "the data has no delivery-date column",
        (Lang::En, Missing::NoNps) => "the data has no NPS scores",
        (Lang::En, Missing::NotNpsScale) => "scores are not 0–10 recommendation scores",
        (Lang::En, Missing::NoReferrals) => "the data has no referral records",
        (Lang::En, Missing::NoWarningLog) => "needs a log of warnings handled",
        (Lang::En, Missing::NotEnoughHistory) => "not enough history",
        (Lang::En, Missing::NoCustomersInStage) => "no customers at this stage now",
        (Lang::En, Missing::NoValueModel) => {
            "no customer-value model could be fitted (see Customer value)"
        }
        (Lang::En, Missing::NoCohort) => "no customer was first seen in that window",
        (Lang::En, Missing::NoCac) => "no acquisition cost entered (enter it on the Panorama page)",
    }
}

/// A KPI's value as the dashboard shows it, or why there is none.
pub fn kpi_value(lang: Lang, k: &Kpi) -> String {
    match k.value {
        Ok(v) if k.id.is_share() => format::percent(v),
        Ok(v) if matches!(k.id, KpiId::AnnualSpend | KpiId::Ltv) => format::yuan(v, lang),
        Ok(v) if k.id == KpiId::Lifetime => format!("{v:.0}"),
        Ok(v) if k.id == KpiId::LtvToCac => format!("{v:.1}"),
        Ok(v) if k.id == KpiId::Nps => format!("{v:.1}"),
        Ok(v) => format!("{v:.2}"),
        Err(m) => PanoText::NoDataBecause {
            why: missing(lang, m).to_owned(),
        }
        .text(lang),
    }
}

/// A target's value in the KPI's own unit: "60%", "¥6,000", "0.5".
pub fn target_value(lang: Lang, id: KpiId, t: f64) -> String {
    if id.is_share() {
        format::percent_trim(t)
    } else if matches!(id, KpiId::AnnualSpend | KpiId::Ltv) {
        format::yuan(t, lang)
    } else {
        format!("{t}")
    }
}

/// A target as the editor's input shows it: shares in percent (`85`),
/// the rest in their own unit.
pub fn target_input(id: KpiId, t: f64) -> String {
    let v = if id.is_share() { t * 100.0 } else { t };
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// What the user typed into a target's input, in the KPI's own unit
/// (shares 0–1); `None` when it is not a number.
pub fn parse_target(id: KpiId, typed: &str) -> Option<f64> {
    let v = format::parse_number(typed.trim().trim_end_matches('%'))?;
    Some(if id.is_share() { v / 100.0 } else { v })
}

/// The unit after a target's input.
pub fn target_unit(lang: Lang, id: KpiId) -> &'static str {
    match (lang, id) {
        (_, id) if id.is_share() => "%",
        (Lang::Zh, KpiId::AnnualSpend | KpiId::Ltv) => "元",
        (Lang::En, KpiId::AnnualSpend | KpiId::Ltv) => "¥",
        (Lang::Zh, KpiId::Lifetime) => "个月",
        (Lang::En, KpiId::Lifetime) => "months",
        _ => "",
    }
}

/// "target > 60%".
pub fn kpi_target(lang: Lang, k: &Kpi) -> String {
    let (sign, t) = match k.target {
        Target::Above(t) => (">", t),
        Target::Below(t) => ("<", t),
    };
    PanoText::Target {
        sign: sign.to_owned(),
        value: target_value(lang, k.id, t),
    }
    .text(lang)
}

/// "target > 60% (seed 001 retention metrics)": the target and where it
/// comes from.
pub fn kpi_target_from(lang: Lang, k: &Kpi) -> String {
    PanoText::TargetFrom {
        target: kpi_target(lang, k),
        source: source(lang, k.source),
    }
    .text(lang)
}

pub fn source(lang: Lang, s: Source) -> String {
    match s {
        Source::Seed000 => PanoText::SourceSeed000,
        Source::Seed001 => PanoText::SourceSeed001,
        Source::User => PanoText::SourceUser,
    }
    .text(lang)
}

/// The scope a target applies to: all customers or a stage.
pub fn scope(lang: Lang, s: Scope) -> String {
    match s {
        Scope::Overall => PanoText::AllCustomers.text(lang),
        Scope::Stage(st) => names::stage_short(lang, st).to_owned(),
    }
}

/// Whom a stage's own figure is measured over, where that is not simply
/// the stage's customers today.
pub fn cohort(lang: Lang, scope: Scope, id: KpiId) -> Option<String> {
    match (scope, id) {
        (Scope::Stage(Stage::New), KpiId::Retention90d) => Some(PanoText::CohortNew.text(lang)),
        (Scope::Stage(Stage::Growth), KpiId::Retention12m) => {
            Some(PanoText::CohortGrowth.text(lang))
        }
        _ => None,
    }
}

/// Why a typed target was not taken, with the limits in the KPI's unit.
pub fn target_error(lang: Lang, id: KpiId, e: TargetError) -> String {
    let why = match e {
        TargetError::NotANumber | TargetError::Unknown => PanoText::TargetNotNumber.text(lang),
        TargetError::OutOfRange { min, max } => PanoText::TargetRange {
            min: target_value(lang, id, min),
            max: target_value(lang, id, max),
        }
        .text(lang),
    };
    PanoText::TargetRefused { why }.text(lang)
}

/// A status in a symbol and a word, so it never rests on colour alone.
pub fn status(lang: Lang, s: Option<Status>) -> String {
    match s {
        Some(Status::Green) => PanoText::OnTarget,
        Some(Status::Amber) => PanoText::Close,
        Some(Status::Red) => PanoText::OffTarget,
        None => PanoText::NoStatus,
    }
    .text(lang)
}

/// The dashboard's legend, with the amber band from the domain.
pub fn dashboard_hint(lang: Lang) -> String {
    PanoText::DashboardHint {
        band: format!("{:.0}%", AMBER_BAND * 100.0),
    }
    .text(lang)
}
