//! The map: for each stage its core goal, main campaign types, customers
//! (a click lists them), key metrics against target and a way into the
//! planner. A table on a wide screen, one card per stage on a phone.

use crate::domain::kpi::Kpi;
use crate::domain::lifecycle::Stage;
use crate::domain::panorama::{stage_plan, MapStage};
use crate::domain::planner::PlanStage;
use crate::domain::segmentation::Group;
use crate::engine::protocol::PanoramaView;
use crate::i18n::panorama::{self as text, PanoText};
use crate::i18n::shell::Common;
use crate::i18n::{format, names, Lang, Text};
use crate::ui::io;
use crate::ui::route::Route;
use crate::ui::state::{app, AppContext};
use leptos::prelude::*;
use std::sync::Arc;

/// A stage's own KPI, named with its stage (DOMAIN §5: one name, one
/// target; the dashboard's figure over all customers has its own).
fn kpi_line(l: Lang, k: &Kpi, testid: String, stage: Stage) -> impl IntoView {
    let status = k.status();
    let name = PanoText::StageKpi {
        stage: names::stage_short(l, stage).to_owned(),
        kpi: names::kpi(l, k.id).to_owned(),
    };
    let cohort = text::cohort(l, k.scope, k.id)
        .map(|c| view! { <span class="muted small kpi-cohort">{c}</span> });
    view! {
        <li class="kpi-line">
            <span class="kpi-name">{name.text(l)}</span>
            {cohort}
            <span class="kpi-value" data-testid=testid>{text::kpi_value(l, k)}</span>
            <span class="muted small">{text::kpi_target_from(l, k)}</span>
            <span class=status_class(status)>{text::status(l, status)}</span>
        </li>
    }
}

/// The CSS class of a status badge.
pub fn status_class(s: Option<crate::domain::kpi::Status>) -> &'static str {
    use crate::domain::kpi::Status;
    match s {
        Some(Status::Green) => "status green",
        Some(Status::Amber) => "status amber",
        Some(Status::Red) => "status red",
        None => "status none",
    }
}

/// One column's cells: goal, campaign types, customers, metrics, budget.
fn column(ctx: AppContext, l: Lang, v: &PanoramaView, s: MapStage) -> [AnyView; 5] {
    let (goal, types) = stage_plan(s);
    let types: Vec<String> = types
        .iter()
        .map(|t| text::map_campaign(l, *t).to_owned())
        .collect();
    let customers = match s {
        MapStage::Prospect => {
            view! { <span class="muted small">{PanoText::NotInData.text(l)}</span> }.into_any()
        }
        MapStage::Stage(st) => {
            let (n, share) = v
                .stages
                .iter()
                .find(|x| x.0 == st)
                .map_or((0, None), |x| (x.1, x.2));
            let open = move |_| {
                ctx.drill_request.set(Some(Group::Stage(st)));
                io::go_to(Route::Segments.hash());
            };
            view! {
                <button class="link big" on:click=open title=PanoText::ListStage.text(l)>
                    <span data-testid=format!("stage-customers-{}", st.id())>{format::count(n as u64)}</span>
                </button>
                <span class="muted small">" · "{share.map(format::percent)}</span>
            }
            .into_any()
        }
    };
    let metrics = match s {
        MapStage::Prospect => {
            view! { <span class="muted small">{PanoText::NeedsOutreach.text(l)}</span> }.into_any()
        }
        MapStage::Stage(st) => {
            let kpis = v
                .dashboard
                .by_stage
                .iter()
                .find(|x| x.0 == st)
                .map(|x| x.1.clone())
                .unwrap_or_default();
            let id = st.id();
            view! {
                <ul class="kpi-list">
                    {kpis.iter().map(|k| kpi_line(l, k, format!("stage-kpi-{id}-{}", k.id.id()), st)).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    let stage = match s {
        MapStage::Prospect => PlanStage::Prospect,
        MapStage::Stage(st) => PlanStage::from(st),
    };
    let open_plan = move |_| {
        ctx.plan_focus.set(Some(stage));
        io::go_to(Route::Planner.hash());
    };
    let budget = view! {
        <button class="button small secondary no-print" data-testid=format!("plan-stage-{}", stage.id())
            on:click=open_plan>
            {PanoText::OpenPlanner.text(l)}
        </button>
    }
    .into_any();
    [
        view! { <span>{text::goal(l, goal)}</span> }.into_any(),
        view! { <span>{format::list(&types, l)}</span> }.into_any(),
        customers,
        metrics,
        budget,
    ]
}

const ROWS: [PanoText; 5] = [
    PanoText::CoreGoal,
    PanoText::CampaignTypes,
    PanoText::Customers,
    PanoText::KeyMetrics,
    PanoText::Budget,
];

#[component]
pub fn PanoramaMap(view: Signal<Option<Arc<PanoramaView>>>) -> impl IntoView {
    let ctx = app();
    let narrow = io::narrow_screen();
    let table = move |l: Lang, v: &PanoramaView| {
        let header = MapStage::ALL
            .iter()
            .map(|s| view! { <th scope="col">{text::map_stage(l, *s)}</th> })
            .collect_view();
        let mut cells: Vec<Vec<AnyView>> = (0..ROWS.len()).map(|_| Vec::new()).collect();
        for s in MapStage::ALL {
            for (row, cell) in column(ctx, l, v, s).into_iter().enumerate() {
                cells[row].push(cell);
            }
        }
        let rows = ROWS
            .iter()
            .zip(cells)
            .map(|(name, cells)| {
                view! {
                    <tr>
                        <th scope="row">{name.text(l)}</th>
                        {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0">
                <table class="panorama-map" data-testid="panorama-map">
                    <thead><tr><th scope="col"></th>{header}</tr></thead>
                    <tbody>
                        {rows}
                        <tr class="throughout">
                            <th scope="row">{PanoText::Throughout.text(l)}</th>
                            <td colspan="5">{PanoText::ThroughoutText.text(l)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let cards = move |l: Lang, v: &PanoramaView| {
        let cards = MapStage::ALL
            .iter()
            .map(|s| {
                let items = ROWS
                    .iter()
                    .zip(column(ctx, l, v, *s))
                    .map(|(name, cell)| view! { <dt>{name.text(l)}</dt><dd>{cell}</dd> })
                    .collect_view();
                view! {
                    <article class="stage-card">
                        <h3>{text::map_stage(l, *s)}</h3>
                        <dl>{items}</dl>
                    </article>
                }
            })
            .collect_view();
        view! {
            <div class="stage-cards" data-testid="panorama-map">
                {cards}
                <p class="muted small"><strong>{PanoText::Throughout.text(l)}{Common::Colon.text(l)}</strong>{PanoText::ThroughoutText.text(l)}</p>
            </div>
        }
        .into_any()
    };
    let body = move || {
        let l = ctx.lang.get();
        let narrow = narrow.get();
        view.with(|v| {
            v.as_ref()
                .map(|v| if narrow { cards(l, v) } else { table(l, v) })
        })
    };
    view! {
        <section class="card" aria-labelledby="map-title">
            <h2 id="map-title">{ctx.tr(PanoText::MapTitle)}</h2>
            <p class="muted small">{ctx.tr(PanoText::Journey)}</p>
            {body}
        </section>
    }
}
