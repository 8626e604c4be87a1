//! Staff commands until the staff area exists:
//!
//! - `backline bookings` — bookings from today on; `backline bookings set BL-XXXX confirmed|completed|cancelled`
//! - `backline outbox` — emails not sent yet (SMTP down or not configured)
//! - `backline availability` — the opening hours and settings;
//!   `… close YYYY-MM-DD`, `… open YYYY-MM-DD` (a date),
//!   `… hours mon 09:00-12:00,13:00-17:00` or `… hours sat closed` (a weekday),
//!   `… settings zone=Europe/Berlin slot=30 buffer=10 notice=720 horizon=30 retention=180`

use crate::{Config, startup};
use app::booking::staff;
use chrono::{NaiveDate, Utc};
use sqlx::PgPool;

pub const USAGE: &str = "usage: backline bookings [set BL-XXXX confirmed|completed|cancelled] | backline outbox | backline availability [close|open YYYY-MM-DD | hours mon..sun HH:MM-HH:MM,...|closed | settings zone=Z slot=MIN buffer=MIN notice=MIN horizon=DAYS retention=DAYS]";

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
        ("availability", ["hours", day, hours]) => set_hours(&pool, day, hours).await,
        ("availability", ["settings", pairs @ ..]) if !pairs.is_empty() => {
            set_settings(&pool, pairs).await
        }
        _ => Err(StaffError::Usage(USAGE.into())),
    }
}

/// Replaces one weekday's opening hours.
async fn set_hours(pool: &PgPool, day: &str, hours: &str) -> Result<(), StaffError> {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let weekday = DAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(day))
        .ok_or_else(|| StaffError::Usage(format!("“{day}” is not a weekday; use mon … sun")))?
        as i16
        + 1;
    let mut blocks = Vec::new();
    if hours != "closed" {
        for block in hours.split(',') {
            let parsed = block.split_once('-').and_then(|(from, to)| {
                Some((
                    chrono::NaiveTime::parse_from_str(from.trim(), "%H:%M").ok()?,
                    chrono::NaiveTime::parse_from_str(to.trim(), "%H:%M").ok()?,
                ))
            });
            match parsed {
                Some((from, to)) if from < to => blocks.push((from, to)),
                _ => {
                    return Err(StaffError::Usage(format!(
                        "“{block}” is not a time range like 09:00-12:00 (start before end)"
                    )));
                }
            }
        }
    }
    let mut tx = pool.begin().await?;
    sqlx::query!("DELETE FROM availability_rules WHERE weekday = $1", weekday)
        .execute(&mut *tx)
        .await?;
    for (from, to) in &blocks {
        sqlx::query!(
            "INSERT INTO availability_rules (weekday, starts, ends) VALUES ($1, $2, $3)",
            weekday,
            from,
            to
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    println!(
        "{day}: {}",
        if blocks.is_empty() { "closed" } else { hours }
    );
    Ok(())
}

/// Changes booking settings given as `key=value` pairs; the rest stay.
async fn set_settings(pool: &PgPool, pairs: &[&str]) -> Result<(), StaffError> {
    let mut zone = None;
    let mut numbers: [Option<i32>; 5] = [None; 5];
    const KEYS: [&str; 5] = ["slot", "buffer", "notice", "horizon", "retention"];
    for pair in pairs {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| StaffError::Usage(format!("“{pair}” is not key=value")))?;
        if key == "zone" {
            let (parsed, note) = app::booking::when::visitor_zone(value);
            if note.is_some() || value.trim().is_empty() {
                return Err(StaffError::Usage(format!(
                    "“{value}” is not an IANA time zone, such as Europe/Berlin"
                )));
            }
            zone = Some(parsed.name().to_owned());
            continue;
        }
        let index = KEYS
            .iter()
            .position(|k| *k == key)
            .ok_or_else(|| StaffError::Usage(format!("unknown setting “{key}”; {USAGE}")))?;
        numbers[index] = Some(value.parse().map_err(|_| {
            StaffError::Usage(format!("{key} takes a whole number, not “{value}”"))
        })?);
    }
    let [slot, buffer, notice, horizon, retention] = numbers;
    let updated = sqlx::query!(
        "UPDATE booking_settings SET
             zone = coalesce($1, zone),
             slot_minutes = coalesce($2, slot_minutes),
             buffer_minutes = coalesce($3, buffer_minutes),
             notice_minutes = coalesce($4, notice_minutes),
             horizon_days = coalesce($5, horizon_days),
             retention_days = coalesce($6, retention_days)",
        zone,
        slot,
        buffer,
        notice,
        horizon,
        retention
    )
    .execute(pool)
    .await;
    match updated {
        Ok(_) => print_availability(pool).await,
        // The table's CHECKs hold the allowed ranges; name the one refused.
        Err(sqlx::Error::Database(error)) if error.constraint().is_some() => {
            Err(StaffError::Usage(format!(
                "refused by {}: see the allowed ranges in migrations/20261125000005_booking.sql",
                error.constraint().unwrap_or_default()
            )))
        }
        Err(other) => Err(other.into()),
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
