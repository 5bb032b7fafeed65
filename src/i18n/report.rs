//! Texts of the report page.

crate::texts! {
    pub enum ReportText {
        Title => "服务营销全景 · 报告", "Panorama · report";
        NoData => "未加载数据：客户分层、全景图与活动对比需要数据；预算规划使用当前计划。",
            "No data loaded: segments, the panorama and the campaign comparison need data; the plan is the current one.";
        Source { name: String, customers: String, as_of: String } => "数据：{name}，{customers} 位客户；截至 {as_of}。所有数字均在本浏览器中计算。",
            "Data: {name}, {customers} customers; as of {as_of}. Every figure was computed in this browser.";
        DemoData => "演示数据", "demo data";
        Print => "打印 / 另存为 PDF", "Print / save as PDF";
        BackToPlanner => "返回预算规划", "Back to the planner";
        SummaryTitle => "执行摘要", "Executive summary";
        KpisTitle => "核心指标与目标", "Headline KPIs against targets";
        ColKpi => "指标", "KPI";
        ColValue => "数值", "Value";
        ColTarget => "目标", "Target";
        ColStatus => "状态", "Status";
        SegmentsTitle => "客户分层", "Segments";
        ColSegment => "分层", "Segment";
        ColCustomers => "客户数", "Customers";
        ColShare => "占比", "Share";
        ValueTitle => "客户价值", "Customer value";
        ValueModel { model: String } => "模型：{model}（在本数据的留出期上检验）", "Model: {model} (checked on this data's held-out period)";
        ValueTotal { total: String, mean: String } => "未来 12 个月预计价值合计 {total}，人均 {mean}", "Expected value over the next 12 months: {total} in all, {mean} per customer";
        ValueGone { n: String, share: String } => "{n} 位客户（{share}）很可能已经流失", "{n} customers ({share}) have probably gone";
        ValueLtv { ltv: String } => "平均客户终身价值（LTV）{ltv}", "Mean lifetime value (LTV): {ltv}";
        ValueNone { why: String } => "无法拟合客户价值模型：{why}", "No customer-value model could be fitted: {why}";
        CampaignsTitle => "活动 A 与 B（3 个月 LTV）", "Campaign A vs B (3-month LTV)";
        NoCampaigns => "数据中没有可比较的两个活动。", "The data has no two campaigns to compare.";
        PlanTitle { rule: String } => "预算规划：优化方案与基准方案（{rule}）", "The plan: optimised vs baseline ({rule})";
        PlanBudget { budget: String } => "预算 {budget}", "Budget {budget}";
        PlanReturn { base: String, opt: String, base_ratio: String, opt_ratio: String } => "预计回报：基准 {base}（1:{base_ratio}）→ 优化 {opt}（1:{opt_ratio}）",
            "Expected return: baseline {base} (1:{base_ratio}) → optimised {opt} (1:{opt_ratio})";
        PlanRange { p10: String, p90: String, beats: String } => "在成本、转化率与价值的假设范围内（蒙特卡洛）：优化方案回报 P10–P90 为 {p10}–{p90}；{beats} 的模拟中优于基准方案。",
            "Over the assumed ranges of cost, conversion and value (Monte Carlo): optimised return P10–P90 {p10}–{p90}; it beats the baseline in {beats} of draws.";
        PlanNone => "当前计划无法优化（见预算规划）。", "The current plan cannot be optimised (see the planner).";
        Assumptions => "所有假设（成本、目标、教材数值）均已在各页标注来源，可在应用中修改。", "Every assumption (costs, targets, textbook figures) is labelled with its source on its page and can be changed in the app.";
    }
}
