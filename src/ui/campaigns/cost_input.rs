//! The cost per person of a picked campaign, remembered.

use crate::i18n::campaigns::CampText;
use crate::ui::campaigns::campaign_costs::CampaignCosts;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn CostInput(
    label: CampText,
    testid: &'static str,
    name: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = app();
    let costs = expect_context::<CampaignCosts>();
    let value = move || {
        name.get()
            .and_then(|n| costs.get(&n))
            .map(|c| format!("{c}"))
            .unwrap_or_default()
    };
    let assumed = move || name.get().is_some_and(|n| costs.assumed(&n));
    view! {
        <label class="setting">
            <span>{move || ctx.t(label.clone())}</span>
            <Show when=assumed>
                <span class="assumption small" data-testid=format!("{testid}-assumed")>{ctx.tr(CampText::AssumedCost)}</span>
            </Show>
            <input type="number" min="0" step="any" class="num-input" data-testid=testid prop:value=value
                on:change=move |ev| {
                    if let (Some(n), Ok(v)) = (name.get_untracked(), event_target_value(&ev).trim().parse::<f64>()) {
                        if v.is_finite() && v >= 0.0 {
                            costs.set(n, v);
                        }
                    }
                }/>
        </label>
    }
}
