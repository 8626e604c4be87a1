//! Liveness and readiness, for load balancers and orchestrators.

use crate::serve::Draining;
use app::state::AppState;
use axum::{Extension, extract::State, http::StatusCode};
use std::time::Duration;

/// The longest readiness waits for Postgres before declaring the instance unready.
const READY_DB_TIMEOUT: Duration = Duration::from_secs(2);

/// 200 while the process runs: restart me only if this fails.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 only when Postgres answers within two seconds and the server is not
/// shutting down: send me traffic only then.
pub async fn readyz(
    State(state): State<AppState>,
    Extension(draining): Extension<Draining>,
) -> (StatusCode, &'static str) {
    if draining.is_draining() {
        return (StatusCode::SERVICE_UNAVAILABLE, "not ready: shutting down");
    }
    let ping = sqlx::query_scalar!("SELECT 1 AS \"one!\"").fetch_one(&state.pool);
    match tokio::time::timeout(READY_DB_TIMEOUT, ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(error = %app::error::error_chain(&error), "not ready: database error");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: the database is unavailable",
            )
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer within 2 s");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: the database did not answer in time",
            )
        }
    }
}
