//! Panorama 服务营销全景: after-sales service marketing planning that runs
//! entirely in the browser. `domain` is the pure core; `engine` owns the
//! data in a Web Worker and answers the views; `ui` is the Leptos layer;
//! `i18n` holds every text; `charts` draws.

#[cfg(feature = "browser")]
pub mod charts;
pub mod domain;
pub mod engine;
pub mod i18n;
#[cfg(feature = "browser")]
pub mod ui;
