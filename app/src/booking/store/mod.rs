//! The booking queries (server only): availability in, bookings out, and
//! every change written together with the email that reports it.
//!
//! The database has the last word on the guarantees: the exclusion
//! constraint `bookings_no_overlap` refuses a second booking of a slot,
//! `bookings_token_unique` a second booking from one submission.

mod availability;
mod book;
mod housekeeping;
mod manage;
mod your_data;

pub use availability::{Settings, calendar, load_settings};
pub use book::book;
pub use housekeeping::{housekeeping, run_housekeeping};
/// For the staff area's booking pages, which change bookings by id.
pub(in crate::booking) use manage::{Row, cancel_row, row_by_id};
pub use manage::{cancel, erase, reschedule};
pub use your_data::{export, ics, view};
