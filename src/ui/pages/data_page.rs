//! The Data view (数据): upload, mapping, validation report, as-of date.

use crate::ui::components::import_controller::{ImportController, Notice};
use crate::ui::components::mapping_panel::MappingPanel;
use crate::ui::components::upload_zone::UploadZone;
use crate::ui::components::validation_report::ValidationReport;
use crate::ui::i18n::{file_error, tr, Lang};
use crate::ui::state::AppContext;
use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let controller = expect_context::<ImportController>();
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
            <KeepData controller=controller/>
            <MappingPanel controller=controller/>
            <ValidationReport/>
        </section>
    }
}

/// The opt-in to keep the uploaded data in this browser, and its undo.
#[component]
fn KeepData(controller: ImportController) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    view! {
        <div class="card keep-data">
            <label class="setting inline">
                <input type="checkbox" data-testid="keep-data" prop:checked=move || ctx.keep_data.get()
                    on:change=move |ev| {
                        if event_target_checked(&ev) {
                            ctx.set_keep_data(true);
                            controller.keep_if_asked();
                        } else {
                            controller.forget_kept_data();
                        }
                    }/>
                <span>{move || tr(lang(),
                    "在本浏览器中保留数据，下次打开自动载入（数据只存放在这台电脑的浏览器里）",
                    "Keep the data in this browser and load it next time (it stays on this computer's browser)")}</span>
            </label>
            <button class="button small secondary" data-testid="clear-data"
                on:click=move |_| controller.forget_kept_data()>
                {move || tr(lang(), "清除本浏览器中保存的数据", "Clear the data kept in this browser")}
            </button>
        </div>
    }
}
