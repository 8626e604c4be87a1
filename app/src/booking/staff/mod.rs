//! The back office's bookings and opening hours: `/staff/bookings` (tabs
//! by status, search, sorting, CSV), one booking's page (confirm, cancel
//! with the visitor emailed, mark completed, notes) and
//! `/staff/availability`. `backline bookings` and `backline availability`
//! call the same queries.
//!
//! Read top to bottom: the list's and the forms' types (both builds), the
//! server functions, then `queries` and `availability` (server only),
//! `hours` (the availability forms), the views (`page`, `hours_page`) and
//! the plain routes.

#[cfg(feature = "ssr")]
mod availability;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod hours;
pub mod hours_page;
pub mod page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod routes;

#[cfg(feature = "ssr")]
pub use availability::{
    Availability, Change, OpeningHours, Setting, Weekday, availability, change_availability,
    parse_day, set_day_closed, set_weekday_hours, update_settings,
};
#[cfg(feature = "ssr")]
pub use queries::{
    LessonLine, StaffBooking, StaffStatus, bookings_from, lessons_this_week, set_status,
};

use crate::AppError;
use crate::common::options::options;
use crate::ui::form::{FieldCheck, FormInput};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

options!(
    /// Where a booking is.
    BookingStatus, "booking_status", "status" {
        Pending = "pending", "Pending";
        Confirmed = "confirmed", "Confirmed";
        Completed = "completed", "Completed";
        Cancelled = "cancelled", "Cancelled";
    }
);

options!(
    /// The list's order: by the lesson's time or by when it was booked,
    /// either way round. A column header's link switches it.
    BookingSort, "booking_sort", "sort" {
        Lesson = "lesson", "Lesson, soonest first";
        LessonDesc = "-lesson", "Lesson, latest first";
        Booked = "booked", "Booked, oldest first";
        BookedDesc = "-booked", "Booked, newest first";
    }
);

impl BookingSort {
    /// What a list shows unless asked: lessons still to come soonest
    /// first, past ones newest first.
    pub fn default_for(status: Option<BookingStatus>) -> Self {
        match status {
            Some(BookingStatus::Pending | BookingStatus::Confirmed) => BookingSort::Lesson,
            _ => BookingSort::LessonDesc,
        }
    }
}

/// Notes on a booking: at most this many characters.
pub const MAX_NOTES: usize = 4000;

/// A booking in the list. Times are in the staff zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRow {
    pub id: i64,
    pub reference: String,
    pub lesson: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: BookingStatus,
    pub booked: String,
}

/// What the list was asked for, as its URL says it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingQuery {
    pub status: Option<BookingStatus>,
    pub q: String,
    pub sort: Option<BookingSort>,
    pub page: i64,
}

impl BookingQuery {
    /// From the URL's `status`, `q`, `sort` and `page`; anything unknown
    /// is left out rather than refused.
    pub fn parse(field: impl Fn(&str) -> Option<String>) -> Self {
        BookingQuery {
            status: field("status").and_then(|s| BookingStatus::from_slug(&s)),
            q: field("q")
                .unwrap_or_default()
                .trim()
                .chars()
                .take(100)
                .collect(),
            sort: field("sort").and_then(|s| BookingSort::from_slug(&s)),
            page: field("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    pub fn sort(&self) -> BookingSort {
        self.sort
            .unwrap_or_else(|| BookingSort::default_for(self.status))
    }

    /// This list's address with a change: `/staff/bookings?status=…`.
    pub fn href(&self, path: &str) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        pairs.append_pair("status", self.status.map_or("", BookingStatus::slug));
        if !self.q.is_empty() {
            pairs.append_pair("q", &self.q);
        }
        if let Some(sort) = self.sort {
            pairs.append_pair("sort", sort.slug());
        }
        if self.page > 1 {
            pairs.append_pair("page", &self.page.to_string());
        }
        format!("{path}?{}", pairs.finish())
    }
}

/// A page of bookings, how many match, and counts per status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingList {
    pub rows: Vec<BookingRow>,
    pub total: i64,
    pub counts: Vec<(BookingStatus, i64)>,
    pub zone: String,
}

/// One booking, whole, with what staff may do with it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub reference: String,
    /// The lesson in the staff zone, and in the visitor's.
    pub lesson: String,
    pub lesson_visitor: String,
    pub zone: String,
    pub visitor_zone: String,
    pub status: BookingStatus,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub topic: Option<String>,
    pub notes: String,
    pub booked: String,
    pub erased: bool,
    pub revision: i32,
    /// The buttons this booking has now.
    pub actions: Vec<BookingAction>,
    /// Its emails: what, and where each is.
    pub emails: Vec<(String, String)>,
}

options!(
    /// What staff can do to a booking: confirm a pending one, cancel one
    /// still ahead (the visitor is emailed), mark one completed once it
    /// has begun.
    BookingAction, "booking_action", "action" {
        Confirm = "confirm", "Confirm";
        Cancel = "cancel", "Cancel and email the visitor";
        Complete = "complete", "Mark completed";
    }
);

/// A status button's form: the action and the revision it was seen at,
/// so a booking changed meanwhile (moved by its visitor, say) is not
/// changed blind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookingActionForm {
    pub action: String,
    pub revision: String,
}

impl FormInput for BookingActionForm {
    type Valid = (BookingAction, i32);
    const FIELDS: &'static [&'static str] = &["action"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        BookingActionForm {
            action: field("action"),
            revision: field("revision"),
        }
    }

    fn validate(&self) -> Result<(BookingAction, i32), AppError> {
        let action = BookingAction::from_slug(&self.action).ok_or_else(|| {
            AppError::BadRequest("Confirm, cancel or mark completed: nothing else.".into())
        })?;
        let revision = self.revision.parse::<i32>().map_err(|_| {
            AppError::BadRequest(
                "The form lost track of the booking's revision: open the booking again.".into(),
            )
        })?;
        Ok((action, revision))
    }
}

/// Staff's notes on a booking, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookingNotesForm {
    pub notes: String,
}

impl FormInput for BookingNotesForm {
    type Valid = Option<String>;
    const FIELDS: &'static [&'static str] = &["notes"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        BookingNotesForm {
            notes: field("notes"),
        }
    }

    /// The notes trimmed, or none when blank.
    fn validate(&self) -> Result<Option<String>, AppError> {
        let mut check = FieldCheck::default();
        let notes = check
            .field(
                "notes",
                crate::common::text::staff_notes(&self.notes, MAX_NOTES),
            )
            .map(|notes| (!notes.is_empty()).then_some(notes));
        notes.ok_or_else(|| check.into_error())
    }
}

/// A page of bookings: `status` and `sort` slugs or empty, `q` a
/// reference, name or email (or part of one), `page` from 1.
#[server(endpoint = "staff/bookings")]
pub async fn staff_bookings(
    status: String,
    q: String,
    sort: String,
    page: i64,
) -> Result<BookingList, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let query = BookingQuery::parse(|name| {
        Some(match name {
            "status" => status.clone(),
            "q" => q.clone(),
            "sort" => sort.clone(),
            _ => page.to_string(),
        })
    });
    AppError::reply(queries::list(&pool, &query).await)
}

/// One booking; 404 when there is none.
#[server(endpoint = "staff/booking")]
pub async fn load_staff_booking(id: i64) -> Result<BookingView, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::one(&pool, id, chrono::Utc::now()).await)
}

/// The availability editor's data.
#[server(endpoint = "staff/availability")]
pub async fn staff_availability() -> Result<hours::AvailabilityView, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(availability::editor(&pool).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_address_keeps_its_filters_and_leaves_out_what_is_unknown() {
        let parse = |pairs: &[(&str, &str)]| {
            BookingQuery::parse(|name| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            })
        };
        let query = parse(&[("status", "confirmed"), ("q", " Ada & co "), ("page", "3")]);
        assert_eq!(query.sort(), BookingSort::Lesson);
        assert_eq!(
            query.href("/staff/bookings"),
            "/staff/bookings?status=confirmed&q=Ada+%26+co&page=3"
        );
        let odd = parse(&[("status", "lost"), ("sort", "random"), ("page", "-2")]);
        assert_eq!(
            odd,
            BookingQuery {
                page: 1,
                ..BookingQuery::default()
            }
        );
        assert_eq!(odd.sort(), BookingSort::LessonDesc);
    }

    #[test]
    fn booking_notes_are_trimmed_and_limited_and_blank_means_none() {
        let notes = |text: &str| BookingNotesForm { notes: text.into() }.validate();
        assert_eq!(
            notes("  Wants Rust async.  ").unwrap().as_deref(),
            Some("Wants Rust async.")
        );
        assert_eq!(notes("   ").unwrap(), None);
        let refused = [
            ("x".repeat(MAX_NOTES + 1), "Shorten"),
            ("bell\u{7}".to_owned(), "control characters"),
        ];
        for (text, expected) in refused {
            let error = notes(&text).unwrap_err();
            assert!(
                error.field_message("notes").unwrap().contains(expected),
                "{text:?}: {error:?}"
            );
        }
    }

    #[test]
    fn a_status_button_needs_a_known_action_and_the_revision_it_saw() {
        let form = |action: &str, revision: &str| BookingActionForm {
            action: action.into(),
            revision: revision.into(),
        };
        assert_eq!(
            form("cancel", "2").validate().unwrap(),
            (BookingAction::Cancel, 2)
        );
        for (action, revision) in [("delete", "1"), ("cancel", ""), ("confirm", "two")] {
            assert!(
                form(action, revision).validate().is_err(),
                "{action} {revision}"
            );
        }
    }
}
