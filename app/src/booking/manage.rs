//! `/booking/{token}`: the confirmation, and everything the visitor can do
//! with the booking afterwards: add it to a calendar, move it, cancel it,
//! see every field we store, download it, erase it.
//!
//! Each change is a plain form posted to this URL, so it works the same
//! with and without JavaScript: the server answers with a redirect back
//! here (`?done=cancelled`) or this page again with what went wrong.

use super::picker::{Links, Month, Times};
use super::types::{BookingView, Calendar, ManageAction, ManageForm};
use super::{load_booking, load_calendar};
use crate::AppError;
use crate::common::url_encode;
use crate::ui::PageTitle;
use crate::ui::form::{Echo, FormSummary, use_echo};
use crate::ui::{CopyField, ErrorPanel};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ManagePage() -> impl IntoView {
    crate::ui::private_page();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let query = use_query_map();
    let flag = move |name: &str| query.read().get(name);
    let booking = OnceResource::new(load_booking(token.clone()));
    let echo = use_echo::<ManageForm>();
    // The free times, only while the visitor is choosing a new one.
    let moving = Memo::new(move |_| {
        flag("move")
            .is_some()
            .then(|| flag("tz").unwrap_or_default())
    });
    let calendar = Resource::new(
        move || moving.get(),
        |zone| async move {
            match zone {
                Some(zone) => Some(load_calendar(zone).await),
                None => None,
            }
        },
    );
    let token = StoredValue::new(token);

    view! {
        <PageTitle text="Your demo lesson — Backline" />
        <Meta name="robots" content="noindex" />
        <section class="page booking">
            <Suspense fallback=|| view! { <p class="loading" role="status">"Loading your booking…"</p> }>
                {move || Suspend::new(async move {
                    let echo = echo.await;
                    match booking.await {
                        Ok(view) => view! {
                            <Booking
                                view
                                token=token.get_value()
                                echo
                                calendar
                                day=Signal::derive(move || flag("day"))
                                asking_to_cancel=Signal::derive(move || flag("cancel").is_some())
                            />
                        }
                        .into_any(),
                        Err(AppError::NotFound) => view! { <UnknownLink /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A wrong, mistyped or made-up link: a 404 that says nothing about
/// whether such a booking exists.
#[component]
fn UnknownLink() -> impl IntoView {
    #[cfg(feature = "ssr")]
    AppError::NotFound.set_response_status();
    view! {
        <h1>"This booking link does not work"</h1>
        <p>
            "Please copy the whole link from your confirmation email. If the lesson was erased or the link is old, "
            <a href="/book">"book a new lesson"</a>
            "."
        </p>
    }
}

#[component]
fn Booking(
    view: BookingView,
    token: String,
    echo: Option<Echo<ManageForm>>,
    calendar: Resource<Option<Result<Calendar, AppError>>>,
    day: Signal<Option<String>>,
    asking_to_cancel: Signal<bool>,
) -> impl IntoView {
    if let Some(echo) = &echo {
        echo.set_status();
    }
    let query = use_query_map().read_untracked();
    let booked = query.get("booked").is_some();
    let done = query.get("done");
    let error = RwSignal::new(echo.map(|e| e.error));
    let base = format!("/booking/{token}");
    let heading = if booked && view.status == "confirmed" {
        "Your demo lesson is booked"
    } else {
        "Your demo lesson"
    };
    let done_text = done.and_then(|done| match done.as_str() {
        "cancelled" => Some("Your lesson is cancelled. We have emailed you to confirm."),
        "moved" => Some("Your lesson has a new time. We have emailed you the details."),
        "erased" => Some("Your personal details are erased. Only the time of the lesson remains, with no name attached."),
        _ => None,
    });
    let changeable = view.changeable;
    view! {
        <h1>{heading}</h1>
        {done_text.map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
        <FormSummary form="manage" error />
        <div class="booking__top">
            <Lesson view=view.clone() base=base.clone() booked />
            {changeable.then(|| view! { <NextSteps /> })}
        </div>
        {changeable.then(|| view! {
            <Move base=base.clone() zone=view.zone.clone() calendar day />
            <Cancel base=base.clone() asking=asking_to_cancel />
        })}
        <YourData view base />
    }
}

/// The lesson itself: reference, times, calendar file.
#[component]
fn Lesson(view: BookingView, base: String, booked: bool) -> impl IntoView {
    let status = match view.status.as_str() {
        "confirmed" => "Confirmed",
        "pending" => "Waiting for confirmation",
        "cancelled" => "Cancelled",
        "completed" => "Took place",
        other => other,
    }
    .to_owned();
    view! {
        <div class="booking__card">
            <p class="booking__reference">
                "Reference "<strong data-reference>{view.reference}</strong>
            </p>
            <p class="booking__status">{status}</p>
            <p class="booking__when">{view.when_local}<span class="booking__zone">{format!(" ({})", view.zone.replace('_', " "))}</span></p>
            <p class="booking__utc">{view.when_utc}</p>
            <ul class="booking__calendars" aria-label="Add it to your calendar">
                <li>
                    <a class="button" href=format!("{base}/lesson.ics") download="backline-demo-lesson.ics" rel="external">
                        "Add to calendar (.ics)"
                    </a>
                </li>
                <li><a class="button button--secondary" href=view.add_to_calendar.google rel="external noopener" target="_blank">"Google Calendar"</a></li>
                <li><a class="button button--secondary" href=view.add_to_calendar.outlook rel="external noopener" target="_blank">"Outlook"</a></li>
            </ul>
            <CopyField>
                <div class="field">
                    <label for="manage-link">"Your link to this booking"</label>
                    <div class="copy-field__row">
                        <input id="manage-link" type="text" readonly value=format!("{}{base}", view.public_url) aria-describedby="manage-link-hint" />
                        <button type="button" class="button copy-field__button" data-copy="manage-link">"Copy link"</button>
                    </div>
                    <p id="manage-link-hint" class="hint">
                        {if booked { "Keep it: it is how you move or cancel the lesson, and your confirmation email has it too. " } else { "" }}
                        "Anyone with it can change the booking. We store only a fingerprint of it, so we cannot look it up for you."
                    </p>
                </div>
            </CopyField>
        </div>
    }
}

/// What the visitor does now, in order, each with where on this page.
#[component]
fn NextSteps() -> impl IntoView {
    view! {
        <section class="next-steps" aria-labelledby="next-title">
            <h2 id="next-title">"What happens next"</h2>
            <ol class="steps">
                <li>
                    <strong>"Check your email."</strong>
                    " We send a confirmation with this page's link; "
                    <a href="#your-data-title">"Your data"</a>
                    " below says when it left."
                </li>
                <li><strong>"Put it in your calendar"</strong>" with one of the buttons above, so the time cannot slip by."</li>
                <li>
                    <strong>"Plans changed?"</strong>" "
                    <a href="#move">"Move the lesson"</a>" or "<a href="#cancel">"cancel it"</a>
                    " here, any time before it starts."
                </li>
            </ol>
        </section>
    }
}

/// Cancelling takes two steps, with and without JavaScript: a link that
/// asks (`?cancel=1`), then the form that cancels.
#[component]
fn Cancel(base: String, asking: Signal<bool>) -> impl IntoView {
    let ask_href = format!("{base}?cancel=1#cancel");
    view! {
        <section class="booking__cancel" id="cancel" aria-label="Cancel the lesson">
            {move || if asking.get() {
                view! {
                    <div class="confirm" role="group" aria-labelledby="cancel-question">
                        <p id="cancel-question"><strong>"Cancel this lesson?"</strong>" Its time goes back to others, and this cannot be undone. We will email you to confirm."</p>
                        <form method="post" action=base.clone()>
                            <input type="hidden" name="action" value=ManageAction::Cancel.as_str() />
                            <input type="hidden" name="confirm" value="yes" />
                            <button type="submit" class="button button--danger">"Yes, cancel the lesson"</button>
                            " "
                            <a class="button button--secondary" href=base.clone()>"Keep my lesson"</a>
                        </form>
                    </div>
                }
                .into_any()
            } else {
                view! { <a class="button button--danger" href=ask_href.clone()>"Cancel the lesson"</a> }.into_any()
            }}
        </section>
    }
}

/// Choosing a new time: days as links, that day's times as a form.
#[component]
fn Move(
    base: String,
    zone: String,
    calendar: Resource<Option<Result<Calendar, AppError>>>,
    day: Signal<Option<String>>,
) -> impl IntoView {
    let open_href = format!("{base}?move=1&tz={}#move", url_encode(&zone));
    view! {
        <section class="booking__move" id="move" aria-labelledby="move-title">
            <h2 id="move-title">"Move to another time"</h2>
            <Suspense>
                {move || {
                    let (base, open_href) = (base.clone(), open_href.clone());
                    Suspend::new(async move {
                        match calendar.await {
                            None => view! { <p><a href=open_href>"Show free times"</a></p> }.into_any(),
                            Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
                            Some(Ok(calendar)) => view! { <MoveChoice calendar base day /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn MoveChoice(calendar: Calendar, base: String, day: Signal<Option<String>>) -> impl IntoView {
    let Some(chosen) = calendar.day(day.get_untracked().as_deref()).cloned() else {
        return view! { <p>"There are no other free times in the next weeks."</p> }.into_any();
    };
    let zone = calendar.zone.clone();
    let minutes = calendar.lesson_minutes;
    let links = Links {
        base: format!("{base}?move=1&tz={}", url_encode(&zone)),
    };
    view! {
        <form class="book__pick" method="post" action=base>
            <input type="hidden" name="action" value=ManageAction::Reschedule.as_str() />
            <input type="hidden" name="tz" value=zone.clone() />
            <input type="hidden" name="day" value=chosen.date.clone() />
            <Month calendar chosen=chosen.clone() links />
            <Times day=chosen zone lesson_minutes=minutes picked=None message=None />
            <button type="submit" class="button button--primary">"Move my lesson to this time"</button>
        </form>
    }
    .into_any()
}

/// "Where does your data end up?": every stored field, who sees it, how
/// long it stays, an export, and erasure.
#[component]
fn YourData(view: BookingView, base: String) -> impl IntoView {
    view! {
        <section class="your-data" aria-labelledby="your-data-title">
            <h2 id="your-data-title">"Your data"</h2>
            <details class="your-data__stored">
                <summary>"Everything we store about you for this booking, as it is stored"</summary>
                <dl class="your-data__fields">
                    {view.stored.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
            </details>
            <h3>"Emails about this booking"</h3>
            <ul>
                {view.emails.into_iter().map(|(kind, state)| view! { <li>{format!("{kind}: {state}")}</li> }).collect_view()}
            </ul>
            <h3>"Who can see it"</h3>
            <p>"Backline staff who arrange demo lessons, and you, through this link. We do not share it with employers or anyone else. Your connection's IP address is kept for up to a day to stop abuse, and is not linked to the booking."</p>
            <h3>"How long we keep it"</h3>
            <p>{format!("Until {} ({} days after the lesson). Then your name, email, phone and note are erased automatically.", view.kept_until, view.retention_days)}</p>
            <p>
                <a class="button" href=format!("{base}/data.json") download="backline-my-data.json" rel="external">"Download my data (JSON)"</a>
            </p>
            {(!view.erased).then(|| view! {
                <form class="your-data__erase" method="post" action=base>
                    <input type="hidden" name="action" value=ManageAction::Erase.as_str() />
                    <div class="field field--check">
                        <input id="erase-confirm" type="checkbox" name="confirm" required />
                        <label for="erase-confirm">"I understand that erasing cancels a lesson still ahead, and cannot be undone."</label>
                    </div>
                    <button type="submit" class="button button--danger">"Erase my data"</button>
                </form>
            })}
        </section>
    }
}
