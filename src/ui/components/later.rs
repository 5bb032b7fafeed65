//! Shows its children a few event-loop turns after it mounts, so a view
//! with many parts (the report, a grid of charts) builds in short tasks the
//! browser can paint and answer input between, never one long one.

use crate::ui::io;
use leptos::prelude::*;

#[component]
pub fn Later(
    /// Event-loop turns to wait (0 shows at the next turn).
    #[prop(default = 0)]
    turns: u32,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    fn wait(left: u32, shown: RwSignal<bool>) {
        let _ = io::after(0, move || {
            if left == 0 {
                let _ = shown.try_set(true);
            } else {
                wait(left - 1, shown);
            }
        });
    }
    wait(turns, shown);
    move || shown.get().then(|| children())
}
