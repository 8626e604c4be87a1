//! The "Book a demo lesson" button in the header, and the dialog it opens
//! on every page once the WASM runs: the only island every page has, so it
//! is kept small.
//!
//! The dialog is a native modal `<dialog>` opened with `showModal()`: the
//! browser makes the rest of the page inert (focus cannot leave), Esc
//! closes it, and on closing focus goes back to the button. On the first
//! opening it fetches `/book` in the visitor's zone and moves that page's
//! steps (the `BookSteps` island, server HTML) into itself, then asks the
//! islands script to hydrate them. The dialog and the page
//! are one flow, and none of its code or data is in the button's bundle.
//! Without JavaScript, or on the booking pages themselves, the button is a
//! link to `/book`.

use leptos::html;
use leptos::prelude::*;

/// Where the dialog's steps are.
#[derive(Clone, Copy, PartialEq)]
enum Steps {
    /// Not asked for yet.
    None,
    Loading,
    /// In the dialog, hydrated (only the browser gets there).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    Shown,
    /// `/book` could not be had; the next opening asks again.
    Failed,
}

/// The button, and the dialog it opens. The dialog is a native modal,
/// shown in the top layer wherever it sits in the document.
#[island]
pub fn BookButton() -> impl IntoView {
    crate::browser::island_hydrated();
    let opener = NodeRef::<html::A>::new();
    let dialog = NodeRef::<html::Dialog>::new();
    let body = NodeRef::<html::Div>::new();
    let steps = RwSignal::new(Steps::None);
    // Only once the WASM runs does the link open a dialog; say so then.
    Effect::new(move |_| {
        if let Some(link) = opener.get() {
            let _ = link.set_attribute("aria-haspopup", "dialog");
        }
    });
    let click = move |ev: leptos::ev::MouseEvent| {
        // A modified click opens a tab, as links do; on the booking pages
        // the page itself is the flow.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        #[cfg(feature = "hydrate")]
        if window()
            .location()
            .pathname()
            .unwrap_or_default()
            .starts_with("/book")
        {
            return;
        }
        let Some(shown) = dialog.get_untracked() else {
            return;
        };
        ev.prevent_default();
        let _ = shown.show_modal();
        if matches!(steps.get_untracked(), Steps::None | Steps::Failed) {
            steps.set(Steps::Loading);
            fetch::into(body, steps);
        }
    };
    // However it closed (Esc, the × button), focus returns to the button.
    let closed = move |_| {
        if let Some(button) = opener.get_untracked() {
            let _ = button.focus();
        }
    };
    let close = move |_| {
        if let Some(shown) = dialog.get_untracked() {
            shown.close();
        }
    };
    view! {
        // On a phone the bar shows "Book"; the name stays the whole phrase.
        <a class="button button--primary book-button" href="/book" node_ref=opener on:click=click>
            // One box: as a flex item of its own, the phrase's space would collapse.
            <span>"Book"<span class="book-button__more">" a demo lesson"</span></span>
        </a>
        <dialog
            class="dialog book-dialog"
            node_ref=dialog
            aria-labelledby="book-dialog-title"
            on:close=closed
            on:keydown=trap_focus
        >
            <div class="dialog__head">
                <h2 id="book-dialog-title">"Book a demo lesson"</h2>
                <button type="button" class="button" aria-label="Close" on:click=close>
                    "×"
                </button>
            </div>
            <div class="dialog__body">
                <p class="loading" role="status" hidden=move || steps.get() != Steps::Loading>
                    "Loading free times…"
                </p>
                <div class="error-panel" role="alert" hidden=move || steps.get() != Steps::Failed>
                    <p>
                        "The free times could not be loaded. Close this and try again, or "
                        <a href="/book">"open the booking page"</a>
                        "."
                    </p>
                </div>
                <div node_ref=body on:click=until_live></div>
            </div>
        </dialog>
    }
}

#[cfg(not(feature = "hydrate"))]
mod fetch {
    use super::Steps;
    use leptos::{html, prelude::*};

    /// On the server the dialog never opens.
    pub fn into(_: NodeRef<html::Div>, _: RwSignal<Steps>) {}
}

#[cfg(feature = "hydrate")]
mod fetch {
    use super::Steps;
    use crate::browser::{fetch_page, hydrate_island, time_zone};
    use crate::common::url_encode;
    use leptos::{html, prelude::*};

    /// The booking page's steps: one island around server HTML.
    const STEPS: &str = "section.book leptos-island";

    /// Fetches `/book` in the visitor's zone and moves its steps into `body`,
    /// hydrated, or says it failed.
    pub fn into(body: NodeRef<html::Div>, steps: RwSignal<Steps>) {
        let href = match time_zone() {
            Some(zone) => format!("/book?tz={}", url_encode(&zone)),
            None => "/book".to_string(),
        };
        leptos::task::spawn_local(async move {
            let island = fetch_page(&href)
                .await
                .and_then(|page| page.query_selector(STEPS).ok().flatten());
            match (island, body.get_untracked()) {
                (Some(island), Some(body)) => {
                    body.replace_children_with_node_1(&island);
                    hydrate_island(&island);
                    steps.set(Steps::Shown);
                }
                _ => steps.set(Steps::Failed),
            }
        });
    }
}

/// The steps show as soon as they are fetched, and their island's code is
/// lazy, so it can arrive a moment later. A day or month clicked meanwhile
/// would be followed as a link, away from this page: instead it is clicked
/// again shortly, until the island handles it (it prevents the default),
/// or after about five seconds without it, followed after all (to `/book`,
/// which works without the island). Measured: waiting to show the steps
/// until they were live cost every page 25 KB and the dialog 600 ms on a
/// slow connection.
fn until_live(ev: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    {
        use std::cell::Cell;
        use wasm_bindgen::JsCast;
        thread_local! {
            static TRIES: Cell<u8> = const { Cell::new(0) };
        }
        if ev.default_prevented() {
            TRIES.set(0);
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || TRIES.get() >= 30 {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[data-pick]").ok().flatten())
            .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        TRIES.set(TRIES.get() + 1);
        set_timeout(move || link.click(), std::time::Duration::from_millis(150));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// Tab from the last control goes to the first, and Shift+Tab from the
/// first to the last, so focus never leaves the dialog (not even for the
/// browser's own toolbar, as a bare modal `<dialog>` would allow).
fn trap_focus(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if ev.key() != "Tab" {
            return;
        }
        let Some(dialog) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(nodes) = dialog.query_selector_all(
            "a[href], button:not([disabled]), select, textarea, \
             input:not([type=hidden]):not([tabindex='-1']):not([type=radio]), input[type=radio]:checked",
        ) else {
            return;
        };
        let element = |i: u32| {
            nodes
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        };
        let (Some(first), Some(last)) = (element(0), element(nodes.length().saturating_sub(1)))
        else {
            return;
        };
        let active = document().active_element();
        let at = |el: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a.is_same_node(Some(el.unchecked_ref())))
        };
        if ev.shift_key() && at(&first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(&last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
