//! A select of the data's campaigns, each with its size.

use crate::i18n::campaigns::{campaign_name, CampText};
use crate::i18n::format;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn CampaignPicker(
    label: CampText,
    testid: &'static str,
    names: Memo<Vec<(String, usize)>>,
    current: Memo<Option<String>>,
    pick: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = app();
    let is_demo = move || ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_demo));
    view! {
        <label class="setting">
            <span>{move || ctx.t(label.clone())}</span>
            <select data-testid=testid on:change=move |ev| pick.set(Some(event_target_value(&ev)))>
                {move || {
                    let cur = current.get();
                    let l = ctx.lang.get();
                    names.get().into_iter().map(|(n, size)| {
                        let selected = cur.as_deref() == Some(n.as_str());
                        let text = ctx.t(CampText::PickerOption {
                            name: campaign_name(l, &n, is_demo()),
                            n: format::count(size as u64),
                        });
                        view! { <option value=n selected=selected>{text}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
