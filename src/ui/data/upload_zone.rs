//! The drop target and file picker, plus the demo button.

use crate::i18n::data::DataText;
use crate::ui::data::import_state::ImportState;
use crate::ui::io;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn UploadZone() -> impl IntoView {
    let ctx = app();
    let import = expect_context::<ImportState>();
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(file) = io::picked_file(&ev) {
            import.open_file(file);
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
            import.open_file(file);
        }
    };
    view! {
        <div class="upload-zone" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <p class="upload-hint">
                {ctx.tr(DataText::DropHint)}" "
                <label class="file-label">
                    <input type="file" data-testid="upload-input" class="visually-hidden"
                        accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv"
                        disabled=move || import.busy()
                        on:change=on_change/>
                    <span class="button">{ctx.tr(DataText::ChooseFile)}</span>
                </label>
            </p>
            <p class="muted">{ctx.tr(DataText::FormatsHint)}</p>
            <div class="demo-row">
                <button class="button secondary" data-testid="load-demo"
                    disabled=move || import.busy()
                    on:click=move |_| import.load_demo()>
                    {ctx.tr(DataText::LoadDemo)}
                </button>
                <span class="muted">{ctx.tr(DataText::DemoHint)}</span>
            </div>
        </div>
    }
}
