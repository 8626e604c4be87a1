//! The estimator's live form, once the WASM runs: every change makes a new
//! query at once (the estimate follows it in the browser) and a URL a
//! moment later. On the server it does nothing: events never fire there.

use super::query::SalaryQuery;
#[cfg(feature = "hydrate")]
use crate::browser::Navigator;
use leptos::prelude::*;

/// The URL follows the inputs after this pause, so a slider drag writes
/// one history entry, not hundreds (browsers throttle those).
#[cfg(feature = "hydrate")]
const URL_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// Turns form events into a new query at once, and a URL a moment later.
/// On the server it does nothing: events never fire there.
#[derive(Clone, Copy)]
pub(super) struct LiveForm {
    #[cfg(feature = "hydrate")]
    query: RwSignal<SalaryQuery>,
    #[cfg(feature = "hydrate")]
    notes: RwSignal<Vec<String>>,
    #[cfg(feature = "hydrate")]
    url: crate::browser::Later,
    #[cfg(feature = "hydrate")]
    navigate: Navigator,
}

pub(super) fn live_form(query: RwSignal<SalaryQuery>, notes: RwSignal<Vec<String>>) -> LiveForm {
    #[cfg(not(feature = "hydrate"))]
    let _ = (query, notes);
    let live = LiveForm {
        #[cfg(feature = "hydrate")]
        query,
        #[cfg(feature = "hydrate")]
        notes,
        #[cfg(feature = "hydrate")]
        url: crate::browser::Later::for_this_page(),
        #[cfg(feature = "hydrate")]
        navigate: Navigator::new(),
    };
    #[cfg(feature = "hydrate")]
    live.catch_up();
    live
}

#[cfg(not(feature = "hydrate"))]
impl LiveForm {
    pub(super) fn changed(self, _: leptos::ev::Event) {}
    pub(super) fn submitted(self, _: leptos::ev::SubmitEvent) {}
}

#[cfg(feature = "hydrate")]
impl LiveForm {
    pub(super) fn changed(self, ev: leptos::ev::Event) {
        use wasm_bindgen::JsCast;
        let Some(form) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Some((mut next, notes)) = read(&form) else {
            return;
        };
        // An empty or half-typed number ("", "-") keeps the years shown,
        // instead of snapping back to the default under the cursor.
        if next.years.is_none() {
            next.years = self.query.get_untracked().years;
        }
        self.notes.set(notes);
        // The slider has no name (the number field carries the value), so
        // when it moves, its value wins.
        if let Some(slider) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|input| input.has_attribute("data-years-slider"))
            && let Ok(years) = slider.value().parse::<f64>()
        {
            next.years = Some(years);
        }
        if next != self.query.get_untracked() {
            self.query.set(next);
            self.write_url_later();
        }
    }

    pub(super) fn submitted(self, ev: leptos::ev::SubmitEvent) {
        ev.prevent_default();
        self.write_url_now();
    }

    /// Changes made before this island's code arrived (it is lazy) are read
    /// now, before hydration sets the fields from the URL, and applied
    /// just after, so nothing typed snaps back.
    fn catch_up(self) {
        let Some(form) =
            crate::browser::find_form("form.salary__form").filter(crate::browser::form_was_changed)
        else {
            return;
        };
        let Some((mut typed, _)) = read(&form) else {
            return;
        };
        if typed.years.is_none() {
            typed.years = self.query.get_untracked().years;
        }
        if typed != self.query.get_untracked() {
            Effect::new(move |_| {
                self.query.set(typed.clone());
                self.write_url_later();
            });
        }
    }

    fn write_url_later(self) {
        self.url.run(URL_PAUSE, move || self.write_url_now());
    }

    fn write_url_now(self) {
        self.url.cancel();
        let Some(query) = self.query.try_get_untracked() else {
            return;
        };
        let href = query.href();
        let on_this_page = window().location().pathname().ok().as_deref() == Some("/salary");
        if on_this_page && href != crate::browser::current_href() {
            self.navigate.record(&href, true);
        }
    }
}

/// The form as the browser would submit it, read by the URL's own parser.
#[cfg(feature = "hydrate")]
fn read(form: &web_sys::HtmlFormElement) -> Option<(SalaryQuery, Vec<String>)> {
    use wasm_bindgen::JsCast;
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let params =
        web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.unchecked_ref()).ok()?;
    let raw: String = params.to_string().into();
    Some(SalaryQuery::parse(&raw))
}
