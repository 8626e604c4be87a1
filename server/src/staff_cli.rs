//! Staff commands until the staff area exists:
//!
//! - `backline bookings` — bookings from today on; `backline bookings set BL-XXXX confirmed|completed|cancelled`
//! - `backline outbox` — emails not sent yet (SMTP down or not configured)
//! - `backline availability` — the opening hours; `… close YYYY-MM-DD`, `… open YYYY-MM-DD`

use crate::{Config, startup};
use app::booking::staff;
use chrono::{NaiveDate, Utc};
use sqlx::PgPool;

pub const USAGE: &str = "usage: backline bookings [set BL-XXXX confirmed|completed|cancelled] | backline outbox | backline availability [close|open YYYY-MM-DD]";

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("{0}")]
    Usage(String),
    #[error("could not migrate the database")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    App(#[from] app::AppError),
}

pub async fn run(config: &Config, command: &str, args: &[String]) -> Result<(), StaffError> {
    let pool = startup::connect_pool(config);
    startup::MIGRATOR.run(&pool).await?;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match (command, args.as_slice()) {
        ("bookings", []) => print_bookings(&pool).await,
        ("bookings", ["set", reference, status]) => {
            staff::set_status(&pool, reference, status).await?;
            println!("{reference} is now {status}.");
            Ok(())
        }
        ("outbox", []) => print_outbox(&pool).await,
        ("availability", []) => print_availability(&pool).await,
        ("availability", [action @ ("close" | "open"), day]) => {
            let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|_| StaffError::Usage(format!("“{day}” is not a date like 2026-12-24")))?;
            sqlx::query!("DELETE FROM availability_exceptions WHERE day = $1", day)
                .execute(&pool)
                .await?;
            if *action == "close" {
                sqlx::query!("INSERT INTO availability_exceptions (day) VALUES ($1)", day)
                    .execute(&pool)
                    .await?;
            }
            println!(
                "{day}: {}",
                if *action == "close" {
                    "closed all day"
                } else {
                    "weekly hours apply"
                }
            );
            Ok(())
        }
        _ => Err(StaffError::Usage(USAGE.into())),
    }
}

async fn print_bookings(pool: &PgPool) -> Result<(), StaffError> {
    let today = Utc::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let bookings = staff::bookings_from(pool, today, 500).await?;
    if bookings.is_empty() {
        println!("No bookings from today on.");
    }
    for b in bookings {
        println!(
            "{}  {} – {} UTC  {:<9}  {}  {}  {}",
            b.reference,
            b.start.format("%Y-%m-%d %H:%M"),
            b.end.format("%H:%M"),
            b.status,
            b.name.as_deref().unwrap_or("(erased)"),
            b.email.as_deref().unwrap_or(""),
            b.phone.as_deref().unwrap_or(""),
        );
    }
    Ok(())
}

async fn print_outbox(pool: &PgPool) -> Result<(), StaffError> {
    let waiting = staff::unsent_emails(pool).await?;
    if waiting.is_empty() {
        println!("Every email has been sent.");
    }
    for e in waiting {
        println!(
            "#{}  {}  {}  to {}  attempts {}  next {}  {}",
            e.id,
            e.reference.as_deref().unwrap_or("-"),
            e.kind,
            e.recipient.as_deref().unwrap_or("-"),
            e.attempts,
            e.next_attempt_at.format("%Y-%m-%d %H:%M UTC"),
            e.last_error.as_deref().unwrap_or(""),
        );
    }
    Ok(())
}

async fn print_availability(pool: &PgPool) -> Result<(), StaffError> {
    let s = sqlx::query!("SELECT zone, slot_minutes, buffer_minutes, notice_minutes, horizon_days, retention_days FROM booking_settings")
        .fetch_one(pool)
        .await?;
    println!(
        "Zone {}; {}-minute lessons, {} minutes apart; {} minutes' notice; {} days ahead; details kept {} days.",
        s.zone,
        s.slot_minutes,
        s.buffer_minutes,
        s.notice_minutes,
        s.horizon_days,
        s.retention_days
    );
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    for rule in sqlx::query!(
        "SELECT weekday, starts, ends FROM availability_rules ORDER BY weekday, starts"
    )
    .fetch_all(pool)
    .await?
    {
        let day = DAYS.get((rule.weekday - 1) as usize).unwrap_or(&"?");
        println!(
            "  {day} {}–{}",
            rule.starts.format("%H:%M"),
            rule.ends.format("%H:%M")
        );
    }
    for exception in sqlx::query!(
        "SELECT day, starts, ends FROM availability_exceptions WHERE day >= current_date ORDER BY day, starts"
    )
    .fetch_all(pool)
    .await?
    {
        match exception.starts.zip(exception.ends) {
            Some((starts, ends)) => println!("  {} open {}–{}", exception.day, starts.format("%H:%M"), ends.format("%H:%M")),
            None => println!("  {} closed", exception.day),
        }
    }
    Ok(())
}
