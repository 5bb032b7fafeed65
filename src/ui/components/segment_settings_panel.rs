//! The Segments settings: scoring mode and thresholds, dormant days,
//! warning preset and limits, tier thresholds. Changes apply at once.

use crate::domain::money::Fen;
use crate::domain::rfm::default_rules;
use crate::domain::rfm::{BusinessThresholds, ScoringMode};
use crate::domain::segmentation::SegmentSettings;
use crate::domain::warning::WarningPreset;
use crate::ui::i18n::{seg_text, segment_name, tr, SegText};
use crate::ui::state::AppContext;
use leptos::prelude::*;

/// A whole-number input bound to one setting.
fn number_input(
    ctx: AppContext,
    testid: String,
    aria: String,
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

fn business(s: &SegmentSettings) -> BusinessThresholds {
    match s.scoring {
        ScoringMode::Business(t) => t,
        ScoringMode::Quantile => BusinessThresholds::default(),
    }
}

fn set_business(s: &mut SegmentSettings, f: impl FnOnce(&mut BusinessThresholds)) {
    let mut t = business(s);
    f(&mut t);
    s.scoring = ScoringMode::Business(t);
}

fn limits(s: &SegmentSettings) -> (u32, u32) {
    match s.warning {
        WarningPreset::A {
            green_max_days,
            yellow_max_days,
        }
        | WarningPreset::B {
            green_max_days,
            yellow_max_days,
        } => (green_max_days, yellow_max_days),
    }
}

fn set_limits(s: &mut SegmentSettings, green: Option<u32>, yellow: Option<u32>) {
    let (g, y) = limits(s);
    let (g, y) = (green.unwrap_or(g), yellow.unwrap_or(y));
    s.warning = match s.warning {
        WarningPreset::A { .. } => WarningPreset::A {
            green_max_days: g,
            yellow_max_days: y,
        },
        WarningPreset::B { .. } => WarningPreset::B {
            green_max_days: g,
            yellow_max_days: y,
        },
    };
}

fn to_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

#[component]
pub fn SegmentSettingsPanel() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let tx = move |k: SegText| seg_text(ctx.lang.get(), k);
    let is_business = move || {
        ctx.segment_settings
            .with(|s| matches!(s.scoring, ScoringMode::Business(_)))
    };
    let is_b = move || {
        ctx.segment_settings
            .with(|s| matches!(s.warning, WarningPreset::B { .. }))
    };
    let row4 = move |prefix: &'static str,
                     get: fn(&BusinessThresholds, usize) -> u64,
                     set: fn(&mut BusinessThresholds, usize, u64)| {
        (0..4)
            .map(|i| {
                number_input(
                    ctx,
                    format!("{prefix}-{i}"),
                    format!("{prefix} {}", 5 - i),
                    move |s| get(&business(s), i),
                    move |s, v| set_business(s, |t| set(t, i, v)),
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
                    format!("tier {i}"),
                    move |s| {
                        let t = [s.tiers.silver, s.tiers.gold, s.tiers.diamond][i];
                        if spend {
                            (t.0 .0 / 100) as u64
                        } else {
                            u64::from(t.1)
                        }
                    },
                    move |s, v| {
                        let t = match i {
                            0 => &mut s.tiers.silver,
                            1 => &mut s.tiers.gold,
                            _ => &mut s.tiers.diamond,
                        };
                        if spend {
                            t.0 = Fen(v as i64 * 100)
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
        let get = move |s: &SegmentSettings| {
            s.rules.get(i).map_or(0, |r| {
                let b = [r.r, r.f, r.m][dim];
                u64::from(if hi { b.1 } else { b.0 })
            })
        };
        let set = move |s: &mut SegmentSettings, v: u64| {
            let v = v.clamp(1, 5) as u8;
            if let Some(r) = s.rules.get_mut(i) {
                let b = match dim {
                    0 => &mut r.r,
                    1 => &mut r.f,
                    _ => &mut r.m,
                };
                if hi {
                    b.1 = v.max(b.0)
                } else {
                    b.0 = v.min(b.1)
                }
            }
        };
        let label = ["R", "F", "M"][dim];
        number_input(
            ctx,
            format!(
                "rule-{i}-{}-{}",
                label.to_lowercase(),
                if hi { "hi" } else { "lo" }
            ),
            format!("{label} {}", if hi { "max" } else { "min" }),
            get,
            set,
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
                    <th scope="row">{i + 1}". "{segment_name(l, seg)}</th>
                    {(0..3).map(|dim| view! { <td><div class="inputs">{rule_input(i, dim, false)}"–"{rule_input(i, dim, true)}</div></td> }).collect_view()}
                </tr>
            })
            .collect_view()
    };

    view! {
        <details class="card settings" data-testid="segment-settings">
            <summary><h2 class="inline">{move || tx(SegText::Settings)}</h2></summary>
            <div class="settings-grid">
                <label class="setting">
                    <span>{move || tx(SegText::Scoring)}</span>
                    <select data-testid="scoring-mode" on:change=move |ev| {
                        let business = event_target_value(&ev) == "business";
                        ctx.segment_settings.update(|s| {
                            s.scoring = if business { ScoringMode::Business(BusinessThresholds::default()) } else { ScoringMode::Quantile };
                        });
                    }>
                        <option value="quantile" selected=move || !is_business()>{move || tx(SegText::Quantile)}</option>
                        <option value="business" selected=is_business>{move || tx(SegText::Business)}</option>
                    </select>
                </label>
                <Show when=is_business>
                    <div class="setting wide">
                        <span>{move || tx(SegText::RDays)}</span>
                        <div class="inputs">{row4("r-days", |t, i| u64::from(t.r_max_days[i]), |t, i, v| t.r_max_days[i] = to_u32(v))}</div>
                    </div>
                    <div class="setting wide">
                        <span>{move || tx(SegText::FVisits)}</span>
                        <div class="inputs">{row4("f-visits", |t, i| u64::from(t.f_min_visits[i]), |t, i, v| t.f_min_visits[i] = to_u32(v))}</div>
                    </div>
                    <div class="setting wide">
                        <span>{move || tx(SegText::MSpend)}</span>
                        <div class="inputs">{row4("m-spend", |t, i| (t.m_min_spend[i].0 / 100) as u64, |t, i, v| t.m_min_spend[i] = Fen(v as i64 * 100))}</div>
                    </div>
                </Show>
                <label class="setting">
                    <span>{move || tx(SegText::DormantDays)}</span>
                    {number_input(ctx, "dormant-days".into(), "dormant days".into(),
                        |s| u64::from(s.stages.dormant_days), |s, v| s.stages.dormant_days = to_u32(v))}
                </label>
                <label class="setting">
                    <span>{move || tx(SegText::WarningPreset)}</span>
                    <select data-testid="warning-preset" on:change=move |ev| {
                        let b = event_target_value(&ev) == "b";
                        ctx.segment_settings.update(|s| {
                            s.warning = if b { WarningPreset::preset_b() } else { WarningPreset::preset_a() };
                        });
                    }>
                        <option value="a" selected=move || !is_b()>{move || tx(SegText::PresetA)}</option>
                        <option value="b" selected=is_b>{move || tx(SegText::PresetB)}</option>
                    </select>
                </label>
                <label class="setting">
                    <span>{move || tx(SegText::GreenMax)}</span>
                    {number_input(ctx, "green-max".into(), "green max days".into(),
                        |s| u64::from(limits(s).0), |s, v| set_limits(s, Some(to_u32(v)), None))}
                </label>
                <label class="setting">
                    <span>{move || tx(SegText::YellowMax)}</span>
                    {number_input(ctx, "yellow-max".into(), "yellow max days".into(),
                        |s| u64::from(limits(s).1), |s, v| set_limits(s, None, Some(to_u32(v))))}
                </label>
                <div class="setting wide">
                    <span>{move || tx(SegText::TierSpend)}</span>
                    <div class="inputs">{tiers(true)}</div>
                </div>
                <div class="setting wide">
                    <span>{move || tx(SegText::TierVisits)}</span>
                    <div class="inputs">{tiers(false)}</div>
                </div>
                <div class="setting wide">
                    <span>{move || tr(ctx.lang.get(),
                        "客户群评分区间（按优先级排列：先落入哪个区间就归哪一群；都不落入时归最近的区间）",
                        "Segment boxes (in priority order: a customer takes the first box holding its scores, else the nearest)")}</span>
                    <div class="table-scroll">
                        <table class="rules" data-testid="rules-table">
                            <thead><tr><th scope="col"></th><th scope="col">"R"</th><th scope="col">"F"</th><th scope="col">"M"</th></tr></thead>
                            <tbody>{rules_table}</tbody>
                        </table>
                    </div>
                    <button class="button secondary small" data-testid="reset-rules"
                        on:click=move |_| ctx.segment_settings.update(|s| s.rules = default_rules())>
                        {move || tr(ctx.lang.get(), "恢复默认区间", "Reset the boxes")}
                    </button>
                </div>
            </div>
        </details>
    }
}
