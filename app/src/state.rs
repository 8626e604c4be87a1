//! What every request handler and server function can reach.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;

/// Shared, cheap-to-clone server state. It holds no per-user data, so any
/// number of server instances can run against one database.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub booking: BookingConfig,
    /// The HTML document around the app (`crate::shell`), for plain routes
    /// that render a page: given by the host, so capabilities need not
    /// import the app above them.
    pub shell: fn(LeptosOptions) -> leptos::prelude::AnyView,
}

impl AppState {
    /// The state given to the current server function or page, as context.
    pub fn current() -> Result<Self, crate::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context: the router was not built with it");
            crate::AppError::Internal
        })
    }
}

/// Booking settings that come from the environment rather than the database.
#[derive(Clone, Debug)]
pub struct BookingConfig {
    /// Requests one client address may make per action and window.
    pub rate_limit: u32,
    pub rate_window: std::time::Duration,
    /// Where the site is reached from outside, for links in emails.
    pub public_url: String,
    /// Manage tokens are HMAC-SHA256(secret, a per-booking nonce). Every
    /// instance must share it; changing it breaks links not yet emailed.
    pub secret: secrecy::SecretSlice<u8>,
}

impl Default for BookingConfig {
    fn default() -> Self {
        Self {
            rate_limit: 5,
            rate_window: std::time::Duration::from_secs(600),
            public_url: "http://127.0.0.1:3000".into(),
            secret: b"a test secret that is long enough for HMAC"
                .to_vec()
                .into(),
        }
    }
}

impl BookingConfig {
    /// The rate limit for booking and for changing a booking.
    pub fn limit(&self) -> crate::rate_limit::Limit {
        crate::rate_limit::Limit {
            requests: self.rate_limit,
            window: self.rate_window,
        }
    }
}
