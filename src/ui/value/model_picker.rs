//! The model the views use (remembered) and the held-out period's start.

use crate::domain::value::validate::ModelChoice;
use crate::domain::value::visits::ModelKind;
use crate::i18n::value::{self as text, ValueText};
use crate::ui::state::app;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn ModelPicker(cut: RwSignal<Option<NaiveDate>>) -> impl IntoView {
    let ctx = app();
    let choices = std::iter::once(ModelChoice::Auto)
        .chain(ModelKind::ALL.into_iter().map(ModelChoice::Model))
        .collect::<Vec<_>>();
    let options = move || {
        let current = ctx.model.get();
        choices
            .iter()
            .map(|c| {
                let c = *c;
                view! { <option value=c.id() selected=current == c>{text::choice(ctx.lang.get(), c)}</option> }
            })
            .collect_view()
    };
    let cut_value = move || {
        cut.get()
            .or_else(|| {
                ctx.as_of()
                    .and_then(|d| d.checked_sub_days(chrono::Days::new(365)))
            })
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    view! {
        <section class="card settings-grid">
            <label class="setting">
                <span>{ctx.tr(ValueText::Model)}</span>
                <select data-testid="clv-model" on:change=move |ev| {
                    if let Some(c) = ModelChoice::from_id(&event_target_value(&ev)) {
                        ctx.set_model(c);
                    }
                }>{options}</select>
            </label>
            <label class="setting">
                <span>{ctx.tr(ValueText::Cut)}</span>
                <input type="date" data-testid="value-cut" prop:value=cut_value
                    on:change=move |ev| {
                        if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                            cut.set(Some(d));
                        }
                    }/>
                <span class="muted small">{ctx.tr(ValueText::CutHint)}</span>
            </label>
        </section>
    }
}
