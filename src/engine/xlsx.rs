//! Excel exports for people (issue 14): the same rows as the CSV exports,
//! with headers and values in the user's language, dates and money as
//! formatted numbers, the header row frozen and a filter on it. The CSVs
//! stay as they are, for machines and the tests.

use crate::domain::export::text_cell;
use crate::domain::segmentation::CustomerRow;
use crate::domain::summary::CustomerSource;
use crate::domain::value::score::CustomerValue;
use crate::i18n::segments::SegText;
use crate::i18n::value::ValueText;
use crate::i18n::{names, Lang, Text};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// The customer list (all customers or a drilled group) as an `.xlsx`.
pub fn customers_xlsx<'a>(
    lang: Lang,
    d: &(impl CustomerSource + ?Sized),
    rows: impl Iterator<Item = &'a CustomerRow>,
    value: &dyn Fn(u32) -> Option<CustomerValue>,
) -> Result<Vec<u8>, XlsxError> {
    let headers = [
        SegText::CustomerId.text(lang),
        SegText::FirstVisit.text(lang),
        SegText::LastVisit.text(lang),
        SegText::Recency.text(lang),
        SegText::Frequency.text(lang),
        SegText::Monetary.text(lang),
        SegText::ScoreR.text(lang),
        SegText::ScoreF.text(lang),
        SegText::ScoreM.text(lang),
        SegText::Segment.text(lang),
        SegText::Stage.text(lang),
        SegText::Light.text(lang),
        SegText::Tier.text(lang),
        SegText::Visits12m.text(lang),
        SegText::Spend12m.text(lang),
        ValueText::ColPAlive.text(lang),
        SegText::ExpectedVisits365.text(lang),
        ValueText::ColClv.text(lang),
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SegText::SheetCustomers.text(lang))?;
    let bold = Format::new().set_bold().set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let share = Format::new().set_num_format("0.0%");
    let visits = Format::new().set_num_format("0.00");
    for (col, h) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, h, &bold)?;
        sheet.set_column_width(col, if col == 0 { 14 } else { 12 })?;
    }
    sheet.set_row_height(0, 32)?;
    let day = |d: chrono::NaiveDate| {
        use chrono::Datelike;
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
    };
    let mut last = 0u32;
    for (i, c) in rows.enumerate() {
        let row = i as u32 + 1;
        last = row;
        let s = &c.stats;
        let id = d
            .customer_ids()
            .get(s.customer as usize)
            .map_or("", String::as_str);
        // A string cell is never run as a formula in Excel, but the id is
        // guarded as in the CSV: the same text in both files, and safe
        // when the sheet is saved as CSV or pasted (issue 16).
        sheet.write_string(row, 0, text_cell(id).as_ref())?;
        sheet.write_datetime_with_format(row, 1, day(s.first_visit)?, &date)?;
        sheet.write_datetime_with_format(row, 2, day(s.last_visit)?, &date)?;
        sheet.write_number(row, 3, f64::from(s.recency_days))?;
        sheet.write_number(row, 4, s.frequency as f64)?;
        sheet.write_number_with_format(row, 5, s.monetary.yuan(), &money)?;
        sheet.write_number(row, 6, f64::from(c.scores.r))?;
        sheet.write_number(row, 7, f64::from(c.scores.f))?;
        sheet.write_number(row, 8, f64::from(c.scores.m))?;
        sheet.write_string(row, 9, names::segment(lang, c.segment))?;
        sheet.write_string(row, 10, names::stage(lang, c.stage))?;
        sheet.write_string(row, 11, names::light(lang, c.light))?;
        sheet.write_string(row, 12, names::tier(lang, c.tier))?;
        sheet.write_number(row, 13, s.visits_12m as f64)?;
        sheet.write_number_with_format(row, 14, s.spend_12m.yuan(), &money)?;
        // No model, no score: the cells stay empty, never a made-up 0.
        if let Some(v) = value(s.customer) {
            sheet.write_number_with_format(row, 15, v.p_alive, &share)?;
            sheet.write_number_with_format(row, 16, v.expected_visits_365d, &visits)?;
            if let Ok(clv) = v.clv_365d {
                sheet.write_number_with_format(row, 17, clv, &money)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, last, headers.len() as u16 - 1)?;
    book.save_to_buffer()
}
