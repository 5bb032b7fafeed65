//! The Segments view (客户分层): the 8 RFM groups with their figures,
//! charts, strategy cards, settings and the drill-down list.

pub mod customer_list;
pub mod empty_levels;
pub mod segment_charts;
pub mod segment_settings_panel;
pub mod segment_table;
pub mod segments_page;
pub mod strategy_cards;

use crate::engine::protocol::{Query, SegmentsView};
use crate::ui::engine_client::use_query;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use std::sync::Arc;

/// The engine's answer for the Segments view at the data, as-of date and
/// settings in force.
pub fn use_segments(ctx: AppContext) -> Signal<Option<Arc<SegmentsView>>> {
    use_query(move || {
        Some(Query::Segments {
            at: ctx.at()?,
            settings: ctx.segment_settings.get(),
            model: ctx.model.get(),
        })
    })
}
