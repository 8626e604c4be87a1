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
    pub booking: crate::booking::BookingConfig,
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
