//! Panorama 服务营销全景: after-sales service marketing planning that runs
//! entirely in the browser. `domain` is the pure core; `ui` the Leptos layer.

pub mod charts;
pub mod domain;
pub mod ui;
