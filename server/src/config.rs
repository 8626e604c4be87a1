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
    #[error("{name} must be a whole number in {range}, got {value:?}")]
    Invalid {
        name: &'static str,
        value: String,
        range: String,
    },
    #[error("Leptos configuration: {0}")]
    Leptos(String),
}

impl Config {
    /// Reads `DATABASE_URL`, `LEPTOS_*` and the `BACKLINE_*` tuning variables.
    pub fn from_env() -> Result<Self, ConfigError> {
        let leptos = leptos::config::get_configuration(None)
            .map_err(|error| ConfigError::Leptos(error.to_string()))?
            .leptos_options;
        Self::from_lookup(|name| std::env::var(name).ok(), leptos)
    }

    /// Builds the configuration from any source of variables (tests use a table).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
        leptos: LeptosOptions,
    ) -> Result<Self, ConfigError> {
        let url = lookup("DATABASE_URL").ok_or(ConfigError::MissingDatabaseUrl)?;
        let database = PgConnectOptions::from_str(&url).map_err(ConfigError::InvalidDatabaseUrl)?;
        let number = |name: &'static str, default: u64, range: std::ops::RangeInclusive<u64>| {
            let Some(value) = lookup(name) else {
                return Ok(default);
            };
            match value.trim().parse::<u64>() {
                Ok(number) if range.contains(&number) => Ok(number),
                _ => Err(ConfigError::Invalid {
                    name,
                    value,
                    range: format!("{}..={}", range.start(), range.end()),
                }),
            }
        };
        Ok(Config {
            database,
            // Never past 5 s: better a quick 503 the client can retry than a hang.
            db_acquire_timeout: Duration::from_millis(number(
                "BACKLINE_DB_ACQUIRE_TIMEOUT_MS",
                3_000,
                1..=5_000,
            )?),
            db_max_connections: number("BACKLINE_DB_MAX_CONNECTIONS", 10, 1..=1_000)? as u32,
            request_timeout: Duration::from_millis(number(
                "BACKLINE_REQUEST_TIMEOUT_MS",
                15_000,
                100..=600_000,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const URL: &str = "postgres://backline:s3cret-pass@db.internal:5433/backline";

    fn config_from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = pairs
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        Config::from_lookup(
            |name| vars.get(name).cloned(),
            LeptosOptions::builder().output_name("backline").build(),
        )
    }

    #[test]
    fn defaults_apply_when_only_the_database_is_given() {
        let config = config_from(&[("DATABASE_URL", URL)]).unwrap();

        assert_eq!(config.db_acquire_timeout, Duration::from_secs(3));
        assert_eq!(config.db_max_connections, 10);
        assert_eq!(config.database_summary(), "db.internal:5433/backline");
    }

    #[test]
    fn bad_settings_are_refused_with_a_message_naming_the_variable() {
        let cases = [
            (vec![], "DATABASE_URL"),
            (vec![("DATABASE_URL", "not a url")], "DATABASE_URL"),
            (
                vec![
                    ("DATABASE_URL", URL),
                    ("BACKLINE_DB_ACQUIRE_TIMEOUT_MS", "6000"),
                ],
                "BACKLINE_DB_ACQUIRE_TIMEOUT_MS",
            ),
            (
                vec![
                    ("DATABASE_URL", URL),
                    ("BACKLINE_DB_ACQUIRE_TIMEOUT_MS", "0"),
                ],
                "BACKLINE_DB_ACQUIRE_TIMEOUT_MS",
            ),
            (
                vec![
                    ("DATABASE_URL", URL),
                    ("BACKLINE_DB_ACQUIRE_TIMEOUT_MS", "soon"),
                ],
                "BACKLINE_DB_ACQUIRE_TIMEOUT_MS",
            ),
            (
                vec![("DATABASE_URL", URL), ("BACKLINE_DB_MAX_CONNECTIONS", "-1")],
                "BACKLINE_DB_MAX_CONNECTIONS",
            ),
            (
                vec![("DATABASE_URL", URL), ("BACKLINE_REQUEST_TIMEOUT_MS", "")],
                "BACKLINE_REQUEST_TIMEOUT_MS",
            ),
        ];
        for (vars, named) in cases {
            let error = config_from(&vars).expect_err(&format!("{vars:?} was accepted"));
            assert!(error.to_string().contains(named), "{vars:?}: {error}");
        }
    }

    #[test]
    fn the_password_never_appears_in_debug_output_or_errors() {
        let config = config_from(&[("DATABASE_URL", URL)]).unwrap();
        let refusals = [
            config_from(&[("DATABASE_URL", URL), ("BACKLINE_DB_MAX_CONNECTIONS", "x")])
                .unwrap_err(),
            config_from(&[(
                "DATABASE_URL",
                "postgres://backline:s3cret-pass@db:port/backline",
            )])
            .unwrap_err(),
            config_from(&[(
                "DATABASE_URL",
                "postgres://backline:s3cret-pass@db:5432/backline?sslmode=maybe",
            )])
            .unwrap_err(),
        ];

        assert!(!format!("{config:?}").contains("s3cret"));
        for refused in refusals {
            assert!(!refused.to_string().contains("s3cret"), "{refused}");
        }
    }
}
