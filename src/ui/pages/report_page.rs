//! The report (报告): every view's results on one print-ready page in the
//! current language — segments, the panorama map, the campaign comparison
//! and the plan — for the browser's "print to PDF". Controls are hidden
//! (`.report-view` in the stylesheet); figures typed into inputs print as text.

use crate::ui::format;
use crate::ui::i18n::{tr, Lang};
use crate::ui::pages::campaigns_page::CampaignsPage;
use crate::ui::pages::panorama_page::PanoramaPage;
use crate::ui::pages::planner_page::PlannerPage;
use crate::ui::pages::segments_page::SegmentsPage;
use crate::ui::state::{AppContext, Route};
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = move || ctx.lang.get();
    let source = move || {
        let l = lang();
        ctx.data.with(|d| match d {
            None => tr(l, "未加载数据：客户分层、全景图与活动对比需要数据；预算规划使用当前计划。", "No data loaded: segments, the panorama and the campaign comparison need data; the plan is the current one.").to_owned(),
            Some(d) => {
                let name = if d.is_demo { tr(l, "演示数据", "demo data").to_owned() } else { d.report.file_name.clone() };
                let as_of = ctx.as_of().map(|a| format::date(a, l)).unwrap_or_default();
                match l {
                    Lang::Zh => format!("数据：{name}，{} 位客户；截至 {as_of}。所有数字均在本浏览器中计算。", format::count(d.summary.customers as u64)),
                    Lang::En => format!("Data: {name}, {} customers; as of {as_of}. Every figure was computed in this browser.", format::count(d.summary.customers as u64)),
                }
            }
        })
    };
    view! {
        <div class="report-view" data-testid="report">
            <header class="report-cover">
                <h1>{move || tr(lang(), "服务营销全景 · 报告", "Panorama · report")}</h1>
                <p data-testid="report-source">{source}</p>
                <div class="toolbar no-print">
                    <button class="button" data-testid="print-report" on:click=move |_| { let _ = window().print(); }>
                        {move || tr(lang(), "打印 / 另存为 PDF", "Print / save as PDF")}
                    </button>
                    <a href=Route::Planner.hash()>{move || tr(lang(), "返回预算规划", "Back to the planner")}</a>
                </div>
            </header>
            <SegmentsPage/>
            <PanoramaPage/>
            <CampaignsPage/>
            <PlannerPage/>
        </div>
    }
}
