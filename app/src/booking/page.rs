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

use super::details::DetailsForm;
use super::load_calendar;
use super::picker::{DayLinks, ZonePicker};
use super::types::{BookRequest, Calendar};
use crate::common::url_encode;
use crate::ui::form::{Echo, use_echo};
use crate::ui::{ErrorPanel, PageTitle, private_page};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BookPage() -> impl IntoView {
    private_page();
    let query = use_query_map();
    let zone = Memo::new(move |_| query.read().get("tz").unwrap_or_default());
    let day = Signal::derive(move || query.read().get("day"));
    let calendar = Resource::new(move || zone.get(), load_calendar);
    let echo = use_echo::<BookRequest>();
    let draft = RwSignal::new(BookRequest::default());
    super::browser::use_browser_zone(zone);

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

/// The steps, given the free times. Used by this page and by the dialog:
/// `base` is where day links and the form lead without JavaScript.
#[component]
pub fn Flow(
    calendar: Calendar,
    #[prop(into)] day: Signal<Option<String>>,
    echo: Option<Echo<BookRequest>>,
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
    if let Some(echo) = &echo {
        echo.set_status();
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
