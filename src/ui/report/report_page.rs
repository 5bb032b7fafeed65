//! The report: every view's results on one print-ready page in the
//! current language (segments, the panorama map, the campaign comparison
//! and the plan) for the browser's "print to PDF". Controls are hidden
//! (`.report-view` in the stylesheet); figures typed into inputs print as text.

use crate::i18n::report::ReportText;
use crate::i18n::{format, Text};
use crate::ui::campaigns::campaigns_page::CampaignsPage;
use crate::ui::components::later::Later;
use crate::ui::panorama::panorama_page::PanoramaPage;
use crate::ui::planner::planner_page::PlannerPage;
use crate::ui::report::executive_summary::ExecutiveSummary;
use crate::ui::route::Route;
use crate::ui::segments::segments_page::SegmentsPage;
use crate::ui::state::app;
use crate::ui::value::value_page::ValuePage;
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let ctx = app();
    let source = move || {
        let l = ctx.lang.get();
        ctx.data.with(|d| match d {
            None => ReportText::NoData.text(l),
            Some(d) => {
                let name = if d.is_demo {
                    ReportText::DemoData.text(l)
                } else {
                    d.file_name.clone()
                };
                ReportText::Source {
                    name,
                    customers: format::count(d.summary.customers as u64),
                    as_of: ctx.as_of().map(|a| format::date(a, l)).unwrap_or_default(),
                }
                .text(l)
            }
        })
    };
    view! {
        <div class="report-view" data-testid="report">
            <header class="report-cover">
                <h1>{ctx.tr(ReportText::Title)}</h1>
                <p data-testid="report-source">{source}</p>
                <div class="toolbar no-print">
                    <button class="button" data-testid="print-report" on:click=move |_| { let _ = window().print(); }>
                        {ctx.tr(ReportText::Print)}
                    </button>
                    <a href=Route::Planner.hash()>{ctx.tr(ReportText::BackToPlanner)}</a>
                </div>
            </header>
            <ExecutiveSummary/>
            // Built one view per turn: a single task would freeze the page.
            <SegmentsPage/>
            <Later turns=1><PanoramaPage/></Later>
            <Later turns=2><ValuePage/></Later>
            <Later turns=3><CampaignsPage/></Later>
            <Later turns=4><PlannerPage/></Later>
        </div>
    }
}
