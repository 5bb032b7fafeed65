//! Texts of the app shell: title, navigation, language switch, footer,
//! update banner, and the words every view shares.

crate::texts! {
    pub enum ShellText {
        AppTitle => "服务营销全景", "Panorama";
        AppTagline => "汽车售后服务营销规划 · 数据只在本机浏览器中计算",
            "After-sales service marketing planner · your data is computed in this browser only";
        NavLabel => "主导航", "Main navigation";
        NavData => "数据", "Data";
        NavSegments => "客户分层", "Segments";
        NavPanorama => "全景图", "Panorama";
        NavValue => "客户价值", "Customer value";
        NavCampaigns => "活动对比", "Campaign A vs B";
        NavPlanner => "预算规划", "Budget planner";
        NavReport => "报告", "Report";
        LangSwitch => "English", "中文";
        FooterPrivacy => "您的数据只保存在本浏览器中，不会上传到任何服务器。",
            "Your data stays in this browser: nothing is uploaded to any server.";
        UpdateReady => "新版本已就绪。", "A new version is ready.";
        UpdateApply => "刷新使用新版本", "Reload to use it";
        StorageFailed => "此浏览器没有保存您的设置（存储空间已满，或被禁用，例如无痕模式）。已载入的数据和方案在本页中照常可用，但关闭页面后设置不会保留；请导出方案文件以便下次载入。",
            "This browser did not keep your settings (its storage is full, or blocked, e.g. in private mode). The data and plan loaded stay usable in this tab, but settings will not be kept when you close it: export the scenario file to load it next time.";
        PageTitle { page: String } => "服务营销全景 · {page}", "Panorama · {page}";
    }
}

crate::texts! {
    /// Words several views use.
    pub enum Common {
        NoData => "无数据", "no data";
        NoDataLoad => "请先在“数据”页上传文件或加载演示数据。", "Load a file or the demo data on the Data page first.";
        Working => "正在计算…", "Computing…";
        Remove => "删除", "Remove";
        Load => "载入", "Load";
        Choose => "（选择）", "(choose)";
        Days { n: u64 } => "{n} 天", "{n} days";
        PngLabel { chart: String } => "保存为 PNG：{chart}", "Save as PNG: {chart}";
        Customers => "客户数", "Customers";
        Stage => "阶段", "Stage";
        /// After a label: full width in Chinese.
        Colon => "：", ": ";
    }
}
