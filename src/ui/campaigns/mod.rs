//! The Campaign A vs B view (活动对比): two campaigns from the data side by
//! side by 3-month LTV with intervals and a verdict, every campaign in a
//! table, and a what-if scenario without data (DOMAIN §4).

pub mod all_campaigns;
pub mod campaign_charts;
pub mod campaign_costs;
pub mod campaign_picker;
pub mod campaigns_page;
pub mod comparison_table;
pub mod cost_input;
pub mod scenario_input;
pub mod scenario_mode;
