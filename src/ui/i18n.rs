//! Every visible string, in zh-CN and en. `Texts` is a struct so that a
//! string missing in one language is a compile error, not a blank label.

use crate::domain::ingest::{Field, FileError, RowErrorKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// zh for any Chinese browser language, en otherwise.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Texts {
    pub app_title: &'static str,
    pub app_tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_data: &'static str,
    pub nav_segments: &'static str,
    pub nav_campaigns: &'static str,
    pub nav_planner: &'static str,
    pub nav_report: &'static str,
    pub nav_panorama: &'static str,
    pub lang_switch: &'static str,
    pub footer_privacy: &'static str,
    pub data_title: &'static str,
    pub data_intro: &'static str,
    pub drop_hint: &'static str,
    pub choose_file: &'static str,
    pub formats_hint: &'static str,
    pub load_demo: &'static str,
    pub demo_hint: &'static str,
    pub demo_source: &'static str,
    pub reading: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    pub no_data_yet: &'static str,
    pub summary_title: &'static str,
    pub source: &'static str,
    pub rows_read: &'static str,
    pub rows_accepted: &'static str,
    pub rows_rejected: &'static str,
    pub blank_lines: &'static str,
    pub duplicates: &'static str,
    pub duplicates_hint: &'static str,
    pub customers: &'static str,
    pub visits: &'static str,
    pub visits_hint: &'static str,
    pub date_range: &'static str,
    pub revenue: &'static str,
    pub as_of: &'static str,
    pub as_of_hint: &'static str,
    pub reset_as_of: &'static str,
    pub as_of_after_data: &'static str,
    pub mapping_title: &'static str,
    pub mapping_hint: &'static str,
    pub column_none: &'static str,
    pub required: &'static str,
    pub apply_mapping: &'static str,
    pub preview_title: &'static str,
    pub sheet: &'static str,
    pub rejected_title: &'static str,
    pub rejected_none: &'static str,
    pub col_line: &'static str,
    pub col_column: &'static str,
    pub col_reason: &'static str,
    pub download_rejected: &'static str,
    pub delimiter: &'static str,
    pub encoding: &'static str,
    pub tab: &'static str,
    pub choose_columns: &'static str,
    pub loaded_from: &'static str,
}

pub static ZH: Texts = Texts {
    app_title: "服务营销全景",
    app_tagline: "汽车售后服务营销规划 · 数据只在本机浏览器中计算",
    nav_label: "主导航",
    nav_data: "数据",
    nav_segments: "客户分层",
    nav_campaigns: "活动对比",
    nav_planner: "预算规划",
    nav_report: "报告",
    nav_panorama: "全景图",
    lang_switch: "English",
    footer_privacy: "您的数据只保存在本浏览器中，不会上传到任何服务器。",
    data_title: "数据",
    data_intro: "上传经销商系统（DMS/CRM）导出的售后到店记录：每行一条工单或结算明细，至少包含客户、日期和金额三列。",
    drop_hint: "把 CSV、TSV 或 XLSX 文件拖到这里，或",
    choose_file: "选择文件",
    formats_hint: "自动识别编码（UTF-8、GBK/GB18030、UTF-16）、分隔符和中英文表头。",
    load_demo: "加载演示数据",
    demo_hint: "华南区域 6 家门店、约 2 万名客户、3 年到店记录（固定随机种子生成）。",
    demo_source: "演示数据（种子 2024）",
    reading: "正在读取",
    cancel: "取消",
    cancelled: "已取消导入，之前的数据保持不变。",
    no_data_yet: "尚未加载数据。上传文件或加载演示数据后，这里会显示校验报告。",
    summary_title: "校验报告",
    source: "来源",
    rows_read: "读取行数",
    rows_accepted: "有效行数",
    rows_rejected: "拒绝行数",
    blank_lines: "空行（已跳过）",
    duplicates: "完全重复的行",
    duplicates_hint: "已保留：同一客户同一天的多行视为同一次到店的明细。",
    customers: "客户数",
    visits: "到店次数",
    visits_hint: "同一客户同一天算一次到店。",
    date_range: "日期范围",
    revenue: "总金额",
    as_of: "分析基准日",
    as_of_hint: "默认为数据中最晚的到店日期；之后的到店不计入分析。",
    reset_as_of: "恢复默认",
    as_of_after_data: "基准日晚于最后一次到店，所有客户的最近到店天数都会增加。",
    mapping_title: "列映射",
    mapping_hint: "已根据表头自动匹配；可以逐项修改，带 * 的为必填。",
    column_none: "— 不使用 —",
    required: "必填",
    apply_mapping: "按此映射重新导入",
    preview_title: "前几行预览",
    sheet: "工作表",
    rejected_title: "被拒绝的行",
    rejected_none: "没有被拒绝的行。",
    col_line: "行号",
    col_column: "列",
    col_reason: "原因",
    download_rejected: "下载问题行（CSV）",
    delimiter: "分隔符",
    encoding: "编码",
    tab: "制表符",
    choose_columns: "请在下方“列映射”中为以下字段选择列：",
    loaded_from: "已加载",
};

pub static EN: Texts = Texts {
    app_title: "Panorama",
    app_tagline: "After-sales service marketing planner · your data is computed in this browser only",
    nav_label: "Main navigation",
    nav_data: "Data",
    nav_segments: "Segments",
    nav_campaigns: "Campaign A vs B",
    nav_planner: "Budget planner",
    nav_report: "Report",
    nav_panorama: "Panorama",
    lang_switch: "中文",
    footer_privacy: "Your data stays in this browser: nothing is uploaded to any server.",
    data_title: "Data",
    data_intro: "Upload the service-visit records exported from your dealer system (DMS/CRM): one row per work order or invoice line, with at least a customer, a date and an amount column.",
    drop_hint: "Drop a CSV, TSV or XLSX file here, or",
    choose_file: "choose a file",
    formats_hint: "Encoding (UTF-8, GBK/GB18030, UTF-16), delimiter and Chinese or English headers are detected for you.",
    load_demo: "Load demo data",
    demo_hint: "Six stores in South China, about 20,000 customers, three years of visits (generated from a fixed seed).",
    demo_source: "Demo data (seed 2024)",
    reading: "Reading",
    cancel: "Cancel",
    cancelled: "Import cancelled; the previous data is still loaded.",
    no_data_yet: "No data loaded yet. Upload a file or load the demo data to see the validation report here.",
    summary_title: "Validation report",
    source: "Source",
    rows_read: "Rows read",
    rows_accepted: "Rows accepted",
    rows_rejected: "Rows rejected",
    blank_lines: "Blank lines (skipped)",
    duplicates: "Exact duplicate rows",
    duplicates_hint: "Kept: rows of one customer on one date are line items of one visit.",
    customers: "Customers",
    visits: "Visits",
    visits_hint: "One customer on one date counts as one visit.",
    date_range: "Date range",
    revenue: "Total revenue",
    as_of: "As-of date",
    as_of_hint: "Defaults to the latest visit in the data; later visits are left out of the analysis.",
    reset_as_of: "Reset",
    as_of_after_data: "The as-of date is after the last visit: every customer's recency grows by the gap.",
    mapping_title: "Column mapping",
    mapping_hint: "Matched from the headers; change any of them. Fields marked * are required.",
    column_none: "— not used —",
    required: "required",
    apply_mapping: "Re-import with this mapping",
    preview_title: "First rows",
    sheet: "Sheet",
    rejected_title: "Rejected rows",
    rejected_none: "No row was rejected.",
    col_line: "Line",
    col_column: "Column",
    col_reason: "Reason",
    download_rejected: "Download rejected rows (CSV)",
    delimiter: "Delimiter",
    encoding: "Encoding",
    tab: "tab",
    choose_columns: "Choose a column in the mapping below for:",
    loaded_from: "Loaded",
};

/// A field's name for labels.
pub fn field_name(lang: Lang, f: Field) -> &'static str {
    match (lang, f) {
        (Lang::Zh, Field::Customer) => "客户ID",
        (Lang::Zh, Field::Date) => "到店日期",
        (Lang::Zh, Field::Amount) => "金额",
        (Lang::Zh, Field::Campaign) => "活动/渠道",
        (Lang::Zh, Field::Delivery) => "交车日期",
        (Lang::Zh, Field::Nps) => "NPS/满意度",
        (Lang::Zh, Field::Complaint) => "投诉",
        (Lang::Zh, Field::Store) => "门店/区域",
        (Lang::En, Field::Customer) => "Customer ID",
        (Lang::En, Field::Date) => "Visit date",
        (Lang::En, Field::Amount) => "Amount",
        (Lang::En, Field::Campaign) => "Campaign / channel",
        (Lang::En, Field::Delivery) => "Delivery date",
        (Lang::En, Field::Nps) => "NPS / satisfaction",
        (Lang::En, Field::Complaint) => "Complaint",
        (Lang::En, Field::Store) => "Store / region",
    }
}

/// Why a row was rejected, as a sentence a VP can act on.
pub fn row_error(lang: Lang, kind: &RowErrorKind) -> String {
    match lang {
        Lang::En => {
            let s = kind.to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        Lang::Zh => match kind {
            RowErrorKind::MissingCustomer => "客户ID为空".into(),
            RowErrorKind::MissingDate => "日期为空".into(),
            RowErrorKind::UnreadableDate { value } => {
                format!("“{value}”不是可识别的日期（请写成 2024-01-05 这样的格式）")
            }
            RowErrorKind::ImpossibleDate { value } => format!("“{value}”不是真实存在的日期"),
            RowErrorKind::DateOutOfRange { value } => format!("“{value}”不在 1950–2100 年之间"),
            RowErrorKind::MissingAmount => "金额为空".into(),
            RowErrorKind::BadAmount { value } => format!("“{value}”不是金额"),
            RowErrorKind::TooFewFields { found, expected } => {
                format!("该行只有 {found} 个字段，表头有 {expected} 个")
            }
        },
    }
}

/// Why a whole file could not be used, in one sentence.
pub fn file_error(lang: Lang, e: &FileError) -> String {
    match lang {
        Lang::En => match e {
            FileError::MissingColumns { fields } => {
                let names: Vec<&str> = fields.iter().map(|f| field_name(Lang::En, *f)).collect();
                format!("Choose a column for: {}.", names.join(", "))
            }
            other => other.to_string(),
        },
        Lang::Zh => match e {
            FileError::Empty => "文件是空的。".into(),
            FileError::NotATable { kind } => {
                let kind = match kind.as_str() {
                    "PNG image" => "PNG 图片",
                    "JPEG image" => "JPEG 图片",
                    "GIF image" => "GIF 图片",
                    "WebP image" => "WebP 图片",
                    "PDF document" => "PDF 文档",
                    "compressed archive" => "压缩包",
                    other => other,
                };
                format!("这是一个{kind}，不是到店记录表：请从 DMS 导出 CSV、TSV 或 XLSX 文件。")
            }
            FileError::UnreadableWorkbook { reason } => {
                format!("无法打开这个电子表格（{reason}）。")
            }
            FileError::NoSheets => "这个工作簿里没有含数据的工作表。".into(),
            FileError::NotText => "这个文件既不是文本表格，也不是电子表格。".into(),
            FileError::NoRecognisableColumns { first_line } => format!(
                "没有识别出任何列名（第一行是“{first_line}”）：文件需要客户、日期和金额三列。"
            ),
            FileError::MissingColumns { fields } => {
                let names: Vec<&str> = fields.iter().map(|f| field_name(Lang::Zh, *f)).collect();
                format!("请为以下字段选择列：{}。", names.join("、"))
            }
            FileError::NoDataRows => "文件只有表头，没有数据行。".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_picks_the_default() {
        assert_eq!(Lang::from_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser("de"), Lang::En);
        assert_eq!(Lang::parse(Lang::Zh.tag()), Some(Lang::Zh));
    }

    #[test]
    fn errors_read_as_sentences_in_both_languages() {
        let k = RowErrorKind::ImpossibleDate {
            value: "1997-02-30".into(),
        };
        assert_eq!(
            row_error(Lang::En, &k),
            "\"1997-02-30\" is not a real calendar day"
        );
        assert_eq!(row_error(Lang::Zh, &k), "“1997-02-30”不是真实存在的日期");
        assert_eq!(
            row_error(Lang::En, &RowErrorKind::MissingCustomer),
            "The customer id is empty"
        );
        let e = FileError::NotATable {
            kind: "PNG image".into(),
        };
        assert!(file_error(Lang::Zh, &e).starts_with("这是一个PNG 图片"));
        let e = FileError::MissingColumns {
            fields: vec![Field::Date, Field::Amount],
        };
        assert_eq!(
            file_error(Lang::Zh, &e),
            "请为以下字段选择列：到店日期、金额。"
        );
        assert_eq!(
            file_error(Lang::En, &e),
            "Choose a column for: Visit date, Amount."
        );
    }
}

/// Segment names as DOMAIN §2.1 gives them.
pub fn segment_name(lang: Lang, s: crate::domain::rfm::Segment) -> &'static str {
    use crate::domain::rfm::Segment::*;
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
pub fn segment_strategy(
    lang: Lang,
    s: crate::domain::rfm::Segment,
) -> (&'static str, &'static str) {
    use crate::domain::rfm::Segment::*;
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

pub fn stage_name(lang: Lang, s: crate::domain::lifecycle::Stage) -> &'static str {
    use crate::domain::lifecycle::Stage::*;
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

pub fn light_name(lang: Lang, l: crate::domain::warning::Light) -> &'static str {
    use crate::domain::warning::Light::*;
    match (lang, l) {
        (Lang::Zh, Green) => "● 绿灯（正常）",
        (Lang::Zh, Yellow) => "▲ 黄灯（关注）",
        (Lang::Zh, Red) => "■ 红灯（流失风险）",
        (Lang::En, Green) => "● Green (fine)",
        (Lang::En, Yellow) => "▲ Yellow (watch)",
        (Lang::En, Red) => "■ Red (churn risk)",
    }
}

pub fn tier_name(lang: Lang, t: crate::domain::tiers::Tier) -> &'static str {
    use crate::domain::tiers::Tier::*;
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

/// Labels of the Segments view that need no arguments, (zh, en).
pub fn seg_text(lang: Lang, key: SegText) -> &'static str {
    let (zh, en) = match key {
        SegText::Title => ("客户分层", "Segments"),
        SegText::Intro => ("按 RFM（最近到店 R、到店频次 F、消费金额 M）给每位客户打 1–5 分，并归入 8 个客户群；同时给出生命周期阶段、流失预警灯和会员等级。", "Every customer gets R (recency), F (frequency) and M (monetary) scores of 1–5 and one of 8 groups, plus a lifecycle stage, a churn warning light and a member tier."),
        SegText::NoData => ("请先在“数据”页上传文件或加载演示数据。", "Load a file or the demo data on the Data page first."),
        SegText::Settings => ("设置", "Settings"),
        SegText::Scoring => ("评分方式", "Scoring"),
        SegText::Quantile => ("五分位（按客户排名）", "Quintiles (rank among customers)"),
        SegText::Business => ("业务阈值", "Business thresholds"),
        SegText::RDays => ("R：最近到店不超过（天），对应 5/4/3/2 分", "R: days since last visit at most, for 5/4/3/2"),
        SegText::FVisits => ("F：近 12 个月到店至少（次），对应 5/4/3/2 分", "F: visits in the last 12 months at least, for 5/4/3/2"),
        SegText::MSpend => ("M：近 12 个月消费至少（元），对应 5/4/3/2 分", "M: spend in the last 12 months at least (yuan), for 5/4/3/2"),
        SegText::DormantDays => ("沉睡阈值（天未到店）", "Dormant after (days without a visit)"),
        SegText::WarningPreset => ("预警灯规则", "Warning lights"),
        SegText::PresetA => ("方案 A：仅按未到店天数", "Preset A: days since last visit"),
        SegText::PresetB => ("方案 B：天数 + NPS + 投诉", "Preset B: days + NPS + complaints"),
        SegText::GreenMax => ("绿灯最多（天）", "Green up to (days)"),
        SegText::YellowMax => ("黄灯最多（天）", "Yellow up to (days)"),
        SegText::TierSpend => ("会员等级：银/金/钻石 年消费（元）", "Tiers: Silver/Gold/Diamond annual spend (yuan)"),
        SegText::TierVisits => ("会员等级：银/金/钻石 年到店（次）", "Tiers: Silver/Gold/Diamond annual visits"),
        SegText::Segment => ("客户群", "Segment"),
        SegText::Customers => ("客户数", "Customers"),
        SegText::Share => ("客户占比", "Share"),
        SegText::Typical => ("参考占比", "Typical"),
        SegText::RevenueShare => ("收入占比", "Revenue share"),
        SegText::AvgSpend => ("人均消费", "Avg spend"),
        SegText::AvgVisits => ("人均到店", "Avg visits"),
        SegText::AvgRecency => ("平均未到店天数", "Avg days since visit"),
        SegText::Budget => ("建议预算占比", "Budget share"),
        SegText::Empty => ("无客户", "none"),
        SegText::NoCustomers => ("无数据：该组没有客户", "no data: no customer in this group"),
        SegText::ChartSegments => ("客户群规模与收入占比", "Segment sizes and revenue share"),
        SegText::ChartHeat => ("R × F 热力图（点击格子查看客户）", "R × F heat map (click a cell for its customers)"),
        SegText::ChartStages => ("生命周期阶段", "Lifecycle stages"),
        SegText::ChartLights => ("流失预警灯", "Warning lights"),
        SegText::ChartTiers => ("会员等级", "Member tiers"),
        SegText::Strategies => ("分层策略", "Strategy by segment"),
        SegText::Service => ("服务标准", "Service standard"),
        SegText::Actions => ("营销动作", "Marketing actions"),
        SegText::DrillTitle => ("客户明细", "Customers"),
        SegText::DrillHint => ("点击表格行、图表格子或阶段/灯/等级查看对应客户。", "Click a table row, a heat-map cell, a stage, a light or a tier to list its customers."),
        SegText::ExportDrill => ("导出此列表（CSV）", "Export this list (CSV)"),
        SegText::ExportAll => ("导出全部客户（CSV）", "Export all customers (CSV)"),
        SegText::Why => ("分群依据", "Why here"),
        SegText::Prev => ("上一页", "Previous"),
        SegText::Next => ("下一页", "Next"),
        SegText::CustomerId => ("客户ID", "Customer"),
        SegText::LastVisit => ("最近到店", "Last visit"),
        SegText::Recency => ("未到店天数", "Days since visit"),
        SegText::Frequency => ("到店次数", "Visits"),
        SegText::Monetary => ("累计消费", "Spend"),
        SegText::Stage => ("阶段", "Stage"),
        SegText::Light => ("预警灯", "Light"),
        SegText::Tier => ("等级", "Tier"),
        SegText::AsOf => ("分析基准日", "As of"),
        SegText::SortBy => ("排序", "Sort by"),
        SegText::Counts => ("数值", "Numbers"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegText {
    Title,
    Intro,
    NoData,
    Settings,
    Scoring,
    Quantile,
    Business,
    RDays,
    FVisits,
    MSpend,
    DormantDays,
    WarningPreset,
    PresetA,
    PresetB,
    GreenMax,
    YellowMax,
    TierSpend,
    TierVisits,
    Segment,
    Customers,
    Share,
    Typical,
    RevenueShare,
    AvgSpend,
    AvgVisits,
    AvgRecency,
    Budget,
    Empty,
    NoCustomers,
    ChartSegments,
    ChartHeat,
    ChartStages,
    ChartLights,
    ChartTiers,
    Strategies,
    Service,
    Actions,
    DrillTitle,
    DrillHint,
    ExportDrill,
    ExportAll,
    Why,
    Prev,
    Next,
    CustomerId,
    LastVisit,
    Recency,
    Frequency,
    Monetary,
    Stage,
    Light,
    Tier,
    AsOf,
    SortBy,
    Counts,
}

/// A label given in both languages at the call site.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Campaign type names (DOMAIN §1/§3).
pub fn campaign_type_name(lang: Lang, t: crate::domain::planner::CampaignType) -> &'static str {
    use crate::domain::planner::CampaignType::*;
    match t {
        Acquisition => tr(lang, "获客型", "Acquisition"),
        Onboarding => tr(lang, "新手培养", "Onboarding"),
        Retention => tr(lang, "留存型", "Retention"),
        Value => tr(lang, "价值深挖（VIP）", "VIP / value"),
        WakeUp => tr(lang, "唤醒型", "Wake-up"),
        Festival => tr(lang, "节日/季节", "Festival / seasonal"),
        Brand => tr(lang, "品牌", "Brand"),
    }
}

/// Short stage names for plan cells, prospects included.
pub fn plan_stage_name(lang: Lang, s: crate::domain::planner::PlanStage) -> &'static str {
    use crate::domain::planner::PlanStage::*;
    match s {
        Prospect => tr(lang, "潜在客户", "Prospects"),
        New => tr(lang, "新客户", "New"),
        Growth => tr(lang, "成长期", "Growth"),
        Mature => tr(lang, "成熟期", "Mature"),
        Dormant => tr(lang, "沉睡/流失", "Dormant"),
    }
}

/// Why a plan cannot be optimised, in the page's language.
/// `cell` names the cell at an index (e.g. "留存型 × 成长期").
pub fn plan_error(
    lang: Lang,
    e: &crate::domain::planner::PlanError,
    cell: &dyn Fn(usize) -> String,
) -> String {
    use crate::domain::planner::PlanError::*;
    match (lang, e) {
        (Lang::En, InvalidCell { index, reason }) => format!("{}: {reason}.", cell(*index)),
        (Lang::En, Infeasible { min_total, budget }) => format!(
            "The minimum spends add up to {}, more than the budget of {}: raise the budget or lower the minimums.",
            crate::ui::format::yuan(*min_total, lang),
            crate::ui::format::yuan(*budget, lang)
        ),
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, InvalidCell { index, reason }) => {
            use crate::domain::planner::CellProblem as P;
            let why = match reason {
                P::NotANumber => "有数值不是数字",
                P::Audience => "受众人数必须大于 0",
                P::Cost => "人均成本必须大于 0",
                P::Conversion => "转化率必须在 0–100% 之间",
                P::Negative => "转化价值和最低投入不能为负",
                P::MaxBelowMin => "最高投入低于最低投入",
                P::RangeOrder => "区间必须是从低到高的两个数",
                P::RangeBounds => "成本区间必须大于 0，转化率区间必须在 0–1 之间",
            };
            format!("{}：{why}。", cell(*index))
        }
        (Lang::Zh, Infeasible { min_total, budget }) => format!(
            "各单元格的最低投入合计 {}，超过了总预算 {}：请提高预算或降低最低投入。",
            crate::ui::format::yuan(*min_total, lang),
            crate::ui::format::yuan(*budget, lang)
        ),
        (Lang::Zh, NoCells) => "计划中没有任何单元格：请添加活动 × 阶段。".to_owned(),
        (Lang::Zh, InvalidBudget) => "总预算必须是不小于 0 的数字。".to_owned(),
    }
}
