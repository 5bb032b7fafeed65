//! Texts of the Campaign A vs B view: pickers, the side-by-side table, the
//! verdict, charts, every campaign, and the what-if scenario.

use crate::domain::campaign::{ScenarioProblem, Side, Verdict};
use crate::i18n::{format, Lang, Text};

crate::texts! {
    pub enum CampText {
        Title => "活动对比：按 3 个月 LTV 评估", "Campaign A vs B by 3-month LTV";
        Intro => "首日指标（到店率、首次转化）领先的活动，3 个月后客户价值未必领先。本页按每位客户 3 个月 LTV（含 95% 置信区间）比较您数据中的两个活动；下方的结论只根据您的数据得出。",
            "A campaign that leads on day-one numbers (arrival, first conversion) may not lead on what its customers are worth three months later. This view compares two campaigns of your data by 3-month LTV per customer, with a 95% interval; the verdict below follows from your data alone.";
        NoCampaignColumn => "数据中没有活动/渠道列，无法按活动分组；可以使用下方的情景模拟。",
            "The data has no campaign column to group by; use the scenario below.";
        NoDataScenario => "尚未加载数据：可在“数据”页加载，或使用下方的情景模拟。",
            "No data loaded: load some on the Data page, or use the scenario below.";
        GoToData => "前往数据页", "Go to Data";
        CompareTitle => "从数据中比较", "Compare from your data";
        CampaignA => "活动 A", "Campaign A";
        CampaignB => "活动 B", "Campaign B";
        CostA => "A 人均成本（元）", "A cost per person (yuan)";
        CostB => "B 人均成本（元）", "B cost per person (yuan)";
        PickerOption { name: String, n: String } => "{name}（{n} 位）", "{name} ({n})";
        SideBySide => "并排比较", "Side by side";
        Metric => "指标", "Metric";
        ColumnA { name: String } => "A · {name}", "A · {name}";
        ColumnB { name: String } => "B · {name}", "B · {name}";
        Difference => "B − A", "B − A";
        CompleteCustomers => "已满 3 个月的客户", "Customers with 3 full months";
        TooRecent => "未满 3 个月（不计入）", "Too recent to count";
        Retention3m => "3 个月留存率", "3-month retention";
        Ltv3m => "3 个月 LTV（人均）", "3-month LTV per customer";
        Ltv3mCi => "3 个月 LTV 95% 置信区间", "3-month LTV 95% CI";
        Retention30d => "30 天留存率", "30-day retention";
        Ltv30d => "30 天 LTV", "30-day LTV";
        Retention12m => "12 个月留存率", "12-month retention";
        Ltv12m => "12 个月 LTV", "12-month LTV";
        CostPerPerson => "人均成本", "Cost per person";
        Predicted12m => "模型预测 12 个月价值（人均）", "Model-predicted 12-month value per customer";
        CltvRoi => "按 CLTV 修正的净 ROI", "CLTV-corrected net ROI";
        ReturnRatio => "投入产出比（3 个月 LTV ÷ 成本）", "Return ratio (3-month LTV ÷ cost)";
        NetRoi => "净 ROI（(LTV − 成本) ÷ 成本）", "Net ROI ((LTV − cost) ÷ cost)";
        EnterCost => "请输入成本", "enter a cost";
        AssumedCost => "假设值：来源文档的示例成本，不是您的数据。请填写实际人均成本。",
            "Assumed: the source document's example cost, not your data. Type your actual cost per person.";
        Ci { low: String, high: String } => "{low} – {high}", "{low} – {high}";
        Tests { welch: String, z: String } => "LTV 差异 Welch 检验：{welch} · 留存率双比例检验：{z}",
            "Welch test on LTV: {welch} · Two-proportion test on retention: {z}";
        SmallSample { min: usize } => "样本不足：每组至少需要 {min} 位已满 3 个月的客户，结论仅供参考。",
            "Small sample: each cohort needs at least {min} customers with 3 full months; read the result with care.";
        VerdictTooSmall { a: String, na: String, b: String, nb: String, min: usize } =>
            "样本太少，无法判断：{a} 有 {na} 位、{b} 有 {nb} 位已满 3 个月的客户，每组至少需要 {min} 位。",
            "Too few customers to tell: {a} has {na} and {b} has {nb} with a complete 3-month window; each needs at least {min}.";
        VerdictNoData => "无数据：无法计算差异。", "No data: the difference cannot be computed.";
        VerdictNoDifference { a: String, b: String, low: String, high: String } =>
            "两者 3 个月 LTV 没有显著差异（{b} − {a} 的 95% 置信区间为 {low} 至 {high}）。",
            "No significant difference in 3-month LTV (95% CI of {b} − {a}: {low} to {high}).";
        VerdictWinner { winner: String, amount: String, low: String, high: String } =>
            "{winner} 每位客户 3 个月多带来 {amount}（95% 置信区间 {low} – {high}）",
            "{winner} brings {amount} more per customer in 3 months (95% CI {low} – {high})";
        DayOneOnly { loser: String } => "；{loser} 只在首日消费上看起来更好。", "; {loser} looks better on day one only.";
        FullStop => "。", ".";
        ChartRevenue => "人均累计收入（阴影为 95% 区间）", "Cumulative revenue per customer (band: 95% interval)";
        ChartRevenueLabel => "人均累计收入曲线", "Cumulative revenue curves";
        ChartRetention => "留存曲线：到某天为止有再次到店的比例", "Retention: share with a repeat visit by each day";
        ChartRetentionLabel => "留存曲线", "Retention curves";
        DaysAfterStart => "开始后天数", "days after start";
        AllTitle => "全部活动（3 个月窗口）", "Every campaign (3-month window)";
        Export => "导出活动对比（CSV）", "Export campaigns (CSV)";
        Campaign => "活动", "Campaign";
        CustomersComplete => "客户数（已满 3 个月）", "Customers (3 full months)";
        TooRecentShort => "未满 3 个月", "Too recent";
        Ci95 => "95% 置信区间", "95% CI";
        ScenarioTitle => "情景模拟（无需数据）", "Scenario (no data needed)";
        ScenarioHint { runs: String } => "不确定的数字可填范围（低–高）；蒙特卡洛模拟 {runs} 次（固定种子，可复现）。",
            "Give a range (low–high) where you are unsure; {runs} Monte Carlo runs, seeded and reproducible.";
        ScenarioA => "A 首保免费", "A Free first maintenance";
        ScenarioB => "B 新车守护计划", "B New-car guardian plan";
        ScCost => "人均成本（元）", "Cost per person (yuan)";
        ScArrival => "到店率 %", "Arrival rate %";
        ScConversion => "首次转化 %", "First conversion %";
        ScRetention => "3 个月留存 %", "3-month retention %";
        ScLtv => "3 个月 LTV（元）", "3-month LTV (yuan)";
        RangeEnd { row: String, side: String, end: String } => "{side} · {row} · {end}", "{side} · {row} · {end}";
        Low => "下限", "low";
        High => "上限", "high";
        DayOne { a: String, b: String } => "首日转化（到店率 × 首次转化）：A {a}，B {b}。",
            "Day one (arrival × first conversion): A {a}, B {b}.";
        ReturnA => "A 每元回报（3 个月 LTV ÷ 成本）", "A return per yuan (3-month LTV ÷ cost)";
        ReturnB => "B 每元回报", "B return per yuan";
        Band { p10: String, p50: String, p90: String } => "{p50}（P10 {p10} – P90 {p90}）", "{p50} (P10 {p10} – P90 {p90})";
        PBeats => "B 优于 A 的概率", "Probability that B beats A";
        RangeOrder => "有区间的下限高于上限：请把低的数填在前面。", "A range's low end is above its high end: put the lower figure first.";
        NotPositive => "人均成本必须大于 0，金额不能为负。", "Costs must be above 0 and amounts cannot be negative.";
        RateBounds => "比率必须在 0–100% 之间。", "Rates must be between 0 and 100%.";
    }
}

/// The demo's campaigns in English (the data's own names stay as they are).
const DEMO_NAMES: [(&str, &str); 8] = [
    ("首保免费", "Free first maintenance"),
    ("新车守护计划", "New-car guardian plan"),
    ("沉睡唤醒", "Dormant wake-up"),
    ("春节关怀", "Spring Festival care"),
    ("春季检测", "Spring check"),
    ("夏季空调检测", "Summer A/C check"),
    ("国庆自驾护航", "National Day road-trip care"),
    ("双11养护节", "Double 11 service festival"),
];

/// A campaign's name in `lang`: the demo's are bilingual, a file's as written.
pub fn campaign_name(lang: Lang, name: &str, is_demo: bool) -> String {
    match lang {
        Lang::En if is_demo => DEMO_NAMES
            .iter()
            .find(|(zh, _)| *zh == name)
            .map_or(name, |(_, en)| en)
            .to_owned(),
        _ => name.to_owned(),
    }
}

/// The verdict in one sentence; `a` and `b` are the campaigns' names.
pub fn verdict(lang: Lang, a: &str, b: &str, v: &Verdict) -> String {
    let money = |x: f64| format::yuan(x, lang);
    match *v {
        Verdict::TooSmall { a: na, b: nb, min } => CampText::VerdictTooSmall {
            a: a.to_owned(),
            na: format::count(na as u64),
            b: b.to_owned(),
            nb: format::count(nb as u64),
            min,
        }
        .text(lang),
        Verdict::NoData => CampText::VerdictNoData.text(lang),
        Verdict::NoDifference { low, high } => CampText::VerdictNoDifference {
            a: a.to_owned(),
            b: b.to_owned(),
            low: format::yuan_signed(low, lang),
            high: format::yuan_signed(high, lang),
        }
        .text(lang),
        Verdict::Winner {
            winner,
            amount,
            low,
            high,
            day_one_reversal,
        } => {
            let (win, lose) = match winner {
                Side::A => (a, b),
                Side::B => (b, a),
            };
            let mut s = CampText::VerdictWinner {
                winner: win.to_owned(),
                amount: money(amount),
                low: money(low),
                high: money(high),
            }
            .text(lang);
            s.push_str(&if day_one_reversal {
                CampText::DayOneOnly {
                    loser: lose.to_owned(),
                }
                .text(lang)
            } else {
                CampText::FullStop.text(lang)
            });
            s
        }
    }
}

pub fn scenario_problem(lang: Lang, p: ScenarioProblem) -> String {
    match p {
        ScenarioProblem::RangeOrder => CampText::RangeOrder,
        ScenarioProblem::NotPositive => CampText::NotPositive,
        ScenarioProblem::RateBounds => CampText::RateBounds,
    }
    .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_reads_in_both_languages() {
        let v = Verdict::Winner {
            winner: Side::B,
            amount: 2600.0,
            low: 2400.0,
            high: 2800.0,
            day_one_reversal: true,
        };
        assert_eq!(
            verdict(Lang::En, "A", "B", &v),
            "B brings ¥2,600.00 more per customer in 3 months (95% CI ¥2,400.00 – ¥2,800.00); A looks better on day one only."
        );
        assert_eq!(
            verdict(Lang::Zh, "甲", "乙", &v),
            "乙 每位客户 3 个月多带来 2,600.00元（95% 置信区间 2,400.00元 – 2,800.00元）；甲 只在首日消费上看起来更好。"
        );
        let v = Verdict::NoDifference {
            low: -21.0,
            high: 5.0,
        };
        assert_eq!(
            verdict(Lang::En, "A", "B", &v),
            "No significant difference in 3-month LTV (95% CI of B − A: −¥21.00 to +¥5.00)."
        );
        assert_eq!(
            campaign_name(Lang::En, "首保免费", true),
            "Free first maintenance"
        );
        assert_eq!(campaign_name(Lang::En, "首保免费", false), "首保免费");
        assert_eq!(campaign_name(Lang::Zh, "首保免费", true), "首保免费");
    }
}
