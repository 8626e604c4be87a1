//! `/book`: pick a day, pick a time, give your details.
//!
//! The URL holds the zone and the day (`/book?tz=Europe/London&day=2026-11-27`),
//! so without JavaScript the day links and the zone selector are plain GET
//! requests, and the details form posts to `/book`, which answers with a
//! redirect to the booking's page or this page again with what was typed.
//! Once hydrated (the steps are one island) the same links change the
//! island's state in place, the browser's own time zone replaces UTC, and
//! the form is sent through `book_lesson`.
//!
//! The time is a radio group inside the details form, so a refused
//! submission (say, the slot was just taken) comes back with every typed
//! value and the other times of that day to choose from.

use super::flow::Flow;
use super::load_calendar;
use super::picker::{Pick, ZonePicker, shown_zone};
use super::types::{BookRequest, Calendar};
use crate::AppError;
use crate::browser::Navigator;
use crate::common::url_encode;
use crate::ui::form::{Echo, use_echo};
use crate::ui::{ErrorPanel, PageTitle, private_page};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BookPage() -> impl IntoView {
    private_page();
    let query = use_query_map().read_untracked();
    let zone = query.get("tz").unwrap_or_default();
    let day = query.get("day");
    let calendar = OnceResource::new(load_calendar(zone.clone()));
    let echo = use_echo::<BookRequest>();
    let (zone, day) = (StoredValue::new(zone), StoredValue::new(day));

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
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading free times…"</p> }>
                {move || Suspend::new(async move {
                    let (echo, calendar) = (echo.await, calendar.await);
                    view! { <BookSteps calendar zone=zone.get_value() day=day.get_value() echo /> }
                })}
            </Suspense>
        </section>
    }
}

/// The zone, the days and the details form, live once hydrated: picking a
/// zone or a day changes this island's state and the URL follows (so back,
/// forward and reload agree); a new zone loads its times while the old
/// ones stay, and so does everything typed. Without a `tz` in the URL the
/// server showed UTC; the browser then says the visitor's own zone. The
/// header's dialog fetches this page and shows these steps in itself.
#[island(lazy)]
fn BookSteps(
    calendar: Result<Calendar, AppError>,
    zone: String,
    day: Option<String>,
    echo: Option<Echo<BookRequest>>,
) -> impl IntoView {
    crate::browser::island_hydrated();
    let asked = RwSignal::new(zone);
    let day = RwSignal::new(day);
    // After a refused plain post, what was typed; it outlives the echo,
    // which only the first rendering of the form shows.
    let draft = RwSignal::new(echo.as_ref().map(|e| e.input.clone()).unwrap_or_default());
    let calendar = RwSignal::new(calendar);
    let echo = StoredValue::new(echo);
    let navigate = Navigator::new();
    // In the dialog (these steps fetched into another page), the address
    // stays that page's.
    let on_book_page = crate::browser::on_path("/book");
    let record = move |replace: bool| {
        if !on_book_page {
            return;
        }
        let mut href = format!("/book?tz={}", url_encode(&asked.get_untracked()));
        if let Some(day) = day.get_untracked() {
            href.push_str(&format!("&day={}", url_encode(&day)));
        }
        navigate.record(&href, replace);
    };
    let fetch_times = move |zone: String| {
        asked.set(zone.clone());
        leptos::task::spawn_local(async move {
            let times = load_calendar(zone.clone()).await;
            // A newer choice of zone wins over this one.
            if asked.get_untracked() == zone {
                calendar.set(times);
            }
        });
    };
    let load = move |zone: String, replace: bool| {
        fetch_times(zone);
        record(replace);
    };
    if on_book_page {
        follow_history(asked, day, fetch_times);
    }
    Effect::new(move |_| {
        if asked.get_untracked().is_empty()
            && let Some(detected) = crate::browser::detected_zone()
        {
            load(detected, true);
        }
    });
    let pick = Pick {
        day: Callback::new(move |date| {
            day.set(Some(date));
            record(false);
            // As the link's `#book-times` would: on to the times.
            crate::browser::reveal("book-times");
        }),
        zone: Callback::new(move |zone| load(zone, false)),
    };
    view! {
        <ZonePicker zone=Signal::derive(move || shown_zone(&asked.get())) base="/book" day=day.into() pick=Some(pick) />
        {move || match calendar.get() {
            Ok(calendar) => {
                let echo = echo.try_update_value(Option::take).flatten();
                view! { <Flow calendar day echo draft base="/book" pick /> }
                    .into_any()
            }
            Err(error) => view! { <ErrorPanel error /> }.into_any(),
        }}
    }
}

/// Back and forward on `/book` show the zone and day of their entry (there
/// is no router inside an island); a new zone loads its times.
fn follow_history(
    asked: RwSignal<String>,
    day: RwSignal<Option<String>>,
    fetch_times: impl Fn(String) + Copy + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let search = window().location().search().unwrap_or_default();
            let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
                return;
            };
            day.set(params.get("day"));
            let zone = params.get("tz").unwrap_or_default();
            if zone != asked.get_untracked() {
                fetch_times(zone);
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (asked, day, fetch_times);
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
