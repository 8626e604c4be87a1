//! Configuration, read once from the environment at start-up.

use leptos::config::LeptosOptions;
use sqlx::postgres::PgConnectOptions;
use std::{net::SocketAddr, str::FromStr, time::Duration};

#[derive(Clone, Debug)]
pub struct Config {
    /// Where Postgres is. Its password is never logged; see [`Config::database_summary`].
    pub database: PgConnectOptions,
    /// How long a request waits for a database connection before it gets a 503.
    pub db_acquire_timeout: Duration,
    pub db_max_connections: u32,
    /// The longest a request may take before it is answered 408.
    pub request_timeout: Duration,
    /// Leptos's own settings; `site_addr` is where we listen.
    pub leptos: LeptosOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL is not set; point it at a Postgres database (./dev run sets one up)")]
    MissingDatabaseUrl,
    #[error("DATABASE_URL is not a valid Postgres URL: {0}")]
    InvalidDatabaseUrl(sqlx::Error),
    #[error("{name} must be {expected}, got {value:?}")]
    Invalid {
        name: &'static str,
        expected: &'static str,
        value: String,
    },
    #[error("Leptos configuration: {0}")]
    Leptos(String),
}

impl Config {
    /// Reads `DATABASE_URL`, `LEPTOS_*` and the `BACKLINE_*` tuning variables.
    pub fn from_env() -> Result<Self, ConfigError> {
        let url = std::env::var("DATABASE_URL").map_err(|_| ConfigError::MissingDatabaseUrl)?;
        let database = PgConnectOptions::from_str(&url).map_err(ConfigError::InvalidDatabaseUrl)?;
        let leptos = leptos::config::get_configuration(None)
            .map_err(|error| ConfigError::Leptos(error.to_string()))?
            .leptos_options;
        Ok(Config {
            database,
            db_acquire_timeout: Duration::from_millis(env_number(
                "BACKLINE_DB_ACQUIRE_TIMEOUT_MS",
                3_000,
            )?),
            db_max_connections: env_number("BACKLINE_DB_MAX_CONNECTIONS", 10)?,
            request_timeout: Duration::from_millis(env_number(
                "BACKLINE_REQUEST_TIMEOUT_MS",
                15_000,
            )?),
            leptos,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.leptos.site_addr
    }

    /// Host, port and database name: safe to log, unlike the URL.
    pub fn database_summary(&self) -> String {
        format!(
            "{}:{}/{}",
            self.database.get_host(),
            self.database.get_port(),
            self.database.get_database().unwrap_or("(default)")
        )
    }
}

fn env_number<T: FromStr>(name: &'static str, default: T) -> Result<T, ConfigError> {
    match std::env::var(name) {
        Err(_) => Ok(default),
        Ok(value) => value.trim().parse().map_err(|_| ConfigError::Invalid {
            name,
            expected: "a whole number",
            value,
        }),
    }
}
