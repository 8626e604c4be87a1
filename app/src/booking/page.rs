//! `/book`: pick a day, pick a time, give your details.
//!
//! The URL holds the zone and the day (`/book?tz=Europe/London&day=2026-11-27`),
//! so without JavaScript the day links and the zone selector are plain GET
//! requests, and the details form posts to `/book`, which answers with a
//! redirect to the booking's page or this page again with what was typed.
//! Once hydrated the same links navigate in place, the browser's own time
//! zone replaces UTC, and the form is sent through `book_lesson`.
//!
//! The time is a radio group inside the details form, so a refused
//! submission (say, the slot was just taken) comes back with every typed
//! value and the other times of that day to choose from.

use super::fields::Topic;
use super::types::{BookEcho, BookRequest, Calendar, CalendarDay};
use super::{BookLesson, load_calendar};
use crate::AppError;
use crate::common::url_encode;
use crate::contact::{FormSummary, TextField};
use crate::ui::ErrorPanel;
use crate::ui::{PageTitle, TextArea};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BookPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    private_page();
    let query = use_query_map();
    let zone = Memo::new(move |_| query.read().get("tz").unwrap_or_default());
    let day = Signal::derive(move || query.read().get("day"));
    let calendar = Resource::new(move || zone.get(), load_calendar);
    let echo = OnceResource::new(std::future::ready(use_context::<BookEcho>()));
    let draft = RwSignal::new(BookRequest::default());
    #[cfg(feature = "hydrate")]
    use_browser_zone(zone);

    view! {
        <PageTitle text="Book a demo lesson — Backline" />
        <Meta
            name="description"
            content="Pick a time for a free demo lesson with a Backline trainer. See exactly what we store about you, and erase it whenever you like."
        />
        <section class="page page--narrow book">
            <header class="page__header">
                <p class="eyebrow">"Demo lesson"</p>
                <h1>"Book a demo lesson"</h1>
                <p class="lede">
                    "A free online lesson with one of our trainers: ask about back-end work, the skills it takes, or how we place developers."
                </p>
            </header>
            <ZonePicker zone=Signal::derive(move || shown_zone(&zone.get())) base="/book" day pick=None />
            // Transition, not Suspense: while another zone's times load, the
            // old ones stay, and so does everything typed (kept in `draft`).
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading free times…"</p> }>
                {move || Suspend::new(async move {
                    let echo = echo.await;
                    match calendar.await {
                        Ok(calendar) => view! {
                            <Flow calendar day echo draft base="/book" on_booked=Callback::new(|_: String| ()) />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The zone the selector shows for what the URL asks: its current name,
/// or UTC when it asks for none.
pub fn shown_zone(asked: &str) -> String {
    match asked.trim() {
        "" => "UTC".to_owned(),
        name => super::types::canonical_zone(name).to_owned(),
    }
}

/// Where a submission caught by the honeypot is sent: it reads like success.
#[component]
pub fn BookThanksPage() -> impl IntoView {
    view! {
        <PageTitle text="Thank you — Backline" />
        <Meta name="robots" content="noindex" />
        <section class="page page--narrow">
            <h1>"Thank you"</h1>
            <p>"We have your request. Please watch your inbox for the confirmation."</p>
            <p><a href="/">"Back to Backline"</a></p>
        </section>
    }
}

/// Pages with personal data or a fresh idempotency key must never be
/// cached by a browser or a proxy, nor indexed.
#[cfg(feature = "ssr")]
pub fn private_page() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

/// Without a `tz` in the URL the server showed UTC; once hydrated, the
/// browser knows the visitor's zone, and the URL takes it (replacing the
/// history entry, so back still leaves the page).
#[cfg(feature = "hydrate")]
fn use_browser_zone(zone: Memo<String>) {
    let navigate = crate::browser::stored_navigate();
    Effect::new(move |_| {
        if !zone.get().is_empty() {
            return;
        }
        let Some(detected) = crate::browser::time_zone() else {
            return;
        };
        let here = window().location();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&here.search().unwrap_or_default())
        else {
            return;
        };
        params.set("tz", &detected);
        let search: String = params.to_string().into();
        let href = format!("{}?{search}", here.pathname().unwrap_or_default());
        crate::browser::go(navigate, &href, true);
    });
}

/// The steps, given the free times. Used by this page and by the dialog:
/// `base` is where day links and the form lead without JavaScript.
#[component]
pub fn Flow(
    calendar: Calendar,
    #[prop(into)] day: Signal<Option<String>>,
    echo: Option<BookEcho>,
    /// What the visitor has typed so far; it outlives this flow when the
    /// zone changes and the times are loaded again.
    draft: RwSignal<BookRequest>,
    base: &'static str,
    /// Told the booking's token once it is made (the dialog closes itself).
    on_booked: Callback<String>,
    /// In the dialog, picking a day or zone changes its state, not the URL.
    #[prop(optional)]
    pick: Option<Pick>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(echo) = &echo {
        echo.error.set_response_status();
    }
    let calendar = StoredValue::new(calendar);
    // Slots a lost race showed to be taken, hidden from the choice.
    let gone = RwSignal::new(Vec::<String>::new());
    let chosen_day =
        Memo::new(move |_| calendar.with_value(|c| c.day(day.get().as_deref()).cloned()));
    let zone = calendar.with_value(|c| c.zone.clone());

    let note = calendar.with_value(|c| c.zone_note.clone());
    let note = note.map(|note| view! { <p class="notice notice--warning">{note}</p> });
    if calendar.with_value(|c| c.days.is_empty()) {
        return view! {
            {note}
            <p class="notice notice--warning" role="status">
                "There are no free times in the next weeks. Please look again in a few days."
            </p>
        }
        .into_any();
    }
    view! {
        {note}
        <DayLinks calendar chosen=chosen_day href_base=format!("{base}?tz={}", url_encode(&zone)) pick />
        <DetailsForm calendar chosen_day gone echo draft zone base on_booked />
    }
    .into_any()
}

/// What the dialog does instead of following a link.
#[derive(Clone, Copy)]
pub struct Pick {
    pub day: Callback<String>,
    pub zone: Callback<String>,
}

/// Names the zone every time is shown in, and lets the visitor change it.
/// A GET form: it works without JavaScript, and with it a change applies at once.
#[component]
pub fn ZonePicker(
    /// The zone shown now.
    zone: Signal<String>,
    base: &'static str,
    day: Signal<Option<String>>,
    pick: Option<Pick>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let navigate = crate::browser::stored_navigate();
    let change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(pick) = pick {
            pick.zone.run(value);
            return;
        }
        let mut href = format!("{base}?tz={}", url_encode(&value));
        if let Some(day) = day.get_untracked() {
            href.push_str(&format!("&day={}", url_encode(&day)));
        }
        #[cfg(feature = "hydrate")]
        crate::browser::go(navigate, &href, false);
        #[cfg(not(feature = "hydrate"))]
        let _ = href;
    };
    let options = move || {
        let current = zone.get();
        let mut zones: Vec<String> = super::types::COMMON_ZONES
            .iter()
            .map(|z| (*z).to_owned())
            .collect();
        if !zones.contains(&current) {
            zones.insert(0, current.clone());
        }
        zones
            .into_iter()
            .map(|z| {
                let selected = z == current;
                view! { <option value=z.clone() selected=selected>{z.replace('_', " ")}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="book__zone" method="get" action=base>
            <label for="book-zone">"Times are shown in"</label>
            <select id="book-zone" name="tz" on:change=change>
                {options}
            </select>
            {move || day.get().map(|day| view! { <input type="hidden" name="day" value=day /> })}
            <button type="submit" class="button button--quiet js-hide">"Show times"</button>
        </form>
    }
}

/// Step 1: the days with free times, as links. `href_base` already holds
/// a query string; each link adds its `day`.
#[component]
pub fn DayLinks(
    calendar: StoredValue<Calendar>,
    chosen: Memo<Option<CalendarDay>>,
    href_base: String,
    #[prop(default = None)] pick: Option<Pick>,
) -> impl IntoView {
    let days = calendar.with_value(|c| c.days.clone());
    view! {
        <nav class="book__days" aria-labelledby="book-days-title">
            <h2 id="book-days-title" class="book__step">"1. Pick a day"</h2>
            <ul>
                {days
                    .into_iter()
                    .map(|day| {
                        let href = format!("{href_base}&day={}#book-times", day.date);
                        let date = day.date.clone();
                        let picked = day.date.clone();
                        let click = move |ev: leptos::ev::MouseEvent| {
                            if let Some(pick) = pick {
                                ev.prevent_default();
                                pick.day.run(picked.clone());
                            }
                        };
                        let current = move || {
                            chosen.get().is_some_and(|c| c.date == date).then_some("date")
                        };
                        let count = day.slots.len();
                        view! {
                            <li>
                                <a href=href aria-current=current on:click=click>
                                    <span class="book__day-label">{day.label}</span>
                                    <span class="book__day-count">
                                        {format!("{count} time{}", if count == 1 { "" } else { "s" })}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Steps 2 and 3: the time (a radio group) and the visitor's details, in
/// one form.
#[component]
fn DetailsForm(
    calendar: StoredValue<Calendar>,
    chosen_day: Memo<Option<CalendarDay>>,
    gone: RwSignal<Vec<String>>,
    echo: Option<BookEcho>,
    draft: RwSignal<BookRequest>,
    zone: String,
    base: &'static str,
    on_booked: Callback<String>,
) -> impl IntoView {
    let typed = echo
        .as_ref()
        .map(|e| e.request.clone())
        .unwrap_or_else(|| draft.get_untracked());
    let picked = RwSignal::new(Some(typed.slot.clone()).filter(|s| !s.is_empty()));
    // The summary above the form appears after a submission, never on
    // blur, so nothing above the fields moves while people fill them in.
    let summary = RwSignal::new(echo.is_some());
    let error = RwSignal::new(echo.map(|e| e.error));
    let touched = RwSignal::new(Vec::<&'static str>::new());
    let action = ServerAction::<BookLesson>::new();
    let busy = action.pending();
    let key = calendar.with_value(|c| c.key.clone());
    let lesson_minutes = calendar.with_value(|c| c.lesson_minutes);
    let retention_days = calendar.with_value(|c| c.retention_days);

    #[cfg(feature = "hydrate")]
    let navigate = crate::browser::stored_navigate();
    // Booked: on to its page. A lost race: that time goes from the list,
    // and everything typed stays.
    Effect::new(move |_| match action.value().get() {
        Some(Ok(booked)) => {
            error.set(None);
            #[cfg(feature = "hydrate")]
            navigate.with_value(|go| go(&booked.next, Default::default()));
            on_booked.run(booked.token);
        }
        Some(Err(failure)) => {
            if matches!(failure, AppError::SlotTaken(_))
                && let Some(slot) = picked.get_untracked()
            {
                gone.update(|g| g.push(slot));
                picked.set(None);
            }
            error.set(Some(failure));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Sending already: a second press waits (the key would make it
        // harmless anyway).
        if busy.get_untracked() {
            return;
        }
        let Some(request) = read_request(&ev) else {
            return;
        };
        touched.set(vec!["slot", "name", "email", "phone", "topic", "consent"]);
        summary.set(true);
        match request.check() {
            Ok(_) => {
                error.set(None);
                action.dispatch(BookLesson { request });
            }
            Err(invalid) => {
                error.set(Some(invalid));
                // Keyboard and screen reader users land on the first field to fix.
                #[cfg(feature = "hydrate")]
                request_animation_frame(|| {
                    use wasm_bindgen::JsCast;
                    if let Some(field) = document()
                        .query_selector(".book__form [aria-invalid=true]")
                        .ok()
                        .flatten()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = field.focus();
                    }
                });
            }
        }
    };
    // Messages appear as people leave a field, from the same rules the server applies.
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        let _ = &ev;
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            // Going to a button (say, "Book the lesson"): the click checks
            // everything. A message shown now would push the button away
            // from under the pointer, and the click would miss it.
            if ev
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .is_some()
            {
                return;
            }
            let Some(name) = input.get_attribute("name") else {
                return;
            };
            let Some(field) = ["name", "email", "phone", "topic", "consent"]
                .into_iter()
                .find(|f| *f == name)
            else {
                return;
            };
            touched.update(|t| {
                if !t.contains(&field) {
                    t.push(field);
                }
            });
            let Some(form) = input
                .closest("form")
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into().ok())
            else {
                return;
            };
            if let Some(request) = request_from(&form) {
                let shown = touched.get_untracked();
                error.set(request.check().err().and_then(|e| only(e, &shown)));
            }
        }
    };
    let message = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field_message(field)))
    };
    let keep_draft = move |ev: leptos::ev::Event| {
        let _ = &ev;
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(request) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                .and_then(|form| request_from(&form))
            {
                // A message goes as soon as its field is put right (ticking
                // the consent box, say); no new one appears while typing.
                if let Some(shown) = error.get_untracked() {
                    let fixed = still_wrong(shown, request.check().err());
                    if error.get_untracked() != fixed {
                        error.set(fixed);
                    }
                }
                draft.set(request);
            }
        }
    };

    view! {
        <form
            class="book__form"
            method="post"
            action=base
            novalidate
            on:submit=on_submit
            on:focusout=on_blur
            on:input=keep_draft
            on:change=keep_draft
        >
            <input type="hidden" name="zone" value=zone.clone() />
            <input type="hidden" name="key" value=key />
            <input type="hidden" name="day" value=move || chosen_day.get().map(|d| d.date).unwrap_or_default() />
            <FormSummary error=Signal::derive(move || error.get().filter(|_| summary.get())) />
            <TimeChoice chosen_day gone picked zone lesson_minutes message=message("slot") />
            <h2 class="book__step">"3. Your details"</h2>
            <TextField form="book" name="name" label="Your name" kind="text" autocomplete="name" value=typed.form.name message=message("name") />
            <TextField form="book" name="email" label="Email, for the confirmation" kind="email" autocomplete="email" value=typed.form.email message=message("email") />
            <TextField form="book" name="phone" label="Phone (optional), with country code" kind="tel" autocomplete="tel" value=typed.form.phone message=message("phone") />
            <div class="field">
                <label for="book-topic">"What would you like to learn? (optional)"</label>
                <TextArea
                    id="book-topic"
                    name="topic"
                    rows=4
                    maxlength=Topic::MAX_CHARS
                    describedby="book-topic-error"
                    invalid=Signal::derive(move || message("topic").get().is_some())
                    value=typed.form.topic
                />
                <p id="book-topic-error" class="field__error">{move || message("topic").get()}</p>
            </div>
            <Honeypot />
            <Consent checked=typed.form.consent == "on" retention_days message=message("consent") />
            <button type="submit" class="button button--primary" aria-disabled=move || busy.get().to_string()>
                {move || if busy.get() { "Booking…" } else { "Book the lesson" }}
            </button>
        </form>
    }
}

/// Step 2: the free times of the chosen day, as radio buttons.
#[component]
pub fn TimeChoice(
    chosen_day: Memo<Option<CalendarDay>>,
    gone: RwSignal<Vec<String>>,
    picked: RwSignal<Option<String>>,
    zone: String,
    lesson_minutes: u32,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let legend = move || {
        chosen_day
            .get()
            .map(|d| format!("2. Pick a time on {}", d.label))
            .unwrap_or_else(|| "2. Pick a time".into())
    };
    view! {
        <fieldset class="book__times" id="book-times" aria-describedby="book-slot-error book-times-hint">
            <legend class="book__step">{legend}</legend>
            <p id="book-times-hint" class="hint">
                {format!("{lesson_minutes}-minute lessons. Times in {}.", zone.replace('_', " "))}
            </p>
            <p id="book-slot-error" class="field__error">{move || message.get()}</p>
            <div class="book__slots">
                {move || {
                    let gone = gone.get();
                    chosen_day
                        .get()
                        .map(|day| {
                            day.slots
                                .into_iter()
                                .filter(|s| !gone.contains(&s.id))
                                .map(|slot| {
                                    let id = slot.id.clone();
                                    let checked = picked.get_untracked().as_deref() == Some(id.as_str());
                                    view! {
                                        <label class="book__slot">
                                            <input
                                                type="radio"
                                                name="slot"
                                                value=slot.id.clone()
                                                checked=checked
                                                aria-invalid=move || message.get().is_some().to_string()
                                                on:change=move |_| picked.set(Some(id.clone()))
                                            />
                                            <span>{slot.time}</span>
                                        </label>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </div>
        </fieldset>
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

/// Keeps only the messages for fields the visitor has already left.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn only(error: AppError, fields: &[&str]) -> Option<AppError> {
    match error {
        AppError::Invalid(errors) => {
            let kept: Vec<_> = errors
                .into_iter()
                .filter(|e| fields.contains(&e.field.as_str()))
                .collect();
            (!kept.is_empty()).then_some(AppError::Invalid(kept))
        }
        other => Some(other),
    }
}

/// What is left of the messages `shown` once the form is checked again:
/// only those fields still wrong. Other errors (a taken time) stay.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn still_wrong(shown: AppError, now: Option<AppError>) -> Option<AppError> {
    let AppError::Invalid(shown) = shown else {
        return Some(shown);
    };
    let fields: Vec<&str> = shown.iter().map(|e| e.field.as_str()).collect();
    now.and_then(|now| only(now, &fields))
}

fn read_request(ev: &leptos::ev::SubmitEvent) -> Option<BookRequest> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        request_from(&ev.current_target()?.dyn_into().ok()?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// The form's values, as the browser would post them.
#[cfg(feature = "hydrate")]
fn request_from(form: &web_sys::HtmlFormElement) -> Option<BookRequest> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    Some(BookRequest::from_fields(|name| {
        data.get(name).as_string().unwrap_or_default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booking::fields::BookingForm;

    #[test]
    fn a_missing_time_is_reported_with_the_other_fields() {
        let request = BookRequest {
            form: BookingForm {
                name: "Asha".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let AppError::Invalid(errors) = request.check().unwrap_err() else {
            panic!("field errors")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slot", "email", "consent"]);
    }

    #[test]
    fn only_the_fields_already_left_show_their_messages() {
        let error = BookRequest::default().check().unwrap_err();
        let shown = only(error, &["email"]).unwrap();
        assert!(shown.field_message("email").is_some());
        assert!(shown.field_message("name").is_none());
        assert_eq!(
            only(BookRequest::default().check().unwrap_err(), &["phone"]),
            None
        );
    }
}
