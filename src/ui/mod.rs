//! The Leptos layer: components render state and dispatch user actions;
//! numbers come from `domain`.

pub mod app;
pub mod components;
pub mod format;
pub mod i18n;
pub mod io;
pub mod pages;
pub mod state;
