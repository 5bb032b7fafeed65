//! The festival and season calendar (DOMAIN §3): a year of months with
//! each event across its months; a list on a phone (CSS).

use crate::domain::panorama::{EventKind, CALENDAR};
use crate::i18n::names;
use crate::i18n::panorama::{self as text, PanoText};
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn Calendar() -> impl IntoView {
    let ctx = app();
    let months = move || {
        let l = ctx.lang.get();
        (1..=12u32)
            .map(|m| view! { <div class="cal-month">{names::month(l, m)}</div> })
            .collect_view()
    };
    let events = move || {
        let l = ctx.lang.get();
        CALENDAR
            .iter()
            .map(|(event, from, to, kind)| {
                let (class, mark) = match kind {
                    EventKind::Festival => ("cal-event festival", "★ "),
                    EventKind::Season => ("cal-event season", "◆ "),
                };
                let when = if from == to {
                    names::month(l, *from)
                } else {
                    format!("{}–{}", names::month(l, *from), names::month(l, *to))
                };
                view! {
                    <div class=class style:grid-column=format!("{} / {}", from, to + 1)>
                        {mark}{text::event(l, *event)}<span class="cal-when">" · "{when}</span>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="cal-title">
            <h2 id="cal-title">{ctx.tr(PanoText::CalendarTitle)}</h2>
            <p class="muted small">{ctx.tr(PanoText::CalendarHint)}</p>
            <div class="calendar" data-testid="calendar">{months}{events}</div>
        </section>
    }
}
