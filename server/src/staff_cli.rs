//! Runs the staff commands (`backline bookings`, `outbox`, `availability`;
//! see `cli`) and prints what they find. The queries are the booking's and
//! the outbox's own; this file only prints.

use crate::cli::{AccountAction, AvailabilityAction, BookingsAction, StaffCommand};
use crate::{Config, startup};
use app::AppError;
use app::booking::staff;
use chrono::Utc;
use sqlx::PgPool;

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// The command was refused; the message says why. Exit status 2.
    #[error("{0}")]
    Usage(String),
    #[error("could not migrate the database")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    App(AppError),
}

impl From<AppError> for StaffError {
    /// What the person typed was refused (a range, a status that cannot
    /// follow): a usage message, not a failure.
    fn from(error: AppError) -> Self {
        match error {
            AppError::BadRequest(message) | AppError::Conflict(message) => {
                StaffError::Usage(message)
            }
            AppError::NotFound => StaffError::Usage("No booking has that reference.".into()),
            other => StaffError::App(other),
        }
    }
}

pub async fn run(config: &Config, command: StaffCommand) -> Result<(), StaffError> {
    let pool = startup::connect_pool(config);
    startup::MIGRATOR.run(&pool).await?;
    match command {
        StaffCommand::Bookings { action: None } => print_bookings(&pool).await,
        StaffCommand::Bookings {
            action: Some(BookingsAction::Set { reference, status }),
        } => {
            staff::set_status(&pool, &reference, status).await?;
            println!("{reference} is now {}.", status.as_str());
            Ok(())
        }
        StaffCommand::Outbox => print_outbox(&pool).await,
        StaffCommand::Availability { action: None } => print_availability(&pool).await,
        StaffCommand::Availability {
            action: Some(action),
        } => change_availability(&pool, action).await,
        StaffCommand::Staff {
            action: AccountAction::Create { email, role },
        } => create_account(&pool, &email, role).await,
    }
}

/// `backline staff create`: the password from a prompt without echo, typed
/// twice, or the first line of stdin for scripts; the same rules as the
/// staff area's forms (`Email::parse`, `Password::parse`).
async fn create_account(
    pool: &PgPool,
    email: &str,
    role: app::staff::Role,
) -> Result<(), StaffError> {
    use std::io::IsTerminal;
    let email = app::common::Email::parse(email, "Give the account's email with --email.")
        .map_err(StaffError::Usage)?;
    let typed = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")
            .map_err(|e| StaffError::Usage(e.to_string()))?;
        let again = rpassword::prompt_password("The same again: ")
            .map_err(|e| StaffError::Usage(e.to_string()))?;
        if first != again {
            return Err(StaffError::Usage(
                "The two passwords differ; nothing was created.".into(),
            ));
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| StaffError::Usage(e.to_string()))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    let password = app::staff::Password::parse(&typed).map_err(StaffError::Usage)?;
    let id = app::staff::accounts::create(pool, &email, role, &password).await?;
    app::staff::accounts::audit(
        pool,
        None,
        "staff.account_created",
        Some(&format!("account {id}")),
    )
    .await?;
    println!(
        "Created the {} account {} (id {id}). Log in at /staff/login.",
        role.slug(),
        email.as_str()
    );
    Ok(())
}

async fn change_availability(pool: &PgPool, action: AvailabilityAction) -> Result<(), StaffError> {
    match action {
        AvailabilityAction::Close { day } => {
            staff::set_day_closed(pool, day, true).await?;
            println!("{day}: closed all day");
        }
        AvailabilityAction::Open { day } => {
            staff::set_day_closed(pool, day, false).await?;
            println!("{day}: weekly hours apply");
        }
        AvailabilityAction::Hours { day, hours } => {
            staff::set_weekday_hours(pool, day, &hours).await?;
            println!("{}: {hours}", day.short_name());
        }
        AvailabilityAction::Settings { changes } => {
            staff::update_settings(pool, &changes).await?;
            print_availability(pool).await?;
        }
    }
    Ok(())
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
    let waiting = app::outbox::unsent_emails(pool).await?;
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
    let a = staff::availability(pool).await?;
    println!(
        "Zone {}; {}-minute lessons, {} minutes apart; {} minutes' notice; {} days ahead; details kept {} days.",
        a.zone,
        a.slot_minutes,
        a.buffer_minutes,
        a.notice_minutes,
        a.horizon_days,
        a.retention_days
    );
    for (day, starts, ends) in a.weekly {
        println!(
            "  {} {}–{}",
            day.short_name(),
            starts.format("%H:%M"),
            ends.format("%H:%M")
        );
    }
    for (day, hours) in a.exceptions {
        match hours {
            Some((starts, ends)) => println!(
                "  {day} open {}–{}",
                starts.format("%H:%M"),
                ends.format("%H:%M")
            ),
            None => println!("  {day} closed"),
        }
    }
    Ok(())
}
