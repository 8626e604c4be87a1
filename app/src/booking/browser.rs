//! The booking pages' browser-only behaviour, as hooks the views call in
//! both builds (on the server they do nothing).

use crate::browser::Navigator;
use leptos::prelude::*;

/// Without a `tz` in the URL the server showed UTC; once hydrated, the
/// browser knows the visitor's zone, and the URL takes it (replacing the
/// history entry, so back still leaves the page).
pub fn use_browser_zone(zone: Memo<String>) {
    let navigate = Navigator::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if !zone.get().is_empty() {
            return;
        }
        let Some(detected) = crate::browser::time_zone() else {
            return;
        };
        let here = window().location();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&here.search().unwrap_or_default())
        else {
            return;
        };
        params.set("tz", &detected);
        let search: String = params.to_string().into();
        let href = format!("{}?{search}", here.pathname().unwrap_or_default());
        navigate.go(&href, true);
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (zone, navigate);
}
