//! `backline`: the web server. Configuration comes from the environment; see README.
//!
//! `backline` serves; `backline seed --jobs N [--seed S]` adds generated jobs;
//! `backline bookings`, `outbox` and `availability` are staff commands (see `staff_cli`).

use server::{Application, Config, seed, shutdown_signal, staff_cli, telemetry};
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {}
        Some("seed") => return seed_command(&config, &args[1..]).await,
        Some(command @ ("bookings" | "outbox" | "availability")) => {
            return match staff_cli::run(&config, command, &args[1..]).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(staff_cli::StaffError::Usage(message)) => {
                    eprintln!("{message}");
                    ExitCode::from(2)
                }
                Err(error) => {
                    tracing::error!(error = %app::error::error_chain(&error), "{command} failed");
                    ExitCode::FAILURE
                }
            };
        }
        Some(other) => {
            eprintln!(
                "unknown command “{other}”; run `backline` to serve, `backline seed --jobs N`, or {}",
                staff_cli::USAGE
            );
            return ExitCode::from(2);
        }
    }
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

async fn seed_command(config: &Config, args: &[String]) -> ExitCode {
    let args = match seed::SeedArgs::parse(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match seed::run(config, &args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %app::error::error_chain(&error), "seeding failed");
            ExitCode::FAILURE
        }
    }
}
