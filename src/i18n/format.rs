//! Numbers, money and dates the way each language writes them
//! (DESIGN "Cross-cutting expectations"). Pure functions, tested natively.

use crate::domain::money::Fen;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};

/// `1234567` → `1,234,567` (both languages group by thousands in the UI).
pub fn count(n: u64) -> String {
    group_thousands(&n.to_string())
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in decimal megabytes, as file managers show it: `400 MB`,
/// `1,000 MB`, `1.5 MB`, `0.2 MB` (one decimal below 10 MB).
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb < 10.0 {
        format!("{} MB", trim_zero(format!("{mb:.1}")))
    } else {
        format!("{} MB", count((mb).round() as u64))
    }
}

/// A non-negative number with `decimals` places and thousands separators.
fn decimal(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (s, None),
    };
    let mut out = group_thousands(&int);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// Drops a trailing `.0` (`8,000.0` → `8,000`).
fn trim_zero(s: String) -> String {
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Money for reading: zh in 元 / 万元 / 亿元, en in ¥ with K / M / B.
pub fn money(amount: Fen, lang: Lang) -> String {
    let y = amount.yuan();
    let sign = if amount.0 < 0 { "-" } else { "" };
    let a = y.abs();
    match lang {
        Lang::Zh => {
            if a < 1e4 {
                format!("{sign}{}元", decimal(a, 2))
            } else if a < 1e8 {
                format!("{sign}{}万元", trim_zero(decimal(a / 1e4, 1)))
            } else {
                format!("{sign}{}亿元", decimal(a / 1e8, 2))
            }
        }
        Lang::En => {
            if a < 1e4 {
                format!("{sign}¥{}", decimal(a, 2))
            } else if a < 1e6 {
                format!("{sign}¥{}K", trim_zero(decimal(a / 1e3, 1)))
            } else if a < 1e9 {
                format!("{sign}¥{}M", trim_zero(decimal(a / 1e6, 1)))
            } else {
                format!("{sign}¥{}B", decimal(a / 1e9, 2))
            }
        }
    }
}

/// Money from a yuan figure (a mean, an interval end) as [`money`] writes it.
pub fn yuan(v: f64, lang: Lang) -> String {
    Fen::from_yuan_f64(v).map_or_else(|| "—".to_owned(), |f| money(f, lang))
}

/// A signed difference in money: `+1,200.00元`, `−¥3.5K` (never unsigned).
pub fn yuan_signed(v: f64, lang: Lang) -> String {
    let sign = if v > 0.0 {
        "+"
    } else if v < 0.0 {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", yuan(v.abs(), lang))
}

/// A difference of two shares in percentage points: `+35.0 个百分点` / `+35.0 pt`.
pub fn points(d: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{:+.1} 个百分点", d * 100.0),
        Lang::En => format!("{:+.1} pt", d * 100.0),
    }
}

/// Two dates as a range: `2022年1月3日 – 2024年12月31日`.
pub fn date_range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    format!("{} – {}", date(from, lang), date(to, lang))
}

/// A list the way each language joins one: `甲、乙` / `a, b`.
pub fn list(items: &[String], lang: Lang) -> String {
    items.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// A p-value for a test result line.
pub fn p_value(p: f64) -> String {
    if p < 0.0001 {
        "p < 0.0001".into()
    } else {
        format!("p = {p:.4}")
    }
}

/// Axis ticks: whole yuan below 10,000, else the short money form.
pub fn yuan_tick(v: f64, l: Lang) -> String {
    if v.abs() < 10_000.0 {
        let n = count(v.abs().round() as u64);
        match l {
            Lang::Zh => format!("{n}元"),
            Lang::En => format!("¥{n}"),
        }
    } else {
        yuan(v, l)
    }
}

/// Exact money with two decimals and separators, e.g. for a tooltip.
pub fn money_exact(amount: Fen) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    format!(
        "{sign}{}.{:02}",
        group_thousands(&(abs / 100).to_string()),
        abs % 100
    )
}

/// A share as a percentage with one decimal; "—" would hide a bug, so a
/// zero denominator is the caller's to explain.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A share as a target reads: `60%`, `62.5%` (no trailing `.0`).
pub fn percent_trim(share: f64) -> String {
    let p = format!("{:.1}", share * 100.0);
    format!("{}%", p.strip_suffix(".0").unwrap_or(&p))
}

/// A return ratio as the seeds write it: `1:8.7`.
pub fn ratio(r: f64) -> String {
    format!("1:{r:.1}")
}

/// A number the user typed, with thousands separators in either script
/// (`1,500,000`, `1，500，000`); `None` when it is not a finite number.
pub fn parse_number(s: &str) -> Option<f64> {
    let v: f64 = s.trim().replace([',', '，', ' '], "").parse().ok()?;
    v.is_finite().then_some(v)
}

/// A date as the language writes it: `2024年1月5日` / `Jan 5, 2024`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%b %-d, %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(19_913), "19,913");
        assert_eq!(count(1_000_000), "1,000,000");
    }

    #[test]
    fn money_in_each_language() {
        assert_eq!(money(Fen(123_450), Lang::Zh), "1,234.50元");
        assert_eq!(money(Fen(8_000_000_000), Lang::Zh), "8,000万元");
        assert_eq!(money(Fen(1_234_560_000), Lang::Zh), "1,234.6万元");
        assert_eq!(money(Fen(17_214_273_400), Lang::Zh), "1.72亿元");
        assert_eq!(money(Fen(-12_000), Lang::Zh), "-120.00元");
        assert_eq!(money(Fen(123_450), Lang::En), "¥1,234.50");
        assert_eq!(money(Fen(12_345_000), Lang::En), "¥123.5K");
        assert_eq!(money(Fen(8_000_000_000), Lang::En), "¥80M");
        assert_eq!(money(Fen(17_214_273_400), Lang::En), "¥172.1M");
        assert_eq!(money(Fen(250_000_000_000), Lang::En), "¥2.50B");
        assert_eq!(money_exact(Fen(-416_450)), "-4,164.50");
        assert_eq!(yuan_signed(2600.0, Lang::Zh), "+2,600.00元");
        assert_eq!(yuan_signed(-3500.0, Lang::En), "−¥3,500.00");
        assert_eq!(yuan_signed(0.0, Lang::En), "¥0.00");
        assert_eq!(points(0.35, Lang::En), "+35.0 pt");
        assert_eq!(points(-0.02, Lang::Zh), "-2.0 个百分点");
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_number(" 1,500,000 "), Some(1_500_000.0));
        assert_eq!(parse_number("1，500"), Some(1_500.0));
        assert_eq!(parse_number("68.5"), Some(68.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn percents_and_dates() {
        assert_eq!(percent(0.4237), "42.4%");
        assert_eq!(percent(1.0), "100.0%");
        let d = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
        assert_eq!(date(d, Lang::Zh), "2024年1月5日");
        assert_eq!(date(d, Lang::En), "Jan 5, 2024");
    }
}
