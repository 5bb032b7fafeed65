//! Campaign costs per person the user typed, remembered across visits.

use crate::domain::campaign;
use crate::ui::io;
use leptos::prelude::*;
use std::collections::BTreeMap;

const COSTS_KEY: &str = "panorama.campaign_costs";

#[derive(Clone, Copy)]
pub struct CampaignCosts {
    /// Cost per person the user entered, by campaign name (yuan).
    pub typed: RwSignal<BTreeMap<String, f64>>,
}

impl CampaignCosts {
    pub fn new() -> Self {
        CampaignCosts {
            typed: RwSignal::new(io::load_value(COSTS_KEY).unwrap_or_default()),
        }
    }

    /// Records a campaign's cost per person and remembers it.
    pub fn set(&self, campaign: String, cost: f64) {
        self.typed.update(|m| {
            m.insert(campaign, cost);
        });
        self.typed.with_untracked(|m| io::save_value(COSTS_KEY, m));
    }

    /// Whether a campaign's cost is the source's example, not the user's.
    pub fn assumed(&self, campaign: &str) -> bool {
        self.typed.with(|m| !m.contains_key(campaign)) && campaign::default_cost(campaign).is_some()
    }

    /// Cost per person of a campaign: the user's, else the DOMAIN §4 default.
    pub fn get(&self, campaign: &str) -> Option<f64> {
        self.typed
            .with(|m| m.get(campaign).copied())
            .or_else(|| campaign::default_cost(campaign))
    }
}

impl Default for CampaignCosts {
    fn default() -> Self {
        Self::new()
    }
}
