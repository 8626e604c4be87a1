//! The booking's steps once the free times are known: the day links and
//! the details form with its choice of time.

use super::details::DetailsForm;
use super::picker::{DayLinks, Pick};
use super::types::{BookRequest, Calendar};
use crate::common::url_encode;
use crate::ui::form::Echo;
use leptos::prelude::*;

/// The steps, given the free times: `base` is where day links and the form
/// lead without JavaScript.
#[component]
pub fn Flow(
    calendar: Calendar,
    #[prop(into)] day: Signal<Option<String>>,
    echo: Option<Echo<BookRequest>>,
    /// What the visitor has typed so far; it outlives this flow when the
    /// zone changes and the times are loaded again.
    draft: RwSignal<BookRequest>,
    base: &'static str,
    /// Once hydrated, picking a day or zone changes the island's state.
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
        <DetailsForm calendar chosen_day gone echo draft zone base />
    }
    .into_any()
}
