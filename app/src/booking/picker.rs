//! Choosing a time, as server HTML: the zone selector, a month with its
//! free days marked, and the chosen day's free times as radio buttons.
//! Without JavaScript the days and months are links and the zone a GET
//! form; on `/book` an island (`live.rs`) follows the same links with
//! `fetch` and swaps in the region they lead to (`#book-pick`).

use super::types::{COMMON_ZONES, Calendar, CalendarDay, CalendarMonth};
use leptos::prelude::*;

/// Where the calendar's links lead: `base` already holds a query string
/// (`/book?tz=Europe%2FLondon`); each link adds its `day`.
#[derive(Clone)]
pub struct Links {
    pub base: String,
}

impl Links {
    /// A day's link goes on to its times.
    fn day(&self, date: &str) -> String {
        format!("{}&day={date}#book-times", self.base)
    }

    /// Another month's link shows it, at its first free day.
    fn month(&self, date: &str) -> String {
        format!("{}&day={date}#book-calendar", self.base)
    }
}

/// Names the zone every time is shown in, and lets the visitor change it:
/// a GET form of its own (forms do not nest), which the island applies
/// at once once hydrated.
#[component]
pub fn ZonePicker(zone: String, day: Option<String>) -> impl IntoView {
    let mut zones: Vec<String> = COMMON_ZONES.iter().map(|z| (*z).to_owned()).collect();
    if !zones.contains(&zone) {
        zones.insert(0, zone.clone());
    }
    let options = zones
        .into_iter()
        .map(|z| {
            let (selected, name) = (z == zone, z.replace('_', " "));
            view! { <option value=z selected=selected>{name}</option> }
        })
        .collect_view();
    view! {
        <form id="book-zone-form" class="book__zone" method="get" action="/book">
            <label for="book-zone">"Times are shown in"</label>
            <select id="book-zone" name="tz">{options}</select>
            {day.map(|day| view! { <input type="hidden" name="day" value=day /> })}
            <button type="submit" class="button button--quiet js-hide">"Show times"</button>
        </form>
    }
}

/// Step 1: the month of the chosen day, its free days as links, with
/// links to the months before and after that have free days. `heading`
/// names the step where the page has steps (`/book`); elsewhere the month's
/// name labels it.
#[component]
pub fn Month(
    calendar: Calendar,
    chosen: CalendarDay,
    links: Links,
    #[prop(optional)] heading: Option<&'static str>,
) -> impl IntoView {
    let (index, month) = calendar.month_of(&chosen)?;
    let nav = |step: isize, key: &'static str, sign: &'static str| {
        let target = calendar.first_day_beyond(index, step).map(|day| {
            let label = calendar
                .month_of(day)
                .map(|(_, m)| m.label.clone())
                .unwrap_or_default();
            let words = if step < 0 {
                "Earlier month"
            } else {
                "Later month"
            };
            (links.month(&day.date), format!("{words}: {label}"))
        });
        match target {
            Some((href, label)) => view! {
                <a class="book__month-nav" href=href data-pick data-key=key aria-label=label>{sign}</a>
            }
            .into_any(),
            None => view! { <span class="book__month-nav" aria-hidden="true">{sign}</span> }.into_any(),
        }
    };
    let weeks = weeks(&calendar, month, &chosen, &links);
    Some(view! {
        <section class="book__calendar" id="book-calendar" aria-labelledby=if heading.is_some() { "book-days-title" } else { "book-month" }>
            {heading.map(|heading| view! { <h2 id="book-days-title" class="book__step">{heading}</h2> })}
            <div class="book__month-head">
                {nav(-1, "earlier", "‹")}
                <p class="book__month-name" id="book-month">{month.label.clone()}</p>
                {nav(1, "later", "›")}
            </div>
            <table class="book__days" aria-labelledby="book-month">
                <thead>
                    <tr>
                        {["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
                            .map(|day| view! { <th scope="col" abbr=day>{&day[..2]}</th> })}
                    </tr>
                </thead>
                <tbody>{weeks}</tbody>
            </table>
        </section>
    })
}

/// The month's rows: a free day is a link saying how many times it has;
/// any other day is its number, muted.
fn weeks(
    calendar: &Calendar,
    month: &CalendarMonth,
    chosen: &CalendarDay,
    links: &Links,
) -> impl IntoView + use<> {
    let cell = |date: u8| {
        let key = format!("{}-{date:02}", month.key);
        let is_today = key == calendar.today;
        let today = is_today.then_some("book__today");
        let said_today =
            is_today.then_some(view! { <span class="visually-hidden">" (today)"</span> });
        match calendar.days.iter().find(|d| d.date == key) {
            Some(day) => {
                let count = day.slots.len();
                let label = format!(
                    "{}: {count} free time{}",
                    day.label,
                    if count == 1 { "" } else { "s" }
                );
                let current = (day.date == chosen.date).then_some("true");
                view! {
                    <td class=today>
                        <a href=links.day(&day.date) data-pick data-day=day.date.clone() aria-current=current aria-label=label>
                            {date}
                        </a>
                    </td>
                }
                .into_any()
            }
            None => {
                view! { <td class=today><span class="book__no-day">{date}{said_today}</span></td> }
                    .into_any()
            }
        }
    };
    let mut cells: Vec<Option<u8>> = vec![None; usize::from(month.first_weekday)];
    cells.extend((1..=month.length).map(Some));
    // Always six weeks: every month is as tall, so turning one moves
    // nothing below it. A week with no day of the month is only space.
    cells.resize(cells.len().max(6 * 7), None);
    cells
        .chunks(7)
        .map(|week| {
            if week.iter().all(Option::is_none) {
                let blanks = (0..7)
                    .map(|_| view! { <td><span class="book__blank"></span></td> })
                    .collect_view();
                return view! { <tr aria-hidden="true">{blanks}</tr> }.into_any();
            }
            let days = week
                .iter()
                .map(|date| match date {
                    Some(date) => cell(*date),
                    None => view! { <td></td> }.into_any(),
                })
                .collect_view();
            view! { <tr>{days}</tr> }.into_any()
        })
        .collect_view()
}

/// Step 2: the free times of the chosen day, as radio buttons. A time at
/// night where the visitor is says so. `step` numbers the legend where the
/// page has steps (`/book`).
#[component]
pub fn Times(
    #[prop(optional)] step: Option<&'static str>,
    day: CalendarDay,
    zone: String,
    lesson_minutes: u32,
    /// The time already chosen (after a refused post).
    picked: Option<String>,
    message: Option<String>,
) -> impl IntoView {
    let any_night = day.slots.iter().any(|s| s.night);
    let hint = format!(
        "{lesson_minutes}-minute lessons. Times in {}.{}",
        zone.replace('_', " "),
        if any_night {
            " Times marked night start before 07:00 or from 22:00 on there."
        } else {
            ""
        }
    );
    let invalid = message.is_some().to_string();
    let slots = day
        .slots
        .into_iter()
        .map(|slot| {
            let checked = picked.as_deref() == Some(slot.id.as_str());
            let class = if slot.night { "book__slot book__slot--night" } else { "book__slot" };
            view! {
                <label class=class>
                    <input type="radio" name="slot" value=slot.id checked=checked aria-invalid=invalid.clone() />
                    <span><span class="book__slot-time">{slot.time}</span>{slot.night.then_some(view! { <small>" night"</small> })}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="book__times" id="book-times" aria-describedby="book-slot-error book-times-hint">
            <legend class="book__step">{format!("{}Pick a time on {}", step.unwrap_or_default(), day.label)}</legend>
            <p id="book-times-hint" class="hint">{hint}</p>
            <p id="book-slot-error" class="field__error">{message}</p>
            <div class="book__slots">{slots}</div>
        </fieldset>
    }
}
