//! CSV injection (OWASP): ids, campaigns, stores, column names and reasons
//! that begin like a formula come out of every export with a leading `'`,
//! through the domain writers and through the engine; numbers (a refund of
//! -120.00) stay numbers, and HTML in an id is kept as plain text.

use chrono::NaiveDate;
use panorama::domain::campaign::{self, campaigns_csv, cohorts};
use panorama::domain::demo::to_dataset;
use panorama::domain::export::{text_cell, FORMULA_TRIGGERS};
use panorama::domain::ingest::{import_bytes, open, Field, ImportReport, Importer};
use panorama::domain::model::VisitRow;
use panorama::domain::money::Fen;
use panorama::domain::planner::scenario::{plan_csv, Scenario};
use panorama::domain::segmentation::{customers_csv, segment, Group, SegmentSettings};
use panorama::domain::value::validate::ModelChoice;
use panorama::engine::protocol::{At, Export, Reply};
use panorama::engine::{Engine, Step};
use panorama::i18n::Lang;
use std::collections::BTreeMap;

const HOSTILE: [&str; 7] = [
    "=HYPERLINK(\"http://x\",\"open\")",
    "+SUM(1,2)",
    "-1+2",
    "@SUM(1)",
    "\tX",
    "\rX",
    "<img src=x onerror=alert(1)>",
];
const HTML: &str = "<img src=x onerror=alert(1)>";

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, d).expect("valid date")
}

/// Two visits per hostile customer, each with a hostile campaign and
/// store, and one customer whose only visit is a refund of 120 yuan.
fn hostile_rows() -> Vec<VisitRow> {
    let mut rows = Vec::new();
    for (i, id) in HOSTILE.iter().enumerate() {
        for (k, day) in [date(1, 5), date(3, 10)].into_iter().enumerate() {
            rows.push(VisitRow {
                customer: (*id).to_owned(),
                date: day,
                amount: Fen(50_000 + 100 * i as i64),
                campaign: Some(HOSTILE[(i + k) % HOSTILE.len()].to_owned()),
                store: Some(HOSTILE[(i + 2) % HOSTILE.len()].to_owned()),
                delivery: None,
                nps: None,
                complaint: None,
            });
        }
    }
    rows.push(VisitRow {
        customer: "REFUND".into(),
        date: date(2, 1),
        amount: Fen(-12_000),
        campaign: Some("-refund".into()),
        store: None,
        delivery: None,
        nps: None,
        complaint: None,
    });
    rows
}

/// The records of an export (BOM dropped), header first.
fn records(csv_text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| {
            rec.expect("a CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn is_formula(cell: &str) -> bool {
    cell.trim_start_matches([' ', '\n'])
        .starts_with(FORMULA_TRIGGERS)
}

/// Every cell of a text column is safe; every cell of another column is
/// empty or a number. Returns the rows by header name.
fn check(csv_text: &str, text_columns: &[&str]) -> Vec<BTreeMap<String, String>> {
    let all = records(csv_text);
    let (header, rows) = all.split_first().expect("a header");
    for h in header {
        assert!(!is_formula(h), "header {h:?}");
    }
    rows.iter()
        .map(|row| {
            assert_eq!(row.len(), header.len());
            header
                .iter()
                .zip(row)
                .map(|(h, cell)| {
                    if text_columns.contains(&h.as_str()) {
                        assert!(!is_formula(cell), "{h}: {cell:?} would run as a formula");
                    } else {
                        assert!(
                            cell.is_empty() || cell.parse::<f64>().is_ok(),
                            "{h}: {cell:?} is not a number"
                        );
                    }
                    (h.clone(), cell.clone())
                })
                .collect()
        })
        .collect()
}

const CUSTOMER_TEXT: [&str; 8] = [
    "customer_id",
    "first_visit",
    "last_visit",
    "segment",
    "stage",
    "warning",
    "tier",
    "placement",
];

#[test]
fn customers_csv_neutralises_hostile_ids_and_keeps_a_refund_a_number() {
    let d = to_dataset(hostile_rows());
    let seg = segment(&d, date(6, 30), &SegmentSettings::default());
    let rows = check(
        &customers_csv(&d, seg.customers.iter(), &|_| None),
        &CUSTOMER_TEXT,
    );
    let ids: Vec<&str> = rows.iter().map(|r| r["customer_id"].as_str()).collect();
    for id in HOSTILE.iter().filter(|id| **id != HTML) {
        assert!(
            ids.contains(&format!("'{id}").as_str()),
            "{id:?} in {ids:?}"
        );
    }
    assert!(ids.contains(&HTML), "HTML stays as it was: {ids:?}");
    let refund = rows
        .iter()
        .find(|r| r["customer_id"] == "REFUND")
        .expect("the refund customer");
    assert_eq!(refund["monetary"], "-120.00");
}

#[test]
fn campaigns_csv_neutralises_hostile_campaign_names() {
    let d = to_dataset(hostile_rows());
    let all = cohorts(&d, date(6, 30));
    let text = campaigns_csv(&all, |_| Some(-5.0), campaign::SEED);
    let rows = check(&text, &["campaign"]);
    let names: Vec<&str> = rows.iter().map(|r| r["campaign"].as_str()).collect();
    for name in HOSTILE.iter().filter(|n| **n != HTML) {
        assert!(names.contains(&format!("'{name}").as_str()), "{names:?}");
    }
    assert!(names.contains(&"'-refund") && names.contains(&HTML));
    // A negative cost per person is written as a number, untouched.
    assert!(rows.iter().all(|r| r["cost_per_person"] == "-5.00"));
}

#[test]
fn plan_csv_writes_its_ids_through_text_cell() {
    let s = Scenario::default_for(None);
    let spend = s.baseline_spend();
    let text = plan_csv(&s.cells, &spend, &spend);
    let rows = check(&text, &["campaign_type", "stage"]);
    assert_eq!(rows.len(), s.cells.len());
    for (r, c) in rows.iter().zip(&s.cells) {
        assert_eq!(r["campaign_type"], text_cell(c.campaign_type.id()));
    }
}

/// A file whose ids, campaigns and stores are hostile, with a note column
/// (named like a formula) mapped as the amount, so every row is rejected
/// with that column's name and a hostile value in the reason.
fn hostile_file() -> String {
    let mut text = String::from("customer_id,date,amount,campaign,store,=note\n");
    for id in [
        "=HYPERLINK(\"\"http://x\"\",\"\"open\"\")",
        "+SUM(1,2)",
        "-1+2",
        "@SUM(1)",
        HTML,
    ] {
        text.push_str(&format!(
            "\"{id}\",2024-01-05,-120.00,\"{id}\",\"{id}\",=1+2\n"
        ));
    }
    text
}

#[test]
fn rejected_csv_neutralises_column_names_and_reasons() {
    let file = open(hostile_file().into_bytes(), "hostile.csv", None).expect("readable");
    let mut mapping = file.mapping.clone();
    mapping.set(Field::Amount, Some(5));
    let report = Importer::new(file, mapping)
        .and_then(Importer::finish)
        .expect("rows");
    assert_eq!(report.rejected.len(), 5);
    for lang in [Lang::En, Lang::Zh] {
        let text = report.rejected_csv(["=line", "+column", "-reason"], |k| k.message(lang));
        let rows = records(&text);
        assert_eq!(rows[0], ["'=line", "'+column", "'-reason"]);
        for row in &rows[1..] {
            assert!(row[0].parse::<u64>().is_ok());
            assert_eq!(row[1], "'=note");
            assert!(!is_formula(&row[2]), "{:?}", row[2]);
        }
    }
    // A reason that is a hostile value on its own is quoted too.
    let text = report.rejected_csv(["line", "column", "reason"], |_| "=1+2".into());
    assert!(records(&text)[1..].iter().all(|r| r[2] == "'=1+2"));
}

fn finish(e: &mut Engine) -> Reply {
    loop {
        match e.step(1_000).expect("running") {
            Step::Progress(_) => {}
            Step::Done(reply) => return *reply,
            other => panic!("a whole file never waits for parts: {other:?}"),
        }
    }
}

fn export(e: &mut Engine, x: &Export) -> String {
    let (_, bytes) = e.export(x).expect("an export");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn every_engine_export_neutralises_hostile_text() {
    // The imported file: ids, campaigns and stores as read, amounts kept.
    let mut e = Engine::new(|| 0.0);
    let report = import_bytes(hostile_file().into_bytes(), "hostile.csv").expect("rows");
    assert_eq!(report.rows_accepted(), 5);
    let view = e.load(report, false);
    let at = At {
        data: view.id,
        as_of: None,
    };
    let settings = SegmentSettings::default();
    let customers = export(
        &mut e,
        &Export::Customers {
            at: at.clone(),
            settings: settings.clone(),
            model: ModelChoice::Auto,
            group: Group::All,
        },
    );
    let rows = check(&customers, &CUSTOMER_TEXT);
    assert!(rows.iter().any(|r| r["customer_id"] == "'@SUM(1)"));
    assert!(rows.iter().all(|r| r["monetary"] == "-120.00"));
    let campaigns = export(
        &mut e,
        &Export::Campaigns {
            at: at.clone(),
            costs: BTreeMap::new(),
            model: ModelChoice::Auto,
        },
    );
    let rows = check(&campaigns, &["campaign"]);
    assert!(rows.iter().any(|r| r["campaign"] == "'-1+2"));
    let s = Scenario::default_for(None);
    let spend = s.baseline_spend();
    let plan = export(
        &mut e,
        &Export::Plan {
            cells: s.cells.clone(),
            optimised: spend.clone(),
            baseline: spend,
        },
    );
    check(&plan, &["campaign_type", "stage"]);

    // Rows rejected on import: the column name and the value come from the file.
    let Reply::Opened(opened) = e.open(Some(hostile_file().into_bytes()), "hostile.csv", None)
    else {
        panic!("not opened");
    };
    let mut mapping = opened.mapping;
    mapping.set(Field::Amount, Some(5));
    assert!(e.start_import(mapping).is_none());
    let Reply::Loaded(view) = finish(&mut e) else {
        panic!("not loaded");
    };
    for lang in [Lang::En, Lang::Zh] {
        let text = export(
            &mut e,
            &Export::Rejected {
                data: view.id,
                lang,
            },
        );
        let rows = records(&text);
        assert_eq!(rows.len(), 6);
        assert!(rows.iter().flatten().all(|cell| !is_formula(cell)));
        assert!(rows[1..].iter().all(|r| r[1] == "'=note"));
    }

    // Ids with a tab or carriage return (a workbook or the demo can hold them).
    let view = e.load(ImportReport::generated(to_dataset(hostile_rows()), 1), true);
    let customers = export(
        &mut e,
        &Export::Customers {
            at: At {
                data: view.id,
                as_of: None,
            },
            settings,
            model: ModelChoice::Auto,
            group: Group::All,
        },
    );
    let rows = check(&customers, &CUSTOMER_TEXT);
    for id in ["\tX", "\rX"] {
        assert!(rows.iter().any(|r| r["customer_id"] == format!("'{id}")));
    }

    // The Excel call list: the same guarded ids as the CSV, every hostile
    // one with its `'`, the HTML one as plain text, and the money numeric.
    use calamine::{Data, Reader, Xlsx};
    for lang in [Lang::En, Lang::Zh] {
        let (_, bytes) = e
            .export(&Export::CustomersXlsx {
                at: At {
                    data: view.id,
                    as_of: None,
                },
                settings: SegmentSettings::default(),
                model: ModelChoice::Auto,
                group: Group::All,
                lang,
            })
            .expect("an export");
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
        let sheet = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        let ids: Vec<String> = sheet
            .rows()
            .skip(1)
            .map(|r| match &r[0] {
                Data::String(s) => s.clone(),
                other => panic!("an id is text, not {other:?}"),
            })
            .collect();
        assert_eq!(ids.len(), HOSTILE.len() + 1);
        for id in HOSTILE {
            let want = if id == HTML {
                id.to_owned()
            } else {
                format!("'{id}")
            };
            assert!(ids.contains(&want), "{want:?} in {ids:?}");
        }
        assert!(ids.iter().all(|id| !is_formula(id)));
        assert!(sheet.rows().skip(1).all(|r| matches!(r[5], Data::Float(_))));
    }
}
