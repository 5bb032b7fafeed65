//! The note naming score levels no customer reached.

use crate::engine::protocol::SegmentsView;
use crate::i18n::format;
use crate::i18n::segments::SegText;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn EmptyLevels(view: Signal<Option<Arc<SegmentsView>>>) -> impl IntoView {
    let ctx = app();
    let text = move || {
        view.with(|v| {
            let v = v.as_ref()?;
            let parts: Vec<String> = ["R", "F", "M"]
                .iter()
                .zip(&v.empty_levels)
                .filter(|(_, l)| !l.is_empty())
                .map(|(n, l)| {
                    let levels: Vec<String> = l.iter().map(u8::to_string).collect();
                    format!("{n} {}", levels.join("/"))
                })
                .collect();
            (!parts.is_empty()).then(|| {
                ctx.t(SegText::EmptyLevels {
                    parts: format::list(&parts, ctx.lang.get()),
                })
            })
        })
    };
    let no_model = move || {
        view.with(|v| v.as_ref().is_some_and(|v| v.lights_without_model))
            .then(|| ctx.t(SegText::LightsWithoutModel))
    };
    view! {
        {move || text().map(|t| view! { <p class="warning small" data-testid="empty-levels">{t}</p> })}
        {move || no_model().map(|t| view! { <p class="warning small" data-testid="lights-without-model">{t}</p> })}
    }
}
