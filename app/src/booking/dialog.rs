//! The "Book a demo lesson" button in the header, and the dialog it opens
//! on every page once the WASM runs: one island, the only one every page has.
//!
//! The dialog is a native modal `<dialog>` opened with `showModal()`: the
//! browser makes the rest of the page inert (focus cannot leave), Esc
//! closes it, and on closing focus goes back to the button. Without
//! JavaScript, or on the booking pages themselves, the button is a link
//! to `/book`, the same flow as a page.

use super::flow::Flow;
use super::load_calendar;
use super::picker::{Pick, ZonePicker, shown_zone};
use super::types::BookRequest;
use crate::ui::ErrorPanel;
use leptos::html;
use leptos::prelude::*;

/// Shared by the button and the dialog.
#[derive(Clone, Copy)]
struct DialogState {
    open: RwSignal<bool>,
    opener: NodeRef<html::A>,
    /// The visitor's zone: the browser's, or the one they picked.
    zone: RwSignal<String>,
}

/// The button, and the dialog it opens. The dialog is a native modal,
/// shown in the top layer wherever it sits in the document.
#[island]
pub fn BookButton() -> impl IntoView {
    crate::browser::island_hydrated();
    let state = DialogState {
        open: RwSignal::new(false),
        opener: NodeRef::new(),
        zone: RwSignal::new(String::new()),
    };
    let opener = state.opener;
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
        ev.prevent_default();
        // Known before the first fetch, so the times load once, in the right zone.
        #[cfg(feature = "hydrate")]
        if state.zone.get_untracked().is_empty()
            && let Some(detected) = crate::browser::time_zone()
        {
            state.zone.set(detected);
        }
        state.open.set(true);
    };
    view! {
        <a
            class="button button--primary book-button"
            href="/book"
            node_ref=opener
            on:click=click
        >
            "Book a demo lesson"
        </a>
        <BookDialog state />
    }
}

#[component]
fn BookDialog(state: DialogState) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let zone = state.zone;
    let day = RwSignal::new(None::<String>);
    let draft = RwSignal::new(BookRequest::default());
    Effect::new(move |_| {
        let open = state.open.get();
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    let just_booked = StoredValue::new(false);
    // However it closed (Esc, the × button, a booking), the state follows;
    // focus returns to the button unless the page is moving on.
    let closed = move |_| {
        state.open.set(false);
        day.set(None);
        if !just_booked.get_value()
            && let Some(button) = state.opener.get_untracked()
        {
            let _ = button.focus();
        }
        just_booked.set_value(false);
    };
    let pick = Pick {
        day: Callback::new(move |date| day.set(Some(date))),
        zone: Callback::new(move |z| zone.set(z)),
    };
    // Booked: the page moves on to the booking; the dialog just goes.
    let booked = Callback::new(move |_: String| {
        just_booked.set_value(true);
        draft.set(BookRequest::default());
        state.open.set(false);
    });

    view! {
        <dialog
            class="book-dialog"
            node_ref=dialog
            aria-labelledby="book-dialog-title"
            on:close=closed
            on:keydown=trap_focus
        >
            <div class="book-dialog__head">
                <h2 id="book-dialog-title">"Book a demo lesson"</h2>
                <button type="button" class="button" aria-label="Close" on:click=move |_| state.open.set(false)>
                    "×"
                </button>
            </div>
            <div class="book-dialog__body">
                <Show when=move || state.open.get()>
                    // The steps' code is loaded on the first opening only.
                    <Suspense fallback=|| view! { <p class="loading" role="status">"Loading free times…"</p> }>
                        {move || Suspend::new(dialog_steps(state.open, zone, day, draft, booked, pick))}
                    </Suspense>
                </Show>
            </div>
        </dialog>
    }
}

/// The zone, then the steps for the free times in it; in their own part of
/// the bundle (`--split`), so a visitor who never opens the dialog never
/// downloads them.
#[lazy]
fn dialog_steps(
    open: RwSignal<bool>,
    zone: RwSignal<String>,
    day: RwSignal<Option<String>>,
    draft: RwSignal<BookRequest>,
    booked: Callback<String>,
    pick: Pick,
) -> AnyView {
    // Fetched on each opening (a fresh idempotency key each time) and when
    // the zone changes.
    let calendar = LocalResource::new(move || {
        let (open, zone) = (open.get(), zone.get());
        async move {
            match open {
                true => Some(load_calendar(zone).await),
                false => None,
            }
        }
    });
    view! {
        <ZonePicker zone=Signal::derive(move || shown_zone(&zone.get())) base="/book" day=day.into() pick=Some(pick) />
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading free times…"</p> }>
            {move || Suspend::new(async move {
                match calendar.await {
                    Some(Ok(calendar)) => view! {
                        <Flow calendar day echo=None draft base="/book" on_booked=booked pick />
                    }
                    .into_any(),
                    Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
                    None => ().into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
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
