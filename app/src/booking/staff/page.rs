//! `/staff/bookings` (tabs by status, search by reference, name or email,
//! sortable columns, pages, the same rows as CSV) and
//! `/staff/bookings/:id`: the booking, its emails, the buttons it has now
//! and staff's notes.

use super::{
    BookingActionForm, BookingList, BookingNotesForm, BookingQuery, BookingSort, BookingStatus,
    BookingView, load_staff_booking, staff_bookings,
};
use crate::staff::StaffMe;
use crate::staff::shell::{Pager, SortHeader, StaffPage, StatusTabs, record_page, status_tabs};
use crate::ui::form::{Echo, FormSummary, TextAreaField};
use crate::ui::{Art, EmptyState, ErrorPanel};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffBookingsPage() -> impl IntoView {
    view! { <StaffPage title="Bookings".into() page="/staff/bookings".into() content=bookings /> }
}

fn bookings(_me: StaffMe) -> impl IntoView {
    let map = use_query_map().read_untracked();
    let query = BookingQuery::parse(|name| map.get(name));
    let list = OnceResource::new(staff_bookings(
        query.status.map_or("", BookingStatus::slug).to_owned(),
        query.q.clone(),
        query.sort.map_or("", BookingSort::slug).to_owned(),
        query.page,
    ));
    let csv = BookingQuery {
        page: 1,
        ..query.clone()
    }
    .href("/staff/bookings.csv");
    view! {
        <header class="staff__head">
            <h1>"Bookings"</h1>
            <a class="button" href=csv download="">"Download CSV"</a>
        </header>
        <form class="staff-search" method="get" action="/staff/bookings" role="search">
            <input type="hidden" name="status" value=query.status.map_or("", BookingStatus::slug) />
            <label for="staff-bookings-q" class="visually-hidden">"Reference, name or email"</label>
            <input id="staff-bookings-q" type="search" name="q" value=query.q.clone() placeholder="Reference, name or email" />
            <button type="submit" class="button">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <Listing list query /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Listing(list: BookingList, query: BookingQuery) -> impl IntoView {
    let base = query.clone();
    let at = move |status: &str, page: i64| {
        BookingQuery {
            status: BookingStatus::from_slug(status),
            page,
            ..base.clone()
        }
        .href("/staff/bookings")
    };
    let current = query.status.map_or("", BookingStatus::slug);
    let tabs = status_tabs(
        BookingStatus::ALL,
        &list.counts,
        current,
        |s| (s.slug(), s.label()),
        |slug| at(slug, 1),
    );
    let body = if list.rows.is_empty() {
        view! { <EmptyState art=Art::Search title="No bookings here"><p>"Try another tab or fewer words."</p></EmptyState> }.into_any()
    } else {
        view! { <BookingsTable list=list.clone() query=query.clone() /> }.into_any()
    };
    let (total, page) = (list.total, query.page);
    view! {
        <StatusTabs label="Bookings by status" tabs />
        {body}
        <Pager total page noun="bookings" href=move |page| at(current, page) />
    }
}

#[component]
fn BookingsTable(list: BookingList, query: BookingQuery) -> impl IntoView {
    let sort = query.sort().slug();
    let sorted = move |sort: &str| {
        BookingQuery {
            sort: BookingSort::from_slug(sort),
            page: 1,
            ..query.clone()
        }
        .href("/staff/bookings")
    };
    let rows = list
        .rows
        .into_iter()
        .map(|row| {
            let who = row.name.unwrap_or_else(|| "Details erased".into());
            view! {
                <tr>
                    <th scope="row"><a href=format!("/staff/bookings/{}", row.id)>{row.reference}</a></th>
                    <td>{row.lesson}</td>
                    <td>{who}<br /><span class="muted">{row.email.unwrap_or_default()}</span></td>
                    <td><span class=format!("chip chip--booking-{}", row.status.slug())>{row.status.label()}</span></td>
                    <td>{row.booked}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Bookings">
            <table class="table">
                <caption class="visually-hidden">{format!("Bookings; times in {}", list.zone)}</caption>
                <thead><tr>
                    <th scope="col">"Reference"</th>
                    <SortHeader label="Lesson" up="lesson" down="-lesson" current=sort href=sorted.clone() />
                    <th scope="col">"Visitor"</th>
                    <th scope="col">"Status"</th>
                    <SortHeader label="Booked" up="booked" down="-booked" current=sort href=sorted />
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="muted">{format!("Times in {}, the zone of the opening hours.", list.zone)}</p>
    }
}

#[component]
pub fn StaffBookingPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    view! { <StaffPage title="Booking".into() page=format!("/staff/bookings/{id}") content=booking /> }
}

fn booking(_me: StaffMe) -> impl IntoView {
    record_page(
        ("/staff/bookings", "← Bookings"),
        load_staff_booking,
        |booking| view! { <Booking booking /> },
    )
}

/// What the last post did, from `?done=`.
fn done() -> Option<&'static str> {
    match use_query_map().read_untracked().get("done")?.as_str() {
        "confirm" => Some("Confirmed."),
        "cancel" => Some("Cancelled. The visitor will be emailed within a minute."),
        "complete" => Some("Marked completed."),
        "notes" => Some("Notes saved."),
        _ => None,
    }
}

#[component]
fn Booking(booking: BookingView) -> impl IntoView {
    let b = booking;
    let refusal = use_context::<Echo<BookingActionForm>>().map(|echo| {
        echo.set_status();
        echo.error
    });
    let line = |label: &'static str, value: Option<String>| {
        value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    let emails = b
        .emails
        .iter()
        .map(|(kind, state)| view! { <li>{kind.clone()} " · " {state.clone()}</li> })
        .collect_view();
    let details = if b.erased {
        view! { <p class="muted">"The visitor's details are erased (by them, or after the retention period)."</p> }.into_any()
    } else {
        view! {
            <dl class="booking-facts">
                {line("Name", b.name.clone())}
                {line("Email", b.email.clone())}
                {line("Phone", b.phone.clone())}
                {line("Wants to learn", b.topic.clone())}
            </dl>
        }
        .into_any()
    };
    view! {
        <header class="staff__head">
            <div>
                <h1>{b.reference.clone()} " " <span class=format!("chip chip--booking-{}", b.status.slug())>{b.status.label()}</span></h1>
                <p>{b.lesson.clone()} <span class="muted">{format!(" ({})", b.zone)}</span></p>
                <p class="muted">{format!("The visitor sees {} ({}). Booked {}.", b.lesson_visitor, b.visitor_zone, b.booked)}</p>
            </div>
        </header>
        {done().map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
        {refusal.map(|error| view! { <p class="notice notice--error" role="alert">{error.to_string()}</p> })}
        <div class="staff-columns">
            <article class="card">
                {details}
                <h2 class="booking-facts__title">"Emails"</h2>
                <ul class="staff-board__list">{emails}</ul>
                <Actions booking=b.clone() />
            </article>
            <Notes booking=b />
        </div>
    }
}

#[component]
fn Actions(booking: BookingView) -> impl IntoView {
    let buttons = booking
        .actions
        .iter()
        .map(|action| {
            let primary = if *action == super::BookingAction::Cancel {
                "button button--danger"
            } else {
                "button"
            };
            view! {
                <form method="post" action=format!("/staff/bookings/{}/status", booking.id)>
                    <input type="hidden" name="revision" value=booking.revision.to_string() />
                    <button type="submit" class=primary name="action" value=action.slug()>{action.label()}</button>
                </form>
            }
        })
        .collect_view();
    view! { <div class="staff__actions">{buttons}</div> }
}

#[component]
fn Notes(booking: BookingView) -> impl IntoView {
    if booking.erased {
        // A save refused because the visitor erased their details meanwhile.
        return use_context::<Echo<BookingNotesForm>>()
            .map(|echo| {
                echo.set_status();
                view! { <p class="notice notice--error" role="alert">{echo.error.to_string()}</p> }
            })
            .into_any();
    }
    let echo = use_context::<Echo<BookingNotesForm>>();
    let error = echo.as_ref().map(|echo| {
        echo.set_status();
        echo.error.clone()
    });
    let typed = echo.map_or(booking.notes, |e| e.input.notes);
    let message = Signal::stored(error.as_ref().and_then(|e| e.field_message("notes")));
    view! {
        <form class="card staff-form" method="post" action=format!("/staff/bookings/{}/notes", booking.id) novalidate>
            <h2>"Notes"</h2>
            <FormSummary form="booking-notes" error=Signal::stored(error) />
            <TextAreaField id="booking-notes" name="notes" label="Notes (staff only)" rows=6 maxlength=super::MAX_NOTES hint="Erased with the visitor's details, and shown to them if they ask for their data.".into() value=typed message />
            <button type="submit" class="button button--primary">"Save notes"</button>
        </form>
    }
    .into_any()
}
