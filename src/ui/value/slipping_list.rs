//! The valuable customers slipping away: P(alive) fell over the last 90
//! days and is below half, yet they are not gone; highest CLV first.

use crate::domain::value::summary::{SLIPPING_BELOW, SLIPPING_DAYS};
use crate::engine::protocol::ValueView;
use crate::i18n::value::ValueText;
use crate::i18n::{format, Text};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn SlippingList(view: Signal<Option<Arc<ValueView>>>) -> impl IntoView {
    let ctx = app();
    let rows = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let m = v.as_ref()?.result.as_ref().ok()?;
            if m.summary.slipping.is_empty() {
                return Some(view! { <p class="muted">{ValueText::SlippingNone.text(l)}</p> }.into_any());
            }
            let body = m
                .summary
                .slipping
                .iter()
                .zip(&m.slipping_ids)
                .map(|(s, id)| {
                    view! {
                        <tr>
                            <th scope="row">{id.clone()}</th>
                            <td class="num" data-label=ValueText::ColBefore.text(l)>{format::percent(s.p_alive_before)}</td>
                            <td class="num" data-label=ValueText::ColPAlive.text(l)>{format::percent(s.p_alive)}</td>
                            <td class="num" data-label=ValueText::ColClv.text(l)>{format::yuan(s.clv_365d, l)}</td>
                            <td class="num" data-label=ValueText::ColIfKept.text(l)>{format::yuan(s.value_if_kept, l)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="table-scroll" tabindex="0">
                    <table class="stack" data-testid="slipping">
                        <thead><tr>
                            <th>{ValueText::ColCustomer.text(l)}</th>
                            <th class="num">{ValueText::ColBefore.text(l)}</th>
                            <th class="num">{ValueText::ColPAlive.text(l)}</th>
                            <th class="num">{ValueText::ColClv.text(l)}</th>
                            <th class="num">{ValueText::ColIfKept.text(l)}</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }.into_any())
        })
    };
    view! {
        <section class="card" aria-labelledby="slipping-title">
            <h2 id="slipping-title">{ctx.tr(ValueText::SlippingTitle)}</h2>
            <p class="muted small">{move || ctx.t(ValueText::SlippingHint {
                days: SLIPPING_DAYS as u32,
                below: format::percent(SLIPPING_BELOW),
            })}</p>
            {rows}
        </section>
    }
}
