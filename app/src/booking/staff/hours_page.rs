//! `/staff/availability`: the weekly hours, the dates with their own hours,
//! and the settings, each its own plain form. A change that would leave a
//! booked lesson outside the hours is refused, naming the lessons.

use super::hours::{
    AvailabilityView, ExceptionForm, NUMBERS, RemoveExceptionForm, SettingsForm, WEEKDAYS, WeekForm,
};
use super::staff_availability;
use crate::staff::StaffMe;
use crate::staff::shell::StaffPage;
use crate::ui::ErrorPanel;
use crate::ui::form::{FormSummary, TextField, message_for as message, refused};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AvailabilityPage() -> impl IntoView {
    view! { <StaffPage title="Availability".into() page="/staff/availability".into() content=availability /> }
}

fn availability(_me: StaffMe) -> impl IntoView {
    let data = OnceResource::new(staff_availability());
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .is_some_and(|d| d == "saved");
    view! {
        <header class="staff__head"><h1>"Availability"</h1></header>
        {done.then(|| view! { <p class="notice notice--success" role="status">"Saved. The booking page offers the new times now."</p> })}
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Editor view /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(view: AvailabilityView) -> impl IntoView {
    let booked = match view.booked_ahead {
        0 => "No lessons are booked ahead.".to_owned(),
        1 => "One lesson is booked ahead: a change must keep its time.".to_owned(),
        n => format!("{n} lessons are booked ahead: a change must keep their times."),
    };
    view! {
        <p class="muted">{booked} " " <a href="/staff/bookings?status=confirmed">"See them"</a></p>
        <div class="staff-cards">
            <Week week=view.week zone=view.settings.zone.clone() />
            <Exceptions exceptions=view.exceptions />
            <Settings settings=view.settings />
        </div>
    }
}

#[component]
fn Week(week: WeekForm, zone: String) -> impl IntoView {
    let (typed, error) = match refused::<WeekForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (week, None),
    };
    let fields = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, (name, label))| {
            let value = typed.days.get(i).cloned().unwrap_or_default();
            view! { <TextField form="week" name=name label=label kind="text" autocomplete="off" value message=message(&error, name) /> }
        })
        .collect_view();
    view! {
        <form class="card staff-form" method="post" action="/staff/availability/week" novalidate>
            <h2>"Weekly hours"</h2>
            <p class="muted">{format!("In {zone}. Like 09:00-12:00, 13:00-17:00; empty or “closed” for a closed day.")}</p>
            <FormSummary form="week" error=Signal::stored(error.clone()) />
            {fields}
            <button type="submit" class="button button--primary">"Save weekly hours"</button>
        </form>
    }
}

#[component]
fn Exceptions(exceptions: Vec<(String, String)>) -> impl IntoView {
    let (typed, error) = match refused::<ExceptionForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (ExceptionForm::default(), None),
    };
    let removal = refused::<RemoveExceptionForm>().map(|(_, error)| error);
    let none = exceptions.is_empty().then(|| {
        view! { <p class="muted">"None: every date has its weekday's hours."</p> }
    });
    let rows = exceptions
        .into_iter()
        .map(|(day, hours)| {
            view! {
                <tr>
                    <th scope="row">{day.clone()}</th>
                    <td>{hours}</td>
                    <td>
                        <form method="post" action="/staff/availability/exceptions/remove">
                            <input type="hidden" name="day" value=day.clone() />
                            <button type="submit" class="button button--small" aria-label=format!("Remove {day}")>"Remove"</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card staff-form">
            <h2>"Dates with their own hours"</h2>
            {removal.map(|error| view! { <p class="notice notice--error" role="alert">{error.to_string()}</p> })}
            {none}
            {(!rows.is_empty()).then(|| view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Dates with their own hours">
                    <table class="table">
                        <thead><tr><th scope="col">"Date"</th><th scope="col">"Hours"</th><th scope="col">"Action"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
            <form method="post" action="/staff/availability/exceptions" novalidate>
                <h3>"Add a date"</h3>
                <FormSummary form="exception" error=Signal::stored(error.clone()) />
                <TextField form="exception" name="day" label="Date" kind="date" autocomplete="off" value=typed.day message=message(&error, "day") />
                <TextField form="exception" name="hours" label="Hours that day (empty: closed)" kind="text" autocomplete="off" value=typed.hours message=message(&error, "hours") />
                <button type="submit" class="button button--primary">"Save the date"</button>
            </form>
        </section>
    }
}

#[component]
fn Settings(settings: SettingsForm) -> impl IntoView {
    let (typed, error) = match refused::<SettingsForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (settings, None),
    };
    let values = [
        typed.slot.clone(),
        typed.buffer.clone(),
        typed.notice.clone(),
        typed.horizon.clone(),
        typed.retention.clone(),
    ];
    let numbers = NUMBERS
        .iter()
        .zip(values)
        .map(|(&(name, label, _, _), value)| {
            view! { <TextField form="settings" name=name label=label kind="number" autocomplete="off" value message=message(&error, name) /> }
        })
        .collect_view();
    view! {
        <form class="card staff-form" method="post" action="/staff/availability/settings" novalidate>
            <h2>"Settings"</h2>
            <FormSummary form="settings" error=Signal::stored(error.clone()) />
            <TextField form="settings" name="zone" label="Time zone of the hours (IANA, like Europe/Berlin)" kind="text" autocomplete="off" value=typed.zone message=message(&error, "zone") />
            {numbers}
            <button type="submit" class="button button--primary">"Save settings"</button>
        </form>
    }
}
