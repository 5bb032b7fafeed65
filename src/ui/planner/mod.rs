//! The Budget planner view (预算规划, DOMAIN §8): the budget and the cells
//! (campaign type × stage), the baseline and the optimised plan side by
//! side, response curves, goal-seek, uncertainty and scenarios.

pub mod add_cell;
pub mod budget_card;
pub mod cell_table;
pub mod data_source;
pub mod goal_seek;
pub mod num_field;
pub mod plan_files;
pub mod plan_summary;
pub mod planner_page;
pub mod planner_state;
pub mod prospect_pool;
pub mod range_editor;
pub mod range_input;
pub mod response_curves;
pub mod saved_plans;
pub mod stage_spend;
pub mod uncertainty;
