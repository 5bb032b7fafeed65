//! One card per segment: its service standard, marketing actions and
//! suggested budget share (DOMAIN §2.1, over the segments the data has).

use crate::domain::rfm::Segment;
use crate::engine::protocol::SegmentsView;
use crate::i18n::segments::SegText;
use crate::i18n::shell::Common;
use crate::i18n::{format, names, Text};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn StrategyCards(view: Signal<Option<Arc<SegmentsView>>>) -> impl IntoView {
    let ctx = app();
    let cards = move || {
        let l = ctx.lang.get();
        Segment::ALL
            .iter()
            .map(|&s| {
                let (service, actions) = names::segment_strategy(l, s);
                let share = view.with(|v| {
                    v.as_ref()
                        .and_then(|v| v.segments.iter().find(|line| line.line.key == s))
                        .map_or_else(|| s.budget_share(), |line| line.budget_share)
                });
                view! {
                    <article class="strategy" data-testid=format!("strategy-{}", s.id())>
                        <h3>{names::segment(l, s)}</h3>
                        <p><strong>{SegText::Service.text(l)}{Common::Colon.text(l)}</strong>{service}</p>
                        <p><strong>{SegText::Actions.text(l)}{Common::Colon.text(l)}</strong>{actions}</p>
                        <p class="muted small">{SegText::Budget.text(l)}{Common::Colon.text(l)}{format::percent(share)}</p>
                    </article>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="strategy-title">
            <h2 id="strategy-title">{ctx.tr(SegText::Strategies)}</h2>
            <div class="strategy-grid">{cards}</div>
        </section>
    }
}
