//! `backline`: the web server. Configuration comes from the environment; see README.
//!
//! `backline` serves; `backline seed --jobs N [--seed S]` adds generated jobs;
//! `backline bookings`, `outbox` and `availability` are staff commands (see `staff_cli`).

use server::{Application, Config, seed, shutdown_signal, staff_cli, telemetry};
use std::process::ExitCode;

const HELP: &str = "backline: Backline's web server and staff commands.

Usage:
  backline                       serve the site (configuration from the environment; see README.md)
  backline seed --jobs N [--seed S]
                                 add N generated jobs, the same ones for the same seed
  backline bookings [set BL-XXXX confirmed|completed|cancelled]
  backline outbox                emails waiting, sent or failed
  backline availability [close|open YYYY-MM-DD | hours mon..sun HH:MM-HH:MM,...|closed
                         | settings zone=Z slot=MIN buffer=MIN notice=MIN horizon=DAYS retention=DAYS]
  backline --help                this text
";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Before the configuration, so help and typos need no database.
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        None | Some("seed" | "bookings" | "outbox" | "availability") => {}
        Some(other) => {
            eprintln!("unknown command “{other}”\n\n{HELP}");
            return ExitCode::from(2);
        }
    }
    telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            tracing::error!("configuration: {error}");
            return ExitCode::FAILURE;
        }
    };
    match args.first().map(String::as_str) {
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
        // Serving; any other word was refused above.
        _ => {}
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
