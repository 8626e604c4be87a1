//! Configuration, read once from the environment at start-up.

use app::outbox::{SmtpConfig, SmtpSecurity};
use leptos::config::LeptosOptions;
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use sqlx::postgres::PgConnectOptions;
use std::{net::SocketAddr, str::FromStr, time::Duration};

/// Everything secret in it (the database URL, `BACKLINE_SECRET`, the SMTP
/// password) is a `secrecy` secret, so its `Debug` is safe to log.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where Postgres is.
    pub database: Database,
    /// How long a request waits for a database connection before it gets a 503 (5 s at most).
    pub db_acquire_timeout: Duration,
    pub db_max_connections: u32,
    /// The longest a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Leptos's own settings; `site_addr` is where we listen.
    pub leptos: LeptosOptions,
    /// Rate limits and the public address for links in emails.
    pub booking: app::booking::BookingConfig,
    /// Where emails go; without `BACKLINE_SMTP_HOST` they wait in the outbox.
    pub smtp: Option<SmtpConfig>,
    /// How often past lessons are marked completed and old details erased.
    pub housekeeping_every: Duration,
    /// Silent connections, and how shutdown drains.
    pub timeouts: crate::serve::Timeouts,
    /// `BACKLINE_SECRET` was unset, so the booking secret is random.
    pub random_secret: bool,
    /// The staff session cookie: `__Host-`, Secure, unless
    /// `BACKLINE_STAFF_COOKIE_INSECURE=1` says the site is plain http on
    /// loopback (`./dev run` and the browser tests; never by default).
    pub staff_cookie: app::staff::auth::CookiePolicy,
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
    #[error("{name} must be one of {allowed}, got {value:?}")]
    NotOneOf {
        name: &'static str,
        value: String,
        allowed: &'static str,
    },
    #[error("BACKLINE_SECRET must be at least 32 characters long (say, 64 random hex digits)")]
    WeakSecret,
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
        let database = Database::parse(&url)?;
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
        let text = |name: &str, default: &str| lookup(name).unwrap_or_else(|| default.to_owned());
        let booking = app::booking::BookingConfig {
            rate_limit: number("BACKLINE_BOOKING_RATE_LIMIT", 5, 1..=1_000_000)? as u32,
            rate_window: Duration::from_secs(number(
                "BACKLINE_BOOKING_RATE_WINDOW_S",
                600,
                1..=86_400,
            )?),
            public_url: text(
                "BACKLINE_PUBLIC_URL",
                &format!("http://{}", leptos.site_addr),
            )
            .trim_end_matches('/')
            .to_owned(),
            secret: secret(lookup("BACKLINE_SECRET"))?,
        };
        let random_secret = lookup("BACKLINE_SECRET").is_none();
        let smtp = match lookup("BACKLINE_SMTP_HOST").filter(|h| !h.trim().is_empty()) {
            None => None,
            Some(host) => {
                let security = match text("BACKLINE_SMTP_SECURITY", "starttls").as_str() {
                    "none" => SmtpSecurity::None,
                    "starttls" => SmtpSecurity::StartTls,
                    "tls" => SmtpSecurity::Tls,
                    other => {
                        return Err(ConfigError::NotOneOf {
                            name: "BACKLINE_SMTP_SECURITY",
                            value: other.to_owned(),
                            allowed: "none, starttls, tls",
                        });
                    }
                };
                let default_port = match security {
                    SmtpSecurity::None => 25,
                    SmtpSecurity::StartTls => 587,
                    SmtpSecurity::Tls => 465,
                };
                Some(SmtpConfig {
                    host: host.trim().to_owned(),
                    port: number("BACKLINE_SMTP_PORT", default_port, 1..=65_535)? as u16,
                    security,
                    credentials: lookup("BACKLINE_SMTP_USERNAME")
                        .map(SecretString::from)
                        .zip(lookup("BACKLINE_SMTP_PASSWORD").map(SecretString::from)),
                    from: text("BACKLINE_MAIL_FROM", "Backline <lessons@backline.example>"),
                    retry_base: Duration::from_millis(number(
                        "BACKLINE_MAIL_RETRY_BASE_MS",
                        30_000,
                        10..=3_600_000,
                    )?),
                    poll: Duration::from_millis(number(
                        "BACKLINE_MAIL_POLL_MS",
                        2_000,
                        10..=600_000,
                    )?),
                })
            }
        };
        let millis = |name, default, range| number(name, default, range).map(Duration::from_millis);
        let timeouts = crate::serve::Timeouts {
            header_read: millis("BACKLINE_HEADER_READ_TIMEOUT_MS", 10_000, 100..=120_000)?,
            grace: millis("BACKLINE_SHUTDOWN_GRACE_MS", 5_000, 0..=120_000)?,
            drain: millis("BACKLINE_SHUTDOWN_DRAIN_MS", 15_000, 100..=600_000)?,
        };
        let staff_cookie = app::staff::auth::CookiePolicy {
            insecure_loopback: match text("BACKLINE_STAFF_COOKIE_INSECURE", "0").as_str() {
                "0" => false,
                "1" => true,
                other => {
                    return Err(ConfigError::NotOneOf {
                        name: "BACKLINE_STAFF_COOKIE_INSECURE",
                        value: other.to_owned(),
                        allowed: "0, 1",
                    });
                }
            },
        };
        Ok(Config {
            booking,
            smtp,
            timeouts,
            random_secret,
            staff_cookie,
            housekeeping_every: Duration::from_secs(number(
                "BACKLINE_HOUSEKEEPING_S",
                3_600,
                1..=86_400,
            )?),
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
    pub fn database_summary(&self) -> &str {
        &self.database.summary
    }
}

/// `DATABASE_URL`: the URL (with its password) kept secret, and a summary
/// that is safe to log. sqlx's connect options print their password in
/// `Debug` and have no getter for it, so the URL itself is the secret and
/// the options are parsed from it when connecting.
#[derive(Clone, Debug)]
pub struct Database {
    url: SecretString,
    summary: String,
}

impl Database {
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        let options = PgConnectOptions::from_str(url).map_err(ConfigError::InvalidDatabaseUrl)?;
        Ok(Database {
            summary: format!(
                "{}:{}/{}",
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or("(default)")
            ),
            url: SecretString::from(url),
        })
    }

    /// The same database as a pool's (tests connect the server to theirs).
    pub fn from_options(options: &PgConnectOptions) -> Self {
        use sqlx::ConnectOptions;
        Self::parse(options.to_url_lossy().as_str()).expect("sqlx writes URLs it can read back")
    }

    pub fn connect_options(&self) -> PgConnectOptions {
        PgConnectOptions::from_str(self.url.expose_secret())
            .expect("the URL was parsed when the configuration was read")
    }
}

/// The booking secret: at least 32 characters when set. Unset, a random
/// one is made for this process; serving then warns (see
/// [`Config::random_secret`]), since links in emails sent after a restart
/// (or by another instance) would not work. Commands that send no links
/// need no warning.
fn secret(value: Option<String>) -> Result<SecretSlice<u8>, ConfigError> {
    match value {
        Some(value) if value.trim().len() >= 32 => Ok(value.trim().as_bytes().to_vec().into()),
        Some(_) => Err(ConfigError::WeakSecret),
        None => {
            let mut bytes = vec![0_u8; 32];
            getrandom::fill(&mut bytes).expect("the system has randomness");
            Ok(bytes.into())
        }
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

        let config = Config {
            smtp: config_from(&[
                ("DATABASE_URL", URL),
                ("BACKLINE_SMTP_HOST", "smtp.example"),
                ("BACKLINE_SMTP_USERNAME", "mailer@s3cret.example"),
                ("BACKLINE_SMTP_PASSWORD", "s3cret-smtp"),
                (
                    "BACKLINE_SECRET",
                    "s3cret-booking-secret-that-is-long-enough",
                ),
            ])
            .unwrap()
            .smtp,
            ..config
        };
        let logged = format!("{config:?}");
        assert!(!logged.contains("s3cret"), "{logged}");
        assert!(logged.contains("db.internal:5433/backline"), "{logged}");
        for refused in refusals {
            assert!(!refused.to_string().contains("s3cret"), "{refused}");
        }
    }
}
