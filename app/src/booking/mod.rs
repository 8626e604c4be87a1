//! "Book a demo lesson": availability, slots, bookings and the visitor's
//! own data.
//!
//! Read top to bottom: the form's rules (`fields`, both builds) and the
//! page's data (`types`); then, on the server only, slots, queries and the
//! emails; then the server functions below; then the views (`picker`,
//! `details`, `page`, `manage`, `dialog`) and the page's live behaviour
//! (`live`).

mod details;
pub mod dialog;
pub mod fields;
mod live;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod manage;
pub mod page;
pub mod picker;
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod slots;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
pub mod types;
#[cfg(feature = "ssr")]
pub mod when;

use crate::AppError;
use leptos::prelude::*;
use types::{BookRequest, Booked, BookingView, Calendar};

#[cfg(feature = "ssr")]
pub use crate::state::BookingConfig;

/// The free times, by day, in the zone the visitor asks for.
#[server(endpoint = "booking/calendar")]
pub async fn load_calendar(zone: String) -> Result<Calendar, AppError> {
    let state = AppError::reply(crate::state::AppState::current())?;
    let zone = when::visitor_zone(&zone);
    AppError::reply(store::calendar(&state.pool, zone, chrono::Utc::now()).await)
}

/// Books a lesson, for API clients (the page's form posts to `/book`).
#[server(endpoint = "booking/book")]
pub async fn book_lesson(request: BookRequest) -> Result<Booked, AppError> {
    let state = AppError::reply(crate::state::AppState::current())?;
    let client = AppError::reply(crate::rate_limit::client_address().await)?;
    AppError::reply(
        store::book(
            &state.pool,
            &state.booking,
            client,
            &request,
            chrono::Utc::now(),
        )
        .await,
    )
}

/// A booking, as its manage page shows it.
#[server(endpoint = "booking/view")]
pub async fn load_booking(token: String) -> Result<BookingView, AppError> {
    let state = AppError::reply(crate::state::AppState::current())?;
    // Parsed here, so a malformed token is not found, however it is sent.
    let token = AppError::reply(types::ManageToken::parse(&token))?;
    AppError::reply(store::view(&state.pool, &state.booking, &token, chrono::Utc::now()).await)
}
