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
    }
}
