//! Cells of the files we export, made safe to open in a spreadsheet.
//!
//! Ids, names, campaigns, stores and reasons come from the user's file and
//! may begin like a formula (`=HYPERLINK(…)`, `+SUM(…)`, `-1+2`, `@SUM(…)`),
//! which Excel, WPS and LibreOffice run when the CSV is opened ("CSV
//! injection", OWASP). Every text cell of every export goes through
//! [`text_cell`]; numeric columns are written as numbers and left alone, so
//! a refund of -120.00 stays a number. The XLSX export's text cells go
//! through it as well.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP: `=`, `+`, `-`, `@`, tab and carriage return).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written to an export: with a leading `'` when it begins
/// with a formula trigger, so the spreadsheet shows it as text; unchanged
/// (and not copied) otherwise. Spaces and line feeds before a trigger do
/// not hide it (some spreadsheets skip them). Applying it twice changes
/// nothing more.
pub fn text_cell(text: &str) -> Cow<'_, str> {
    if text
        .trim_start_matches([' ', '\n'])
        .starts_with(FORMULA_TRIGGERS)
    {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote_and_the_rest_is_untouched() {
        for hostile in [
            "=HYPERLINK(\"http://x\",\"open\")",
            "+SUM(1,2)",
            "-1+2",
            "@SUM(1)",
            "\tX",
            "\rX",
        ] {
            assert_eq!(text_cell(hostile), format!("'{hostile}"));
            assert_eq!(text_cell(&text_cell(hostile)), text_cell(hostile));
        }
        assert_eq!(text_cell(" =1"), "' =1");
        assert_eq!(text_cell("\n@x"), "'\n@x");
        for plain in [
            "C001",
            "<img src=x onerror=alert(1)>",
            "",
            "'=1",
            "a=1",
            "张三",
        ] {
            assert!(matches!(text_cell(plain), Cow::Borrowed(s) if s == plain));
        }
    }
}
