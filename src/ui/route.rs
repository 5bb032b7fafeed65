//! The views of the app, one route each, addressed by the URL hash
//! (`#/data`, …) so any static host and sub-path serves them.

use crate::i18n::shell::ShellText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Data,
    Segments,
    Panorama,
    Value,
    Campaigns,
    Planner,
    Report,
}

impl Route {
    pub const ALL: [Route; 7] = [
        Route::Data,
        Route::Segments,
        Route::Panorama,
        Route::Value,
        Route::Campaigns,
        Route::Planner,
        Route::Report,
    ];

    pub fn hash(self) -> &'static str {
        match self {
            Route::Data => "#/data",
            Route::Segments => "#/segments",
            Route::Panorama => "#/panorama",
            Route::Value => "#/value",
            Route::Campaigns => "#/campaigns",
            Route::Planner => "#/planner",
            Route::Report => "#/report",
        }
    }

    /// The navigation test id (`nav-data`, …).
    pub fn testid(self) -> &'static str {
        match self {
            Route::Data => "nav-data",
            Route::Segments => "nav-segments",
            Route::Panorama => "nav-panorama",
            Route::Value => "nav-value",
            Route::Campaigns => "nav-campaigns",
            Route::Planner => "nav-planner",
            Route::Report => "nav-report",
        }
    }

    pub fn name(self) -> ShellText {
        match self {
            Route::Data => ShellText::NavData,
            Route::Segments => ShellText::NavSegments,
            Route::Panorama => ShellText::NavPanorama,
            Route::Value => ShellText::NavValue,
            Route::Campaigns => ShellText::NavCampaigns,
            Route::Planner => ShellText::NavPlanner,
            Route::Report => ShellText::NavReport,
        }
    }

    pub fn from_hash(hash: &str) -> Route {
        // Unknown routes show the Data view; `?…` carries parameters.
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split('?').next().unwrap_or_default() {
            "segments" => Route::Segments,
            "panorama" => Route::Panorama,
            "value" => Route::Value,
            "campaigns" => Route::Campaigns,
            "planner" => Route::Planner,
            "report" => Route::Report,
            _ => Route::Data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        for r in Route::ALL {
            assert_eq!(Route::from_hash(r.hash()), r);
        }
        assert_eq!(Route::from_hash("#/planner?plan=abc"), Route::Planner);
        assert_eq!(Route::from_hash("#/nowhere"), Route::Data);
    }
}
