//! One end of one figure's range in the what-if scenario.

use crate::domain::campaign::ScenarioCampaign;
use crate::i18n::campaigns::CampText;
use crate::i18n::Text;
use crate::ui::state::app;
use leptos::prelude::*;

/// Which figure of a scenario campaign an input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioField {
    Cost,
    Arrival,
    Conversion,
    Retention,
    Ltv,
}

impl ScenarioField {
    pub const ALL: [ScenarioField; 5] = [
        ScenarioField::Cost,
        ScenarioField::Arrival,
        ScenarioField::Conversion,
        ScenarioField::Retention,
        ScenarioField::Ltv,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ScenarioField::Cost => "cost",
            ScenarioField::Arrival => "arrival",
            ScenarioField::Conversion => "conversion",
            ScenarioField::Retention => "retention",
            ScenarioField::Ltv => "ltv",
        }
    }

    pub fn name(self) -> CampText {
        match self {
            ScenarioField::Cost => CampText::ScCost,
            ScenarioField::Arrival => CampText::ScArrival,
            ScenarioField::Conversion => CampText::ScConversion,
            ScenarioField::Retention => CampText::ScRetention,
            ScenarioField::Ltv => CampText::ScLtv,
        }
    }

    /// Rates are typed in percent.
    fn scale(self) -> f64 {
        match self {
            ScenarioField::Cost | ScenarioField::Ltv => 1.0,
            _ => 100.0,
        }
    }

    fn range(self, c: &mut ScenarioCampaign) -> &mut (f64, f64) {
        match self {
            ScenarioField::Cost => &mut c.cost,
            ScenarioField::Arrival => &mut c.arrival,
            ScenarioField::Conversion => &mut c.conversion,
            ScenarioField::Retention => &mut c.retention_3m,
            ScenarioField::Ltv => &mut c.ltv_3m,
        }
    }
}

#[component]
pub fn ScenarioInput(
    campaign: RwSignal<ScenarioCampaign>,
    side: &'static str,
    field: ScenarioField,
    high: bool,
) -> impl IntoView {
    let ctx = app();
    let k = field.scale();
    let value = move || {
        let mut c = campaign.get();
        let r = *field.range(&mut c);
        let v = if high { r.1 } else { r.0 } * k;
        format!("{}", (v * 1e6).round() / 1e6)
    };
    let label = move || {
        let l = ctx.lang.get();
        let end = if high { CampText::High } else { CampText::Low };
        CampText::RangeEnd {
            row: field.name().text(l),
            side: side.to_uppercase(),
            end: end.text(l),
        }
        .text(l)
    };
    view! {
        <input type="number" min="0" step="any" class="num-input"
            data-testid=format!("sc-{side}-{}-{}", field.id(), if high { "hi" } else { "lo" })
            aria-label=label prop:value=value
            on:change=move |ev| {
                // A range typed from high to low is kept as typed and refused
                // with a sentence, never silently fixed.
                if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                    campaign.update(|c| {
                        let r = field.range(c);
                        if high { r.1 = v / k } else { r.0 = v / k }
                    });
                }
            }/>
    }
}
