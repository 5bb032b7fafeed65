//! The Customer value view (客户价值, DOMAIN §9): the model in use and why,
//! its held-out validation, the P(alive) matrix, the CLV distribution, CLV
//! and P(alive) by segment and stage, and valuable customers slipping away.

pub mod alive_matrix;
pub mod clv_distribution;
pub mod model_card;
pub mod model_picker;
pub mod slipping_list;
pub mod validation_view;
pub mod value_by_group;
pub mod value_page;

use crate::engine::protocol::{Query, ValueView};
use crate::ui::engine_client::use_query;
use crate::ui::state::AppContext;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// The engine's value answer at the data, as-of date, settings, model and
/// held-out cut in force (other views pass no cut: the default).
pub fn use_value(
    ctx: AppContext,
    cut: Signal<Option<NaiveDate>>,
) -> Signal<Option<Arc<ValueView>>> {
    use_query(move || {
        Some(Query::Value {
            at: ctx.at()?,
            settings: ctx.segment_settings.get(),
            model: ctx.model.get(),
            cut: cut.get(),
        })
    })
}
