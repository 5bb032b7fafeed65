//! The value KPIs of DOMAIN §5 measured with the customer-value model:
//! LTV, customer lifetime, and LTV/CAC against the CAC the user enters.

use crate::domain::kpi::value_kpis;
use crate::i18n::format::parse_number;
use crate::i18n::panorama::{self as text, PanoText};
use crate::i18n::{format, names, Text};
use crate::ui::io;
use crate::ui::panorama::panorama_map::status_class;
use crate::ui::state::app;
use crate::ui::value::use_value;
use leptos::prelude::*;

const CAC_KEY: &str = "panorama.cac";

#[component]
pub fn ValueKpis() -> impl IntoView {
    let ctx = app();
    let value = use_value(ctx, Signal::derive(|| None));
    let cac = RwSignal::new(io::load_setting(CAC_KEY).and_then(|s| parse_number(&s)));
    let cards = move || {
        let l = ctx.lang.get();
        let (ltv, life, n) = value.with(|v| match v.as_ref().map(|v| &v.result) {
            Some(Ok(m)) => (m.summary.ltv, m.summary.median_lifetime_months, m.customers),
            _ => (None, None, 0),
        });
        ctx.targets.with(|t| value_kpis(ltv, life, cac.get(), n, t))
            .into_iter()
            .map(|k| {
                let status = k.status();
                view! {
                    <div class="kpi-card">
                        <div class="muted small">{names::kpi(l, k.id)}</div>
                        <div class="kpi-big" data-testid=format!("kpi-{}", k.id.id())>{text::kpi_value(l, &k)}</div>
                        <div class="small">{text::kpi_target_from(l, &k)}" · "<span class=status_class(status)>{text::status(l, status)}</span></div>
                        <div class="muted small">{PanoText::Base { n: format::count(k.base as u64) }.text(l)}</div>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="value-kpi-title">
            <h2 id="value-kpi-title">{ctx.tr(PanoText::ValueKpis)}</h2>
            <p class="muted small">{ctx.tr(PanoText::ValueKpisHint)}</p>
            <div class="kpi-grid">{cards}</div>
            <label class="setting inline no-print">
                <span>{ctx.tr(PanoText::Cac)}</span>
                <input type="number" min="0" step="any" class="num-input" data-testid="cac"
                    prop:value=move || cac.get().map(|c| format!("{c}")).unwrap_or_default()
                    on:change=move |ev| {
                        let v = parse_number(&event_target_value(&ev)).filter(|v| *v > 0.0);
                        cac.set(v);
                        io::save_setting(CAC_KEY, &v.map(|v| v.to_string()).unwrap_or_default());
                    }/>
            </label>
        </section>
    }
}
