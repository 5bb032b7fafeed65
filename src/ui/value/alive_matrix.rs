//! The P(alive) matrix: repeat visits × days since the last visit, each
//! cell the group's mean P(alive) (shaded) and its customers.

use crate::domain::value::summary::FREQUENCY_ROWS;
use crate::domain::value::validate::RECENCY_BOUNDS;
use crate::engine::protocol::ValueView;
use crate::i18n::value::ValueText;
use crate::i18n::{format, Text};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

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

#[component]
pub fn AliveMatrix(view: Signal<Option<Arc<ValueView>>>) -> impl IntoView {
    let ctx = app();
    let body = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let m = &v.as_ref()?.result.as_ref().ok()?.summary.matrix;
            let head = (0..=RECENCY_BOUNDS.len())
                .map(|i| view! { <th class="num" scope="col">{recency_label(i)}</th> })
                .collect_view();
            let rows = m
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let name = if r == FREQUENCY_ROWS - 1 { "7+".to_owned() } else { r.to_string() };
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(c, cell)| {
                            let text = cell
                                .mean_p_alive
                                .map(|p| format!("{} ({})", format::percent(p), format::count(cell.customers as u64)))
                                .unwrap_or_else(|| "—".into());
                            // Shade by P(alive): white at 0, brand blue at 1, never
                            // so dark that the text (always the body ink) drops
                            // below WCAG AA contrast (5.4 : 1 at the darkest).
                            let alpha = cell.mean_p_alive.unwrap_or(0.0) * 0.55;
                            view! {
                                <td class="num alive-cell" data-label=recency_label(c)
                                    style:background-color=format!("rgba(31, 78, 121, {alpha:.2})")>{text}</td>
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{name}</th>{cells}</tr> }
                })
                .collect_view();
            Some(view! {
                <table class="stack alive-matrix" data-testid="alive-matrix">
                    <thead><tr><th scope="col">{ValueText::RepeatVisits.text(l)}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{ctx.tr(ValueText::MatrixTitle)}</h2>
            <p class="muted small">{ctx.tr(ValueText::MatrixHint)}</p>
            <div class="table-scroll" tabindex="0">{body}</div>
        </section>
    }
}
