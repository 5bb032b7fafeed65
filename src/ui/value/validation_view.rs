//! The held-out check: every model's predicted against actual repeat
//! visits (total and error), and for the model in use the groups by repeat
//! visits and by recency, and the cumulative visits over time.

use crate::charts::bar_chart::{self, Bar};
use crate::charts::{line_chart, PALETTE};
use crate::domain::value::validate::{Bucket, ModelValidation, RECENCY_BOUNDS};
use crate::engine::protocol::ValueView;
use crate::i18n::value::{self as text, ValueText};
use crate::i18n::{format, Lang, Text};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

/// Labels of the repeat-visit groups (0 … 6, 7+) and the recency groups.
fn frequency_label(i: usize) -> String {
    if i == 7 {
        "7+".into()
    } else {
        i.to_string()
    }
}

fn recency_label(i: usize) -> String {
    let lo = if i == 0 {
        0.0
    } else {
        RECENCY_BOUNDS[i - 1] + 1.0
    };
    match RECENCY_BOUNDS.get(i) {
        Some(hi) => format!("{lo:.0}–{hi:.0}"),
        None => format!("{lo:.0}+"),
    }
}

/// Predicted and actual bars of one grouping, on one scale.
fn bars(l: Lang, buckets: &[Bucket], label: fn(usize) -> String) -> Vec<Bar> {
    let top = buckets
        .iter()
        .map(|b| b.predicted.max(b.actual))
        .fold(1e-9, f64::max);
    buckets
        .iter()
        .enumerate()
        .map(|(i, b)| Bar {
            label: label(i),
            share: b.predicted / top,
            value_label: format!("{} {:.0}", ValueText::ColPredicted.text(l), b.predicted),
            color: PALETTE[0],
            secondary: Some((
                b.actual / top,
                format!("{} {:.0}", ValueText::ColActual.text(l), b.actual),
            )),
        })
        .collect()
}

fn bucket_rows(
    l: Lang,
    buckets: &[Bucket],
    label: fn(usize) -> String,
    head: ValueText,
) -> impl IntoView {
    let rows = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            view! {
                <tr>
                    <th scope="row">{label(i)}</th>
                    <td class="num" data-label=ValueText::ColCustomers.text(l)>{format::count(b.customers as u64)}</td>
                    <td class="num" data-label=ValueText::ColPredicted.text(l)>{format!("{:.1}", b.predicted)}</td>
                    <td class="num" data-label=ValueText::ColActual.text(l)>{format!("{:.0}", b.actual)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="mini stack">
            <thead><tr>
                <th>{head.text(l)}</th>
                <th class="num">{ValueText::ColCustomers.text(l)}</th>
                <th class="num">{ValueText::ColPredicted.text(l)}</th>
                <th class="num">{ValueText::ColActual.text(l)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn ValidationView(view: Signal<Option<Arc<ValueView>>>) -> impl IntoView {
    let ctx = app();
    // The validation of the model in use.
    let in_use = move |f: &dyn Fn(&ModelValidation) -> AnyView| {
        view.with(|v| {
            let m = v.as_ref()?.result.as_ref().ok()?;
            let val = m.validation.as_ref()?;
            val.models.iter().find(|x| x.kind == m.fit.kind).map(f)
        })
    };
    let models = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let m = v.as_ref()?.result.as_ref().ok()?;
            let val = m.validation.as_ref()?;
            let hint = ValueText::ValidationHint {
                cut: format::date(val.cut, l),
                as_of: format::date(val.as_of, l),
            }
            .text(l);
            let rows = val
                .models
                .iter()
                .map(|x| {
                    let used = x.kind == m.fit.kind;
                    view! {
                        <tr class:selected=used data-model=x.kind.id()>
                            <th scope="row">{text::model(l, x.kind)}{(!x.fit.is_clean()).then(|| format!(" ({})", ValueText::FitFlag.text(l)))}</th>
                            <td class="num" data-label=ValueText::ColPredicted.text(l)>{format!("{:.0}", x.total.predicted)}</td>
                            <td class="num" data-label=ValueText::ColActual.text(l)>{format!("{:.0}", x.total.actual)}</td>
                            <td class="num" data-label=ValueText::ColError.text(l)>{format::percent(x.error)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <p class="muted small">{hint}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="stack" data-testid="validation-table">
                        <thead><tr>
                            <th>{ValueText::ColModel.text(l)}</th>
                            <th class="num">{ValueText::ColPredicted.text(l)}</th>
                            <th class="num">{ValueText::ColActual.text(l)}</th>
                            <th class="num">{ValueText::ColError.text(l)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
    };
    let chart = move |by_frequency: bool| -> DrawFn {
        Arc::new(move |area, dpr| {
            let l = ctx.lang.get();
            let _ = in_use(&|x| {
                let b = if by_frequency {
                    bars(l, &x.by_frequency, frequency_label)
                } else {
                    bars(l, &x.by_recency, recency_label)
                };
                let _ = bar_chart::draw(area, &b, dpr);
                ().into_any()
            });
        })
    };
    let tracking: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        let _ = in_use(&|x| {
            let series = [
                line_chart::Series {
                    label: ValueText::ColPredicted.text(l),
                    color: PALETTE[0],
                    points: x
                        .curve
                        .iter()
                        .map(|p| (f64::from(p.day), p.predicted, None))
                        .collect(),
                },
                line_chart::Series {
                    label: ValueText::ColActual.text(l),
                    color: PALETTE[5],
                    points: x
                        .curve
                        .iter()
                        .map(|p| (f64::from(p.day), p.actual, None))
                        .collect(),
                },
            ];
            let axis = ValueText::DaysAfterCut.text(l);
            let _ = line_chart::draw(
                area,
                &series,
                &axis,
                &|y| format::count(y.max(0.0).round() as u64),
                dpr,
            );
            ().into_any()
        });
    });
    let tables = move |by_frequency: bool| {
        let l = ctx.lang.get();
        in_use(&|x| {
            if by_frequency {
                bucket_rows(l, &x.by_frequency, frequency_label, ValueText::RepeatVisits).into_any()
            } else {
                bucket_rows(l, &x.by_recency, recency_label, ValueText::ByRecency).into_any()
            }
        })
    };
    let label = move |t: ValueText| Signal::derive(move || ctx.t(t.clone()));
    // A customer summary has no day of each held-out visit: no curve.
    let no_curve = move || {
        view.with(|v| {
            let m = v.as_ref()?.result.as_ref().ok()?;
            let val = m.validation.as_ref()?;
            Some(val.models.iter().all(|x| x.curve.is_empty()))
        })
        .unwrap_or(false)
    };
    view! {
        <section class="card" aria-labelledby="validation-title">
            <h2 id="validation-title">{ctx.tr(ValueText::ValidationTitle)}</h2>
            {models}
            <div class="chart-grid no-report">
                <figure class="chart-card wide">
                    <figcaption>{ctx.tr(ValueText::ByFrequency)}</figcaption>
                    <ChartCanvas draw=chart(true) height=280 label=label(ValueText::ByFrequency) testid="chart-by-frequency"/>
                    <div class="table-scroll" tabindex="0">{move || tables(true)}</div>
                </figure>
                <figure class="chart-card wide">
                    <figcaption>{ctx.tr(ValueText::ByRecency)}</figcaption>
                    <ChartCanvas draw=chart(false) height=220 label=label(ValueText::ByRecency) testid="chart-by-recency"/>
                    <div class="table-scroll" tabindex="0">{move || tables(false)}</div>
                </figure>
                <figure class="chart-card wide">
                    <figcaption>{ctx.tr(ValueText::Tracking)}</figcaption>
                    <Show when=no_curve fallback=move || view! {
                        <ChartCanvas draw=tracking.clone() height=260 label=label(ValueText::Tracking) testid="chart-tracking"/>
                    }>
                        <p class="notice" data-testid="tracking-needs-visits">{ctx.tr(crate::i18n::data::DataText::NeedsVisits)}</p>
                    </Show>
                </figure>
            </div>
        </section>
    }
}
