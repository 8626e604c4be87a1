//! `backline`: the web server. Configuration comes from the environment; see README.

use server::{Application, Config, shutdown_signal, telemetry};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            tracing::error!("configuration: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(database = %config.database_summary(), "starting");
    let application = match Application::build(config.clone()).await {
        Ok(application) => application,
        Err(error) => {
            tracing::error!(error = %app::error::error_chain(&error), "could not start");
            return ExitCode::FAILURE;
        }
    };
    let addr = config.addr();
    tracing::info!("listening on http://{}:{}", addr.ip(), application.port());
    match application.run_until_stopped(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server failed");
            ExitCode::FAILURE
        }
    }
}
