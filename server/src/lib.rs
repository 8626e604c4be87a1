//! The Backline server: configuration, start-up and the HTTP stack around
//! the Leptos app. `main.rs` is a thin wrapper; tests drive this library.

#![recursion_limit = "256"]

pub mod cli;
pub mod config;
pub mod cross_site;
pub mod health;
pub mod seed;
pub mod serve;
pub mod staff_cli;
pub mod startup;
pub mod telemetry;

pub use config::Config;
pub use startup::Application;

/// Completes on Ctrl-C or SIGTERM, starting a graceful shutdown.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received");
}
