//! The Campaign A vs B view: pickers and costs, the side-by-side table
//! with its verdict, the curves, every campaign, and the scenario.

use crate::domain::campaign::default_pair;
use crate::engine::protocol::{CampaignsView, CompareView, Query};
use crate::i18n::campaigns::CampText;
use crate::ui::campaigns::all_campaigns::AllCampaigns;
use crate::ui::campaigns::campaign_charts::CampaignCharts;
use crate::ui::campaigns::campaign_picker::CampaignPicker;
use crate::ui::campaigns::comparison_table::ComparisonTable;
use crate::ui::campaigns::cost_input::CostInput;
use crate::ui::campaigns::scenario_mode::ScenarioMode;
use crate::ui::engine_client::use_query;
use crate::ui::route::Route;
use crate::ui::state::app;
use leptos::prelude::*;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let ctx = app();
    let list = use_query::<CampaignsView>(move || {
        Some(Query::Campaigns {
            at: ctx.at()?,
            model: ctx.model.get(),
        })
    });
    let pick_a = RwSignal::new(None::<String>);
    let pick_b = RwSignal::new(None::<String>);
    let names = Memo::new(move |_| {
        list.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.campaigns
                        .iter()
                        .map(|c| (c.name.clone(), c.members))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let defaults = Memo::new(move |_| names.with(|n| default_pair(n)));
    let a_name = Memo::new(move |_| pick_a.get().or_else(|| defaults.get().0));
    let b_name = Memo::new(move |_| pick_b.get().or_else(|| defaults.get().1));
    let compared = use_query::<CompareView>(move || {
        Some(Query::Compare {
            at: ctx.at()?,
            model: ctx.model.get(),
            a: a_name.get()?,
            b: b_name.get()?,
        })
    });
    let has_campaigns = move || names.with(|n| !n.is_empty());
    let empty_note = move || {
        if ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_summary)) {
            ctx.t(crate::i18n::data::DataText::NeedsVisits)
        } else if ctx.data.with(Option::is_some) {
            ctx.t(CampText::NoCampaignColumn)
        } else {
            ctx.t(CampText::NoDataScenario)
        }
    };

    view! {
        <section class="page" aria-labelledby="camp-title">
            <h1 id="camp-title">{ctx.tr(CampText::Title)}</h1>
            <p class="intro">{ctx.tr(CampText::Intro)}</p>
            <Show when=has_campaigns fallback=move || view! {
                <p class="card muted" data-testid="no-campaigns">
                    {empty_note}" "<a href=Route::Data.hash() class="no-print">{ctx.tr(CampText::GoToData)}</a>
                </p>
            }>
                <section class="card no-report" aria-labelledby="pick-title">
                    <h2 id="pick-title">{ctx.tr(CampText::CompareTitle)}</h2>
                    <div class="settings-grid">
                        <CampaignPicker label=CampText::CampaignA testid="pick-a" names=names current=a_name pick=pick_a/>
                        <CampaignPicker label=CampText::CampaignB testid="pick-b" names=names current=b_name pick=pick_b/>
                        <CostInput label=CampText::CostA testid="cost-a" name=a_name/>
                        <CostInput label=CampText::CostB testid="cost-b" name=b_name/>
                    </div>
                </section>
                <ComparisonTable compared=compared a_name=a_name b_name=b_name/>
                <div class="no-report"><CampaignCharts compared=compared a_name=a_name b_name=b_name/></div>
                <div class="no-report"><AllCampaigns list=list/></div>
            </Show>
            <div class="no-report"><ScenarioMode/></div>
        </section>
    }
}
