//! Every campaign of the data on its 3-month window, and the export.

use crate::engine::protocol::{CampaignsView, Export};
use crate::i18n::campaigns::{campaign_name, CampText};
use crate::i18n::shell::Common;
use crate::i18n::{format, Text};
use crate::ui::campaigns::campaign_costs::CampaignCosts;
use crate::ui::engine_client;
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn AllCampaigns(list: Signal<Option<Arc<CampaignsView>>>) -> impl IntoView {
    let ctx = app();
    let costs = expect_context::<CampaignCosts>();
    let rows = move || {
        let l = ctx.lang.get();
        let is_demo = ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_demo));
        let no = || Common::NoData.text(l);
        let label = |t: CampText| t.text(l);
        list.with(|all| {
            all.as_ref().map(|all| {
                all.campaigns
                    .iter()
                    .map(|c| {
                        let w = &c.window;
                        let ci = c
                            .ltv_ci
                            .map(|(lo, hi)| format!("{} – {}", format::yuan(lo, l), format::yuan(hi, l)))
                            .unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{campaign_name(l, &c.name, is_demo)}</th>
                                <td class="num" data-label=label(CampText::CustomersComplete)>{format::count(w.customers as u64)}</td>
                                <td class="num" data-label=label(CampText::TooRecentShort)>{format::count(w.too_recent as u64)}</td>
                                <td class="num" data-label=label(CampText::Retention3m)>{w.retention.map(format::percent).unwrap_or_else(no)}</td>
                                <td class="num" data-label=label(CampText::Ltv3m)>{w.ltv.map(|v| format::yuan(v, l)).unwrap_or_else(no)}</td>
                                <td class="num muted" data-label=label(CampText::Ci95)>{ci}</td>
                                <td class="num" data-label=label(CampText::Predicted12m)>{c.predicted_12m.map(|v| format::yuan(v, l)).unwrap_or_else(no)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let export = move |_| {
        if let Some(at) = ctx.at() {
            let costs = costs.typed.get_untracked();
            engine_client::export(
                Export::Campaigns {
                    at,
                    costs,
                    model: ctx.model.get_untracked(),
                },
                |_| {},
            );
        }
    };
    view! {
        <section class="card" aria-labelledby="all-camp-title">
            <h2 id="all-camp-title">{ctx.tr(CampText::AllTitle)}</h2>
            <button class="button secondary no-report" data-testid="export-campaigns" on:click=export>{ctx.tr(CampText::Export)}</button>
            <div class="table-scroll" tabindex="0">
                <table class="stack" data-testid="campaigns-table">
                    <thead><tr>
                        <th scope="col">{ctx.tr(CampText::Campaign)}</th>
                        <th scope="col">{ctx.tr(CampText::CustomersComplete)}</th>
                        <th scope="col">{ctx.tr(CampText::TooRecentShort)}</th>
                        <th scope="col">{move || ctx.t(CampText::Retention3m)}</th>
                        <th scope="col">{move || ctx.t(CampText::Ltv3m)}</th>
                        <th scope="col">{move || ctx.t(CampText::Ci95)}</th>
                        <th scope="col">{move || ctx.t(CampText::Predicted12m)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
