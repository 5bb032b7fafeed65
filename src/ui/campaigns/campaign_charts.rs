//! Cumulative revenue and retention curves of the two campaigns.

use crate::charts::{line_chart, PALETTE};
use crate::domain::campaign::Curves;
use crate::engine::protocol::CompareView;
use crate::i18n::campaigns::{campaign_name, CampText};
use crate::i18n::{format, Text};
use crate::ui::components::chart_canvas::{ChartCanvas, DrawFn};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

/// (day, value, optional band) of a line chart.
type Point = (f64, f64, Option<(f64, f64)>);

#[component]
pub fn CampaignCharts(
    compared: Signal<Option<Arc<CompareView>>>,
    a_name: Memo<Option<String>>,
    b_name: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = app();
    let is_demo = move || ctx.data.with(|d| d.as_ref().is_some_and(|d| d.is_demo));
    // Each curve's series: its name, colour and points.
    let series = move |pick: fn(&Curves) -> Vec<Point>| {
        let l = ctx.lang.get();
        let names = [a_name.get(), b_name.get()]
            .map(|n| campaign_name(l, &n.unwrap_or_default(), is_demo()));
        compared.with(|c| {
            c.as_ref().map(|c| {
                let [na, nb] = names;
                [
                    line_chart::Series {
                        label: na,
                        color: PALETTE[0],
                        points: pick(&c.curves.0),
                    },
                    line_chart::Series {
                        label: nb,
                        color: PALETTE[5],
                        points: pick(&c.curves.1),
                    },
                ]
            })
        })
    };
    let revenue: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        let s = series(|c| {
            c.revenue
                .iter()
                .map(|p| (f64::from(p.0), p.1, Some((p.2, p.3))))
                .collect()
        });
        if let Some(s) = s {
            let x = CampText::DaysAfterStart.text(l);
            let _ = line_chart::draw(area, &s, &x, &|y| format::yuan_tick(y, l), dpr);
        }
    });
    let retention: DrawFn = Arc::new(move |area, dpr| {
        let l = ctx.lang.get();
        let s = series(|c| {
            c.retention
                .iter()
                .map(|p| (f64::from(p.0), p.1, None))
                .collect()
        });
        if let Some(s) = s {
            let x = CampText::DaysAfterStart.text(l);
            let _ = line_chart::draw(area, &s, &x, &|y| format!("{:.0}%", y * 100.0), dpr);
        }
    });
    view! {
        <div class="chart-grid">
            <figure class="card chart-card">
                <figcaption>{ctx.tr(CampText::ChartRevenue)}</figcaption>
                <ChartCanvas draw=revenue height=300 label=Signal::derive(move || ctx.t(CampText::ChartRevenueLabel)) testid="chart-revenue"/>
            </figure>
            <figure class="card chart-card">
                <figcaption>{ctx.tr(CampText::ChartRetention)}</figcaption>
                <ChartCanvas draw=retention height=300 label=Signal::derive(move || ctx.t(CampText::ChartRetentionLabel)) testid="chart-retention"/>
            </figure>
        </div>
    }
}
