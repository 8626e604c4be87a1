//! Small helpers for code that only runs once the WASM has hydrated the
//! page: a cancellable timer and the router's navigation, both storable in
//! `Copy` structs that event handlers capture.

use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// The router's `navigate`, behind an `Rc` so it can live in a `StoredValue`.
pub type Navigate = Rc<dyn Fn(&str, leptos_router::NavigateOptions)>;

/// The current route's navigation, to call later from event handlers.
pub fn stored_navigate() -> StoredValue<Navigate, LocalStorage> {
    let navigate = leptos_router::hooks::use_navigate();
    StoredValue::new_local(Rc::new(move |href: &str, options| navigate(href, options)))
}

/// Navigates within the app without scrolling, replacing the history entry
/// or pushing a new one.
pub fn go(navigate: StoredValue<Navigate, LocalStorage>, href: &str, replace: bool) {
    let options = leptos_router::NavigateOptions {
        replace,
        scroll: false,
        ..Default::default()
    };
    navigate.try_with_value(|navigate| navigate(href, options));
}

/// One pending piece of work at a time: scheduling replaces what was
/// pending, and leaving the page cancels it, so nothing fires afterwards.
#[derive(Clone, Copy)]
pub struct Later {
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Later {
    /// Tied to the component being built: cancelled when it goes away.
    pub fn for_this_page() -> Self {
        let later = Later {
            timer: StoredValue::new_local(None),
        };
        on_cleanup(move || later.cancel());
        later
    }

    pub fn run(self, after: Duration, work: impl FnOnce() + 'static) {
        self.cancel();
        let handle = set_timeout_with_handle(work, after).ok();
        self.timer.try_set_value(handle);
    }

    pub fn cancel(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        self.timer.try_set_value(None);
    }
}

/// The path and query string the browser shows now.
pub fn current_href() -> String {
    let here = window().location();
    format!(
        "{}{}",
        here.pathname().unwrap_or_default(),
        here.search().unwrap_or_default()
    )
}

/// The visitor's IANA time zone, as the browser reports it.
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
        .filter(|zone| !zone.is_empty())
}
