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

use super::flow::Flow;
use super::load_calendar;
use super::picker::{ZonePicker, shown_zone};
use super::types::BookRequest;
use crate::ui::form::use_echo;
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
