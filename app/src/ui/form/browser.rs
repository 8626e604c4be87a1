//! The DOM work of a form, in the browser only.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, FormData, HtmlButtonElement, HtmlElement, HtmlFormElement};

/// The form an event happened in: the one listening, or the one around
/// the element it happened to.
fn form_of(ev: &leptos::ev::Event) -> Option<HtmlFormElement> {
    if let Some(form) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    {
        return Some(form);
    }
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("form")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// The form's values, as the browser would post them.
pub fn form_data(ev: &leptos::ev::Event) -> Option<FormData> {
    FormData::new_with_form(&form_of(ev)?).ok()
}

/// The name of the field just left, unless the focus went to a button:
/// its click checks everything, and a message shown now would push the
/// button from under the pointer, so the click would miss it.
pub fn field_left(ev: &leptos::ev::FocusEvent) -> Option<String> {
    if ev
        .related_target()
        .and_then(|t| t.dyn_into::<HtmlButtonElement>().ok())
        .is_some()
    {
        return None;
    }
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .get_attribute("name")
}

/// Keyboard and screen reader users land on the first field to fix, once
/// the messages are drawn.
pub fn focus_first_invalid(ev: &leptos::ev::Event) {
    let Some(form) = form_of(ev) else {
        return;
    };
    request_animation_frame(move || {
        if let Some(field) = form
            .query_selector("[aria-invalid=true]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = field.focus();
        }
    });
}
