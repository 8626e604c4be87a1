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
            // Says the new count after each swap. It stays in the page (a
            // live region inserted anew is not reliably announced).
            <p id="jobs-announce" class="visually-hidden" role="status" aria-live="polite"></p>
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
    use crate::browser::{Later, Navigator, current_href, fetch_page};
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
                live.show(here, Swap::History);
            });
            on_cleanup(move || handle.remove());
            live.catch_up();
            live
        }

        /// What was typed or ticked before this island's code arrived
        /// (lazy, so it can be a moment) is searched for now, instead of
        /// waiting for the next change.
        fn catch_up(self) {
            if let Some(form) =
                crate::browser::find_form(".jobs__form").filter(crate::browser::form_was_changed)
            {
                self.search(&form, true);
            }
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
            // An answer still on its way is for text already out of date:
            // dropping it keeps a swap from landing mid-word.
            self.newest
                .update_value(|turn| *turn = turn.wrapping_add(1));
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
            // "Show N jobs" in the phone's drawer: the results are behind it.
            if let Some(drawer) = open_drawer(&document()) {
                let _ = drawer.hide_popover();
            }
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
                    Swap::Link,
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
            self.go(next.href(), replace, Swap::Form);
        }

        fn go(self, href: String, replace: bool, swap: Swap) {
            if href == current_href() {
                return;
            }
            Navigator::new().record(&href, replace);
            self.show(href, swap);
        }

        /// Asks the server for the page at `href` and swaps its filters and
        /// results in.
        fn show(self, href: String, swap: Swap) {
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
                    Some(page) => swap_in(&page, swap),
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

    /// What asked for a search, which decides what is swapped and where
    /// focus goes.
    #[derive(Clone, Copy, PartialEq)]
    pub enum Swap {
        /// Typing or a filter: the search box holds what is typed.
        Form,
        /// A link changes the search text too, so the box is swapped as well.
        Link,
        /// Back or forward: as a link.
        History,
    }

    /// The phone's filter drawer (`#filters` as a popover), when open.
    fn open_drawer(here: &web_sys::Document) -> Option<web_sys::HtmlElement> {
        // Throws where `:popover-open` is unknown: then nothing is open.
        here.query_selector("#filters:popover-open")
            .ok()??
            .dyn_into()
            .ok()
    }

    /// What a swap would lose: where focus and the caret were, which
    /// disclosures ("More skills") were open, and whether the filter drawer
    /// was open and how far it was scrolled.
    struct Kept {
        focused: Option<String>,
        caret: Option<(u32, u32)>,
        open: Vec<String>,
        drawer: Option<i32>,
    }

    impl Kept {
        fn read(here: &web_sys::Document) -> Self {
            let active = here.active_element();
            let caret = active
                .as_ref()
                .and_then(|e| e.dyn_ref::<web_sys::HtmlInputElement>())
                .filter(|input| is_typed(input))
                .and_then(|input| {
                    let start = input.selection_start().ok()??;
                    Some((start, input.selection_end().ok()??))
                });
            let open = here
                .query_selector_all(&format!("{SWAPPED} details[open] > summary"))
                .map(|list| {
                    (0..list.length())
                        .filter_map(|i| list.item(i)?.text_content())
                        .collect()
                })
                .unwrap_or_default();
            let drawer = open_drawer(here).map(|d| d.scroll_top());
            Kept {
                focused: active.and_then(|e| e.get_attribute("id")),
                caret,
                open,
                drawer,
            }
        }

        /// Puts back the open disclosures and the focus; `true` when the
        /// focused element came back (it has an id the new page also has).
        fn restore(&self, here: &web_sys::Document) -> bool {
            if let Ok(summaries) = here.query_selector_all(&format!("{SWAPPED} details > summary"))
            {
                for summary in (0..summaries.length()).filter_map(|i| summaries.item(i)) {
                    if self
                        .open
                        .contains(&summary.text_content().unwrap_or_default())
                        && let Some(details) = summary.parent_element()
                    {
                        let _ = details.set_attribute("open", "");
                    }
                }
            }
            if let (Some(scrolled), Some(drawer)) = (
                self.drawer,
                here.get_element_by_id("filters")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            ) {
                let _ = drawer.show_popover();
                drawer.set_scroll_top(scrolled);
            }
            let Some(element) = self
                .focused
                .as_deref()
                .and_then(|id| here.get_element_by_id(id))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                return false;
            };
            let _ = element.focus();
            if let (Some((start, end)), Some(input)) =
                (self.caret, element.dyn_ref::<web_sys::HtmlInputElement>())
            {
                let _ = input.set_selection_range(start, end);
            }
            true
        }
    }

    /// Replaces this page's filters and results (and the search box, for
    /// links, back and forward) with the fetched page's, keeping focus, the
    /// caret and open disclosures; says the new count. When a link's own
    /// target is gone (the pager), focus moves to the results.
    fn swap_in(page: &web_sys::Document, swap: Swap) {
        let here = document();
        let kept = Kept::read(&here);
        let mut parts = vec![SWAPPED];
        if swap == Swap::Form {
            sync_exact(&here, page);
        } else {
            parts.push(".searchbox");
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
        let refocused = kept.restore(&here);
        if swap == Swap::Link
            && !refocused
            && let Some(heading) = here
                .query_selector(".results h2")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            heading.scroll_into_view();
            let _ = heading.focus();
        }
        announce(&here);
    }

    /// Copies the new count into the live region that stays in the page.
    fn announce(here: &web_sys::Document) {
        let count = here
            .query_selector(".results__count")
            .ok()
            .flatten()
            .and_then(|c| c.text_content());
        if let (Some(region), Some(count)) = (here.get_element_by_id("jobs-announce"), count) {
            region.set_text_content(Some(&count));
        }
    }
}
