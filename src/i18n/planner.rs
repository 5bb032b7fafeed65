//! Texts of the Budget planner: budget and baseline, the summary, the
//! cells, curves, goal-seek, uncertainty and scenarios.

use crate::domain::planner::scenario::BaselineRule;
use crate::domain::planner::uncertainty::Param;
use crate::i18n::Lang;

crate::texts! {
    pub enum PlanText {
        Title => "预算规划：把预算投在回报最高的生命周期环节", "Budget planner: put the budget where the lifecycle returns most";
        Intro => "每个单元格是一类活动 × 一个客户阶段；投入越多、边际回报越低。优化器在总预算内让每个单元格的边际回报相等，并与基准方案比较。（行业案例中，同样的预算按生命周期重新分配后，投资回报比从 1:3.2 提升到 1:8.7；下面的数字按您的数据和假设计算。）",
            "Each cell is a campaign type aimed at a stage; each extra yuan in a cell returns less than the one before. The optimiser spends the budget so that every cell's marginal return is equal, and compares the result with a baseline. (In an industry case, re-arranging the same budget along the lifecycle lifted the return ratio from 1:3.2 to 1:8.7; the figures below are computed from your data and assumptions.)";
        SourceData { n: String } => "受众来自已加载的数据：{n} 位客户按阶段计数；潜在客户池默认是近 12 个月新客数的 10 倍，可修改。",
            "Audiences come from the loaded data: {n} customers counted by stage; the prospect pool defaults to ten times the last 12 months' new customers, and is yours to change.";
        ProspectPool => "潜在客户池（人）", "Prospect pool (people)";
        ProspectPoolData { acquired: String, pool: String } => "获客与品牌单元格的受众。默认值：近 12 个月新客 {acquired} 人 × 10 = {pool} 人（按获客转化率中值 10%，触达整个池子约能再赢得一年的新客）。",
            "The audience of the acquisition and brand cells. Default: {acquired} new customers in the last 12 months × 10 = {pool} (at acquisition's 10% midpoint conversion, working the whole pool would win a year's intake again).";
        ProspectPoolExample => "获客与品牌单元格的受众。未加载数据时默认 40,000 人（示例值：一个中等规模区域网络）。",
            "The audience of the acquisition and brand cells. With no data loaded the default is 40,000 (an example figure: a mid-size regional network).";
        SourceExample => "尚未加载数据：受众为示例值（一个中等规模区域网络），可直接修改，或导入情景文件。",
            "No data loaded: audiences are example figures (a mid-size regional network); edit them or import a scenario file.";
        ResetFromData => "按数据重置计划", "Reset the plan from the data";
        ResetDefault => "恢复默认计划", "Reset to the default plan";
        LoadData => "加载数据", "Load data";
        Focus { stage: String } => "已突出显示“{stage}”阶段的单元格。", "Cells for the {stage} stage are highlighted.";
        ClearFocus => "取消突出显示", "Clear highlight";
        LinkOpened => "已打开情景链接中的计划。", "The plan from the scenario link is open.";
        LinkError { why: String } => "无法打开情景链接：{why} 当前计划未改动。", "Could not open the scenario link: {why} The current plan is unchanged.";
        BudgetTitle => "总预算与基准方案", "Budget and baseline";
        Budget => "总预算（元）", "Total budget (yuan)";
        Slider => "拖动调整预算（实时重新优化）", "Drag to change the budget (re-optimises as you go)";
        BaselinePlan => "基准方案（对照）", "Baseline plan (to compare with)";
        Unused { used: String, unused: String } => "每个单元格都已达到最高投入或饱和点（3 × 人均成本 × 受众）：只能用掉 {used}，还有 {unused} 无处可投。提高最高投入、扩大受众或添加单元格。",
            "Every cell is at its maximum spend or saturated (3 × cost per person × audience): the plan can use {used}, and {unused} of the budget has nowhere to go. Raise the maximums, widen the audiences or add cells.";
        BaselineSaturated { moved: String, unspent: String } => "基准规则会让部分单元格的投入超过饱和点（3 × 人均成本 × 受众）：其中 {moved} 已按触达成本比例移到尚未饱和的单元格，{unspent} 无处可投、未计入基准投入。",
            "The baseline rule would put more than saturation (3 × cost per person × audience) into some cells: {moved} of it was moved to cells with room, in proportion to the cost of reaching them, and {unspent} has nowhere to go and is not spent.";
        EmptyAudience { cell: String } => "“{cell}”的受众为 0（数据中这一阶段没有客户），不分配投入。如有名单，请填写受众人数。",
            "{cell} has an audience of 0 (no customers at this stage in the data), so it gets no spend. Type an audience if you have a list.";
        SaturationNote => "每个单元格的投入不超过饱和点 3 × 人均成本 × 受众（此时已触达 95% 的受众），基准方案与优化方案都一样。",
            "No cell gets more than its saturation point, 3 × cost per person × audience (95% of the audience reached), in the baseline and the optimised plan alike.";
        Reoptimised { cells: usize } => "已按等边际回报重新优化（{cells} 个单元格）。", "Re-optimised for equal marginal return ({cells} cells).";
        SummaryTitle { rule: String } => "基准方案（{rule}）与优化方案", "Baseline ({rule}) vs optimised";
        Baseline => "基准方案", "Baseline";
        Optimised => "优化方案", "Optimised";
        Change => "变化", "Change";
        Spend => "投入", "Spend";
        Conversions => "预期转化人数", "Expected conversions";
        Return => "预期回报", "Expected return";
        Ratio => "投资回报比", "Return ratio";
        Roi => "净 ROI", "Net ROI";
        NothingSpent => "无数据：基准方案没有投入", "no data: the baseline spends nothing";
        NotComputable => "无法计算：请先修正上面的问题", "cannot be computed: fix the problem above first";
        RatioNote => "投资回报比 1:x = 预期回报 ÷ 投入；净 ROI =（预期回报 − 投入）÷ 投入。",
            "Return ratio 1:x = expected return ÷ spend; net ROI = (expected return − spend) ÷ spend.";
        CellsTitle => "活动 × 阶段单元格", "Cells: campaign type × stage";
        CellsHint => "默认值：人均成本与转化率取行业参考区间的中点；转化价值取数据中该阶段客户的 12 个月消费（无数据时按参考回报比推算）。修改任意数字即重新优化；边际回报 = 再投 1 元的预期回报。",
            "Defaults: cost per person and conversion at the midpoints of the industry reference ranges; value per conversion from the data's 12-month spend of the stage (without data, from the reference return ratio). Change any figure and the plan re-optimises; marginal return = the return of one more yuan.";
        CampaignType => "活动类型", "Campaign type";
        Stage => "阶段", "Stage";
        Audience => "受众人数", "Audience";
        CostPerPerson => "人均成本（元）", "Cost / person (¥)";
        ConversionPct => "转化率 %", "Conversion %";
        ValuePerConversion => "转化价值（元）", "Value / conversion (¥)";
        MinSpend => "最低投入", "Min spend";
        MaxSpend => "最高投入", "Max spend";
        BaselineSpend => "基准投入", "Baseline spend";
        OptimisedSpend => "优化投入", "Optimised spend";
        ExpectedConversions => "预期转化", "Conversions";
        ExpectedReturn => "预期回报", "Return";
        Marginal => "边际回报", "Marginal return";
        Remove { cell: String } => "删除 {cell}", "Remove {cell}";
        RemoveHeader => "删除", "Remove";
        FieldAudience => "受众人数", "audience";
        FieldCost => "人均成本（元）", "cost per person (yuan)";
        FieldConversion => "转化率（%）", "conversion rate (%)";
        FieldValue => "每次转化价值（元）", "value per conversion (yuan)";
        FieldMin => "最低投入（元）", "minimum spend (yuan)";
        FieldMax => "最高投入（元，留空为不限）", "maximum spend (yuan, blank for none)";
        FieldBaseline => "基准投入（元）", "baseline spend (yuan)";
        FieldLabel { cell: String, what: String } => "{cell} · {what}", "{cell} · {what}";
        AddCell => "添加单元格", "Add cell";
        AlreadyIn { cell: String } => "“{cell}”已在计划中。", "“{cell}” is already in the plan.";
        StageSpendTitle => "各阶段投入：优化方案（彩色）与基准方案（灰色）", "Spend by stage: optimised (colour) and baseline (grey)";
        StageSpendLabel => "各阶段投入对比", "Spend by stage";
        BaselineReturn => "基准回报", "Baseline return";
        OptimisedReturn => "优化回报", "Optimised return";
        BarOptimised { spend: String, share: String } => "优化 {spend}（{share}）", "optimised {spend} ({share})";
        BarBaseline { spend: String, share: String } => "基准 {spend}（{share}）", "baseline {spend} ({share})";
        CurvesTitle => "响应曲线：投入越多，边际回报越低", "Response curves: each extra yuan returns less";
        CurvesHint => "回报 R(x) = 转化价值 × 转化率 × 受众 × (1 − e^(−x ÷ (人均成本 × 受众)))。实心点为优化方案，空心圈为基准方案。",
            "Return R(x) = value × conversion × audience × (1 − e^(−x ÷ (cost per person × audience))). Filled dot: optimised plan; open ring: baseline.";
        CurveLabel { cell: String } => "响应曲线 {cell}", "Response curve {cell}";
        OptimisedMark => "优化", "optimised";
        BaselineMark => "基准", "baseline";
        GoalTitle => "目标倒推：多少预算能达到目标？", "Goal-seek: what budget reaches a goal?";
        Goal => "目标", "Goal";
        GoalRatio => "投资回报比 1:x", "Return ratio 1:x";
        GoalRetained => "留住/唤回的老客户人数", "Existing customers kept or won back";
        GoalX => "x =", "x =";
        GoalCustomers => "人数", "customers";
        GoalRun => "计算", "Find the budget";
        GoalApply => "采用这个预算", "Use this budget";
        GoalPositive => "请输入大于 0 的目标值。", "Enter a target above 0.";
        GoalRatioReached { budget: String, target: String, ratio: String, ret: String } =>
            "预算最多 {budget}，优化方案的投资回报比仍能达到 1:{target}（此时 {ratio}，预期回报 {ret}）。",
            "Up to a budget of {budget} the optimised plan still returns 1:{target} (there: {ratio}, expected return {ret}).";
        GoalRetainedReached { budget: String, n: String, ratio: String } =>
            "至少需要预算 {budget}，优化方案才能留住/唤回 {n} 位老客户（投资回报比 {ratio}）。",
            "A budget of at least {budget} lets the optimised plan keep or win back {n} existing customers (return ratio {ratio}).";
        GoalRatioUnreachable { target: String, best: String } => "任何预算都达不到 1:{target}：这些单元格最高只能到 {best}。",
            "No budget reaches 1:{target}: these cells return at most {best}.";
        GoalRetainedUnreachable { best: String } => "任何预算都达不到：这些单元格最多留住/唤回约 {best} 位老客户。",
            "No budget gets there: these cells keep or win back about {best} existing customers at most.";
        RiskTitle => "不确定性：回报区间与敏感性", "Uncertainty: return range and sensitivity";
        RiskHint { draws: String, seed: u64 } => "每个单元格的人均成本、转化率和转化价值在各自区间（默认为行业参考区间）内均匀抽样，共 {draws} 次（随机种子 {seed}，结果可复现）；两个方案的投入保持不变。",
            "Each cell's cost per person, conversion and value are drawn uniformly from their ranges (the industry reference ranges by default), {draws} times (seed {seed}, reproducible); both plans keep their spend.";
        OptimisedReturnRow => "优化方案回报", "Optimised return";
        BaselineReturnRow => "基准方案回报", "Baseline return";
        OptimisedRatioRow => "优化方案回报比", "Optimised return ratio";
        Beats { draws: String, p: String } => "在 {draws} 次模拟中，优化方案回报高于基准方案的概率为 {p}。",
            "In {draws} simulated draws, the optimised plan returns more than the baseline with probability {p}.";
        SensitivityTitle => "敏感性：哪个参数对回报影响最大", "Sensitivity: which parameter moves the return most";
        SensitivityHint => "每次只把一个参数移到区间两端，其余不变；竖线为当前预期回报。",
            "One parameter at a time moved to each end of its range, the rest held; the line marks the expected return.";
        ParamRange => "参数（区间）", "Parameter (range)";
        ReturnMoves => "优化方案回报的变动", "Optimised return moves";
        ReturnRange => "回报区间", "Return range";
        Swing { cell: String, param: String, low: String, high: String } => "{cell} · {param}（{low} – {high}）", "{cell} · {param} ({low} – {high})";
        EditRanges => "修改参数区间", "Edit the ranges";
        Cell => "单元格", "Cell";
        Low => "下限", "low";
        High => "上限", "high";
        RangeLabel { cell: String, param: String, end: String } => "{cell} · {param} · {end}", "{cell} · {param} · {end}";
        ImportScenario => "导入情景文件（JSON）", "Import scenario (JSON)";
        ExportScenario => "导出情景文件", "Export scenario";
        ExportPlan => "导出计划 plan.csv", "Export plan.csv";
        ShareLink => "生成情景链接", "Make a scenario link";
        LinkHint => "复制此链接：打开即可复现当前计划；链接只含计划参数，不含任何客户数据。",
            "Copy this link: it opens this plan; it holds the plan's figures only, no customer data.";
        NotUtf8 => "文件不是 UTF-8 文本。", "The file is not UTF-8 text.";
        NoAnswer => "计算引擎未能读取该文件，请重新加载页面后再试。", "The engine could not read the file; reload the page and try again.";
        Imported { name: String, n: usize } => "已导入 {name}：{n} 个单元格，已重新优化。", "Imported {name}: {n} cells, re-optimised.";
        ImportFailed { name: String, why: String } => "无法导入 {name}：{why} 当前计划未改动。", "Could not import {name}: {why} The current plan is unchanged.";
        CannotExport => "计划无法优化，请先修正上面的问题。", "The plan cannot be optimised; fix the problem above first.";
        SavedTitle => "情景：保存、载入与对比", "Scenarios: save, load and compare";
        SavedHint => "情景只保存在本浏览器中（不含任何客户明细）。", "Scenarios are kept in this browser only (no customer records in them).";
        Name => "名称", "Name";
        Save => "保存当前计划", "Save the current plan";
        NoSaved => "还没有保存的情景。", "No saved scenarios yet.";
        CompareA => "对比 A", "Compare A";
        CompareB => "对比 B", "Compare B";
        CannotOptimise => "无法优化", "cannot be optimised";
        BudgetRow => "总预算", "Budget";
        OptimisedNetRoi => "优化方案净 ROI", "Optimised net ROI";
        SpendAt { stage: String } => "优化投入 · {stage}", "Optimised spend · {stage}";
    }
}

pub fn baseline_rule(lang: Lang, r: BaselineRule) -> &'static str {
    match (lang, r) {
        (Lang::Zh, BaselineRule::Acquisition75) => "75% 投在获客（常见做法）",
        (Lang::Zh, BaselineRule::Proportional) => "按触达全部受众的成本分摊",
        (Lang::Zh, BaselineRule::Equal) => "每个单元格平均分配",
        (Lang::Zh, BaselineRule::Custom) => "自己填写（表中“基准投入”列）",
        (Lang::En, BaselineRule::Acquisition75) => "75% on acquisition (the usual habit)",
        (Lang::En, BaselineRule::Proportional) => {
            "In proportion to the cost of reaching each audience"
        }
        (Lang::En, BaselineRule::Equal) => "The same on every cell",
        (Lang::En, BaselineRule::Custom) => "Typed in the table (baseline column)",
    }
}

/// A Monte Carlo parameter's name (without its unit: a range follows it).
pub fn param(lang: Lang, p: Param) -> &'static str {
    match (lang, p) {
        (Lang::Zh, Param::Cost) => "人均成本",
        (Lang::Zh, Param::Conversion) => "转化率",
        (Lang::Zh, Param::Value) => "转化价值",
        (Lang::En, Param::Cost) => "cost per person",
        (Lang::En, Param::Conversion) => "conversion rate",
        (Lang::En, Param::Value) => "value per conversion",
    }
}
