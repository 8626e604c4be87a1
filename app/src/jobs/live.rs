//! The job search's live behaviour: a small island around the server-rendered
//! GET form. Typing searches after a pause (replacing the history entry),
//! filters and the links inside the results search at once (a new entry),
//! and back and forward show the search of their entry. Each search asks
//! the server for the page of its URL and swaps in its filters and results,
//! so no result, count or card is rendered by the WASM.
//!
//! Without JavaScript, or before the WASM loads, the form and the links
//! simply load the page their URL describes.

use leptos::prelude::*;

/// Typing waits this long for a pause before searching.
#[cfg(feature = "hydrate")]
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

/// Gives the search form inside it (its children, server HTML) the live
/// behaviour. Events bubble up to this element from the form's fields.
#[island(lazy)]
pub fn LiveSearch(children: Children) -> impl IntoView {
    crate::browser::island_hydrated();
    let live = hydrated::Live::new();
    view! {
        <div
            class="jobs__live"
            on:input=move |ev| live.typed(ev)
            on:change=move |ev| live.changed(ev)
            on:submit=move |ev| live.submitted(ev)
            on:click=move |ev| live.clicked(ev)
        >
            {children()}
        </div>
    }
}

#[cfg(not(feature = "hydrate"))]
mod hydrated {
    /// On the server events never fire: nothing to do.
    #[derive(Clone, Copy)]
    pub struct Live;

    impl Live {
        pub fn new() -> Self {
            Live
        }
        pub fn typed(self, _: leptos::ev::Event) {}
        pub fn changed(self, _: leptos::ev::Event) {}
        pub fn submitted(self, _: leptos::ev::SubmitEvent) {}
        pub fn clicked(self, _: leptos::ev::MouseEvent) {}
    }
}

#[cfg(feature = "hydrate")]
mod hydrated {
    use super::TYPING_PAUSE;
    use crate::browser::{Later, Navigator, current_href};
    use crate::jobs::JobQuery;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// The parts of `/jobs` a search replaces: the filters with their
    /// counts, and the results.
    const SWAPPED: &str = ".jobs__layout";

    /// The live form's state: the pending typing, which search is the
    /// newest (an older answer arriving late is dropped), and the address
    /// the page shows.
    #[derive(Clone, Copy)]
    pub struct Live {
        typing: Later,
        newest: StoredValue<u32>,
        shown: StoredValue<String>,
    }

    impl Live {
        pub fn new() -> Self {
            let live = Live {
                typing: Later::for_this_page(),
                newest: StoredValue::new(0),
                shown: StoredValue::new(current_href()),
            };
            let handle = window_event_listener(leptos::ev::popstate, move |_| {
                // A jump to `#filters` or `#main` is a history entry too,
                // with the same search.
                let here = current_href();
                if live.shown.with_value(|shown| *shown == here) {
                    return;
                }
                live.typing.cancel();
                live.show(here, true);
            });
            on_cleanup(move || handle.remove());
            live
        }

        /// Text and number fields: search after a pause, replacing the
        /// history entry, so back does not step through every keystroke.
        pub fn typed(self, ev: leptos::ev::Event) {
            let (Some(form), Some(input)) = (form_of(&ev), input_of(&ev)) else {
                return;
            };
            if !is_typed(&input) {
                return;
            }
            // If a link was followed during the pause, the typing is stale.
            let typed_at = current_href();
            self.typing.run(TYPING_PAUSE, move || {
                if current_href() == typed_at {
                    self.search(&form, true);
                }
            });
        }

        /// Checkboxes, radios and selects: a new history entry, right away.
        pub fn changed(self, ev: leptos::ev::Event) {
            let Some(form) = form_of(&ev) else { return };
            if input_of(&ev).is_some_and(|input| is_typed(&input)) {
                return;
            }
            self.typing.cancel();
            self.search(&form, false);
        }

        /// Enter or the Search button: search now, as a new history entry.
        pub fn submitted(self, ev: leptos::ev::SubmitEvent) {
            let Some(form) = form_of(&ev) else { return };
            ev.prevent_default();
            self.typing.cancel();
            self.search(&form, false);
        }

        /// A plain click on a link to another search (paging, "search
        /// instead for", dropping a filter) shows it in place.
        pub fn clicked(self, ev: leptos::ev::MouseEvent) {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0
            {
                return;
            }
            let Some(link) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten())
            else {
                return;
            };
            let href = link.get_attribute("href").unwrap_or_default();
            if href == "/jobs" || href.starts_with("/jobs?") {
                ev.prevent_default();
                self.typing.cancel();
                self.go(
                    JobQuery::parse(href.trim_start_matches("/jobs").trim_start_matches('?'))
                        .0
                        .href(),
                    false,
                    true,
                );
            }
        }

        /// Reads the form as the browser would submit it, normalises it
        /// with `JobQuery`, and shows that search (its first page).
        fn search(self, form: &web_sys::HtmlFormElement, replace: bool) {
            let Some(raw) = form_query(form) else { return };
            let mut next = JobQuery::parse(&raw).0.first_page();
            let search = window().location().search().unwrap_or_default();
            // "Search instead for …" holds only for the text it was offered for.
            if next.q != JobQuery::parse(search.trim_start_matches('?')).0.q {
                next.exact = false;
            }
            self.go(next.href(), replace, false);
        }

        /// `whole_form`: a link changes the search text too, so the search
        /// box is swapped as well; from the form, the box holds what is typed.
        fn go(self, href: String, replace: bool, whole_form: bool) {
            if href == current_href() {
                return;
            }
            Navigator::new().record(&href, replace);
            self.show(href, whole_form);
        }

        /// Asks the server for the page at `href` and swaps its filters and
        /// results in. `whole_form`: also the search box (links, back and
        /// forward).
        fn show(self, href: String, whole_form: bool) {
            self.shown.set_value(href.clone());
            let turn = self.newest.get_value().wrapping_add(1);
            self.newest.set_value(turn);
            mark_pending();
            leptos::task::spawn_local(async move {
                let page = fetch_page(&href).await;
                if self.newest.get_value() != turn {
                    return;
                }
                match page {
                    Some(page) => swap_in(&page, whole_form),
                    // Offline or refused: let the browser load it and say so.
                    None => Navigator::new().replace_page(&href),
                }
            });
        }
    }

    fn is_typed(input: &web_sys::HtmlInputElement) -> bool {
        matches!(input.type_().as_str(), "search" | "text" | "number")
    }

    fn form_of(ev: &web_sys::Event) -> Option<web_sys::HtmlFormElement> {
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        target.closest("form").ok()??.dyn_into().ok()
    }

    fn input_of(ev: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
        ev.target()?.dyn_into().ok()
    }

    fn form_query(form: &web_sys::HtmlFormElement) -> Option<String> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let params =
            web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.unchecked_ref()).ok()?;
        Some(params.to_string().into())
    }

    /// Shows that newer results are on their way; the old ones stay.
    fn mark_pending() {
        let Some(results) = document().query_selector(".results").ok().flatten() else {
            return;
        };
        let _ = results.class_list().add_1("results--pending");
        let _ = results.set_attribute("aria-busy", "true");
        if let Some(count) = results.query_selector(".results__count").ok().flatten() {
            count.set_text_content(Some("Updating results…"));
        }
    }

    /// The page at `href`, parsed, or `None` when it cannot be had.
    async fn fetch_page(href: &str) -> Option<web_sys::Document> {
        use wasm_bindgen_futures::JsFuture;
        let response: web_sys::Response = JsFuture::from(window().fetch_with_str(href))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        web_sys::DomParser::new()
            .ok()?
            .parse_from_string(&text, web_sys::SupportedType::TextHtml)
            .ok()
    }

    /// "Search exactly as typed" is a hidden field beside the search box:
    /// it follows the fetched page, while the box keeps what is typed.
    fn sync_exact(here: &web_sys::Document, page: &web_sys::Document) {
        const EXACT: &str = ".searchbox input[name=exact]";
        if let Some(old) = here.query_selector(EXACT).ok().flatten() {
            old.remove();
        }
        if let (Some(new), Some(searchbox)) = (
            page.query_selector(EXACT).ok().flatten(),
            here.query_selector(".searchbox").ok().flatten(),
        ) {
            let _ = searchbox.insert_adjacent_html("beforeend", &new.outer_html());
        }
    }

    /// Replaces this page's filters and results (and the search box, for
    /// links, back and forward) with the fetched page's, keeping focus where it was.
    fn swap_in(page: &web_sys::Document, whole_form: bool) {
        let here = document();
        let focused = here.active_element().and_then(|e| e.get_attribute("id"));
        let mut parts = vec![SWAPPED];
        if whole_form {
            parts.push(".searchbox");
        } else {
            sync_exact(&here, page);
        }
        for selector in parts {
            if let (Some(old), Some(new)) = (
                here.query_selector(selector).ok().flatten(),
                page.query_selector(selector).ok().flatten(),
            ) {
                old.set_outer_html(&new.outer_html());
            }
        }
        here.set_title(&page.title());
        if let Some(element) = focused
            .and_then(|id| here.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    }
}
