//! The card a view shows while no data is loaded, with a link to load some.

use crate::i18n::shell::Common;
use crate::ui::route::Route;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn NoData() -> impl IntoView {
    let ctx = app();
    view! {
        <p class="card muted" data-testid="no-data">
            <a href=Route::Data.hash()>{ctx.tr(Common::NoDataLoad)}</a>
        </p>
    }
}
