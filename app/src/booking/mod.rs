//! "Book a demo lesson": availability, slots, bookings and the visitor's
//! own data.
//!
//! Read top to bottom: the form's rules (`fields`, both builds) and the
//! page's data (`types`); then, on the server only, slots, queries and the
//! emails; then the server functions below; then the views (`page`,
//! `manage`, `dialog`).

pub mod dialog;
pub mod fields;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod manage;
pub mod page;
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod slots;
#[cfg(feature = "ssr")]
pub mod staff;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

use crate::AppError;
use leptos::prelude::*;
use types::{BookRequest, Booked, BookingView, Calendar};

/// Booking settings that come from the environment rather than the database.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct BookingConfig {
    /// Requests one client address may make per action and window.
    pub rate_limit: u32,
    pub rate_window: std::time::Duration,
    /// Where the site is reached from outside, for links in emails.
    pub public_url: String,
    /// Manage tokens are HMAC-SHA256(secret, a per-booking nonce). Every
    /// instance must share it; changing it breaks links not yet emailed.
    pub secret: std::sync::Arc<[u8]>,
}

#[cfg(feature = "ssr")]
impl Default for BookingConfig {
    fn default() -> Self {
        Self {
            rate_limit: 5,
            rate_window: std::time::Duration::from_secs(600),
            public_url: "http://127.0.0.1:3000".into(),
            secret: std::sync::Arc::from(&b"a test secret that is long enough for HMAC"[..]),
        }
    }
}

/// Written by hand: the secret never reaches a log.
#[cfg(feature = "ssr")]
impl std::fmt::Debug for BookingConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BookingConfig")
            .field("rate_limit", &self.rate_limit)
            .field("rate_window", &self.rate_window)
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

/// The address the request came from. Proxies are not trusted: behind one,
/// every visitor would share its address (noted in the README).
#[cfg(feature = "ssr")]
pub async fn client_address() -> Result<std::net::IpAddr, AppError> {
    use axum::extract::ConnectInfo;
    let ConnectInfo(addr) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map_err(|error| {
            tracing::error!(%error, "no client address: serve with connect info");
            AppError::Internal
        })?;
    Ok(addr.ip())
}

/// The free times, by day, in the zone the visitor asks for.
#[server(endpoint = "booking/calendar")]
pub async fn load_calendar(zone: String) -> Result<Calendar, AppError> {
    let state = AppError::reply(crate::state::AppState::current())?;
    AppError::reply(store::calendar(&state.pool, &zone, chrono::Utc::now()).await)
}

/// Books a lesson (the browser's path, with JavaScript).
#[server(endpoint = "booking/book")]
pub async fn book_lesson(request: BookRequest) -> Result<Booked, AppError> {
    let state = AppError::reply(crate::state::AppState::current())?;
    let client = AppError::reply(client_address().await)?;
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
    AppError::reply(store::view(&state.pool, &state.booking, &token, chrono::Utc::now()).await)
}
