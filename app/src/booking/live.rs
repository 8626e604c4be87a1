//! The booking steps' choice of time, live: following a day, a month or a
//! new zone fetches the page that link or zone names and swaps in its
//! `#book-pick` region (the month and the times), so nothing typed in the
//! details is lost and no calendar is rendered by the WASM.
//!
//! - On `/book` the address follows (back and forward show their entry's
//!   day); in the header's dialog it stays the page's.
//! - Without a zone in the address the server showed UTC; the browser's
//!   own zone is fetched at once and replaces it.
//! - A newer choice wins over an older one still on its way; an answer
//!   that cannot be had says so and keeps what is shown.

#[cfg(not(feature = "hydrate"))]
pub use server::Pick;

#[cfg(not(feature = "hydrate"))]
mod server {
    /// On the server events never fire: nothing to do.
    #[derive(Clone, Copy)]
    pub struct Pick;

    impl Pick {
        pub fn new() -> Self {
            Pick
        }
        pub fn clicked(self, _: leptos::ev::MouseEvent) {}
        pub fn changed(self, _: leptos::ev::Event) {}
    }
}

#[cfg(feature = "hydrate")]
pub use browser::Pick;

#[cfg(feature = "hydrate")]
mod browser {
    use crate::browser::{Navigator, current_href, fetch_page, focus, on_path, reveal, time_zone};
    use crate::common::url_encode;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::Element;

    /// What to do once the new times are in.
    #[derive(Clone, Copy, PartialEq)]
    enum Then {
        /// A day was picked: on to its times.
        Times,
        /// A month link: focus stays on the link of that name, if any.
        Month(&'static str),
        /// The zone selector: focus stays there.
        Zone,
        /// The browser's own zone, found on hydration: the address is
        /// replaced, not added to.
        Detected,
        /// Back or forward: the address is already the entry's.
        History,
    }

    #[derive(Clone, Copy)]
    pub struct Pick {
        newest: StoredValue<u32>,
        /// On `/book` itself, not in the dialog of another page.
        on_page: bool,
        /// The address whose times are shown: a popstate to it is a jump
        /// to a fragment (the skip link's `#main`), not another day.
        shown: StoredValue<String>,
    }

    impl Pick {
        pub fn new() -> Self {
            let pick = Pick {
                newest: StoredValue::new(0),
                on_page: on_path("/book"),
                shown: StoredValue::new(current_href()),
            };
            if pick.on_page {
                let handle = window_event_listener(leptos::ev::popstate, move |_| {
                    let here = current_href();
                    if pick.shown.with_value(|shown| *shown != here) {
                        pick.show(here, Then::History);
                    }
                });
                on_cleanup(move || handle.remove());
            }
            let unasked = element("book-pick")
                .and_then(|region| region.get_attribute("data-asked"))
                .is_some_and(|asked| asked.is_empty());
            if unasked && let Some(zone) = time_zone() {
                pick.show(pick.zone_href(&zone), Then::Detected);
            }
            pick
        }

        /// A day or month link: fetched instead of followed, unless the
        /// visitor asked for a new tab or window.
        pub fn clicked(self, ev: leptos::ev::MouseEvent) {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0
            {
                return;
            }
            let Some(link) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("a[data-pick]").ok().flatten())
            else {
                return;
            };
            let Some(href) = link.get_attribute("href") else {
                return;
            };
            ev.prevent_default();
            let then = match link.get_attribute("data-key").as_deref() {
                Some("earlier") => Then::Month("earlier"),
                Some("later") => Then::Month("later"),
                _ => Then::Times,
            };
            self.show(href, then);
        }

        /// The zone selector: its times at once, for the same day.
        pub fn changed(self, ev: leptos::ev::Event) {
            let Some(select) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .filter(|s| s.id() == "book-zone")
            else {
                return;
            };
            self.show(self.zone_href(&select.value()), Then::Zone);
        }

        /// `/book` in `zone`, on the day shown now.
        fn zone_href(self, zone: &str) -> String {
            let mut href = format!("/book?tz={}", url_encode(zone));
            let day = document()
                .query_selector("#book-pick input[name=day]")
                .ok()
                .flatten()
                .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default();
            if !day.is_empty() {
                href.push_str(&format!("&day={}", url_encode(&day)));
            }
            href
        }

        /// Fetches `href` and swaps in its choice of times.
        fn show(self, href: String, then: Then) {
            let asked = self.newest.try_update_value(|n| {
                *n += 1;
                *n
            });
            if let Some(region) = element("book-pick") {
                let _ = region.set_attribute("aria-busy", "true");
            }
            leptos::task::spawn_local(async move {
                let page = fetch_page(&href).await;
                if asked != self.newest.try_get_value() {
                    return;
                }
                let theirs = page.as_ref().and_then(|p| p.get_element_by_id("book-pick"));
                let (Some(theirs), Some(ours)) = (theirs, element("book-pick")) else {
                    return not_loaded();
                };
                keep_choice(&ours, &theirs);
                let had_focus = document()
                    .active_element()
                    .is_some_and(|active| ours.contains(Some(&active)));
                let _ = ours.replace_with_with_node_1(&theirs);
                say("");
                if let Some(page) = &page {
                    swap_zone(page);
                }
                self.record(&href, then);
                self.settle(then, had_focus);
            });
        }

        /// The address follows on `/book`, without the link's fragment. A
        /// zone replaces the entry: it is a setting, and arrowing through
        /// the list would otherwise leave an entry per zone passed.
        fn record(self, href: &str, then: Then) {
            let href = href.split('#').next().unwrap_or(href);
            self.shown.set_value(href.to_owned());
            if !self.on_page || then == Then::History {
                return;
            }
            Navigator::new().record(href, matches!(then, Then::Detected | Then::Zone));
        }

        /// Where the focus goes, as following the link would have taken it;
        /// otherwise, if it was among the times swapped out, to the times.
        fn settle(self, then: Then, had_focus: bool) {
            match then {
                Then::Times => reveal("book-times"),
                Then::Month(key) => {
                    let link = document()
                        .query_selector(&format!("#book-pick [data-key={key}]"))
                        .ok()
                        .flatten()
                        .or_else(|| element("book-month"));
                    focus(link);
                }
                Then::Zone | Then::Detected | Then::History if had_focus => {
                    let checked = document()
                        .query_selector("#book-pick input[name=slot]:checked")
                        .ok()
                        .flatten();
                    focus(checked.or_else(|| element("book-times")));
                }
                Then::Zone | Then::Detected | Then::History => {}
            }
        }
    }

    /// The times could not be had: say so, and put the zone selector back
    /// to the zone the times shown are in.
    fn not_loaded() {
        if let Some(region) = element("book-pick") {
            let _ = region.remove_attribute("aria-busy");
        }
        let shown = document()
            .query_selector("#book-pick input[name=zone]")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok());
        let select =
            element("book-zone").and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok());
        if let (Some(shown), Some(select)) = (shown, select) {
            select.set_value(&shown.value());
        }
        say("The times could not be loaded. Check your connection and try again.");
    }

    /// What the visitor chose stays chosen in the new times: the same time
    /// (slot ids are UTC, the same in every zone), and a message about the
    /// time not yet picked, with its mark on the radios, until one is.
    fn keep_choice(ours: &Element, theirs: &Element) {
        let picked = ours
            .query_selector("input[name=slot]:checked")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value());
        if let Some(picked) = picked
            && let Ok(Some(same)) =
                theirs.query_selector(&format!("input[name=slot][value='{picked}']"))
            && let Ok(same) = same.dyn_into::<web_sys::HtmlInputElement>()
        {
            same.set_checked(true);
        }
        let said = ours
            .query_selector("#book-slot-error")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        if said.is_empty() {
            return;
        }
        if let Ok(Some(line)) = theirs.query_selector("#book-slot-error") {
            line.set_text_content(Some(&said));
        }
        if let Ok(radios) = theirs.query_selector_all("input[name=slot]") {
            for radio in (0..radios.length()).filter_map(|i| radios.item(i)) {
                if let Some(radio) = radio.dyn_ref::<Element>() {
                    let _ = radio.set_attribute("aria-invalid", "true");
                }
            }
        }
    }

    /// The zone selector as the fetched page has it (a detected zone may
    /// not be among the common ones), unless the visitor is using it.
    fn swap_zone(page: &web_sys::Document) {
        let (Some(theirs), Some(ours)) = (
            page.get_element_by_id("book-zone-form"),
            element("book-zone-form"),
        ) else {
            return;
        };
        let active = document().active_element();
        if active.is_some_and(|a| ours.contains(Some(&a))) {
            return;
        }
        let _ = ours.replace_with_with_node_1(&theirs);
    }

    /// Says (or clears) what went wrong, in the status line above the times.
    fn say(text: &str) {
        if let Some(status) = element("book-pick-status") {
            status.set_text_content(Some(text));
        }
    }

    fn element(id: &str) -> Option<Element> {
        document().get_element_by_id(id)
    }
}
