//! Texts of the Segments view: the table, charts, strategy cards,
//! settings and the drill-down list.

use crate::domain::rfm::Placement;
use crate::engine::protocol::DrillRow;
use crate::i18n::{format, names, Lang, Text};

crate::texts! {
    pub enum SegText {
        Title => "客户分层", "Segments";
        Intro => "按 RFM（最近到店 R、到店频次 F、消费金额 M）给每位客户打 1–5 分，并归入 8 个客户群；同时给出生命周期阶段、流失预警灯和会员等级。",
            "Every customer gets R (recency), F (frequency) and M (monetary) scores of 1–5 and one of 8 groups, plus a lifecycle stage, a churn warning light and a member tier.";
        Settings => "设置", "Settings";
        Scoring => "评分方式", "Scoring";
        Quantile => "五分位（按客户排名）", "Quintiles (rank among customers)";
        Business => "业务阈值", "Business thresholds";
        RDays => "R：最近到店不超过（天），对应 5/4/3/2 分", "R: days since last visit at most, for 5/4/3/2";
        FVisits => "F：近 12 个月到店至少（次），对应 5/4/3/2 分", "F: visits in the last 12 months at least, for 5/4/3/2";
        MSpend => "M：近 12 个月消费至少（元），对应 5/4/3/2 分", "M: spend in the last 12 months at least (yuan), for 5/4/3/2";
        ScoreInput { what: String, score: u8 } => "{what} {score} 分", "{what} for score {score}";
        DormantDays => "沉睡阈值（天未到店）", "Dormant after (days without a visit)";
        WarningPreset => "预警灯规则", "Warning lights";
        PresetA => "方案 A：仅按未到店天数", "Preset A: days since last visit";
        PresetB => "方案 B：天数 + NPS + 投诉", "Preset B: days + NPS + complaints";
        GreenMax => "绿灯最多（天）", "Green up to (days)";
        YellowMax => "黄灯最多（天）", "Yellow up to (days)";
        TierSpend => "会员等级：银/金/钻石 年消费（元）", "Tiers: Silver/Gold/Diamond annual spend (yuan)";
        TierVisits => "会员等级：银/金/钻石 年到店（次）", "Tiers: Silver/Gold/Diamond annual visits";
        TierInput { tier: String } => "{tier}", "{tier}";
        Boxes => "客户群评分区间（按优先级排列：先落入哪个区间就归哪一群；都不落入时归最近的区间）",
            "Segment boxes (in priority order: a customer takes the first box holding its scores, else the nearest)";
        BoxBound { segment: String, dim: String, end: String } => "{segment} · {dim} {end}", "{segment} · {dim} {end}";
        Min => "下限", "min";
        Max => "上限", "max";
        ResetBoxes => "恢复默认区间", "Reset the boxes";
        Segment => "客户群", "Segment";
        Customers => "客户数", "Customers";
        Share => "客户占比", "Share";
        Typical => "参考占比", "Typical";
        RevenueShare => "收入占比", "Revenue share";
        AvgSpend => "人均消费", "Avg spend";
        AvgVisits => "人均到店", "Avg visits";
        AvgRecency => "平均未到店天数", "Avg days since visit";
        Budget => "建议预算占比", "Budget share";
        BudgetNote => "建议预算占比：来源文档的比例（重要价值 30%、重要保持 25%、重要发展 20%、新客户 15%、重要挽留 15%、一般价值 8%、一般保持 2%、流失 0%）只在有客户的客户群之间按比例换算成 100%；没有客户的客户群不分预算。",
            "Budget share: the source document's shares (Champions 30%, Loyal 25%, Potential loyalists 20%, New 15%, At risk 15%, Average 8%, Hibernating 2%, Lost 0%), rescaled to 100% over the segments that have customers; a segment with none gets no budget.";
        Empty => "无客户", "none";
        ChartSegments => "客户群规模与收入占比", "Segment sizes and revenue share";
        ChartHeat => "R × F 热力图", "R × F heat map";
        HeatAxisF => "F（到店频次得分）→", "F (frequency score) →";
        ChartStages => "生命周期阶段", "Lifecycle stages";
        ChartLights => "流失预警灯", "Warning lights";
        ChartTiers => "会员等级", "Member tiers";
        Strategies => "分层策略", "Strategy by segment";
        Service => "服务标准", "Service standard";
        Actions => "营销动作", "Marketing actions";
        DrillTitle => "客户明细", "Customers";
        DrillHint => "点击表格行、图表格子或阶段/灯/等级查看对应客户。", "Click a table row, a heat-map cell, a stage, a light or a tier to list its customers.";
        ExportDrill => "导出此列表（CSV）", "Export this list (CSV)";
        ExportAll => "导出全部客户（CSV）", "Export all customers (CSV)";
        ExportXlsx => "导出 Excel（中文表头与取值）", "Export for Excel (.xlsx)";
        ExportXlsxHint => "CSV 供系统导入（英文字段）；Excel 供人阅读：表头与客户群、阶段等取值均为当前语言，日期与金额带格式，首行冻结。",
            "The CSV is for machines (snake_case ids); the Excel file is for people: headers and values in the current language, dates and money formatted, the header row frozen.";
        SheetCustomers => "客户名单", "Customers";
        FirstVisit => "首次到店", "First visit";
        ScoreR => "R 分", "R score";
        ScoreF => "F 分", "F score";
        ScoreM => "M 分", "M score";
        Visits12m => "近 12 个月到店次数", "Visits in the last 12 months";
        Spend12m => "近 12 个月消费（元）", "Spend in the last 12 months (yuan)";
        ExpectedVisits365 => "未来 12 个月预期到店次数", "Expected visits in the next 12 months";
        Why => "分群依据", "Why here";
        Prev => "上一页", "Previous";
        Next => "下一页", "Next";
        PageOf { page: usize, pages: usize } => "第 {page} / {pages} 页", "Page {page} of {pages}";
        CustomerId => "客户ID", "Customer";
        LastVisit => "最近到店", "Last visit";
        Recency => "未到店天数", "Days since visit";
        Frequency => "到店次数", "Visits";
        Monetary => "累计消费", "Spend";
        Stage => "阶段", "Stage";
        Light => "预警灯", "Light";
        Tier => "等级", "Tier";
        Clv => "12 个月 CLV", "12-month CLV";
        PresetC => "方案 C：按模型估计的 P(alive)", "Preset C: the model's P(alive)";
        GreenMinP => "绿灯 P(alive) 至少（%）", "Green from P(alive) (%)";
        YellowMinP => "黄灯 P(alive) 至少（%）", "Yellow from P(alive) (%)";
        LightsWithoutModel => "没有可用的客户价值模型：预警灯暂按方案 A（未到店天数）计算。", "No customer-value model could be fitted: the lights follow preset A (days since the last visit).";
        OrderedByValue => "列表按 12 个月 CLV 从高到低排列：电话能挽回的最有价值客户在前；P(alive) < 5% 的客户标为“很可能已流失”。", "Lists are ordered by 12-month CLV, highest first: the most valuable customers a call can still reach lead; customers with P(alive) < 5% are marked “probably gone”.";
        AsOf => "分析基准日", "As of";
        EmptyLevels { parts: String } => "以下评分等级没有客户（数值相同的客户得分相同）：{parts}。",
            "No customer has these scores (equal values score alike): {parts}.";
        HeatCell { r: u8, f: u8, n: String } => "R {r} × F {f}：{n} 位客户", "R {r} × F {f}: {n} customers";
        CountShare { n: String, share: String } => "{n} · {share}", "{n} · {share}";
        RevenueBar { share: String } => "收入占比 {share}", "Revenue share {share}";
        WhyScores { r: u8, days: u32, f: u8, visits: u32, m: u8, spend: String } =>
            "R {r}（{days} 天）· F {f}（{visits} 次）· M {m}（{spend}）",
            "R {r} ({days} days) · F {f} ({visits} visits) · M {m} ({spend})";
        InBox { segment: String } => "落在“{segment}”的评分区间内", "inside the {segment} box";
        Nearest { segment: String, distance: u32 } => "不在任何区间内，归入最近的“{segment}”（相差 {distance} 分）",
            "in no box; nearest is {segment} (score distance {distance})";
        Because { scores: String, rule: String } => "{scores} → {rule}", "{scores} → {rule}";
    }
}

/// Why a customer is in its segment, in the user's language.
pub fn why(lang: Lang, c: &DrillRow) -> String {
    let segment = names::segment(lang, c.segment).to_owned();
    let scores = SegText::WhyScores {
        r: c.scores.r,
        days: c.recency_days,
        f: c.scores.f,
        visits: c.frequency,
        m: c.scores.m,
        spend: format::money(c.monetary, lang),
    }
    .text(lang);
    let rule = match c.placement {
        Placement::InBox => SegText::InBox { segment },
        Placement::Nearest { distance } => SegText::Nearest { segment, distance },
    }
    .text(lang);
    SegText::Because { scores, rule }.text(lang)
}

/// A drilled group's name: a segment, a stage, a light, a tier or a cell.
pub fn group(lang: Lang, g: crate::domain::segmentation::Group) -> String {
    use crate::domain::segmentation::Group;
    match g {
        Group::All => SegText::DrillTitle.text(lang),
        Group::Segment(s) => names::segment(lang, s).to_owned(),
        Group::Stage(s) => names::stage(lang, s).to_owned(),
        Group::Light(l) => names::light(lang, l).to_owned(),
        Group::Tier(t) => names::tier(lang, t).to_owned(),
        Group::Cell(r, f) => format!("R {r} × F {f}"),
    }
}
