//! The Segments settings: scoring mode and thresholds, dormant days,
//! warning preset and limits, tier thresholds and the segment boxes.
//! Changes apply at once.

use crate::domain::money::Fen;
use crate::domain::rfm::default_rules;
use crate::domain::rfm::{BusinessThresholds, ScoringMode};
use crate::domain::segmentation::SegmentSettings;
use crate::domain::warning::WarningPreset;
use crate::i18n::segments::SegText;
use crate::i18n::{names, Text};
use crate::ui::state::{app, AppContext};
use leptos::prelude::*;

/// A whole-number input bound to one setting.
fn number_input(
    ctx: AppContext,
    testid: String,
    aria: impl Fn() -> String + Send + Sync + 'static,
    get: impl Fn(&SegmentSettings) -> u64 + Send + Sync + 'static,
    set: impl Fn(&mut SegmentSettings, u64) + Send + Sync + 'static,
) -> impl IntoView {
    let value = move || ctx.segment_settings.with(|s| get(s)).to_string();
    view! {
        <input type="number" min="0" step="1" class="num-input" data-testid=testid aria-label=aria
            prop:value=value
            on:change=move |ev| {
                if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                    ctx.segment_settings.update(|s| set(s, v));
                }
            }/>
    }
}

fn to_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

#[component]
pub fn SegmentSettingsPanel() -> impl IntoView {
    let ctx = app();
    let is_business = move || {
        ctx.segment_settings
            .with(|s| matches!(s.scoring, ScoringMode::Business(_)))
    };
    let is_b = move || {
        ctx.segment_settings
            .with(|s| matches!(s.warning, WarningPreset::B { .. }))
    };
    let is_c = move || {
        ctx.segment_settings
            .with(|s| matches!(s.warning, WarningPreset::C { .. }))
    };
    let row4 = move |prefix: &'static str,
                     what: SegText,
                     get: fn(&BusinessThresholds, usize) -> u64,
                     set: fn(&mut BusinessThresholds, usize, u64)| {
        (0..4)
            .map(|i| {
                let what = what.clone();
                number_input(
                    ctx,
                    format!("{prefix}-{i}"),
                    move || {
                        ctx.t(SegText::ScoreInput {
                            what: ctx.t(what.clone()),
                            score: 5 - i as u8,
                        })
                    },
                    move |s| get(&s.business_thresholds(), i),
                    move |s, v| s.edit_business_thresholds(|t| set(t, i, v)),
                )
            })
            .collect_view()
    };
    let tiers = move |spend: bool| {
        (0..3)
            .map(|i| {
                number_input(
                    ctx,
                    format!("tier-{}-{i}", if spend { "spend" } else { "visits" }),
                    move || {
                        let l = ctx.lang.get();
                        let tier = crate::domain::tiers::Tier::ALL[i + 1];
                        let what = if spend {
                            SegText::TierSpend
                        } else {
                            SegText::TierVisits
                        };
                        format!("{} · {}", what.text(l), names::tier(l, tier))
                    },
                    move |s| {
                        let t = s.tiers.thresholds()[i];
                        if spend {
                            t.0.whole_yuan()
                        } else {
                            u64::from(t.1)
                        }
                    },
                    move |s, v| {
                        let t = s.tiers.threshold_mut(i);
                        if spend {
                            t.0 = Fen::from_whole_yuan(v)
                        } else {
                            t.1 = to_u32(v)
                        }
                    },
                )
            })
            .collect_view()
    };

    // The segment boxes (DOMAIN §2.1), in priority order, each bound 1–5.
    let rule_input = move |i: usize, dim: usize, hi: bool| {
        let label = ["R", "F", "M"][dim];
        number_input(
            ctx,
            format!(
                "rule-{i}-{}-{}",
                label.to_lowercase(),
                if hi { "hi" } else { "lo" }
            ),
            move || {
                let l = ctx.lang.get();
                let segment = ctx
                    .segment_settings
                    .with(|s| s.rules.get(i).map(|r| names::segment(l, r.segment)))
                    .unwrap_or_default()
                    .to_owned();
                let end = if hi { SegText::Max } else { SegText::Min };
                SegText::BoxBound {
                    segment,
                    dim: label.to_owned(),
                    end: end.text(l),
                }
                .text(l)
            },
            move |s| s.rules.get(i).map_or(0, |r| u64::from(r.bound(dim, hi))),
            move |s, v| {
                if let Some(r) = s.rules.get_mut(i) {
                    r.set_bound(dim, hi, v);
                }
            },
        )
    };
    // Rows are rebuilt only when the list of segments changes, not on every
    // edit, so focus stays in the input being typed in.
    let rule_segments = Memo::new(move |_| {
        ctx.segment_settings
            .with(|s| s.rules.iter().map(|r| r.segment).collect::<Vec<_>>())
    });
    let rules_table = move || {
        let l = ctx.lang.get();
        rule_segments
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, seg)| view! {
                <tr>
                    <th scope="row">{i + 1}". "{names::segment(l, seg)}</th>
                    {(0..3).map(|dim| view! { <td data-label=["R", "F", "M"][dim]><div class="inputs">{rule_input(i, dim, false)}"–"{rule_input(i, dim, true)}</div></td> }).collect_view()}
                </tr>
            })
            .collect_view()
    };

    view! {
        <details class="card settings" data-testid="segment-settings">
            <summary><h2 class="inline">{ctx.tr(SegText::Settings)}</h2></summary>
            <div class="settings-grid">
                <label class="setting">
                    <span>{ctx.tr(SegText::Scoring)}</span>
                    <select data-testid="scoring-mode" on:change=move |ev| {
                        let business = event_target_value(&ev) == "business";
                        ctx.segment_settings.update(|s| {
                            s.scoring = if business { ScoringMode::Business(BusinessThresholds::default()) } else { ScoringMode::Quantile };
                        });
                    }>
                        <option value="quantile" selected=move || !is_business()>{ctx.tr(SegText::Quantile)}</option>
                        <option value="business" selected=is_business>{ctx.tr(SegText::Business)}</option>
                    </select>
                </label>
                <Show when=is_business>
                    <div class="setting wide">
                        <span>{ctx.tr(SegText::RDays)}</span>
                        <div class="inputs">{row4("r-days", SegText::RDays, |t, i| u64::from(t.r_max_days[i]), |t, i, v| t.r_max_days[i] = to_u32(v))}</div>
                    </div>
                    <div class="setting wide">
                        <span>{ctx.tr(SegText::FVisits)}</span>
                        <div class="inputs">{row4("f-visits", SegText::FVisits, |t, i| u64::from(t.f_min_visits[i]), |t, i, v| t.f_min_visits[i] = to_u32(v))}</div>
                    </div>
                    <div class="setting wide">
                        <span>{ctx.tr(SegText::MSpend)}</span>
                        <div class="inputs">{row4("m-spend", SegText::MSpend, |t, i| t.m_min_spend[i].whole_yuan(), |t, i, v| t.m_min_spend[i] = Fen::from_whole_yuan(v))}</div>
                    </div>
                </Show>
                <label class="setting">
                    <span>{ctx.tr(SegText::DormantDays)}</span>
                    {number_input(ctx, "dormant-days".into(), move || ctx.t(SegText::DormantDays),
                        |s| u64::from(s.stages.dormant_days), |s, v| s.stages.dormant_days = to_u32(v))}
                </label>
                <label class="setting">
                    <span>{ctx.tr(SegText::WarningPreset)}</span>
                    <select data-testid="warning-preset" on:change=move |ev| {
                        let preset = match event_target_value(&ev).as_str() {
                            "b" => WarningPreset::preset_b(),
                            "c" => WarningPreset::preset_c(),
                            _ => WarningPreset::preset_a(),
                        };
                        ctx.segment_settings.update(|s| s.warning = preset);
                    }>
                        <option value="a" selected=move || !is_b() && !is_c()>{ctx.tr(SegText::PresetA)}</option>
                        <option value="b" selected=is_b>{ctx.tr(SegText::PresetB)}</option>
                        <option value="c" selected=is_c>{ctx.tr(SegText::PresetC)}</option>
                    </select>
                </label>
                <label class="setting">
                    <span>{move || ctx.t(if is_c() { SegText::GreenMinP } else { SegText::GreenMax })}</span>
                    {number_input(ctx, "green-max".into(), move || ctx.t(SegText::GreenMax),
                        |s| u64::from(s.warning.limits().0), |s, v| s.warning.set_limits(Some(to_u32(v)), None))}
                </label>
                <label class="setting">
                    <span>{move || ctx.t(if is_c() { SegText::YellowMinP } else { SegText::YellowMax })}</span>
                    {number_input(ctx, "yellow-max".into(), move || ctx.t(SegText::YellowMax),
                        |s| u64::from(s.warning.limits().1), |s, v| s.warning.set_limits(None, Some(to_u32(v))))}
                </label>
                <div class="setting wide">
                    <span>{ctx.tr(SegText::TierSpend)}</span>
                    <div class="inputs">{tiers(true)}</div>
                </div>
                <div class="setting wide">
                    <span>{ctx.tr(SegText::TierVisits)}</span>
                    <div class="inputs">{tiers(false)}</div>
                </div>
                <div class="setting wide">
                    <span>{ctx.tr(SegText::Boxes)}</span>
                    <div class="table-scroll" tabindex="0">
                        <table class="rules stack" data-testid="rules-table">
                            <thead><tr><th scope="col"></th><th scope="col">"R"</th><th scope="col">"F"</th><th scope="col">"M"</th></tr></thead>
                            <tbody>{rules_table}</tbody>
                        </table>
                    </div>
                    <button class="button secondary small" data-testid="reset-rules"
                        on:click=move |_| ctx.segment_settings.update(|s| s.rules = default_rules())>
                        {ctx.tr(SegText::ResetBoxes)}
                    </button>
                </div>
            </div>
        </details>
    }
}
