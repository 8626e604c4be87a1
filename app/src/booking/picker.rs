//! Choosing a time: the zone selector, the day links and the radio group
//! of free times. Plain GET forms and links without JavaScript; once
//! hydrated they change the live steps' state (on `/book`, the URL follows).

use super::types::{COMMON_ZONES, Calendar, CalendarDay};
use crate::browser::Navigator;
use crate::common::url_encode;
use leptos::prelude::*;

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
    let navigate = Navigator::new();
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
        navigate.open(&href);
    };
    let options = move || {
        let current = zone.get();
        let mut zones: Vec<String> = COMMON_ZONES.iter().map(|z| (*z).to_owned()).collect();
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

/// The zone the selector shows for what the URL asks: its current name,
/// or UTC when it asks for none.
pub fn shown_zone(asked: &str) -> String {
    match asked.trim() {
        "" => "UTC".to_owned(),
        name => super::types::canonical_zone(name).to_owned(),
    }
}

/// What the live steps do instead of following a link.
#[derive(Clone, Copy)]
pub struct Pick {
    pub day: Callback<String>,
    pub zone: Callback<String>,
}
