//! One card per segment: its service standard, marketing actions and
//! suggested budget share (DOMAIN §2.1).

use crate::domain::rfm::Segment;
use crate::i18n::segments::SegText;
use crate::i18n::shell::Common;
use crate::i18n::{format, names, Text};
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn StrategyCards() -> impl IntoView {
    let ctx = app();
    let cards = move || {
        let l = ctx.lang.get();
        Segment::ALL
            .iter()
            .map(|&s| {
                let (service, actions) = names::segment_strategy(l, s);
                view! {
                    <article class="strategy" data-testid=format!("strategy-{}", s.id())>
                        <h3>{names::segment(l, s)}</h3>
                        <p><strong>{SegText::Service.text(l)}{Common::Colon.text(l)}</strong>{service}</p>
                        <p><strong>{SegText::Actions.text(l)}{Common::Colon.text(l)}</strong>{actions}</p>
                        <p class="muted small">{SegText::Budget.text(l)}{Common::Colon.text(l)}{format::percent(s.budget_share())}</p>
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
