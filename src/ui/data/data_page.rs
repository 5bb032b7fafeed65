//! The Data view: upload, progress and cancel, notices, kept data, the
//! mapping panel and the validation report.

use crate::i18n::data::DataText;
use crate::ui::data::import_state::{ImportState, Notice};
use crate::ui::data::keep_data::KeepData;
use crate::ui::data::mapping_panel::MappingPanel;
use crate::ui::data::upload_zone::UploadZone;
use crate::ui::data::validation_report::ValidationReport;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    let ctx = app();
    let import = expect_context::<ImportState>();
    let notice_text = move || {
        let lang = ctx.lang.get();
        import.notice.get().map(|n| match n {
            Notice::File(e) => e.message(lang),
            Notice::Cancelled => ctx.t(DataText::Cancelled),
            Notice::Io(reason) => ctx.t(DataText::Unreadable { reason }),
            Notice::Store(reason) => ctx.t(DataText::StoreFailed { reason }),
        })
    };
    let percent = move || import.progress.get().map(|p| (p * 100.0).round() as u32);

    view! {
        <section class="page" aria-labelledby="data-title">
            <h1 id="data-title">{ctx.tr(DataText::Title)}</h1>
            <p class="intro">{ctx.tr(DataText::Intro)}</p>
            <UploadZone/>
            {move || percent().map(|p| view! {
                <div class="progress-row" data-testid="import-progress">
                    <label for="import-progress-bar">{ctx.t(DataText::Reading { percent: p })}</label>
                    <progress id="import-progress-bar" max="100" value=p></progress>
                    <button class="button secondary small" data-testid="cancel-import"
                        on:click=move |_| import.cancel()>{ctx.tr(DataText::Cancel)}</button>
                </div>
            })}
            {move || notice_text().map(|text| view! {
                <p class="notice error" role="alert" data-testid="file-error">{text}</p>
            })}
            <KeepData/>
            <MappingPanel/>
            <ValidationReport/>
        </section>
    }
}
