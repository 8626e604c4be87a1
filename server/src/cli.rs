//! The `backline` command line, parsed with clap. Each command's values are
//! parsed by the capability's own types (`Weekday::parse`, `Setting::parse`,
//! …), so the staff area's forms will refuse exactly what this refuses.

use crate::seed::SeedArgs;
use app::booking::staff::{OpeningHours, Setting, StaffStatus, Weekday, parse_day};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// Backline's web server and staff commands. Without a command, serves the
/// site (configuration from the environment; see README.md).
#[derive(Debug, Parser)]
#[command(name = "backline", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add N generated jobs (seed --jobs N), the same ones for the same seed
    Seed(SeedArgs),
    #[command(flatten)]
    Staff(StaffCommand),
}

/// The staff commands, until the staff area exists.
#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Bookings from today on; `bookings set BL-XXXX confirmed|completed|cancelled`
    Bookings {
        #[command(subcommand)]
        action: Option<BookingsAction>,
    },
    /// Emails waiting to be sent (SMTP down or not configured)
    Outbox,
    /// Opening hours and booking settings, or change them
    Availability {
        #[command(subcommand)]
        action: Option<AvailabilityAction>,
    },
    /// Staff accounts: `staff create --email you@example.com --role admin`
    Staff {
        #[command(subcommand)]
        action: AccountAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountAction {
    /// Create an account; the password is read from a prompt (or, when
    /// stdin is not a terminal, its first line). There is no default one.
    Create {
        #[arg(long)]
        email: String,
        /// admin or staff
        #[arg(long, value_parser = parse_role)]
        role: app::staff::Role,
    },
}

fn parse_role(text: &str) -> Result<app::staff::Role, String> {
    app::staff::Role::from_slug(text)
        .ok_or_else(|| format!("a role is {}", app::staff::Role::choices()))
}

#[derive(Debug, Subcommand)]
pub enum BookingsAction {
    /// Move a booking to another status
    Set {
        /// The booking's reference, BL-XXXX
        reference: String,
        /// confirmed, completed or cancelled
        #[arg(value_parser = StaffStatus::parse)]
        status: StaffStatus,
    },
}

#[derive(Debug, Subcommand)]
pub enum AvailabilityAction {
    /// Close a day (YYYY-MM-DD) all day
    Close {
        #[arg(value_parser = parse_day)]
        day: NaiveDate,
    },
    /// Give a day (YYYY-MM-DD) its weekly hours back
    Open {
        #[arg(value_parser = parse_day)]
        day: NaiveDate,
    },
    /// Set a weekday's hours: `hours mon 09:00-12:00,13:00-17:00` or `hours sat closed`
    Hours {
        #[arg(value_parser = Weekday::parse)]
        day: Weekday,
        #[arg(value_parser = OpeningHours::parse)]
        hours: OpeningHours,
    },
    /// Change settings: zone=Europe/Berlin slot=30 buffer=10 notice=720 horizon=30 retention=180
    Settings {
        #[arg(required = true, value_parser = Setting::parse)]
        changes: Vec<Setting>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn staff_commands_parse_into_typed_values() {
        let cli =
            Cli::try_parse_from(["backline", "availability", "hours", "sat", "closed"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Staff(StaffCommand::Availability {
                action: Some(AvailabilityAction::Hours { hours, .. })
            })) if hours.0.is_empty()
        ));
        let cli =
            Cli::try_parse_from(["backline", "bookings", "set", "BL-AB12", "completed"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Staff(StaffCommand::Bookings {
                action: Some(BookingsAction::Set {
                    status: StaffStatus::Completed,
                    ..
                })
            }))
        ));
    }
}
