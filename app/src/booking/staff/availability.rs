//! Opening hours and booking settings, as staff change them: the values
//! parsed at the edge (the command line today, the staff area's forms
//! next), then the queries. Server only.

use crate::AppError;
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use sqlx::PgPool;

/// A weekday as staff type it (`mon` … `sun`), ISO-numbered 1–7 as the
/// `availability_rules` table stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weekday(i16);

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Weekday {
    pub fn parse(text: &str) -> Result<Self, String> {
        DAYS.iter()
            .position(|d| d.eq_ignore_ascii_case(text.trim()))
            .map(|index| Weekday(index as i16 + 1))
            .ok_or_else(|| format!("“{text}” is not a weekday; use mon … sun"))
    }

    pub fn short_name(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(self.0 - 1) as usize]
    }
}

/// One weekday's opening hours: time ranges, or none (`closed`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpeningHours(pub Vec<(NaiveTime, NaiveTime)>);

impl OpeningHours {
    /// `09:00-12:00,13:00-17:00`, or `closed`.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim() == "closed" {
            return Ok(OpeningHours(Vec::new()));
        }
        text.split(',')
            .map(|block| {
                let parsed = block.split_once('-').and_then(|(from, to)| {
                    Some((
                        NaiveTime::parse_from_str(from.trim(), "%H:%M").ok()?,
                        NaiveTime::parse_from_str(to.trim(), "%H:%M").ok()?,
                    ))
                });
                match parsed {
                    Some((from, to)) if from < to => Ok((from, to)),
                    _ => Err(format!(
                        "“{block}” is not a time range like 09:00-12:00 (start before end)"
                    )),
                }
            })
            .collect::<Result<_, _>>()
            .map(OpeningHours)
    }
}

impl std::fmt::Display for OpeningHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return f.write_str("closed");
        }
        let blocks: Vec<String> = self
            .0
            .iter()
            .map(|(from, to)| format!("{}-{}", from.format("%H:%M"), to.format("%H:%M")))
            .collect();
        f.write_str(&blocks.join(","))
    }
}

/// A calendar day as staff type it: `2026-12-24`.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{text}” is not a date like 2026-12-24"))
}

/// One booking setting to change, from `key=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Setting {
    Zone(Tz),
    SlotMinutes(i32),
    BufferMinutes(i32),
    NoticeMinutes(i32),
    HorizonDays(i32),
    RetentionDays(i32),
}

impl Setting {
    pub const KEYS: &str = "zone, slot, buffer, notice, horizon, retention";

    pub fn parse(pair: &str) -> Result<Self, String> {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("“{pair}” is not key=value"))?;
        let number = || {
            value
                .parse::<i32>()
                .map_err(|_| format!("{key} takes a whole number, not “{value}”"))
        };
        Ok(match key {
            "zone" => {
                let (zone, note) = super::super::when::visitor_zone(value);
                if note.is_some() || value.trim().is_empty() {
                    return Err(format!(
                        "“{value}” is not an IANA time zone, such as Europe/Berlin"
                    ));
                }
                Setting::Zone(zone)
            }
            "slot" => Setting::SlotMinutes(number()?),
            "buffer" => Setting::BufferMinutes(number()?),
            "notice" => Setting::NoticeMinutes(number()?),
            "horizon" => Setting::HorizonDays(number()?),
            "retention" => Setting::RetentionDays(number()?),
            other => {
                return Err(format!(
                    "unknown setting “{other}”; the settings are {}",
                    Self::KEYS
                ));
            }
        })
    }
}

/// Replaces one weekday's opening hours, all at once.
pub async fn set_weekday_hours(
    pool: &PgPool,
    day: Weekday,
    hours: &OpeningHours,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("DELETE FROM availability_rules WHERE weekday = $1", day.0)
        .execute(&mut *tx)
        .await?;
    for (from, to) in &hours.0 {
        sqlx::query!(
            "INSERT INTO availability_rules (weekday, starts, ends) VALUES ($1, $2, $3)",
            day.0,
            from,
            to
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Closes a day (`closed = true`) or gives it back its weekly hours.
pub async fn set_day_closed(pool: &PgPool, day: NaiveDate, closed: bool) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("DELETE FROM availability_exceptions WHERE day = $1", day)
        .execute(&mut *tx)
        .await?;
    if closed {
        sqlx::query!("INSERT INTO availability_exceptions (day) VALUES ($1)", day)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Changes the given settings; the others stay. The table's CHECKs hold
/// the allowed ranges: a refusal names the one refused.
pub async fn update_settings(pool: &PgPool, changes: &[Setting]) -> Result<(), AppError> {
    let (mut zone, mut slot, mut buffer, mut notice, mut horizon, mut retention) =
        (None, None, None, None, None, None);
    for change in changes {
        match change {
            Setting::Zone(tz) => zone = Some(tz.name().to_owned()),
            Setting::SlotMinutes(n) => slot = Some(*n),
            Setting::BufferMinutes(n) => buffer = Some(*n),
            Setting::NoticeMinutes(n) => notice = Some(*n),
            Setting::HorizonDays(n) => horizon = Some(*n),
            Setting::RetentionDays(n) => retention = Some(*n),
        }
    }
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
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(error)) if error.constraint().is_some() => {
            Err(AppError::BadRequest(format!(
                "refused by {}: see the allowed ranges in migrations/20261125000005_booking.sql",
                error.constraint().unwrap_or_default()
            )))
        }
        Err(other) => Err(other.into()),
    }
}

/// The opening hours and settings, as staff read them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Availability {
    pub zone: String,
    pub slot_minutes: i32,
    pub buffer_minutes: i32,
    pub notice_minutes: i32,
    pub horizon_days: i32,
    pub retention_days: i32,
    pub weekly: Vec<(Weekday, NaiveTime, NaiveTime)>,
    /// Days from today on with other hours: `None` when closed all day.
    pub exceptions: Vec<(NaiveDate, Option<(NaiveTime, NaiveTime)>)>,
}

pub async fn availability(pool: &PgPool) -> Result<Availability, AppError> {
    let s = sqlx::query!("SELECT zone, slot_minutes, buffer_minutes, notice_minutes, horizon_days, retention_days FROM booking_settings")
        .fetch_one(pool)
        .await?;
    let weekly = sqlx::query!(
        "SELECT weekday, starts, ends FROM availability_rules ORDER BY weekday, starts"
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|rule| (Weekday(rule.weekday), rule.starts, rule.ends))
    .collect();
    let exceptions = sqlx::query!(
        "SELECT day, starts, ends FROM availability_exceptions WHERE day >= current_date ORDER BY day, starts"
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|e| (e.day, e.starts.zip(e.ends)))
    .collect();
    Ok(Availability {
        zone: s.zone,
        slot_minutes: s.slot_minutes,
        buffer_minutes: s.buffer_minutes,
        notice_minutes: s.notice_minutes,
        horizon_days: s.horizon_days,
        retention_days: s.retention_days,
        weekly,
        exceptions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_input_parses_or_says_what_is_wrong() {
        assert_eq!(Weekday::parse("Sat"), Ok(Weekday(6)));
        assert_eq!(
            OpeningHours::parse("09:00-12:00,13:00-17:30")
                .unwrap()
                .to_string(),
            "09:00-12:00,13:00-17:30"
        );
        assert_eq!(OpeningHours::parse("closed"), Ok(OpeningHours(Vec::new())));
        assert_eq!(
            Setting::parse("zone=Asia/Calcutta"),
            Ok(Setting::Zone(Tz::Asia__Kolkata))
        );
        assert_eq!(Setting::parse("slot=45"), Ok(Setting::SlotMinutes(45)));
        let refused: [(Result<(), String>, &str); 7] = [
            (Weekday::parse("someday").map(drop), "not a weekday"),
            (
                OpeningHours::parse("12:00-10:00").map(drop),
                "not a time range",
            ),
            (OpeningHours::parse("9-5").map(drop), "not a time range"),
            (parse_day("24/12/2030").map(drop), "not a date"),
            (Setting::parse("slot=lots").map(drop), "whole number"),
            (
                Setting::parse("zone=Mars/Base").map(drop),
                "not an IANA time zone",
            ),
            (Setting::parse("colour=blue").map(drop), "unknown setting"),
        ];
        for (result, expected) in refused {
            let message = result.unwrap_err();
            assert!(message.contains(expected), "{message}");
        }
    }
}
