//! The targets editor: every KPI target in force, by scope, with where it
//! comes from (a seed or the user); a typed value replaces the seed's and
//! is remembered, a reset brings the seed's back (DOMAIN §5).

use crate::i18n::panorama::PanoText;
use crate::i18n::{format, Text};
use crate::ui::panorama::target_row::TargetRow;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn TargetsEditor() -> impl IntoView {
    let ctx = app();
    // The rows are the (scope, KPI) pairs, fixed; each row follows its value.
    let rows = ctx
        .targets
        .with_untracked(|t| t.all())
        .into_iter()
        .map(|spec| view! { <TargetRow spec=spec/> })
        .collect_view();
    let changed = move || ctx.targets.with(|t| t.user_count());
    view! {
        <details class="card settings" data-testid="targets">
                <summary><h2 class="inline">{ctx.tr(PanoText::TargetsTitle)}</h2></summary>
                <p class="muted small">{move || PanoText::TargetsHint { n: format::count(changed() as u64) }.text(ctx.lang.get())}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="data stack targets">
                        <thead>
                            <tr>
                                <th scope="col">{ctx.tr(PanoText::Scope)}</th>
                                <th scope="col">{ctx.tr(PanoText::Kpi)}</th>
                                <th scope="col">{ctx.tr(PanoText::TargetCol)}</th>
                                <th scope="col">{ctx.tr(PanoText::SourceCol)}</th>
                                <th scope="col"><span class="visually-hidden">{ctx.tr(PanoText::ResetTarget)}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <button class="button small secondary" data-testid="targets-reset-all"
                    disabled=move || changed() == 0
                    on:click=move |_| ctx.update_targets(|t| t.reset_all())>{ctx.tr(PanoText::ResetAllTargets)}</button>
        </details>
    }
}
