//! How 12-month CLV is spread over the customers: a bar chart of round
//! bins and the table behind it.

use crate::charts::bar_chart::{self, Bar};
use crate::charts::PALETTE;
use crate::engine::protocol::ValueView;
use crate::i18n::value::ValueText;
use crate::i18n::{format, Lang};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

fn bin_label(l: Lang, lo: f64, hi: Option<f64>) -> String {
    match hi {
        Some(hi) => format!(
            "{} – {}",
            format::yuan_tick(lo, l),
            format::yuan_tick(hi, l)
        ),
        None => format!("≥ {}", format::yuan_tick(lo, l)),
    }
}

#[component]
pub fn ClvDistribution(view: Signal<Option<Arc<ValueView>>>) -> impl IntoView {
    let ctx = app();
    let draw: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        view.with(|v| {
            let Some(Ok(m)) = v.as_ref().map(|v| &v.result) else {
                return;
            };
            let bins = &m.summary.clv_bins;
            let bars: Vec<Bar> = bins
                .iter()
                .zip(m.summary.clv_bin_shares())
                .map(|((lo, hi, n), share)| Bar {
                    label: bin_label(l, *lo, *hi),
                    share,
                    value_label: format!(
                        "{} · {}",
                        format::count(*n as u64),
                        format::percent(share)
                    ),
                    color: PALETTE[0],
                    secondary: None,
                })
                .collect();
            let _ = bar_chart::draw(area, &bars, dpr);
        });
    });
    let rows = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let m = v.as_ref()?.result.as_ref().ok()?;
            Some(
                m.summary
                    .clv_bins
                    .iter()
                    .map(|(lo, hi, n)| view! {
                        <tr><th scope="row">{bin_label(l, *lo, *hi)}</th><td class="num">{format::count(*n as u64)}</td></tr>
                    })
                    .collect_view(),
            )
        })
    };
    view! {
        <figure class="card chart-card">
            <figcaption>{ctx.tr(ValueText::DistTitle)}</figcaption>
            <p class="muted small">{ctx.tr(ValueText::DistHint)}</p>
            <ChartCanvas draw=draw height=360 label=Signal::derive(move || ctx.t(ValueText::DistTitle)) testid="chart-clv"/>
            <details>
                <summary>{ctx.tr(ValueText::Bin)}</summary>
                <table class="mini" data-testid="clv-dist"><tbody>{rows}</tbody></table>
            </details>
        </figure>
    }
}
