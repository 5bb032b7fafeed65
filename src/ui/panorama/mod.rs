//! The Panorama view (全景图): the lifecycle stage × campaign-type map of
//! DOMAIN §1 filled with the loaded customers and each stage's key metrics
//! against DOMAIN §5 targets, the KPI dashboard, the stage flow and the
//! festival and season calendar.

pub mod calendar;
pub mod kpi_dashboard;
pub mod panorama_map;
pub mod panorama_page;
pub mod stage_flow;
pub mod target_row;
pub mod targets_editor;
pub mod value_kpis;
