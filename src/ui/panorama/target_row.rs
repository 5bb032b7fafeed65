//! One row of the targets editor: a KPI's target in one scope, where it
//! comes from, an input that replaces the seed's value with the user's
//! (remembered) and a reset to the seed's.

use crate::domain::kpi::Target;
use crate::domain::targets::{Source, TargetError, TargetSpec};
use crate::i18n::names;
use crate::i18n::panorama::{self as text, PanoText};
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn TargetRow(spec: TargetSpec) -> impl IntoView {
    let ctx = app();
    let TargetSpec { scope, kpi, .. } = spec;
    let refused = RwSignal::new(None::<String>);
    let current = move || ctx.targets.with(|t| t.get(scope, kpi));
    let value = move || {
        current().map_or_else(String::new, |s| match s.target {
            Target::Above(v) | Target::Below(v) => text::target_input(kpi, v),
        })
    };
    let sign = move || match current().map(|s| s.target) {
        Some(Target::Below(_)) => "<",
        _ => ">",
    };
    let is_user = move || current().is_some_and(|s| s.source == Source::User);
    let source = move || {
        let l = ctx.lang.get();
        current()
            .map(|s| text::source(l, s.source))
            .unwrap_or_default()
    };
    let id = format!("{}-{}", scope.id(), kpi.id());
    let on_change = move |ev: leptos::ev::Event| {
        let l = ctx.lang.get_untracked();
        let typed = event_target_value(&ev);
        let result = match text::parse_target(kpi, &typed) {
            None => Err(TargetError::NotANumber),
            Some(v) => {
                let mut r = Ok(());
                ctx.update_targets(|t| r = t.set(scope, kpi, v));
                r
            }
        };
        refused.set(result.err().map(|e| text::target_error(l, kpi, e)));
    };
    let reset = move |_| {
        refused.set(None);
        ctx.update_targets(|t| t.reset(scope, kpi));
    };
    let name = move || {
        let l = ctx.lang.get();
        let mut n = names::kpi(l, kpi).to_owned();
        if let Some(c) = text::cohort(l, scope, kpi) {
            n = format!("{n} · {c}");
        }
        n
    };
    view! {
        <tr>
            <th scope="row">{move || text::scope(ctx.lang.get(), scope)}</th>
            <td data-label=move || ctx.t(PanoText::Kpi)>{name}</td>
            <td class="num" data-label=move || ctx.t(PanoText::TargetCol)>
                <span class="target-edit">
                    <span aria-hidden="true">{sign}" "</span>
                    <input type="text" inputmode="decimal" class="num-input" data-testid=format!("target-{id}")
                        aria-label=move || format!("{} {}", text::scope(ctx.lang.get(), scope), names::kpi(ctx.lang.get(), kpi))
                        prop:value=value on:change=on_change/>
                    <span class="muted small target-unit">{move || text::target_unit(ctx.lang.get(), kpi)}</span>
                </span>
                {move || refused.get().map(|r| view! { <span class="warning small" role="alert">{r}</span> })}
            </td>
            <td data-label=move || ctx.t(PanoText::SourceCol) data-testid=format!("target-source-{id}")
                class=move || if is_user() { "source user" } else { "source" }>{source}</td>
            <td>
                <button class="button small secondary" data-testid=format!("target-reset-{id}")
                    disabled=move || !is_user() on:click=reset>{move || ctx.t(PanoText::ResetTarget)}</button>
            </td>
        </tr>
    }
}
