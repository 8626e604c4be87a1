//! Configuration, read once from the environment at start-up.

use leptos::config::LeptosOptions;
use sqlx::postgres::PgConnectOptions;
use std::{net::SocketAddr, str::FromStr, time::Duration};

/// `Debug` is written by hand: the connect options hold the password.
#[derive(Clone)]
pub struct Config {
    /// Where Postgres is. Its password is never logged; see [`Config::database_summary`].
    pub database: PgConnectOptions,
    /// How long a request waits for a database connection before it gets a 503 (5 s at most).
    pub db_acquire_timeout: Duration,
    pub db_max_connections: u32,
    /// The longest a request may take before it is answered 503.
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
            db_acquire_timeout: Duration::from_millis(acquire_timeout_ms()?),
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

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database", &self.database_summary())
            .field("db_acquire_timeout", &self.db_acquire_timeout)
            .field("db_max_connections", &self.db_max_connections)
            .field("request_timeout", &self.request_timeout)
            .field("addr", &self.addr())
            .finish()
    }
}

/// A request must never wait longer than 5 s for a connection: past that it
/// is better to answer 503 and let the client retry.
fn acquire_timeout_ms() -> Result<u64, ConfigError> {
    let name = "BACKLINE_DB_ACQUIRE_TIMEOUT_MS";
    let value = env_number(name, 3_000)?;
    if (1..=5_000).contains(&value) {
        Ok(value)
    } else {
        Err(ConfigError::Invalid {
            name,
            expected: "between 1 and 5000",
            value: value.to_string(),
        })
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
