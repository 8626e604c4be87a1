//! The job search's live form, once the WASM runs: typing searches after
//! a pause (replacing the history entry), filters search at once (a new
//! entry), and every change goes through the URL, which the results follow.
//! On the server it does nothing: events never fire there.

#[cfg(feature = "hydrate")]
use super::JobQuery;
#[cfg(feature = "hydrate")]
use crate::browser::Navigator;
#[cfg(feature = "hydrate")]
use crate::browser::current_href;
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Typing waits this long for a pause before searching.
#[cfg(feature = "hydrate")]
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

/// What turns form events into URL changes once the WASM runs. On the
/// server it does nothing: events never fire there.
#[derive(Clone, Copy)]
pub(super) struct LiveSearch {
    #[cfg(feature = "hydrate")]
    typing: crate::browser::Later,
    #[cfg(feature = "hydrate")]
    navigate: Navigator,
}

pub(super) fn live_search() -> LiveSearch {
    LiveSearch {
        #[cfg(feature = "hydrate")]
        typing: crate::browser::Later::for_this_page(),
        #[cfg(feature = "hydrate")]
        navigate: Navigator::new(),
    }
}

#[cfg(not(feature = "hydrate"))]
impl LiveSearch {
    pub(super) fn typed(self, _: leptos::ev::Event) {}
    pub(super) fn changed(self, _: leptos::ev::Event) {}
    pub(super) fn submitted(self, _: leptos::ev::SubmitEvent) {}
}

#[cfg(feature = "hydrate")]
impl LiveSearch {
    /// Text and number fields: search after a pause, replacing the history
    /// entry, so back does not step through every keystroke.
    pub(super) fn typed(self, ev: leptos::ev::Event) {
        let (Some(form), Some(input)) = (form_of(&ev), input_of(&ev)) else {
            return;
        };
        if !matches!(input.type_().as_str(), "search" | "text" | "number") {
            return;
        }
        // If a link was followed during the pause, the typing is stale.
        let typed_at = current_href();
        self.typing.run(TYPING_PAUSE, move || {
            if current_href() == typed_at {
                self.go(&form, true);
            }
        });
    }

    /// Checkboxes, radios and selects: a new history entry, right away.
    pub(super) fn changed(self, ev: leptos::ev::Event) {
        let Some(form) = form_of(&ev) else { return };
        if let Some(input) = input_of(&ev)
            && matches!(input.type_().as_str(), "search" | "text" | "number")
        {
            return;
        }
        self.typing.cancel();
        self.go(&form, false);
    }

    /// Enter or the Search button: search now, as a new history entry.
    pub(super) fn submitted(self, ev: leptos::ev::SubmitEvent) {
        ev.prevent_default();
        let Some(form) = form_of(&ev) else { return };
        self.typing.cancel();
        self.go(&form, false);
    }

    /// Reads the form as the browser would submit it, normalises it with
    /// `JobQuery`, and navigates there (the first page of results).
    fn go(self, form: &web_sys::HtmlFormElement, replace: bool) {
        use wasm_bindgen::JsCast;
        let Ok(data) = web_sys::FormData::new_with_form(form) else {
            return;
        };
        let Ok(params) =
            web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.unchecked_ref())
        else {
            return;
        };
        let raw: String = params.to_string().into();
        let mut next = JobQuery::parse(&raw).0.first_page();
        let search = window().location().search().unwrap_or_default();
        // "Search instead for …" holds only for the text it was offered for.
        if next.q != JobQuery::parse(search.trim_start_matches('?')).0.q {
            next.exact = false;
        }
        let href = next.href();
        if href == current_href() {
            return;
        }
        self.navigate.go(&href, replace);
    }
}

#[cfg(feature = "hydrate")]
fn form_of(ev: &web_sys::Event) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    ev.current_target()?.dyn_into().ok()
}

#[cfg(feature = "hydrate")]
fn input_of(ev: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into().ok()
}
