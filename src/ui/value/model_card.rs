//! The model in use, why, its parameters in plain words and its flags, and
//! how many customers are probably gone.

use crate::domain::value::validate::ModelChoice;
use crate::engine::protocol::ValueView;
use crate::i18n::shell::Common;
use crate::i18n::value::{self as text, ValueText};
use crate::i18n::{format, Text};
use crate::ui::state::app;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ModelCard(view: Signal<Option<Arc<ValueView>>>) -> impl IntoView {
    let ctx = app();
    let body = move || {
        let l = ctx.lang.get();
        view.with(|v| {
            let m = v.as_ref()?.result.as_ref().ok()?;
            let name = text::model(l, m.fit.kind).to_owned();
            let why = match (m.choice, &m.validation) {
                (ModelChoice::Auto, Some(v)) => text::auto_reason(l, &v.reason),
                _ => ValueText::Chosen.text(l),
            };
            let mut words = text::params(l, &m.fit.params);
            match m.spend.params.population_mean() {
                Ok(mean) => words.push(ValueText::Spend { mean: format::yuan(mean, l) }.text(l)),
                Err(e) => words.push(text::spend_error(l, e)),
            }
            if let Some(g) = m.fit.time_grid {
                words.push(ValueText::Grid { days: format!("{g:.0}") }.text(l));
            }
            let flags: Vec<String> = m
                .fit
                .problems
                .iter()
                .chain(&m.spend.problems)
                .map(|p| p.message(l))
                .collect();
            let s = &m.summary;
            let gone_share = format::percent(s.probably_gone_share());
            let summary = ValueText::Summary {
                gone: format::count(s.probably_gone as u64),
                share: gone_share,
                total: format::yuan(s.total.total_clv_365d, l),
            }
            .text(l);
            Some(view! {
                <p class="verdict" data-testid="value-model" data-model=m.fit.kind.id()>{ValueText::InUse { model: name }.text(l)}</p>
                <p data-testid="value-why">{why}</p>
                <h3>{ValueText::ParamsTitle.text(l)}</h3>
                <ul class="plain-list">{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                {(!flags.is_empty()).then(|| view! {
                    <p class="warning small" data-testid="value-flags">{ValueText::Problems.text(l)}{Common::Colon.text(l)}{format::list(&flags, l)}</p>
                })}
                <p data-testid="value-summary">{summary}" "
                    <span class="muted small">{ValueText::Customers { n: format::count(m.customers as u64) }.text(l)}</span></p>
            })
        })
    };
    view! { <section class="card" aria-label=move || ctx.t(ValueText::Model)>{body}</section> }
}
