//! Steps 2 and 3 in one form: the time (a radio group) and the visitor's
//! details, on the shared progressive-form pattern (`ui::form`).

use super::BookLesson;
use super::fields::Topic;
use super::picker::TimeChoice;
use super::types::{BookRequest, Calendar, CalendarDay};
use crate::AppError;
use crate::browser::Navigator;
use crate::ui::form::{Echo, FormState, FormSummary, TextAreaField, TextField, use_form};
use leptos::prelude::*;

#[component]
pub fn DetailsForm(
    calendar: StoredValue<Calendar>,
    chosen_day: Memo<Option<CalendarDay>>,
    gone: RwSignal<Vec<String>>,
    echo: Option<Echo<BookRequest>>,
    draft: RwSignal<BookRequest>,
    zone: String,
    base: &'static str,
) -> impl IntoView {
    let form = use_form(echo.as_ref());
    let typed = echo
        .map(|e| e.input)
        .unwrap_or_else(|| draft.get_untracked());
    let picked = RwSignal::new(Some(typed.slot.clone()).filter(|s| !s.is_empty()));
    let action = ServerAction::<BookLesson>::new();
    let busy = action.pending();
    let (key, lesson_minutes, retention_days) =
        calendar.with_value(|c| (c.key.clone(), c.lesson_minutes, c.retention_days));

    let navigate = Navigator::new();
    // Booked: on to its page. A lost race: that time goes from the list,
    // and everything typed stays.
    Effect::new(move |_| match action.value().get() {
        Some(Ok(booked)) => {
            form.error.set(None);
            navigate.open(&booked.next);
        }
        Some(Err(failure)) => {
            if matches!(failure, AppError::SlotTaken(_))
                && let Some(slot) = picked.get_untracked()
            {
                gone.update(|g| g.push(slot));
                picked.set(None);
            }
            form.refused(failure);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // Sending already: a second press waits (the key would make it
        // harmless anyway).
        if busy.get_untracked() {
            ev.prevent_default();
            return;
        }
        if let Some(request) = form.submit(&ev) {
            action.dispatch(BookLesson { request });
        }
    };
    let keep_draft = move |ev: leptos::ev::Event| {
        if let Some(request) = form.edited(&ev) {
            draft.set(request);
        }
    };

    view! {
        <form
            class="book__form"
            method="post"
            action=base
            novalidate
            on:submit=on_submit
            on:focusout=move |ev| form.left(&ev)
            on:input=keep_draft
            on:change=keep_draft
        >
            <input type="hidden" name="zone" value=zone.clone() />
            <input type="hidden" name="key" value=key />
            <input type="hidden" name="day" value=move || chosen_day.get().map(|d| d.date).unwrap_or_default() />
            <FormSummary form="book" error=form.summary() />
            <TimeChoice chosen_day gone picked zone lesson_minutes message=form.message("slot") />
            <h2 class="book__step">"3. Your details"</h2>
            <ContactFields typed=typed.clone() form />
            <Honeypot />
            <Consent checked=typed.form.consent == "on" retention_days message=form.message("consent") />
            <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                {move || if busy.get() { "Booking…" } else { "Book the lesson" }}
            </button>
        </form>
    }
}

/// Name, email, phone and topic, with what was typed.
#[component]
fn ContactFields(typed: BookRequest, form: FormState<BookRequest>) -> impl IntoView {
    let typed = typed.form;
    view! {
        <TextField form="book" name="name" label="Your name" kind="text" autocomplete="name" value=typed.name message=form.message("name") />
        <TextField form="book" name="email" label="Email, for the confirmation" kind="email" autocomplete="email" value=typed.email message=form.message("email") />
        <TextField form="book" name="phone" label="Phone (optional), with country code" kind="tel" autocomplete="tel" value=typed.phone message=form.message("phone") />
        <TextAreaField
            id="book-topic"
            name="topic"
            label="What would you like to learn? (optional)"
            rows=4
            maxlength=Topic::MAX_CHARS
            value=typed.topic
            message=form.message("topic")
        />
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
