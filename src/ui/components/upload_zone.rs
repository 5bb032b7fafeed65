//! The drop target and file picker, plus the demo button.

use crate::ui::components::import_controller::{ImportController, Notice};
use crate::ui::io;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn UploadZone(controller: ImportController) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let t = move || ctx.lang.get().t();
    let dragging = RwSignal::new(false);

    let take_file = move |file: web_sys::File| {
        let name = file.name();
        spawn_local(async move {
            match io::read_file(&file).await {
                Ok(bytes) => controller.open_file(bytes, name),
                Err(e) => controller.notice.set(Some(Notice::Io(e))),
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(file) = io::picked_file(&ev) {
            take_file(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take_file(file);
        }
    };

    view! {
        <div class="upload-zone" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <p class="upload-hint">
                {move || t().drop_hint}" "
                <label class="file-label">
                    <input type="file" data-testid="upload-input" class="visually-hidden"
                        accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv"
                        disabled=move || controller.busy()
                        on:change=on_change/>
                    <span class="button">{move || t().choose_file}</span>
                </label>
            </p>
            <p class="muted">{move || t().formats_hint}</p>
            <div class="demo-row">
                <button class="button secondary" data-testid="load-demo"
                    disabled=move || controller.busy()
                    on:click=move |_| controller.load_demo()>
                    {move || t().load_demo}
                </button>
                <span class="muted">{move || t().demo_hint}</span>
            </div>
        </div>
    }
}
