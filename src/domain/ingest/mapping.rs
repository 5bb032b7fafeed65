//! Which source column feeds which field: header synonyms (Chinese and
//! English), automatic mapping, and finding the header row.

use serde::{Deserialize, Serialize};

/// A field of a visit row that a source column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Customer,
    Date,
    Amount,
    Campaign,
    Delivery,
    Nps,
    Complaint,
    Store,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Customer,
        Field::Date,
        Field::Amount,
        Field::Campaign,
        Field::Delivery,
        Field::Nps,
        Field::Complaint,
        Field::Store,
    ];

    /// Fields every row needs; the others are optional columns.
    pub const REQUIRED: [Field; 3] = [Field::Customer, Field::Date, Field::Amount];

    pub fn is_required(self) -> bool {
        Self::REQUIRED.contains(&self)
    }

    /// Stable snake_case id (used in saved mappings and reports).
    pub fn id(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Campaign => "campaign",
            Field::Delivery => "delivery_date",
            Field::Nps => "nps",
            Field::Complaint => "complaint",
            Field::Store => "store",
        }
    }

    /// Header names that map to this field, best first. Compared after
    /// [`normalise_header`].
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Customer => &[
                "客户id",
                "客户编号",
                "客户号",
                "客户代码",
                "车主id",
                "车主编号",
                "会员id",
                "会员卡号",
                "会员号",
                "vin",
                "vin码",
                "车架号",
                "customer",
                "customerid",
                "custid",
                "clientid",
                "memberid",
                "客户",
            ],
            Field::Date => &[
                "日期",
                "到店日期",
                "消费日期",
                "服务日期",
                "结算日期",
                "进厂日期",
                "维修日期",
                "工单日期",
                "到店时间",
                "消费时间",
                "结算时间",
                "date",
                "visitdate",
                "servicedate",
                "orderdate",
            ],
            Field::Amount => &[
                "金额",
                "消费金额",
                "实收金额",
                "结算金额",
                "工单金额",
                "应收金额",
                "总金额",
                "amount",
                "revenue",
                "spend",
                "total",
                "sales",
            ],
            Field::Campaign => &[
                "活动",
                "参与活动",
                "活动名称",
                "营销活动",
                "渠道",
                "campaign",
                "channel",
            ],
            Field::Delivery => &[
                "交车日期",
                "购车日期",
                "交付日期",
                "deliverydate",
                "purchasedate",
            ],
            Field::Nps => &[
                "nps",
                "满意度",
                "评分",
                "推荐度",
                "satisfaction",
                "score",
                "rating",
            ],
            Field::Complaint => &["投诉", "是否投诉", "投诉记录", "complaint", "complaints"],
            Field::Store => &[
                "门店",
                "经销商",
                "区域",
                "服务站",
                "店铺",
                "store",
                "dealer",
                "region",
                "branch",
            ],
        }
    }
}

/// Lower-case, drop spaces/underscores/hyphens and a trailing unit in
/// brackets: `消费金额（元）` and `Visit_Date` become `消费金额` and `visitdate`.
pub fn normalise_header(h: &str) -> String {
    let mut s: String = h
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect();
    if s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            if open > 0 {
                s.truncate(open);
            }
        }
    }
    s
}

/// For each field, the index of the source column it reads, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    columns: [Option<usize>; 8],
}

impl ColumnMapping {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns[field as usize]
    }

    /// Sets a field's column; a column feeds at most one field, so any
    /// other field reading that column is cleared.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        if column.is_some() {
            for c in self.columns.iter_mut() {
                if *c == column {
                    *c = None;
                }
            }
        }
        self.columns[field as usize] = column;
    }

    /// Required fields that have no column.
    pub fn missing_required(&self) -> Vec<Field> {
        Field::REQUIRED
            .into_iter()
            .filter(|f| self.get(*f).is_none())
            .collect()
    }

    pub fn mapped_count(&self) -> usize {
        self.columns.iter().flatten().count()
    }

    /// Maps headers to fields by synonym: for each field the best-ranked
    /// synonym that some still-free column carries.
    pub fn auto(headers: &[String]) -> ColumnMapping {
        let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
        let mut mapping = ColumnMapping::default();
        let mut taken = vec![false; headers.len()];
        for field in Field::ALL {
            let found = field.synonyms().iter().find_map(|syn| {
                normalised
                    .iter()
                    .enumerate()
                    .position(|(i, h)| !taken[i] && h == syn)
            });
            if let Some(i) = found {
                taken[i] = true;
                mapping.columns[field as usize] = Some(i);
            }
        }
        mapping
    }
}

/// Picks the header row among the first records: the one whose cells
/// match the most field synonyms (earliest on a tie). Exports often put a
/// title or a date range above the header. `None` when no record matches.
pub fn find_header_row(records: &[Vec<String>]) -> Option<(usize, ColumnMapping)> {
    let mut best: Option<(usize, ColumnMapping)> = None;
    for (i, rec) in records.iter().enumerate() {
        let m = ColumnMapping::auto(rec);
        let better = match &best {
            None => m.mapped_count() > 0,
            Some((_, b)) => m.mapped_count() > b.mapped_count(),
        };
        if better {
            best = Some((i, m));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn normalises_case_space_and_units() {
        assert_eq!(normalise_header("消费金额（元）"), "消费金额");
        assert_eq!(normalise_header("消费金额(元)"), "消费金额");
        assert_eq!(normalise_header(" Visit_Date "), "visitdate");
        assert_eq!(normalise_header("\u{feff}Customer ID"), "customerid");
        assert_eq!(normalise_header("(元)"), "(元)");
    }

    #[test]
    fn maps_chinese_and_english_synonyms() {
        let m = ColumnMapping::auto(&strings(&[
            "车架号",
            "结算日期",
            "实收金额",
            "渠道",
            "门店",
        ]));
        assert_eq!(m.get(Field::Customer), Some(0));
        assert_eq!(m.get(Field::Date), Some(1));
        assert_eq!(m.get(Field::Amount), Some(2));
        assert_eq!(m.get(Field::Campaign), Some(3));
        assert_eq!(m.get(Field::Store), Some(4));
        assert!(m.missing_required().is_empty());

        let m = ColumnMapping::auto(&strings(&["Amount", "customer_id", "VISIT DATE", "NPS"]));
        assert_eq!(m.get(Field::Customer), Some(1));
        assert_eq!(m.get(Field::Date), Some(2));
        assert_eq!(m.get(Field::Amount), Some(0));
        assert_eq!(m.get(Field::Nps), Some(3));
    }

    #[test]
    fn prefers_the_better_synonym_and_never_reuses_a_column() {
        // Both VIN and 客户ID name a customer: 客户ID ranks first.
        let m = ColumnMapping::auto(&strings(&["VIN", "客户ID", "日期", "交车日期", "金额"]));
        assert_eq!(m.get(Field::Customer), Some(1));
        assert_eq!(m.get(Field::Date), Some(2));
        assert_eq!(m.get(Field::Delivery), Some(3));
    }

    #[test]
    fn set_moves_a_column_between_fields() {
        let mut m = ColumnMapping::auto(&strings(&["客户ID", "日期", "金额"]));
        m.set(Field::Store, Some(2));
        assert_eq!(m.get(Field::Amount), None);
        assert_eq!(m.missing_required(), vec![Field::Amount]);
    }

    #[test]
    fn finds_a_header_below_a_title_row() {
        let rows = vec![
            strings(&["某某4S店 2024年服务记录导出"]),
            strings(&["", ""]),
            strings(&["客户编号", "到店日期", "消费金额(元)"]),
            strings(&["C1", "2024-01-05", "100"]),
        ];
        let (i, m) = find_header_row(&rows).unwrap();
        assert_eq!(i, 2);
        assert!(m.missing_required().is_empty());
        assert!(find_header_row(&[strings(&["x", "y"])]).is_none());
    }
}
