//! `backline`: the web server. Configuration comes from the environment; see README.
//!
//! `backline` serves; `backline seed --jobs N [--seed S]` adds generated jobs;
//! `backline bookings`, `outbox` and `availability` are staff commands. The
//! command line is defined in `cli`; `backline --help` prints it.

use clap::Parser;
use server::cli::{Cli, Command};
use server::{Application, Config, seed, shutdown_signal, staff_cli, telemetry};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // Before the configuration, so help and typos need no database; clap
    // exits 0 for help and 2 for what it cannot read.
    let cli = Cli::parse();
    telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            tracing::error!("configuration: {error}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Some(Command::Seed(args)) => return seed_command(&config, &args).await,
        Some(Command::Staff(command)) => {
            return match staff_cli::run(&config, command).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(staff_cli::StaffError::Usage(message)) => {
                    eprintln!("{message}");
                    ExitCode::from(2)
                }
                Err(error) => {
                    tracing::error!(error = %app::error::error_chain(&error), "staff command failed");
                    ExitCode::FAILURE
                }
            };
        }
        None => {}
    }
    if config.random_secret {
        tracing::warn!(
            "BACKLINE_SECRET is not set: using a random one for this process. Set it (and share it between instances), or manage links in emails sent after a restart will not work"
        );
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
    // A second Ctrl-C or SIGTERM skips the grace and drain periods.
    let shutdown = async {
        shutdown_signal().await;
        tokio::spawn(async {
            shutdown_signal().await;
            tracing::warn!("second shutdown signal: exiting without draining");
            std::process::exit(130);
        });
    };
    match application.run_until_stopped(shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server failed");
            ExitCode::FAILURE
        }
    }
}

async fn seed_command(config: &Config, args: &seed::SeedArgs) -> ExitCode {
    match seed::run(config, args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %app::error::error_chain(&error), "seeding failed");
            ExitCode::FAILURE
        }
    }
}
