//! What went wrong, in each language: one `message(lang)` per error type
//! of the domain. `Display` is the English message (logs and tests).

use crate::domain::ingest::limits::MAX_FILE_BYTES;
use crate::domain::ingest::value::YEAR_RANGE;
use crate::domain::ingest::{FileError, NotTable, RowError, RowErrorKind};
use crate::domain::planner::scenario::{Figure, JsonProblem, ScenarioError, MAX_SCENARIO_CELLS};
use crate::domain::planner::{CampaignType, PlanStage};
use crate::domain::planner::{CellProblem, PlanError};
use crate::i18n::{format, names, Lang};
use std::fmt;

/// The README section on data too big for a browser, by its title.
const README_EN: &str = "More data than a browser holds";
const README_ZH: &str = "More data than a browser holds（浏览器装不下的数据）";

impl RowErrorKind {
    /// Why a row was rejected, as a sentence a VP can act on.
    pub fn message(&self, lang: Lang) -> String {
        let (y0, y1) = YEAR_RANGE;
        match (lang, self) {
            (Lang::Zh, RowErrorKind::MissingCustomer) => "客户ID为空".into(),
            (Lang::Zh, RowErrorKind::MissingDate) => "日期为空".into(),
            (Lang::Zh, RowErrorKind::UnreadableDate { value }) => {
                format!("“{value}”不是可识别的日期（请写成 2024-01-05 这样的格式）")
            }
            (Lang::Zh, RowErrorKind::ImpossibleDate { value }) => {
                format!("“{value}”不是真实存在的日期")
            }
            (Lang::Zh, RowErrorKind::DateOutOfRange { value }) => {
                format!("“{value}”不在 {y0}–{y1} 年之间")
            }
            (Lang::Zh, RowErrorKind::MissingAmount) => "金额为空".into(),
            (Lang::Zh, RowErrorKind::BadAmount { value }) => format!("“{value}”不是金额"),
            (Lang::Zh, RowErrorKind::TooFewFields { found, expected }) => {
                format!("该行只有 {found} 个字段，表头有 {expected} 个")
            }
            (Lang::Zh, RowErrorKind::BadNumber { value }) => format!("“{value}”不是数字"),
            (Lang::Zh, RowErrorKind::BadFlag { value }) => {
                format!("“{value}”不是 true/false（是/否）")
            }
            (Lang::Zh, RowErrorKind::AsOfDiffers { value }) => {
                format!("截止日期“{value}”与第一行不同（一个汇总只能有一个截止日期）")
            }
            (Lang::Zh, RowErrorKind::ImpossibleSummary { value }) => {
                format!("“{value}”与该行其他字段矛盾，不可能是真实的到店记录")
            }
            (Lang::Zh, RowErrorKind::DuplicateCustomer { value }) => {
                format!("客户“{value}”在前面已出现过（汇总每位客户一行）")
            }
            (Lang::En, RowErrorKind::MissingCustomer) => "The customer id is empty".into(),
            (Lang::En, RowErrorKind::BadNumber { value }) => format!("\"{value}\" is not a number"),
            (Lang::En, RowErrorKind::BadFlag { value }) => {
                format!("\"{value}\" is not true or false")
            }
            (Lang::En, RowErrorKind::AsOfDiffers { value }) => format!(
                "The as-of date \"{value}\" differs from the first row's (a summary has one as-of date)"
            ),
            (Lang::En, RowErrorKind::ImpossibleSummary { value }) => format!(
                "\"{value}\" contradicts the row's other figures: no visit history has it"
            ),
            (Lang::En, RowErrorKind::DuplicateCustomer { value }) => format!(
                "Customer \"{value}\" is listed on an earlier row already (a summary has one row per customer)"
            ),
            (Lang::En, RowErrorKind::MissingDate) => "The date is empty".into(),
            (Lang::En, RowErrorKind::UnreadableDate { value }) => {
                format!("\"{value}\" is not a date we can read (write it like 2024-01-05)")
            }
            (Lang::En, RowErrorKind::ImpossibleDate { value }) => {
                format!("\"{value}\" is not a real calendar day")
            }
            (Lang::En, RowErrorKind::DateOutOfRange { value }) => {
                format!("\"{value}\" is outside the years {y0}–{y1}")
            }
            (Lang::En, RowErrorKind::MissingAmount) => "The amount is empty".into(),
            (Lang::En, RowErrorKind::BadAmount { value }) => {
                format!("\"{value}\" is not an amount of money")
            }
            (Lang::En, RowErrorKind::TooFewFields { found, expected }) => {
                format!("The row has {found} fields where the header has {expected}")
            }
        }
    }
}

impl fmt::Display for RowErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl RowError {
    /// "Line 7, column "日期": …" in the language.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, &self.column) {
            (Lang::Zh, Some(c)) => format!(
                "第 {} 行，“{c}”列：{}。",
                self.line,
                self.kind.message(lang)
            ),
            (Lang::Zh, None) => format!("第 {} 行：{}。", self.line, self.kind.message(lang)),
            (Lang::En, Some(c)) => format!(
                "Line {}, column \"{c}\": {}.",
                self.line,
                lower_first(&self.kind.message(lang))
            ),
            (Lang::En, None) => format!(
                "Line {}: {}.",
                self.line,
                lower_first(&self.kind.message(lang))
            ),
        }
    }
}

/// "The amount is empty" → "the amount is empty", after a colon.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn not_table(lang: Lang, k: NotTable) -> &'static str {
    match (lang, k) {
        (Lang::Zh, NotTable::Png) => "PNG 图片",
        (Lang::Zh, NotTable::Jpeg) => "JPEG 图片",
        (Lang::Zh, NotTable::Gif) => "GIF 图片",
        (Lang::Zh, NotTable::WebP) => "WebP 图片",
        (Lang::Zh, NotTable::Pdf) => "PDF 文档",
        (Lang::Zh, NotTable::Archive) => "压缩包",
        (Lang::En, NotTable::Png) => "PNG image",
        (Lang::En, NotTable::Jpeg) => "JPEG image",
        (Lang::En, NotTable::Gif) => "GIF image",
        (Lang::En, NotTable::WebP) => "WebP image",
        (Lang::En, NotTable::Pdf) => "PDF document",
        (Lang::En, NotTable::Archive) => "compressed archive",
    }
}

impl FileError {
    /// Why a whole file could not be used, in one sentence.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, FileError::Empty) => "文件是空的。".into(),
            (Lang::Zh, FileError::NotATable { kind }) => format!(
                "这是一个{}，不是到店记录表：请从 DMS 导出 CSV、TSV 或 XLSX 文件。",
                not_table(lang, *kind)
            ),
            (Lang::Zh, FileError::UnreadableWorkbook { reason }) => {
                format!("无法打开这个电子表格（{reason}）。")
            }
            (Lang::Zh, FileError::DamagedWorkbook) => "这个工作簿已损坏：其中一部分解压后比它声明的大小更大或校验不符（压缩炸弹就是这样伪装的），已停止读取。请在 Excel 中打开并重新保存，或导出为 CSV。".into(),
            (Lang::Zh, FileError::NoSheets) => "这个工作簿里没有含数据的工作表。".into(),
            (Lang::Zh, FileError::NotText) => "这个文件既不是文本表格，也不是电子表格。".into(),
            (Lang::Zh, FileError::NoRecognisableColumns { first_line }) => format!(
                "没有识别出任何列名（第一行是“{first_line}”）：文件需要客户、日期和金额三列。"
            ),
            (Lang::Zh, FileError::MissingColumns { fields }) => {
                let names: Vec<&str> = fields.iter().map(|f| names::field(lang, *f)).collect();
                format!("请为以下字段选择列：{}。", names.join("、"))
            }
            (Lang::Zh, FileError::NoDataRows) => "文件只有表头，没有数据行。".into(),
            (Lang::Zh, FileError::SummaryColumnsMissing { columns }) => format!(
                "这是一份客户汇总，但缺少每行都需要的列：{}。请用 sql/customer_summary.sql 生成（见 README“{README_ZH}”）。",
                columns.join("、")
            ),
            (Lang::Zh, FileError::TooLarge { bytes, limit }) => format!(
                "这个文件有 {}，浏览器最多导入 {} 的文件：请按时间段或门店分成几个文件导出，或改用客户汇总（见 README“{}”）。",
                format::megabytes(*bytes),
                format::megabytes(*limit),
                README_ZH
            ),
            (Lang::Zh, FileError::WorkbookTooLarge { limit }) => format!(
                "这个工作簿解压后超过 {}，超出浏览器能容纳的数据量：请把工作表另存为 CSV（最大 {}），或按时间段拆分，或改用客户汇总（见 README“{}”）。",
                format::megabytes(*limit),
                format::megabytes(MAX_FILE_BYTES),
                README_ZH
            ),
            (Lang::Zh, FileError::TooManyRows { sheet, limit }) => format!(
                "工作表“{sheet}”在第 {} 行之后还有数据，一个工作表最多导入 {} 行：请按时间段拆分，或改用客户汇总（见 README“{}”）。",
                format::count(*limit),
                format::count(*limit),
                README_ZH
            ),
            (Lang::Zh, FileError::TooManyCells { sheet, limit }) => format!(
                "工作表“{sheet}”的表格（行数 × 列数）超过 {} 个单元格，超出浏览器能容纳的数据量：请删去不用的列、按时间段拆分，或改用客户汇总（见 README“{}”）。",
                format::count(*limit),
                README_ZH
            ),
            (Lang::En, FileError::Empty) => "The file is empty.".into(),
            (Lang::En, FileError::NotATable { kind }) => format!(
                "This is a {}, not a table of service visits: export CSV, TSV or XLSX from your DMS.",
                not_table(lang, *kind)
            ),
            (Lang::En, FileError::UnreadableWorkbook { reason }) => {
                format!("The spreadsheet could not be opened ({reason}).")
            }
            (Lang::En, FileError::DamagedWorkbook) => "This workbook is damaged: a part of it unpacks to more than the size it declares, or fails its checksum (as a zip bomb disguises itself), so reading stopped. Open it in Excel and save it again, or export CSV.".into(),
            (Lang::En, FileError::NoSheets) => "The workbook has no sheet with data.".into(),
            (Lang::En, FileError::NotText) => {
                "The file is neither text nor a spreadsheet.".into()
            }
            (Lang::En, FileError::NoRecognisableColumns { first_line }) => format!(
                "No column header was recognised (the first line reads \"{first_line}\"): the file needs a customer, a date and an amount column."
            ),
            (Lang::En, FileError::MissingColumns { fields }) => {
                let names: Vec<&str> = fields.iter().map(|f| names::field(lang, *f)).collect();
                format!("Choose a column for: {}.", names.join(", "))
            }
            (Lang::En, FileError::NoDataRows) => "The file has a header but no data rows.".into(),
            (Lang::En, FileError::SummaryColumnsMissing { columns }) => format!(
                "This is a customer summary, but it lacks columns every row needs: {}. Make it with sql/customer_summary.sql (README, \"{README_EN}\").",
                columns.join(", ")
            ),
            (Lang::En, FileError::TooLarge { bytes, limit }) => format!(
                "The file is {}; a browser imports files of at most {}: export a shorter period or fewer stores per file, or use the customer summary (see \"{}\" in the README).",
                format::megabytes(*bytes),
                format::megabytes(*limit),
                README_EN
            ),
            (Lang::En, FileError::WorkbookTooLarge { limit }) => format!(
                "The workbook unpacks to more than {}, more data than a browser holds: save the sheet as CSV (up to {}), split it by period, or use the customer summary (see \"{}\" in the README).",
                format::megabytes(*limit),
                format::megabytes(MAX_FILE_BYTES),
                README_EN
            ),
            (Lang::En, FileError::TooManyRows { sheet, limit }) => format!(
                "The sheet \"{sheet}\" has data below row {}, and a sheet is imported up to {} rows: split it by period, or use the customer summary (see \"{}\" in the README).",
                format::count(*limit),
                format::count(*limit),
                README_EN
            ),
            (Lang::En, FileError::TooManyCells { sheet, limit }) => format!(
                "The sheet \"{sheet}\" spans more than {} cells (rows × columns), more data than a browser holds: delete unused columns, split it by period, or use the customer summary (see \"{}\" in the README).",
                format::count(*limit),
                README_EN
            ),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl CellProblem {
    pub fn message(&self, lang: Lang) -> &'static str {
        use CellProblem as P;
        match (lang, self) {
            (Lang::Zh, P::NotANumber) => "有数值不是数字",
            (Lang::Zh, P::Audience) => "受众人数不能为负数",
            (Lang::Zh, P::Cost) => "人均成本必须大于 0",
            (Lang::Zh, P::Conversion) => "转化率必须在 0–100% 之间",
            (Lang::Zh, P::Negative) => "转化价值和最低投入不能为负",
            (Lang::Zh, P::MaxBelowMin) => "最高投入低于最低投入",
            (Lang::Zh, P::RangeOrder) => "区间必须是从低到高的两个数",
            (Lang::Zh, P::RangeBounds) => "成本区间必须大于 0，转化率区间必须在 0–1 之间",
            (Lang::En, P::NotANumber) => "a figure is not a number",
            (Lang::En, P::Audience) => "the audience cannot be negative",
            (Lang::En, P::Cost) => "the cost per person must be above 0",
            (Lang::En, P::Conversion) => "the conversion rate must be between 0 and 100%",
            (Lang::En, P::Negative) => "value and minimum spend cannot be negative",
            (Lang::En, P::MaxBelowMin) => "the maximum spend is below the minimum",
            (Lang::En, P::RangeOrder) => "a range is not two numbers from low to high",
            (Lang::En, P::RangeBounds) => {
                "a cost range must stay above 0 and a conversion range within 0–1"
            }
        }
    }
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl PlanError {
    /// Why a plan cannot be optimised; `cell` names the cell at an index
    /// (e.g. "留存型 × 成长期").
    pub fn message(&self, lang: Lang, cell: &dyn Fn(usize) -> String) -> String {
        match (lang, self) {
            (Lang::Zh, PlanError::InvalidCell { index, reason }) => {
                format!("{}：{}。", cell(*index), reason.message(lang))
            }
            (Lang::En, PlanError::InvalidCell { index, reason }) => {
                format!("{}: {}.", cell(*index), reason.message(lang))
            }
            (Lang::Zh, PlanError::Infeasible { min_total, budget }) => format!(
                "各单元格的最低投入合计 {}，超过了总预算 {}：请提高预算或降低最低投入。",
                format::yuan(*min_total, lang),
                format::yuan(*budget, lang)
            ),
            (Lang::En, PlanError::Infeasible { min_total, budget }) => format!(
                "The minimum spends add up to {}, more than the budget of {}: raise the budget or lower the minimums.",
                format::yuan(*min_total, lang),
                format::yuan(*budget, lang)
            ),
            (Lang::Zh, PlanError::NoCells) => "计划中没有任何单元格：请添加活动 × 阶段。".into(),
            (Lang::En, PlanError::NoCells) => {
                "The plan has no cells: add a campaign type × stage.".into()
            }
            (Lang::Zh, PlanError::InvalidBudget) => "总预算必须是不小于 0 的数字。".into(),
            (Lang::En, PlanError::InvalidBudget) => {
                "The budget must be a number of 0 or more.".into()
            }
        }
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En, &|i| format!("Cell {}", i + 1)))
    }
}

impl ScenarioError {
    /// Why a scenario file or link cannot be used; `cell` as for [`PlanError`].
    pub fn message(&self, lang: Lang, cell: &dyn Fn(usize) -> String) -> String {
        match self {
            ScenarioError::Plan(p) => p.message(lang, cell),
            ScenarioError::TooLarge { bytes, limit } => match lang {
                Lang::Zh => format!(
                    "这个情景文件有 {}，情景文件最大 {}（{} 个单元格的完整计划也只有几 KB）：请选择从计划页面保存的情景文件。",
                    format::megabytes(*bytes as u64),
                    format::megabytes(*limit as u64),
                    MAX_SCENARIO_CELLS
                ),
                Lang::En => format!(
                    "The scenario file is {}; a scenario file holds at most {} (a full plan of {} cells is a few kilobytes): choose a scenario file saved from the planner.",
                    format::megabytes(*bytes as u64),
                    format::megabytes(*limit as u64),
                    MAX_SCENARIO_CELLS
                ),
            },
            ScenarioError::LinkTooLong { chars, limit } => match lang {
                Lang::Zh => format!(
                    "链接长 {} 个字符，情景链接最多 {} 个字符：请从计划页面重新复制链接，或以情景文件分享计划。",
                    format::count(*chars as u64),
                    format::count(*limit as u64)
                ),
                Lang::En => format!(
                    "The link is {} characters long; a scenario link holds at most {}: copy the link again from the planner, or share the plan as a scenario file.",
                    format::count(*chars as u64),
                    format::count(*limit as u64)
                ),
            },
            ScenarioError::TooManyCells { cells, limit } => {
                let (types, stages) = (CampaignType::ALL.len(), PlanStage::ALL.len());
                match lang {
                    Lang::Zh => format!(
                        "情景中有 {} 个单元格，一个计划最多 {limit} 个（每种活动类型 × 阶段各一个，{types} × {stages}）：请删去多余的单元格。",
                        format::count(*cells as u64)
                    ),
                    Lang::En => format!(
                        "The scenario has {} cells; a plan holds at most {limit}, one per campaign type and stage ({types} × {stages}): remove the extra cells.",
                        format::count(*cells as u64)
                    ),
                }
            }
            ScenarioError::DuplicateCell { index, first } => match lang {
                Lang::Zh => format!(
                    "{}出现了两次（第 {} 和第 {} 个单元格）：每种活动类型 × 阶段只能有一个单元格，请保留其中一个。",
                    cell(*index),
                    first + 1,
                    index + 1
                ),
                Lang::En => format!(
                    "{} appears twice (cells {} and {}): a plan holds one cell per campaign type and stage, so keep one of them.",
                    cell(*index),
                    first + 1,
                    index + 1
                ),
            },
            ScenarioError::OutOfRange {
                cell: at,
                figure,
                limit,
            } => {
                let what = figure_name(lang, *figure);
                let limit = match figure {
                    Figure::Audience => match lang {
                        Lang::Zh => format!("{} 人", format::count(*limit as u64)),
                        Lang::En => format!("{} people", format::count(*limit as u64)),
                    },
                    _ => format::yuan(*limit, lang),
                };
                match (lang, at) {
                    (Lang::Zh, Some(i)) => format!(
                        "{}：{what}超过 {limit}，这是情景文件允许的上限：请检查这个数字。",
                        cell(*i)
                    ),
                    (Lang::Zh, None) => {
                        format!("{what}超过 {limit}，这是情景文件允许的上限：请检查这个数字。")
                    }
                    (Lang::En, Some(i)) => format!(
                        "{}: {what} is above {limit}, the most a scenario accepts: check the figure.",
                        cell(*i)
                    ),
                    (Lang::En, None) => format!(
                        "{} is above {limit}, the most a scenario accepts: check the figure.",
                        upper_first(what)
                    ),
                }
            }
            ScenarioError::Json {
                line,
                column,
                problem,
            } => {
                let what = match (lang, problem) {
                    (Lang::Zh, JsonProblem::Syntax) => "不是有效的 JSON".to_owned(),
                    (Lang::En, JsonProblem::Syntax) => "this is not valid JSON".to_owned(),
                    (Lang::Zh, JsonProblem::Truncated) => "文件在这里意外结束".to_owned(),
                    (Lang::En, JsonProblem::Truncated) => "the file ends too early".to_owned(),
                    (Lang::Zh, JsonProblem::MissingField(f)) => format!("缺少字段 {f}"),
                    (Lang::En, JsonProblem::MissingField(f)) => format!("the field {f} is missing"),
                    (Lang::Zh, JsonProblem::UnknownName(v)) => format!("“{v}”不是已知的活动类型、阶段或基准方案"),
                    (Lang::En, JsonProblem::UnknownName(v)) => {
                        format!("\"{v}\" is not a known campaign type, stage or baseline")
                    }
                    (Lang::Zh, JsonProblem::Shape) => "内容与情景文件的格式不符（见 README 中的示例）".to_owned(),
                    (Lang::En, JsonProblem::Shape) => {
                        "the content does not have a scenario's shape (see the example in the README)".to_owned()
                    }
                    (Lang::Zh, JsonProblem::DamagedLink) => "链接已损坏或不完整".to_owned(),
                    (Lang::En, JsonProblem::DamagedLink) => "The link is damaged or cut short".to_owned(),
                };
                match (lang, problem) {
                    (Lang::Zh, JsonProblem::DamagedLink) => format!("{what}。"),
                    (Lang::En, JsonProblem::DamagedLink) => format!("{what}."),
                    (Lang::Zh, _) => format!("第 {line} 行第 {column} 列：{what}。"),
                    (Lang::En, _) => format!("Line {line}, column {column}: {what}."),
                }
            }
        }
    }
}

/// A limited figure of a scenario, as the subject of a sentence.
fn figure_name(lang: Lang, f: Figure) -> &'static str {
    match (lang, f) {
        (Lang::Zh, Figure::Budget) => "总预算",
        (Lang::Zh, Figure::Spend) => "投入（最低、最高或基准）",
        (Lang::Zh, Figure::Audience) => "受众人数",
        (Lang::Zh, Figure::CostPerPerson) => "人均成本",
        (Lang::Zh, Figure::ValuePerConversion) => "转化价值",
        (Lang::En, Figure::Budget) => "the budget",
        (Lang::En, Figure::Spend) => "a spend (minimum, maximum or baseline)",
        (Lang::En, Figure::Audience) => "the audience",
        (Lang::En, Figure::CostPerPerson) => "the cost per person",
        (Lang::En, Figure::ValuePerConversion) => "the value per conversion",
    }
}

/// "the budget" → "The budget", to open a sentence.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En, &|i| format!("Cell {}", i + 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ingest::Field;

    #[test]
    fn errors_read_as_sentences_in_both_languages() {
        let k = RowErrorKind::ImpossibleDate {
            value: "1997-02-30".into(),
        };
        assert_eq!(
            k.message(Lang::En),
            "\"1997-02-30\" is not a real calendar day"
        );
        assert_eq!(k.message(Lang::Zh), "“1997-02-30”不是真实存在的日期");
        let k = RowErrorKind::DateOutOfRange {
            value: "1900-1-1".into(),
        };
        assert_eq!(k.message(Lang::Zh), "“1900-1-1”不在 1950–2100 年之间");
        assert_eq!(
            RowErrorKind::MissingCustomer.message(Lang::En),
            "The customer id is empty"
        );
        let e = FileError::NotATable {
            kind: NotTable::Png,
        };
        assert!(e.message(Lang::Zh).starts_with("这是一个PNG 图片"));
        let e = FileError::MissingColumns {
            fields: vec![Field::Date, Field::Amount],
        };
        assert_eq!(e.message(Lang::Zh), "请为以下字段选择列：到店日期、金额。");
        assert_eq!(
            e.message(Lang::En),
            "Choose a column for: Visit date, Amount."
        );
    }

    #[test]
    fn a_scenario_error_is_whole_in_chinese() {
        let e = ScenarioError::Json {
            line: 3,
            column: 7,
            problem: JsonProblem::MissingField("budget".into()),
        };
        assert_eq!(
            e.message(Lang::Zh, &|_| String::new()),
            "第 3 行第 7 列：缺少字段 budget。"
        );
        let e = ScenarioError::Plan(PlanError::InvalidCell {
            index: 2,
            reason: CellProblem::Audience,
        });
        assert_eq!(e.to_string(), "Cell 3: the audience cannot be negative.");
        assert_eq!(
            e.message(Lang::Zh, &|i| format!("单元格 {}", i + 1)),
            "单元格 3：受众人数不能为负数。"
        );
    }
}
