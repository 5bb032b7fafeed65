//! The Customer value view: the model picker, then the model and what it
//! says, or why no model can be fitted.

use crate::i18n::value::ValueText;
use crate::ui::components::later::Later;
use crate::ui::components::no_data::NoData;
use crate::ui::state::app;
use crate::ui::value::alive_matrix::AliveMatrix;
use crate::ui::value::clv_distribution::ClvDistribution;
use crate::ui::value::model_card::ModelCard;
use crate::ui::value::model_picker::ModelPicker;
use crate::ui::value::slipping_list::SlippingList;
use crate::ui::value::use_value;
use crate::ui::value::validation_view::ValidationView;
use crate::ui::value::value_by_group::ValueByGroup;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn ValuePage() -> impl IntoView {
    let ctx = app();
    let cut = RwSignal::new(None::<NaiveDate>);
    let view = use_value(ctx, cut.into());
    let problem = move || {
        view.with(|v| {
            v.as_ref()
                .and_then(|v| v.result.as_ref().err().copied())
                .map(|p| {
                    ctx.t(ValueText::NoModel {
                        why: p.message(ctx.lang.get()),
                    })
                })
        })
    };
    let fitted = move || view.with(|v| v.as_ref().is_some_and(|v| v.result.is_ok()));
    view! {
        <section class="page" aria-labelledby="value-title">
            <h1 id="value-title">{ctx.tr(ValueText::Title)}</h1>
            <p class="intro">{ctx.tr(ValueText::Intro)}</p>
            <Show when=move || ctx.data.with(Option::is_some) fallback=|| view! { <NoData/> }>
                <div class="no-report"><ModelPicker cut=cut/></div>
                <Show when=move || view.with(Option::is_some)
                    fallback=move || view! { <p class="muted" role="status">{ctx.tr(ValueText::Computing)}</p> }>
                    {move || problem().map(|p| view! { <p class="notice error" role="alert" data-testid="value-problem">{p}</p> })}
                    <Show when=fitted>
                        <ModelCard view=view/>
                        <Later><ValidationView view=view/></Later>
                        <Later turns=1><AliveMatrix view=view/></Later>
                        <Later turns=1><div class="no-report"><ClvDistribution view=view/></div></Later>
                        <Later turns=2><div class="no-report"><ValueByGroup view=view/></div></Later>
                        <Later turns=2><SlippingList view=view/></Later>
                    </Show>
                </Show>
            </Show>
        </section>
    }
}
