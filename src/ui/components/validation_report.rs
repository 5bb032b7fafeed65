//! The validation report: what was read, what was refused and why, the
//! data set's summary, and the as-of date setting.

use crate::domain::ingest::SourceFormat;
use crate::ui::format;
use crate::ui::i18n::{field_name, row_error, Lang};
use crate::ui::io;
use crate::ui::state::{AppContext, LoadedData};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Rejected rows listed on the page; the download has all of them.
const SHOWN_REJECTED: usize = 100;

#[component]
pub fn ValidationReport() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let t = move || lang().t();

    let source_line = move || {
        ctx.data.with(|d| {
            let d = d.as_ref()?;
            let l = lang();
            let r = &d.report;
            Some(match &r.format {
                SourceFormat::Generated { .. } => l.t().demo_source.to_owned(),
                SourceFormat::Delimited {
                    encoding,
                    delimiter,
                } => {
                    let delim = match delimiter {
                        b'\t' => l.t().tab.to_owned(),
                        other => format!("“{}”", *other as char),
                    };
                    format!(
                        "{} · {} {} · {} {}",
                        r.file_name,
                        l.t().encoding,
                        encoding.label(),
                        l.t().delimiter,
                        delim
                    )
                }
                SourceFormat::Workbook { sheet, .. } => {
                    format!("{} · {} {}", r.file_name, l.t().sheet, sheet)
                }
            })
        })
    };

    let stat =
        move |label: fn(Lang) -> &'static str, testid: &'static str, f: fn(&LoadedData) -> u64| {
            let value = Memo::new(move |_| ctx.data.with(|d| d.as_ref().map(|d| f(d))));
            view! {
                <div class="stat">
                    <dt>{move || label(lang())}</dt>
                    <dd data-testid=testid data-value=move || value.get().map(|n| n.to_string())>
                        {move || value.get().map(format::count)}
                    </dd>
                </div>
            }
        };

    let date_range = move || {
        ctx.data.with(|d| {
            let s = &d.as_ref()?.summary;
            Some(format!(
                "{} – {}",
                format::date(s.first_date?, lang()),
                format::date(s.last_date?, lang())
            ))
        })
    };
    let revenue = move || {
        ctx.data.with(|d| {
            d.as_ref().map(|d| {
                (
                    format::money(d.summary.revenue, lang()),
                    format::money_exact(d.summary.revenue),
                )
            })
        })
    };
    let as_of_value = move || ctx.as_of().map(|d| d.to_string()).unwrap_or_default();
    let as_of_late = move || {
        let last = ctx
            .data
            .with(|d| d.as_ref().and_then(|d| d.summary.last_date));
        matches!((ctx.as_of_override.get(), last), (Some(a), Some(l)) if a > l)
    };
    let on_as_of = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Ok(d) = NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
            ctx.as_of_override.set(Some(d));
        }
    };

    let download = move |_| {
        let l = lang();
        ctx.data.with_untracked(|d| {
            if let Some(d) = d {
                let csv = d
                    .report
                    .rejected_csv([l.t().col_line, l.t().col_column, l.t().col_reason], |k| {
                        row_error(l, k)
                    });
                let _ = io::download(
                    "rejected_rows.csv",
                    "text/csv;charset=utf-8",
                    csv.as_bytes(),
                );
            }
        });
    };

    let rejected_rows = move || {
        ctx.data.with(|d| {
            let d = d.as_ref()?;
            let l = lang();
            Some(
                d.report
                    .rejected
                    .iter()
                    .take(SHOWN_REJECTED)
                    .map(|e| {
                        view! {
                            <tr>
                                <td class="num">{e.line}</td>
                                <td>{e.column.clone().unwrap_or_default()}</td>
                                <td>{row_error(l, &e.kind)}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    let rejected_count = move || {
        ctx.data
            .with(|d| d.as_ref().map_or(0, |d| d.report.rejected.len()))
    };
    let shown_note = move || {
        let n = rejected_count();
        (n > SHOWN_REJECTED).then(|| match lang() {
            Lang::Zh => format!(
                "仅显示前 {SHOWN_REJECTED} 行，共 {} 行；下载可得全部。",
                format::count(n as u64)
            ),
            Lang::En => format!(
                "Showing the first {SHOWN_REJECTED} of {}; the download has all of them.",
                format::count(n as u64)
            ),
        })
    };
    let optional_note = move || {
        ctx.data.with(|d| {
            let d = d.as_ref()?;
            let l = lang();
            let parts: Vec<String> = d
                .report
                .unreadable_optional
                .iter()
                .map(|(f, n)| format!("{} {}", field_name(l, *f), format::count(*n)))
                .collect();
            (!parts.is_empty()).then(|| match l {
                Lang::Zh => format!("以下可选列中有无法识别的值，已留空（所在行仍保留）：{}。", parts.join("，")),
                Lang::En => format!("Some optional values could not be read and were left empty (their rows were kept): {}.", parts.join(", ")),
            })
        })
    };

    view! {
        <Show when=move || ctx.data.with(Option::is_some)
            fallback=move || view! { <p class="card muted" data-testid="no-data">{move || t().no_data_yet}</p> }>
            <section class="card" aria-labelledby="summary-title" data-testid="validation-report">
                <h2 id="summary-title">{move || t().summary_title}</h2>
                <p class="source-line" data-testid="summary-source">{source_line}</p>
                <dl class="stats">
                    {stat(|l| l.t().customers, "summary-customers", |d: &LoadedData| d.summary.customers as u64)}
                    {stat(|l| l.t().visits, "summary-visits", |d: &LoadedData| d.summary.visits as u64)}
                    {stat(|l| l.t().rows_read, "summary-rows-read", |d: &LoadedData| d.report.rows_read)}
                    {stat(|l| l.t().rows_accepted, "summary-rows-accepted", |d: &LoadedData| d.report.rows_accepted() as u64)}
                    {stat(|l| l.t().rows_rejected, "summary-rows-rejected", |d: &LoadedData| d.report.rejected.len() as u64)}
                    {stat(|l| l.t().blank_lines, "summary-blank-lines", |d: &LoadedData| d.report.blank_lines)}
                    {stat(|l| l.t().duplicates, "summary-duplicates", |d: &LoadedData| d.report.duplicate_rows)}
                    <div class="stat wide">
                        <dt>{move || t().date_range}</dt>
                        <dd data-testid="summary-date-range">{date_range}</dd>
                    </div>
                    <div class="stat">
                        <dt>{move || t().revenue}</dt>
                        <dd data-testid="summary-revenue" data-value=move || revenue().map(|r| r.1)
                            title=move || revenue().map(|r| r.1)>{move || revenue().map(|r| r.0)}</dd>
                    </div>
                </dl>
                <p class="muted small">{move || t().visits_hint}" "{move || t().duplicates_hint}</p>
                <div class="as-of">
                    <label for="as-of-input">{move || t().as_of}</label>
                    <input id="as-of-input" type="date" data-testid="summary-as-of"
                        prop:value=as_of_value on:change=on_as_of/>
                    <button class="button secondary small" on:click=move |_| ctx.as_of_override.set(None)
                        disabled=move || ctx.as_of_override.get().is_none()>
                        {move || t().reset_as_of}
                    </button>
                    <p class="muted small">{move || t().as_of_hint}</p>
                    <Show when=as_of_late>
                        <p class="warning small">{move || t().as_of_after_data}</p>
                    </Show>
                </div>
                {move || optional_note().map(|n| view! { <p class="warning small" data-testid="optional-note">{n}</p> })}
            </section>
            <section class="card" aria-labelledby="rejected-title" data-testid="rejected-section">
                <h2 id="rejected-title">{move || t().rejected_title}</h2>
                <Show when=move || { rejected_count() > 0 }
                    fallback=move || view! { <p class="muted">{move || t().rejected_none}</p> }>
                    <button class="button secondary" data-testid="download-rejected" on:click=download>
                        {move || t().download_rejected}
                    </button>
                    {shown_note}
                    <div class="table-scroll">
                        <table class="rejected" data-testid="rejected-table">
                            <thead><tr>
                                <th scope="col">{move || t().col_line}</th>
                                <th scope="col">{move || t().col_column}</th>
                                <th scope="col">{move || t().col_reason}</th>
                            </tr></thead>
                            <tbody>{rejected_rows}</tbody>
                        </table>
                    </div>
                </Show>
            </section>
        </Show>
    }
}
