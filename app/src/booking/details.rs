//! The booking form's own fields, as server HTML on the shared
//! progressive-form pattern (`ui::form`).

use super::fields::Topic;
use super::types::BookRequest;
use crate::AppError;
use crate::ui::form::{TextAreaField, TextField};
use leptos::prelude::*;

/// Step 3, after the times inside the same form: the visitor's details
/// with what was typed and each message after a refused post, and the
/// button (its `data-busy` label is shown while the form is sent).
#[component]
pub fn DetailsFields(
    typed: BookRequest,
    error: Option<AppError>,
    retention_days: i32,
) -> impl IntoView {
    let message = |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)));
    let typed = typed.form;
    view! {
        <h2 class="book__step">"3. Your details"</h2>
        <TextField form="book" name="name" label="Your name" kind="text" autocomplete="name" value=typed.name message=message("name") />
        <TextField form="book" name="email" label="Email, for the confirmation" kind="email" autocomplete="email" value=typed.email message=message("email") />
        <TextField form="book" name="phone" label="Phone (optional), with country code" kind="tel" autocomplete="tel" value=typed.phone message=message("phone") />
        <TextAreaField
            id="book-topic"
            name="topic"
            label="What would you like to learn? (optional)"
            rows=4
            maxlength=Topic::MAX_CHARS
            value=typed.topic
            message=message("topic")
        />
        <Honeypot />
        <Consent checked=typed.consent == "on" retention_days message=message("consent") />
        <button type="submit" class="button button--primary" data-busy="Booking…">"Book the lesson"</button>
    }
}

/// A field people never see or reach, which robots fill in.
#[component]
fn Honeypot() -> impl IntoView {
    view! {
        <div class="book__hp" aria-hidden="true">
            <label for="book-website">"Leave this empty"</label>
            <input id="book-website" type="text" name="website" tabindex="-1" autocomplete="off" />
        </div>
    }
}

#[component]
fn Consent(checked: bool, retention_days: i32, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="field field--check">
            <input
                id="book-consent"
                type="checkbox"
                name="consent"
                checked=checked
                aria-invalid=move || message.get().is_some().to_string()
                aria-describedby="book-consent-error"
            />
            <label for="book-consent">
                {format!(
                    "Backline staff may use these details to arrange this lesson; we erase them {retention_days} days after it. "
                )}
                <a href="/privacy" target="_blank">"Privacy notice"</a>
            </label>
            <p id="book-consent-error" class="field__error">{move || message.get()}</p>
        </div>
    }
}
