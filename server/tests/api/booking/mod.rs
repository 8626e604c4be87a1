//! Booking a demo lesson, end to end through the real server and Postgres:
//! no double booking, idempotent submits, field errors, the manage link,
//! erasure, rate limits, and what reaches the log.

use crate::helpers::{TestApp, spawn_with_config, test_config};
use chrono::{DateTime, Utc};
use serde_json::Value;
use server::Config;
use sqlx::PgPool;
use std::sync::{Arc, Mutex};

mod email;
mod making;
mod managing;
mod privacy;
mod staff;

/// Open every day 00:00–23:30 UTC with an hour's notice, so tests do not
/// depend on the weekday or the hour they run at.
pub async fn open_all_week(pool: &PgPool) {
    sqlx::query(
        "UPDATE booking_settings SET zone = 'UTC', notice_minutes = 60, buffer_minutes = 10",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM availability_rules")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO availability_rules (weekday, starts, ends)
         SELECT d, '00:00', '23:30' FROM generate_series(1, 7) d",
    )
    .execute(pool)
    .await
    .unwrap();
}

pub async fn spawn_booking_app(pool: PgPool, configure: impl FnOnce(&mut Config)) -> TestApp {
    open_all_week(&pool).await;
    let mut config = test_config(&pool);
    configure(&mut config);
    spawn_with_config(config, pool).await
}

/// The calendar the server offers, in `zone`.
pub async fn calendar(app: &TestApp, zone: &str) -> Value {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("zone", zone)
        .finish();
    let response = app.call("booking/calendar", body).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Every free time the calendar offers, day after day: the first day alone
/// may be today with one time left (late in the UTC day).
pub fn free_slots(calendar: &Value) -> Vec<String> {
    calendar["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|day| day["slots"].as_array().unwrap())
        .map(|slot| slot["id"].as_str().unwrap().to_owned())
        .collect()
}

pub fn first_slot(calendar: &Value) -> String {
    calendar["days"][0]["slots"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A booking request; `fields` override the defaults by name.
pub fn request(slot: &str, key: &str, fields: &[(&str, &str)]) -> String {
    let mut values = vec![
        ("slot", slot.to_owned()),
        ("zone", "Europe/Berlin".to_owned()),
        ("key", key.to_owned()),
        ("website", String::new()),
        ("form][name", "Asha Rao".to_owned()),
        ("form][email", "asha@example.com".to_owned()),
        ("form][phone", "+44 20 7946 0958".to_owned()),
        ("form][topic", "Rust and Postgres".to_owned()),
        ("form][consent", "on".to_owned()),
    ];
    for (name, value) in fields {
        match values
            .iter_mut()
            .find(|(n, _)| n.trim_start_matches("form][") == *name)
        {
            Some(entry) => entry.1 = (*value).to_owned(),
            None => panic!("no field {name}"),
        }
    }
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (name, value) in values {
        body.append_pair(&format!("request[{name}]"), &value);
    }
    body.finish()
}

pub fn key(n: u32) -> String {
    format!("{n:08x}{}", "0123456789abcdef01234567")
}

async fn book(app: &TestApp, body: String) -> (u16, Value) {
    let response = app.call("booking/book", body).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Rows in `table` (a fixed name from the test itself).
async fn count_rows(pool: &PgPool, table: &'static str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(pool)
        .await
        .unwrap()
}

pub async fn active_bookings(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM bookings WHERE status IN ('pending', 'confirmed')")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Books the first free slot through the server function; returns its token.
pub async fn book_first_slot(app: &TestApp) -> (String, String) {
    let slot = first_slot(&calendar(app, "UTC").await);
    let (status, body) = book(app, request(&slot, &key(42), &[])).await;
    assert_eq!(status, 200, "{body}");
    (body["token"].as_str().unwrap().to_owned(), slot)
}

pub async fn manage(app: &TestApp, token: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    app.client
        .post(format!("{}/booking/{token}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// A real SMTP server (aiosmtpd, installed by `./dev test`) that stores
/// what it receives in a Maildir. Stopped when dropped.
struct SmtpServer {
    child: std::process::Child,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    fn python() -> std::path::PathBuf {
        std::env::var_os("BACKLINE_TEST_SMTP_PYTHON")
            .map(Into::into)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../.data/smtp-venv/bin/python")
            })
    }

    async fn start(port: u16, maildir: std::path::PathBuf) -> Self {
        let python = Self::python();
        assert!(
            python.exists(),
            "{} is missing: `./dev test` installs aiosmtpd",
            python.display()
        );
        let mut child = std::process::Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpServer { child, maildir };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not listen on {port} within 10 s");
    }

    fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| {
                entries
                    .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 100 ms for up to `seconds`; fails the test after.
async fn eventually<T>(seconds: u64, what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..seconds * 10 {
        if let Some(value) = check().await {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what} did not happen within {seconds} s");
}

/// Runs `backline WORDS…` in-process: parsed by the real command line, run
/// by the real staff commands. A refusal's message, as the binary prints it.
async fn staff_command<S: AsRef<str>>(config: &server::Config, words: &[S]) -> Result<(), String> {
    use clap::Parser;
    use server::cli::{Cli, Command};
    let words = std::iter::once("backline").chain(words.iter().map(AsRef::as_ref));
    match Cli::try_parse_from(words).map_err(|error| error.to_string())? {
        Cli {
            command: Some(Command::Staff(command)),
        } => server::staff_cli::run(config, command)
            .await
            .map_err(|error| error.to_string()),
        other => Err(format!("not a staff command: {other:?}")),
    }
}
