//! The Data view (数据): upload, mapping, validation report, as-of date.

use crate::ui::components::import_controller::{ImportController, Notice};
use crate::ui::components::mapping_panel::MappingPanel;
use crate::ui::components::upload_zone::UploadZone;
use crate::ui::components::validation_report::ValidationReport;
use crate::ui::i18n::{file_error, Lang};
use crate::ui::state::AppContext;
use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let controller = ImportController::new(ctx);
    let t = move || ctx.lang.get().t();

    let notice_text = move || {
        let lang = ctx.lang.get();
        controller.notice.get().map(|n| match n {
            Notice::File(e) => file_error(lang, &e),
            Notice::Cancelled => lang.t().cancelled.to_owned(),
            Notice::Io(e) => match lang {
                Lang::Zh => format!("无法读取文件：{e}"),
                Lang::En => format!("The file could not be read: {e}"),
            },
        })
    };
    let percent = move || {
        controller
            .progress
            .get()
            .map(|p| (p * 100.0).round() as u32)
    };

    view! {
        <section class="page" aria-labelledby="data-title">
            <h1 id="data-title">{move || t().data_title}</h1>
            <p class="intro">{move || t().data_intro}</p>
            <UploadZone controller=controller/>
            {move || percent().map(|p| view! {
                <div class="progress-row" data-testid="import-progress">
                    <label for="import-progress-bar">{t().reading}" "{p}"%"</label>
                    <progress id="import-progress-bar" max="100" value=p></progress>
                    <button class="button secondary small" data-testid="cancel-import"
                        on:click=move |_| controller.cancel()>{t().cancel}</button>
                </div>
            })}
            {move || notice_text().map(|text| view! {
                <p class="notice error" role="alert" data-testid="file-error">{text}</p>
            })}
            <MappingPanel controller=controller/>
            <ValidationReport/>
        </section>
    }
}
