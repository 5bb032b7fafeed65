//! Import of the fixture files under tests/data/, with expectations
//! counted by hand from the files (see tests/data/make_fixtures.py).

use chrono::NaiveDate;
use panorama::domain::ingest::decode::TextEncoding;
use panorama::domain::ingest::{
    import_bytes, open, ColumnMapping, Field, FileError, Importer, NotTable, RowErrorKind,
    SourceFormat,
};
use panorama::domain::money::Fen;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn gbk_csv_with_chinese_headers_keeps_every_good_row() {
    let report = import_bytes(fixture("visits_gbk.csv"), "visits_gbk.csv").expect("readable");
    assert_eq!(
        report.format,
        SourceFormat::Delimited {
            encoding: TextEncoding::Gb18030,
            delimiter: b','
        }
    );
    assert_eq!(report.rows_read, 12);
    assert_eq!(report.rows_accepted(), 7);
    assert_eq!(report.blank_lines, 1);
    let s = report.dataset.summary();
    assert_eq!(s.customers, 4);
    assert_eq!(s.visits, 6);
    assert_eq!(s.revenue, Fen(416450));
    assert_eq!(s.first_date, Some(date(2024, 1, 5)));
    assert_eq!(s.last_date, Some(date(2024, 3, 10)));
    assert_eq!(s.campaigns, 2);
    assert_eq!(s.stores, 2);
    assert_eq!(report.unreadable_optional, vec![(Field::Nps, 1)]);

    let rejected: Vec<(u64, Option<&str>, &RowErrorKind)> = report
        .rejected
        .iter()
        .map(|e| (e.line, e.column.as_deref(), &e.kind))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (8, Some("客户编号"), &RowErrorKind::MissingCustomer),
            (
                9,
                Some("到店日期"),
                &RowErrorKind::ImpossibleDate {
                    value: "1997-02-30".into()
                }
            ),
            (
                10,
                Some("消费金额(元)"),
                &RowErrorKind::BadAmount {
                    value: "abc".into()
                }
            ),
            (
                11,
                None,
                &RowErrorKind::TooFewFields {
                    found: 2,
                    expected: 8
                }
            ),
            (
                12,
                Some("到店日期"),
                &RowErrorKind::UnreadableDate {
                    value: "yesterday".into()
                }
            ),
        ]
    );
    assert_eq!(
        report.rejected[0].to_string(),
        "Line 8, column \"客户编号\": the customer id is empty."
    );

    let d = &report.dataset;
    assert_eq!(d.customer_ids, vec!["C001", "C002", "C003", "C008"]);
    assert_eq!(d.campaign_of(0), Some("首保免费"));
    assert_eq!(d.campaign_of(1), None);
    assert_eq!(d.store_of(2), Some("佛山南海店"));
    assert_eq!(d.delivery[0], Some(date(2023, 12, 20)));
    assert_eq!(d.nps[5], Some(6.0));
    assert_eq!(d.complaint[4], Some(true));
    assert_eq!(d.complaint[0], Some(false));
    assert_eq!(d.complaint[5], Some(true));
    assert_eq!(d.amount[5], Fen(-5000));
}

#[test]
fn xlsx_with_notes_sheet_title_row_and_serial_dates() {
    let report = import_bytes(fixture("visits.xlsx"), "visits.xlsx").expect("readable");
    match &report.format {
        SourceFormat::Workbook { sheet, sheets } => {
            assert_eq!(sheet, "服务记录");
            assert_eq!(
                sheets,
                &vec!["导出说明".to_string(), "服务记录".to_string()]
            );
        }
        other => panic!("expected a workbook, got {other:?}"),
    }
    assert_eq!(report.rows_read, 7);
    assert_eq!(report.rows_accepted(), 5);
    assert_eq!(report.blank_lines, 1);
    let d = &report.dataset;
    assert_eq!(d.customer_ids, vec!["C001", "C002", "C003", "12345"]);
    assert_eq!(
        d.date,
        vec![
            date(2024, 1, 5),
            date(2024, 1, 5),
            date(2024, 2, 1),
            date(2024, 4, 18),
            date(2024, 3, 1)
        ]
    );
    let s = d.summary();
    assert_eq!((s.customers, s.visits), (4, 4));
    assert_eq!(s.revenue, Fen(412330));
    let lines: Vec<u64> = report.rejected.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![10, 11]);
    assert_eq!(
        report.rejected[0].kind,
        RowErrorKind::ImpossibleDate {
            value: "2024-02-30".into()
        }
    );
    assert_eq!(
        report.rejected[1].kind,
        RowErrorKind::BadAmount {
            value: "abc".into()
        }
    );
}

#[test]
fn xlsx_sheet_can_be_picked_by_name() {
    let err = open(fixture("visits.xlsx"), "visits.xlsx", Some("导出说明")).unwrap_err();
    assert!(
        matches!(err, FileError::NoRecognisableColumns { .. }),
        "{err:?}"
    );
}

#[test]
fn utf16_tab_separated_unicode_text() {
    let report = import_bytes(fixture("visits_utf16.txt"), "visits_utf16.txt").expect("readable");
    assert_eq!(
        report.format,
        SourceFormat::Delimited {
            encoding: TextEncoding::Utf16Le,
            delimiter: b'\t'
        }
    );
    let s = report.dataset.summary();
    assert_eq!((s.rows, s.customers, s.visits), (3, 2, 3));
    assert_eq!(s.revenue, Fen(35050));
    assert!(report.rejected.is_empty());
}

#[test]
fn semicolon_file_with_title_line_refuses_european_decimals() {
    let report = import_bytes(fixture("visits_semicolon.csv"), "x.csv").expect("readable");
    assert_eq!(
        report.format,
        SourceFormat::Delimited {
            encoding: TextEncoding::Utf8Bom,
            delimiter: b';'
        }
    );
    assert_eq!(report.rows_accepted(), 2);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 3);
    assert_eq!(
        report.rejected[0].kind,
        RowErrorKind::BadAmount {
            value: "1.234,00".into()
        }
    );
}

#[test]
fn unreadable_files_say_why() {
    assert_eq!(
        import_bytes(fixture("empty.csv"), "e.csv").unwrap_err(),
        FileError::Empty
    );
    assert_eq!(
        import_bytes(fixture("not_a_table.png"), "p.png").unwrap_err(),
        FileError::NotATable {
            kind: NotTable::Png
        }
    );
    let err = import_bytes(fixture("no_columns.csv"), "n.csv").unwrap_err();
    assert_eq!(
        err,
        FileError::NoRecognisableColumns {
            first_line: "name, colour".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "No column header was recognised (the first line reads \"name, colour\"): the file needs a customer, a date and an amount column."
    );
    assert_eq!(
        import_bytes(fixture("header_only.csv"), "h.csv").unwrap_err(),
        FileError::NoDataRows
    );
    assert!(matches!(
        import_bytes(b"PK\x03\x04garbage".to_vec(), "bad.xlsx").unwrap_err(),
        FileError::UnreadableWorkbook { .. }
    ));
}

#[test]
fn a_user_mapping_fixes_what_the_headers_did_not_say() {
    let text = "编号,时间,钱\nA,2024-01-01,10\nB,2024-01-02,20\n";
    // Only 时间 is not a synonym of anything; the header row still has none.
    let err = open(text.as_bytes().to_vec(), "x.csv", None).unwrap_err();
    assert!(matches!(err, FileError::NoRecognisableColumns { .. }));

    let text = "客户ID,时间,钱\nA,2024-01-01,10\nB,2024-01-02,20\n";
    let file = open(text.as_bytes().to_vec(), "x.csv", None).expect("header found");
    assert_eq!(
        file.mapping.missing_required(),
        vec![Field::Date, Field::Amount]
    );
    assert_eq!(file.preview.len(), 2);
    let err = Importer::new(file.clone(), file.mapping.clone())
        .err()
        .expect("missing columns");
    assert_eq!(
        err,
        FileError::MissingColumns {
            fields: vec![Field::Date, Field::Amount]
        }
    );
    let mut m: ColumnMapping = file.mapping.clone();
    m.set(Field::Date, Some(1));
    m.set(Field::Amount, Some(2));
    let report = Importer::new(file, m)
        .expect("complete")
        .finish()
        .expect("rows");
    assert_eq!(report.dataset.summary().revenue, Fen(3000));
}

#[test]
fn stepping_reports_progress_and_matches_one_shot_import() {
    let bytes = fixture("visits_gbk.csv");
    let file = open(bytes.clone(), "x.csv", None).expect("readable");
    let mapping = file.mapping.clone();
    let mut importer = Importer::new(file, mapping).expect("complete");
    let mut last = 0.0;
    let mut steps = 0;
    while !importer.step(2) {
        let p = importer.progress();
        assert!(p >= last && p <= 1.0, "progress {p} after {last}");
        last = p;
        steps += 1;
    }
    assert!(steps >= 6);
    assert_eq!(importer.progress(), 1.0);
    let stepped = importer.finish().expect("rows");
    let whole = import_bytes(bytes, "x.csv").expect("rows");
    assert_eq!(stepped.dataset.summary(), whole.dataset.summary());
    assert_eq!(stepped.rejected, whole.rejected);
}

#[test]
fn rejected_rows_download_as_csv_with_bom() {
    let report = import_bytes(fixture("visits_gbk.csv"), "x.csv").expect("readable");
    let csv = report.rejected_csv(["line", "column", "reason"], |k| k.to_string());
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("\u{feff}line,column,reason"));
    assert_eq!(lines.next(), Some("8,客户编号,The customer id is empty"));
    assert_eq!(lines.count(), 4);
}

#[test]
fn exact_duplicate_rows_are_counted_and_kept() {
    let text = "客户ID,日期,金额\nA,2024-01-01,10\nA,2024-01-01,10\nA,2024-01-01,20\n";
    let report = import_bytes(text.as_bytes().to_vec(), "d.csv").expect("rows");
    assert_eq!(report.duplicate_rows, 1);
    assert_eq!(report.rows_accepted(), 3);
    assert_eq!(report.dataset.summary().visits, 1);
}

#[test]
fn line_numbers_count_blank_lines_and_quoted_newlines() {
    let text = "客户ID,日期,金额,备注\r\nA,2024-01-01,10,\"two\r\nlines\"\r\n\r\n\r\nB,bad,5,\r\n ,, ,\r\nC,2024-01-02,x,\r\n";
    let report = import_bytes(text.as_bytes().to_vec(), "l.csv").expect("rows");
    let lines: Vec<u64> = report.rejected.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![6, 8]);
    assert_eq!(report.blank_lines, 3);
    assert_eq!(report.rows_accepted(), 1);
}
