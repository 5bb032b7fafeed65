//! Texts of the Data view: upload, mapping, validation report, kept data.

crate::texts! {
    pub enum DataText {
        Title => "数据", "Data";
        Intro => "上传经销商系统（DMS/CRM）导出的售后到店记录：每行一条工单或结算明细，至少包含客户、日期和金额三列。数据仓库用 sql/customer_summary.sql 生成的客户汇总（每位客户一行）也可以直接上传。",
            "Upload the service-visit records exported from your dealer system (DMS/CRM): one row per work order or invoice line, with at least a customer, a date and an amount column. A customer summary made in your warehouse with sql/customer_summary.sql (one row per customer) loads too.";
        DropHint => "把 CSV、TSV 或 XLSX 文件拖到这里，或", "Drop a CSV, TSV or XLSX file here, or";
        ChooseFile => "选择文件", "choose a file";
        FormatsHint => "自动识别编码（UTF-8、GBK/GB18030、UTF-16）、分隔符和中英文表头。",
            "Encoding (UTF-8, GBK/GB18030, UTF-16), delimiter and Chinese or English headers are detected for you.";
        LoadDemo => "加载演示数据", "Load demo data";
        DemoHint => "华南区域 6 家门店、约 2 万名客户、3 年到店记录（固定随机种子生成）。",
            "Six stores in South China, about 20,000 customers, three years of visits (generated from a fixed seed).";
        DemoSource => "演示数据（种子 2024）", "Demo data (seed 2024)";
        Reading { percent: u32 } => "正在读取 {percent}%", "Reading {percent}%";
        Cancel => "取消", "Cancel";
        Cancelled => "已取消导入，之前的数据保持不变。", "Import cancelled; the previous data is still loaded.";
        Unreadable { reason: String } => "无法读取文件：{reason}", "The file could not be read: {reason}";
        StoreFailed { reason: String } => "无法在本浏览器中保存数据：{reason}", "The data could not be kept in this browser: {reason}";
        NoDataYet => "尚未加载数据。上传文件或加载演示数据后，这里会显示校验报告。",
            "No data loaded yet. Upload a file or load the demo data to see the validation report here.";
        SummaryTitle => "校验报告", "Validation report";
        RowsRead => "读取行数", "Rows read";
        RowsAccepted => "有效行数", "Rows accepted";
        RowsRejected => "拒绝行数", "Rows rejected";
        BlankLines => "空行（已跳过）", "Blank lines (skipped)";
        Duplicates => "完全重复的行", "Exact duplicate rows";
        DuplicatesHint => "已保留：同一客户同一天的多行视为同一次到店的明细。",
            "Kept: rows of one customer on one date are line items of one visit.";
        Customers => "客户数", "Customers";
        Visits => "到店次数", "Visits";
        VisitsHint => "同一客户同一天算一次到店。", "One customer on one date counts as one visit.";
        DateRange => "日期范围", "Date range";
        Revenue => "总金额", "Total revenue";
        AsOf => "分析基准日", "As-of date";
        AsOfHint => "默认为数据中最晚的到店日期；之后的到店不计入分析。",
            "Defaults to the latest visit in the data; later visits are left out of the analysis.";
        ResetAsOf => "恢复默认", "Reset";
        SummarySource { file: String } => "{file} · 客户汇总（每位客户一行，由 sql/customer_summary.sql 生成）",
            "{file} · customer summary (one row per customer, made by sql/customer_summary.sql)";
        SummaryAsOf => "客户汇总的基准日在数据仓库中确定（汇总里的截止日期），这里不能修改。",
            "A customer summary's as-of date is fixed in the warehouse (its as_of column) and cannot change here.";
        SummaryRowsHint => "每行是一位客户；到店次数为各客户到店次数之和。",
            "Each row is a customer; visits are the sum of their visit counts.";
        NeedsVisits => "已加载的是客户汇总，不含逐次到店记录，而这里需要它们：请加载到店明细，或在数据仓库中计算（见 sql/README.md）。",
            "The loaded data is a customer summary without the individual visits, which this needs: load the visit lines, or compute it in the warehouse (see sql/README.md).";
        AsOfAfterData => "基准日晚于最后一次到店，所有客户的最近到店天数都会增加。",
            "The as-of date is after the last visit: every customer's recency grows by the gap.";
        MappingTitle => "列映射", "Column mapping";
        MappingHint => "已根据表头自动匹配；可以逐项修改，带 * 的为必填。",
            "Matched from the headers; change any of them. Fields marked * are required.";
        ColumnNone => "— 不使用 —", "— not used —";
        ApplyMapping => "按此映射重新导入", "Re-import with this mapping";
        PreviewTitle => "前几行预览", "First rows";
        Sheet => "工作表", "Sheet";
        RejectedTitle => "被拒绝的行", "Rejected rows";
        RejectedNone => "没有被拒绝的行。", "No row was rejected.";
        ColLine => "行号", "Line";
        ColColumn => "列", "Column";
        ColReason => "原因", "Reason";
        DownloadRejected => "下载问题行（CSV）", "Download rejected rows (CSV)";
        ShownRejected { shown: usize, total: String } => "仅显示前 {shown} 行，共 {total} 行；下载可得全部。",
            "Showing the first {shown} of {total}; the download has all of them.";
        OptionalNote { parts: String } => "以下可选列中有无法识别的值，已留空（所在行仍保留）：{parts}。",
            "Some optional values could not be read and were left empty (their rows were kept): {parts}.";
        OptionalPart { field: String, n: String } => "{field} {n}", "{field} {n}";
        SourceDelimited { file: String, encoding: String, delimiter: String } => "{file} · 编码 {encoding} · 分隔符 {delimiter}",
            "{file} · Encoding {encoding} · Delimiter {delimiter}";
        SourceWorkbook { file: String, sheet: String } => "{file} · 工作表 {sheet}", "{file} · Sheet {sheet}";
        Tab => "制表符", "tab";
        Quoted { c: char } => "“{c}”", "“{c}”";
        KeepData => "在本浏览器中保留数据，下次打开自动载入（数据只存放在这台电脑的浏览器里）",
            "Keep the data in this browser and load it next time (it stays on this computer's browser)";
        ClearData => "清除本浏览器中保存的数据", "Clear the data kept in this browser";
    }
}
