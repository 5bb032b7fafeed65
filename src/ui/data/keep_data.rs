//! The opt-in to keep the uploaded data in this browser, and its undo.

use crate::i18n::data::DataText;
use crate::ui::data::import_state::ImportState;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn KeepData() -> impl IntoView {
    let ctx = app();
    let import = expect_context::<ImportState>();
    view! {
        <div class="card keep-data">
            <label class="setting inline">
                <input type="checkbox" data-testid="keep-data" prop:checked=move || ctx.keep_data.get()
                    on:change=move |ev| {
                        if event_target_checked(&ev) {
                            ctx.set_keep_data(true);
                            import.keep_if_asked();
                        } else {
                            import.forget_kept_data();
                        }
                    }/>
                <span>{ctx.tr(DataText::KeepData)}</span>
            </label>
            <button class="button small secondary" data-testid="clear-data"
                on:click=move |_| import.forget_kept_data()>
                {ctx.tr(DataText::ClearData)}
            </button>
        </div>
    }
}
