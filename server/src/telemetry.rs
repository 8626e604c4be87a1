//! Logging: one line per event, with the request id on everything a request logs.

use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber. `RUST_LOG` sets the level (default `info`).
/// Safe to call more than once; later calls do nothing.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = fmt().with_env_filter(filter).with_target(false).try_init();
}
