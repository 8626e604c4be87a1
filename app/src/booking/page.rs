//! `/book`: pick a day, pick a time, give your details.
//!
//! The URL holds the zone and the day (`/book?tz=Europe/London&day=2026-11-27`),
//! and the whole page is server HTML: without JavaScript the month's days
//! and the zone selector are plain GET requests, and the details form
//! posts to `/book`, which answers with a redirect to the booking's page or
//! this page again with what was typed and what to fix.
//!
//! One island with no props ([`BookSteps`]) makes it live: the day, month
//! and zone fetch the page their link names and swap in its choice of
//! times (`live.rs`), so everything typed stays; the form is checked as
//! people type and sent with `fetch` (`ui::form::live_form`). The header's
//! dialog fetches this page and shows these steps in itself.
//!
//! The time is a radio group inside the details form, so a refused
//! submission (say, the slot was just taken) comes back with every typed
//! value and the other times of that day to choose from.

use super::details::DetailsFields;
use super::load_calendar;
use super::picker::{Links, Month, Times, ZonePicker};
use super::types::{BookRequest, Calendar};
use crate::common::url_encode;
use crate::ui::form::{Echo, FormSummary, live_form};
use crate::ui::{ErrorPanel, PageTitle, private_page};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BookPage() -> impl IntoView {
    private_page();
    let query = use_query_map().read_untracked();
    let asked = query.get("tz").unwrap_or_default();
    let day = query.get("day");
    let calendar = OnceResource::new(load_calendar(asked.clone()));
    let echo = use_context::<Echo<BookRequest>>();
    if let Some(echo) = &echo {
        echo.set_status();
    }
    view! {
        <PageTitle text="Book a demo lesson — Backline" />
        <Meta
            name="description"
            content="Pick a time for a free demo lesson with a Backline trainer. See exactly what we store about you, and erase it whenever you like."
        />
        <section class="page book">
            <header class="page__header">
                <p class="eyebrow">"Demo lesson"</p>
                <h1>"Book a demo lesson"</h1>
                <p class="lede">
                    "A free online lesson with one of our trainers: ask about back-end work, the skills it takes, or how we place developers."
                </p>
            </header>
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading free times…"</p> }>
                {move || Suspend::new({
                    let (asked, day, echo) = (asked.clone(), day.clone(), echo.clone());
                    async move {
                        match calendar.await {
                            Ok(calendar) => view! {
                                <BookSteps><Steps calendar asked day echo /></BookSteps>
                            }
                            .into_any(),
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The zone, the month, the day's times and the details, given the free
/// times. `asked` is the zone the URL named ("" for none).
#[component]
fn Steps(
    calendar: Calendar,
    asked: String,
    day: Option<String>,
    echo: Option<Echo<BookRequest>>,
) -> impl IntoView {
    let (typed, error) = match echo {
        Some(echo) => (echo.input, Some(echo.error)),
        None => (BookRequest::default(), None),
    };
    let note = calendar
        .zone_note
        .clone()
        .map(|note| view! { <p class="notice notice--warning">{note}</p> });
    let Some(chosen) = calendar.day(day.as_deref()).cloned() else {
        return view! {
            {note}
            <p class="notice notice--warning" role="status">
                "There are no free times in the next weeks. Please look again in a few days."
            </p>
        }
        .into_any();
    };
    let zone = calendar.zone.clone();
    let links = Links {
        base: format!("/book?tz={}", url_encode(&zone)),
    };
    let picked = Some(typed.slot.clone()).filter(|s| !s.is_empty());
    let slot_message = error.as_ref().and_then(|e| e.field_message("slot"));
    let (key, minutes) = (calendar.key.clone(), calendar.lesson_minutes);
    let retention_days = calendar.retention_days;
    view! {
        <ZonePicker zone=zone.clone() day=Some(chosen.date.clone()) />
        <form class="book__form" method="post" action="/book" novalidate>
            <input type="hidden" name="key" value=key />
            <FormSummary form="book" error=Signal::stored(error.clone()) />
            <p id="book-pick-status" class="book__pick-status" role="status"></p>
            <div id="book-pick" class="book__pick" data-asked=asked>
                <input type="hidden" name="zone" value=zone.clone() />
                <input type="hidden" name="day" value=chosen.date.clone() />
                {note}
                <Month calendar chosen=chosen.clone() links heading="1. Pick a day" />
                <Times step="2. " day=chosen zone lesson_minutes=minutes picked message=slot_message />
            </div>
            <DetailsFields typed error retention_days />
        </form>
    }
    .into_any()
}

/// The steps, made live: the days, months and zone swap in their times
/// without leaving the page (on `/book`, the address follows; in the
/// dialog it stays), and the form is checked and sent in place.
#[island(lazy)]
fn BookSteps(children: Children) -> impl IntoView {
    crate::browser::island_hydrated();
    let pick = super::live::Pick::new();
    view! {
        <div class="book__steps" on:click=move |ev| pick.clicked(ev) on:change=move |ev| pick.changed(ev)>
            {live_form::<BookRequest>("book", children)}
        </div>
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
