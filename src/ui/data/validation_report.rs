//! The validation report: what was read, what was refused and why, the
//! data set's summary, and the as-of date setting.

use crate::domain::ingest::SourceFormat;
use crate::engine::protocol::{DataView, Export, SHOWN_REJECTED};
use crate::i18n::data::DataText;
use crate::i18n::{format, names};
use crate::ui::engine_client;
use crate::ui::state::app;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn ValidationReport() -> impl IntoView {
    let ctx = app();
    let data = ctx.data;

    let source_line = move || {
        data.with(|d| {
            let d = d.as_ref()?;
            if d.is_summary {
                return Some(ctx.t(DataText::SummarySource {
                    file: d.file_name.clone(),
                }));
            }
            Some(match &d.format {
                SourceFormat::Generated { .. } => ctx.t(DataText::DemoSource),
                SourceFormat::Delimited {
                    encoding,
                    delimiter,
                } => ctx.t(DataText::SourceDelimited {
                    file: d.file_name.clone(),
                    encoding: encoding.label().to_owned(),
                    delimiter: match delimiter {
                        b'\t' => ctx.t(DataText::Tab),
                        other => ctx.t(DataText::Quoted { c: *other as char }),
                    },
                }),
                SourceFormat::Workbook { sheet, .. } => ctx.t(DataText::SourceWorkbook {
                    file: d.file_name.clone(),
                    sheet: sheet.clone(),
                }),
            })
        })
    };

    let stat = move |label: DataText, testid: &'static str, f: fn(&DataView) -> u64| {
        let value = Memo::new(move |_| data.with(|d| d.as_ref().map(|d| f(d))));
        view! {
            <div class="stat">
                <dt>{move || ctx.t(label.clone())}</dt>
                <dd data-testid=testid data-value=move || value.get().map(|n| n.to_string())>
                    {move || value.get().map(format::count)}
                </dd>
            </div>
        }
    };

    let date_range = move || {
        data.with(|d| {
            let s = &d.as_ref()?.summary;
            let l = ctx.lang.get();
            Some(format::date_range(s.first_date?, s.last_date?, l))
        })
    };
    let revenue = move || {
        data.with(|d| {
            d.as_ref().map(|d| {
                (
                    format::money(d.summary.revenue, ctx.lang.get()),
                    format::money_exact(d.summary.revenue),
                )
            })
        })
    };
    let as_of_value = move || ctx.as_of().map(|d| d.to_string()).unwrap_or_default();
    let is_summary = move || data.with(|d| d.as_ref().is_some_and(|d| d.is_summary));
    let as_of_late = move || {
        let last = data.with(|d| d.as_ref().and_then(|d| d.summary.last_date));
        matches!((ctx.as_of_override.get(), last), (Some(a), Some(l)) if a > l)
    };
    let on_as_of = move |ev: leptos::ev::Event| {
        if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
            ctx.as_of_override.set(Some(d));
        }
    };
    let download = move |_| {
        if let Some(id) = data.with_untracked(|d| d.as_ref().map(|d| d.id)) {
            let lang = ctx.lang.get_untracked();
            engine_client::export(Export::Rejected { data: id, lang }, |_| {});
        }
    };

    let rejected_rows = move || {
        let l = ctx.lang.get();
        data.with(|d| {
            d.as_ref().map(|d| {
                d.rejected_head
                    .iter()
                    .map(|e| {
                        view! {
                            <tr>
                                <td class="num">{e.line}</td>
                                <td>{e.column.clone().unwrap_or_default()}</td>
                                <td>{e.kind.message(l)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let rejected_count = move || data.with(|d| d.as_ref().map_or(0, |d| d.rejected));
    let shown_note = move || {
        let n = rejected_count();
        (n > SHOWN_REJECTED as u64).then(|| {
            ctx.t(DataText::ShownRejected {
                shown: SHOWN_REJECTED,
                total: format::count(n),
            })
        })
    };
    let optional_note = move || {
        let l = ctx.lang.get();
        data.with(|d| {
            let d = d.as_ref()?;
            let parts: Vec<String> = d
                .unreadable_optional
                .iter()
                .map(|(f, n)| {
                    ctx.t(DataText::OptionalPart {
                        field: names::field(l, *f).to_owned(),
                        n: format::count(*n),
                    })
                })
                .collect();
            (!parts.is_empty()).then(|| {
                ctx.t(DataText::OptionalNote {
                    parts: format::list(&parts, l),
                })
            })
        })
    };

    view! {
        <Show when=move || data.with(Option::is_some)
            fallback=move || view! { <p class="card muted" data-testid="no-data">{ctx.tr(DataText::NoDataYet)}</p> }>
            <section class="card" aria-labelledby="summary-title" data-testid="validation-report">
                <h2 id="summary-title">{ctx.tr(DataText::SummaryTitle)}</h2>
                <p class="source-line" data-testid="summary-source">{source_line}</p>
                <dl class="stats">
                    {stat(DataText::Customers, "summary-customers", |d| d.summary.customers as u64)}
                    {stat(DataText::Visits, "summary-visits", |d| d.summary.visits as u64)}
                    {stat(DataText::RowsRead, "summary-rows-read", |d| d.rows_read)}
                    {stat(DataText::RowsAccepted, "summary-rows-accepted", |d| d.rows_accepted)}
                    {stat(DataText::RowsRejected, "summary-rows-rejected", |d| d.rejected)}
                    {stat(DataText::BlankLines, "summary-blank-lines", |d| d.blank_lines)}
                    {stat(DataText::Duplicates, "summary-duplicates", |d| d.duplicate_rows)}
                    <div class="stat wide">
                        <dt>{ctx.tr(DataText::DateRange)}</dt>
                        <dd data-testid="summary-date-range">{date_range}</dd>
                    </div>
                    <div class="stat wide">
                        <dt>{ctx.tr(DataText::Revenue)}</dt>
                        <dd data-testid="summary-revenue" data-value=move || revenue().map(|r| r.1)
                            title=move || revenue().map(|r| r.1)>{move || revenue().map(|r| r.0)}</dd>
                    </div>
                </dl>
                <Show when=is_summary fallback=move || view! {
                    <p class="muted small">{ctx.tr(DataText::VisitsHint)}" "{ctx.tr(DataText::DuplicatesHint)}</p>
                }>
                    <p class="muted small" data-testid="summary-kind">{ctx.tr(DataText::SummaryRowsHint)}</p>
                </Show>
                <div class="as-of">
                    <label for="as-of-input">{ctx.tr(DataText::AsOf)}</label>
                    <input id="as-of-input" type="date" data-testid="summary-as-of"
                        prop:value=as_of_value on:change=on_as_of disabled=is_summary/>
                    <button class="button secondary small" on:click=move |_| ctx.as_of_override.set(None)
                        disabled=move || ctx.as_of_override.get().is_none() || is_summary()>
                        {ctx.tr(DataText::ResetAsOf)}
                    </button>
                    <p class="muted small">{move || ctx.t(if is_summary() { DataText::SummaryAsOf } else { DataText::AsOfHint })}</p>
                    <Show when=as_of_late>
                        <p class="warning small">{ctx.tr(DataText::AsOfAfterData)}</p>
                    </Show>
                </div>
                {move || optional_note().map(|n| view! { <p class="warning small" data-testid="optional-note">{n}</p> })}
            </section>
            <section class="card" aria-labelledby="rejected-title" data-testid="rejected-section">
                <h2 id="rejected-title">{ctx.tr(DataText::RejectedTitle)}</h2>
                <Show when=move || { rejected_count() > 0 }
                    fallback=move || view! { <p class="muted">{ctx.tr(DataText::RejectedNone)}</p> }>
                    <button class="button secondary" data-testid="download-rejected" on:click=download>
                        {ctx.tr(DataText::DownloadRejected)}
                    </button>
                    {shown_note}
                    <div class="table-scroll" tabindex="0">
                        <table class="rejected" data-testid="rejected-table">
                            <thead><tr>
                                <th scope="col">{ctx.tr(DataText::ColLine)}</th>
                                <th scope="col">{ctx.tr(DataText::ColColumn)}</th>
                                <th scope="col">{ctx.tr(DataText::ColReason)}</th>
                            </tr></thead>
                            <tbody>{rejected_rows}</tbody>
                        </table>
                    </div>
                </Show>
            </section>
        </Show>
    }
}
