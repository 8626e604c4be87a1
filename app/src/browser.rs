//! Code that only does something once the WASM has hydrated the page: the
//! router's navigation (a `Copy` handle, compiled for both builds so views
//! need no `cfg`; on the server it never runs), and, in the browser only, a
//! cancellable timer, the current address and the visitor's time zone.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use std::rc::Rc;
#[cfg(feature = "hydrate")]
use std::time::Duration;

/// The router's `navigate`, behind an `Rc` so it can live in a `StoredValue`.
#[cfg(feature = "hydrate")]
type Navigate = Rc<dyn Fn(&str, leptos_router::NavigateOptions)>;

/// The current route's navigation, to call later from event handlers.
#[derive(Clone, Copy)]
pub struct Navigator {
    #[cfg(feature = "hydrate")]
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl Navigator {
    pub fn new() -> Self {
        #[cfg(feature = "hydrate")]
        {
            let navigate = leptos_router::hooks::use_navigate();
            Navigator {
                navigate: StoredValue::new_local(Rc::new(move |href: &str, options| {
                    navigate(href, options)
                })),
            }
        }
        #[cfg(not(feature = "hydrate"))]
        Navigator {}
    }

    /// Navigates within the app without scrolling, replacing the history
    /// entry or pushing a new one.
    pub fn go(self, href: &str, replace: bool) {
        #[cfg(feature = "hydrate")]
        {
            let options = leptos_router::NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            };
            self.navigate
                .try_with_value(|navigate| navigate(href, options));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (href, replace);
    }

    /// Navigates to where the app's own links go, as a link would.
    pub fn open(self, href: &str) {
        #[cfg(feature = "hydrate")]
        self.navigate
            .try_with_value(|navigate| navigate(href, Default::default()));
        #[cfg(not(feature = "hydrate"))]
        let _ = href;
    }
}

impl Default for Navigator {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "hydrate")]
/// One pending piece of work at a time: scheduling replaces what was
/// pending, and leaving the page cancels it, so nothing fires afterwards.
#[derive(Clone, Copy)]
pub struct Later {
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

#[cfg(feature = "hydrate")]
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
#[cfg(feature = "hydrate")]
pub fn current_href() -> String {
    let here = window().location();
    format!(
        "{}{}",
        here.pathname().unwrap_or_default(),
        here.search().unwrap_or_default()
    )
}

/// The visitor's IANA time zone, as the browser reports it.
#[cfg(feature = "hydrate")]
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
        .filter(|zone| !zone.is_empty())
}
