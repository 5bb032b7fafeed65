//! Churn warning lights 流失风险雷达 (DOMAIN §2.4), presets A and B.

use crate::domain::customer::CustomerStats;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Green, Light::Yellow, Light::Red];

    pub fn id(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WarningPreset {
    /// Seed 000 (Li Auto): green ≤ 60 days since last spend, yellow ≤ 120, red beyond.
    A {
        green_max_days: u32,
        yellow_max_days: u32,
    },
    /// Seed 001: green ≤ 90 days and NPS > 70; yellow ≤ 180 days or NPS 50–70;
    /// red beyond 180 days, NPS < 50 or a complaint. NPS and complaint rules
    /// apply only where the data has them.
    B {
        green_max_days: u32,
        yellow_max_days: u32,
    },
    /// **Decision (DOMAIN §9, issue "preset C"):** by the visit model's
    /// P(alive): green at or above `green_min_percent`, yellow at or above
    /// `yellow_min_percent`, red below. Without a fitted model the days rule
    /// of preset A applies, and the page says so.
    C {
        green_min_percent: u32,
        yellow_min_percent: u32,
    },
}

impl WarningPreset {
    /// (green, yellow) limits: days since the last visit (A, B) or
    /// P(alive) in percent (C).
    pub fn limits(&self) -> (u32, u32) {
        match *self {
            WarningPreset::A {
                green_max_days,
                yellow_max_days,
            }
            | WarningPreset::B {
                green_max_days,
                yellow_max_days,
            } => (green_max_days, yellow_max_days),
            WarningPreset::C {
                green_min_percent,
                yellow_min_percent,
            } => (green_min_percent, yellow_min_percent),
        }
    }

    /// Changes either limit, keeping the preset.
    pub fn set_limits(&mut self, green: Option<u32>, yellow: Option<u32>) {
        let (g, y) = self.limits();
        let (green_max_days, yellow_max_days) = (green.unwrap_or(g), yellow.unwrap_or(y));
        *self = match self {
            WarningPreset::A { .. } => WarningPreset::A {
                green_max_days,
                yellow_max_days,
            },
            WarningPreset::B { .. } => WarningPreset::B {
                green_max_days,
                yellow_max_days,
            },
            WarningPreset::C { .. } => WarningPreset::C {
                green_min_percent: green_max_days,
                yellow_min_percent: yellow_max_days,
            },
        };
    }
}

impl WarningPreset {
    pub fn preset_a() -> Self {
        WarningPreset::A {
            green_max_days: 60,
            yellow_max_days: 120,
        }
    }

    pub fn preset_b() -> Self {
        WarningPreset::B {
            green_max_days: 90,
            yellow_max_days: 180,
        }
    }

    pub fn preset_c() -> Self {
        WarningPreset::C {
            green_min_percent: 60,
            yellow_min_percent: 30,
        }
    }

    /// Whether the lights need the visit model's P(alive).
    pub fn needs_model(&self) -> bool {
        matches!(self, WarningPreset::C { .. })
    }
}

impl Default for WarningPreset {
    fn default() -> Self {
        Self::preset_a()
    }
}

/// Decision: a customer's NPS for preset B is their latest score on the
/// 0–100 scale; a 0–10 recommendation score (the data's maximum ≤ 10) is
/// multiplied by 10, so 9–10 (promoter) is green, 7–8 passive, ≤ 6 red.
pub fn nps_0_100(score: f32, scale_is_ten: bool) -> f32 {
    if scale_is_ten {
        score * 10.0
    } else {
        score
    }
}

pub fn light(
    c: &CustomerStats,
    preset: &WarningPreset,
    scale_is_ten: bool,
    p_alive: Option<f64>,
) -> Light {
    match *preset {
        WarningPreset::C {
            green_min_percent,
            yellow_min_percent,
        } => match p_alive {
            Some(p) if p * 100.0 >= f64::from(green_min_percent) => Light::Green,
            Some(p) if p * 100.0 >= f64::from(yellow_min_percent) => Light::Yellow,
            Some(_) => Light::Red,
            None => light(c, &WarningPreset::preset_a(), scale_is_ten, None),
        },
        WarningPreset::A {
            green_max_days,
            yellow_max_days,
        } => {
            if c.recency_days <= green_max_days {
                Light::Green
            } else if c.recency_days <= yellow_max_days {
                Light::Yellow
            } else {
                Light::Red
            }
        }
        WarningPreset::B {
            green_max_days,
            yellow_max_days,
        } => {
            let nps = c.latest_score.map(|s| nps_0_100(s, scale_is_ten));
            if c.recency_days > yellow_max_days || nps.is_some_and(|n| n < 50.0) || c.complaint {
                Light::Red
            } else if c.recency_days > green_max_days || nps.is_some_and(|n| n <= 70.0) {
                Light::Yellow
            } else {
                Light::Green
            }
        }
    }
}
