//! Names of the domain's things (segments, stages, lights, tiers, campaign
//! types, fields, KPIs) in each language. Every match covers both
//! languages, so a missing name does not compile.

use crate::domain::ingest::Field;
use crate::domain::kpi::KpiId;
use crate::domain::lifecycle::Stage;
use crate::domain::planner::{CampaignType, PlanStage};
use crate::domain::rfm::Segment;
use crate::domain::tiers::Tier;
use crate::domain::warning::Light;
use crate::i18n::Lang;

/// Segment names as DOMAIN §2.1 gives them.
pub fn segment(lang: Lang, s: Segment) -> &'static str {
    use Segment::*;
    match (lang, s) {
        (Lang::Zh, Champions) => "重要价值客户",
        (Lang::Zh, Loyal) => "重要保持客户",
        (Lang::Zh, PotentialLoyalists) => "重要发展客户",
        (Lang::Zh, New) => "新客户",
        (Lang::Zh, AtRisk) => "需挽留客户",
        (Lang::Zh, Average) => "一般价值客户",
        (Lang::Zh, Hibernating) => "需唤醒客户",
        (Lang::Zh, Lost) => "已流失客户",
        (Lang::En, Champions) => "Champions",
        (Lang::En, Loyal) => "Loyal",
        (Lang::En, PotentialLoyalists) => "Potential loyalists",
        (Lang::En, New) => "New",
        (Lang::En, AtRisk) => "At risk",
        (Lang::En, Average) => "Average",
        (Lang::En, Hibernating) => "Hibernating",
        (Lang::En, Lost) => "Lost",
    }
}

/// (service standard, marketing actions) per segment, DOMAIN §2.1.
pub fn segment_strategy(lang: Lang, s: Segment) -> (&'static str, &'static str) {
    use Segment::*;
    match (lang, s) {
        (Lang::Zh, Champions) => (
            "专属服务顾问，VIP 预约通道与休息区",
            "推荐奖励、专属车主活动、新品优先体验",
        ),
        (Lang::Zh, Loyal) => (
            "稳定的服务顾问，到店即有记录可查",
            "交叉销售与保养套餐、积分加倍",
        ),
        (Lang::Zh, PotentialLoyalists) => (
            "建立信任：透明报价、进度推送",
            "会员计划、车主社群、第二次保养优惠",
        ),
        (Lang::Zh, New) => ("完美的首次保养体验", "锁定第二次到店：预约提醒与首保后回访"),
        (Lang::Zh, AtRisk) => (
            "72 小时内一对一电话回访，了解原因",
            "挽回优惠、专人跟进直到下次到店",
        ),
        (Lang::Zh, Average) => ("标准服务流程", "自动化营销：节日与季节性关怀"),
        (Lang::Zh, Hibernating) => ("低成本触达", "自动化唤醒：短信/公众号优惠券"),
        (Lang::Zh, Lost) => ("不再主动投入", "停止营销投入，仅保留被动服务"),
        (Lang::En, Champions) => (
            "Dedicated service advisor, VIP booking lane and lounge",
            "Referral rewards, exclusive owner events, early access",
        ),
        (Lang::En, Loyal) => (
            "A steady advisor who knows the car's history",
            "Up-sell, service bundles, double points",
        ),
        (Lang::En, PotentialLoyalists) => (
            "Build trust: clear quotes, progress updates",
            "Membership, owner community, second-service offer",
        ),
        (Lang::En, New) => (
            "A perfect first maintenance",
            "Lock in the second visit: booking reminder and follow-up call",
        ),
        (Lang::En, AtRisk) => (
            "A one-to-one call within 72 hours to learn why",
            "Win-back offer, a named person until the next visit",
        ),
        (Lang::En, Average) => (
            "The standard service process",
            "Automated marketing: festival and seasonal care",
        ),
        (Lang::En, Hibernating) => (
            "Low-cost contact only",
            "Automated wake-up: SMS or WeChat coupons",
        ),
        (Lang::En, Lost) => (
            "No active spend",
            "Stop marketing spend; serve them when they come",
        ),
    }
}

/// Lifecycle stages with their windows (DOMAIN §1).
pub fn stage(lang: Lang, s: Stage) -> &'static str {
    use Stage::*;
    match (lang, s) {
        (Lang::Zh, New) => "新客户期（0–3 个月）",
        (Lang::Zh, Growth) => "成长期（3–12 个月）",
        (Lang::Zh, Mature) => "成熟期（12 个月以上）",
        (Lang::Zh, Dormant) => "沉睡/流失期",
        (Lang::En, New) => "New (0–3 months)",
        (Lang::En, Growth) => "Growth (3–12 months)",
        (Lang::En, Mature) => "Mature (12+ months)",
        (Lang::En, Dormant) => "Dormant / churned",
    }
}

/// Short stage names (charts and narrow cells).
pub fn stage_short(lang: Lang, s: Stage) -> &'static str {
    plan_stage(lang, PlanStage::from(s))
}

/// The prospect stage of the panorama map (before the first purchase).
pub fn prospect_stage(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "潜在客户期",
        Lang::En => "Prospect",
    }
}

/// Warning lights, each with a symbol so colour is never the only cue.
pub fn light(lang: Lang, l: Light) -> &'static str {
    use Light::*;
    match (lang, l) {
        (Lang::Zh, Green) => "● 绿灯（正常）",
        (Lang::Zh, Yellow) => "▲ 黄灯（关注）",
        (Lang::Zh, Red) => "■ 红灯（流失风险）",
        (Lang::En, Green) => "● Green (fine)",
        (Lang::En, Yellow) => "▲ Yellow (watch)",
        (Lang::En, Red) => "■ Red (churn risk)",
    }
}

pub fn tier(lang: Lang, t: Tier) -> &'static str {
    use Tier::*;
    match (lang, t) {
        (Lang::Zh, Normal) => "普通会员",
        (Lang::Zh, Silver) => "银卡",
        (Lang::Zh, Gold) => "金卡",
        (Lang::Zh, Diamond) => "钻石卡",
        (Lang::En, Normal) => "Normal",
        (Lang::En, Silver) => "Silver",
        (Lang::En, Gold) => "Gold",
        (Lang::En, Diamond) => "Diamond",
    }
}

/// Campaign type names (DOMAIN §1/§3).
pub fn campaign_type(lang: Lang, t: CampaignType) -> &'static str {
    use CampaignType::*;
    match (lang, t) {
        (Lang::Zh, Acquisition) => "获客型",
        (Lang::Zh, Onboarding) => "新手培养",
        (Lang::Zh, Retention) => "留存型",
        (Lang::Zh, Value) => "价值深挖（VIP）",
        (Lang::Zh, WakeUp) => "唤醒型",
        (Lang::Zh, Festival) => "节日/季节",
        (Lang::Zh, Brand) => "品牌",
        (Lang::En, Acquisition) => "Acquisition",
        (Lang::En, Onboarding) => "Onboarding",
        (Lang::En, Retention) => "Retention",
        (Lang::En, Value) => "VIP / value",
        (Lang::En, WakeUp) => "Wake-up",
        (Lang::En, Festival) => "Festival / seasonal",
        (Lang::En, Brand) => "Brand",
    }
}

/// Short stage names for plan cells, prospects included.
pub fn plan_stage(lang: Lang, s: PlanStage) -> &'static str {
    use PlanStage::*;
    match (lang, s) {
        (Lang::Zh, Prospect) => "潜在客户",
        (Lang::Zh, New) => "新客户",
        (Lang::Zh, Growth) => "成长期",
        (Lang::Zh, Mature) => "成熟期",
        (Lang::Zh, Dormant) => "沉睡/流失",
        (Lang::En, Prospect) => "Prospects",
        (Lang::En, New) => "New",
        (Lang::En, Growth) => "Growth",
        (Lang::En, Mature) => "Mature",
        (Lang::En, Dormant) => "Dormant",
    }
}

/// "留存型 × 成长期": a plan cell's name.
pub fn plan_cell(lang: Lang, t: CampaignType, s: PlanStage) -> String {
    format!("{} × {}", campaign_type(lang, t), plan_stage(lang, s))
}

/// A field's name for labels.
pub fn field(lang: Lang, f: Field) -> &'static str {
    use Field::*;
    match (lang, f) {
        (Lang::Zh, Customer) => "客户ID",
        (Lang::Zh, Date) => "到店日期",
        (Lang::Zh, Amount) => "金额",
        (Lang::Zh, Campaign) => "活动/渠道",
        (Lang::Zh, Delivery) => "交车日期",
        (Lang::Zh, Nps) => "NPS/满意度",
        (Lang::Zh, Complaint) => "投诉",
        (Lang::Zh, Store) => "门店/区域",
        (Lang::En, Customer) => "Customer ID",
        (Lang::En, Date) => "Visit date",
        (Lang::En, Amount) => "Amount",
        (Lang::En, Campaign) => "Campaign / channel",
        (Lang::En, Delivery) => "Delivery date",
        (Lang::En, Nps) => "NPS / satisfaction",
        (Lang::En, Complaint) => "Complaint",
        (Lang::En, Store) => "Store / region",
    }
}

/// KPI names (DOMAIN §5).
pub fn kpi(lang: Lang, id: KpiId) -> &'static str {
    use KpiId::*;
    match (lang, id) {
        (Lang::Zh, Retention30d) => "30 天复购率",
        (Lang::Zh, Retention90d) => "3 个月留存率",
        (Lang::Zh, Retention12m) => "12 个月留存率",
        (Lang::Zh, ActiveShare) => "活跃客户占比（90 天内到店）",
        (Lang::Zh, SilentShare) => "沉默客户占比",
        (Lang::Zh, ChurnAnnual) => "年流失率",
        (Lang::Zh, RepurchaseRate) => "复购率（≥ 2 次到店）",
        (Lang::Zh, AnnualSpend) => "年消费额（人均）",
        (Lang::Zh, VisitsPerMonth) => "月均到店频次",
        (Lang::Zh, FirstMaintenanceArrival) => "首保到店率",
        (Lang::Zh, Nps) => "NPS",
        (Lang::Zh, WakeUpRate) => "唤醒率",
        (Lang::Zh, PostWakeUpRetention) => "唤醒后留存率",
        (Lang::Zh, WarningRecognition) => "预警识别率",
        (Lang::Zh, Referral) => "推荐率",
        (Lang::Zh, Ltv) => "客户终身价值 LTV（人均）",
        (Lang::Zh, Lifetime) => "客户生命周期（中位数，月）",
        (Lang::Zh, LtvToCac) => "LTV / 获客成本",
        (Lang::En, Retention30d) => "30-day repeat rate",
        (Lang::En, Retention90d) => "3-month retention",
        (Lang::En, Retention12m) => "12-month retention",
        (Lang::En, ActiveShare) => "Active share (visit in 90 days)",
        (Lang::En, SilentShare) => "Silent share",
        (Lang::En, ChurnAnnual) => "Annual churn",
        (Lang::En, RepurchaseRate) => "Repurchase rate (≥ 2 visits)",
        (Lang::En, AnnualSpend) => "Annual spend per customer",
        (Lang::En, VisitsPerMonth) => "Visits per month",
        (Lang::En, FirstMaintenanceArrival) => "First-maintenance arrival",
        (Lang::En, Nps) => "NPS",
        (Lang::En, WakeUpRate) => "Wake-up rate",
        (Lang::En, PostWakeUpRetention) => "Post-wake-up retention",
        (Lang::En, WarningRecognition) => "Warning recognition",
        (Lang::En, Referral) => "Referral rate",
        (Lang::En, Ltv) => "Lifetime value (LTV) per customer",
        (Lang::En, Lifetime) => "Customer lifetime (median, months)",
        (Lang::En, LtvToCac) => "LTV / acquisition cost",
    }
}

/// Month names for the calendar (1 = January).
pub fn month(lang: Lang, m: u32) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => EN[(m.clamp(1, 12) - 1) as usize].to_owned(),
    }
}
