//! Opening hours and booking settings, as staff change them: the values
//! parsed at the edge (the command line today, the staff area's forms
//! next), then the queries. Server only.

use crate::AppError;
use crate::booking::slots::{Slot, within_hours};
use crate::booking::store::load_settings;
use crate::staff::accounts::{StaffUser, audit_by};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};

/// A weekday as staff type it (`mon` … `sun`), ISO-numbered 1–7 as the
/// `availability_rules` table stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weekday(pub(super) i16);

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
    /// `09:00-12:00,13:00-17:00`, or `closed`: the editor's own rules
    /// (`hours::parse_hours`).
    pub fn parse(text: &str) -> Result<Self, String> {
        super::hours::parse_hours(text).map(|blocks| Self::from_blocks(&blocks))
    }

    pub fn from_blocks(blocks: &[(u16, u16)]) -> Self {
        let time = |m: u16| {
            NaiveTime::from_hms_opt(u32::from(m / 60), u32::from(m % 60), 0).unwrap_or_default()
        };
        OpeningHours(blocks.iter().map(|&(f, t)| (time(f), time(t))).collect())
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

/// One change to the opening hours or settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Each listed weekday's hours, replaced.
    Week(Vec<(Weekday, OpeningHours)>),
    /// A date's own hours (none: closed all day), instead of the week's.
    Day(NaiveDate, OpeningHours),
    /// A date back to the week's hours.
    DayAsWeek(NaiveDate),
    /// The given settings; the others stay.
    Settings(Vec<Setting>),
}

impl Change {
    fn action(&self) -> &'static str {
        match self {
            Change::Week(_) => "availability.weekly_hours",
            Change::Day(..) => "availability.exception",
            Change::DayAsWeek(_) => "availability.exception_removed",
            Change::Settings(_) => "availability.settings",
        }
    }
}

/// A booking a change would leave outside the hours, as staff see it.
struct Orphan {
    reference: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// Makes one change, unless it would take away the time of a booking
/// still ahead: then nothing changes and the refusal (409) lists those
/// bookings. Audited with the hours and settings before and after, by
/// `actor` or the command line.
///
/// The settings row is locked first (`FOR UPDATE`); booking and moving
/// lock it `FOR SHARE` before they read the hours, so a visitor cannot
/// book, under the old hours, a time this change is removing.
pub async fn change_availability(
    pool: &PgPool,
    actor: Option<&StaffUser>,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("SELECT only_row FROM booking_settings FOR UPDATE")
        .fetch_one(&mut *tx)
        .await?;
    let before = snapshot(&mut tx).await?;
    let zone = load_settings(&mut tx).await?.availability.zone;
    // Only lessons this change strands: one already outside the hours
    // (moved there by an older rule) must not block every change.
    let stranded_before = outside_hours(&mut tx, now).await?;
    apply(&mut tx, change).await?;
    let stranded: Vec<Orphan> = outside_hours(&mut tx, now)
        .await?
        .into_iter()
        .filter(|o| !stranded_before.iter().any(|b| b.reference == o.reference))
        .collect();
    if !stranded.is_empty() {
        return Err(orphaned(&stranded, zone));
    }
    let after = snapshot(&mut tx).await?;
    audit_by(
        &mut *tx,
        actor,
        change.action(),
        "availability",
        before,
        after,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(change = change.action(), "availability changed");
    Ok(())
}

async fn apply(conn: &mut PgConnection, change: &Change) -> Result<(), AppError> {
    match change {
        Change::Week(days) => {
            for (day, hours) in days {
                sqlx::query!("DELETE FROM availability_rules WHERE weekday = $1", day.0)
                    .execute(&mut *conn)
                    .await?;
                for (from, to) in &hours.0 {
                    sqlx::query!(
                        "INSERT INTO availability_rules (weekday, starts, ends) VALUES ($1, $2, $3)",
                        day.0,
                        from,
                        to
                    )
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
        Change::Day(day, hours) => {
            sqlx::query!("DELETE FROM availability_exceptions WHERE day = $1", day)
                .execute(&mut *conn)
                .await?;
            if hours.0.is_empty() {
                sqlx::query!("INSERT INTO availability_exceptions (day) VALUES ($1)", day)
                    .execute(&mut *conn)
                    .await?;
            }
            for (from, to) in &hours.0 {
                sqlx::query!(
                    "INSERT INTO availability_exceptions (day, starts, ends) VALUES ($1, $2, $3)",
                    day,
                    from,
                    to
                )
                .execute(&mut *conn)
                .await?;
            }
        }
        Change::DayAsWeek(day) => {
            sqlx::query!("DELETE FROM availability_exceptions WHERE day = $1", day)
                .execute(&mut *conn)
                .await?;
        }
        Change::Settings(changes) => update(conn, changes).await?,
    }
    Ok(())
}

/// Bookings still ahead that the hours as they now stand (in this
/// transaction) leave outside every opening block.
async fn outside_hours(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> Result<Vec<Orphan>, AppError> {
    let rules = load_settings(&mut *conn).await?.availability;
    let ahead = sqlx::query_as!(
        Orphan,
        r#"SELECT reference, lower(during) AS "start!", upper(during) AS "end!"
           FROM bookings
           WHERE status IN ('pending', 'confirmed') AND lower(during) > $1
           ORDER BY lower(during)"#,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(ahead
        .into_iter()
        .filter(|b| {
            !within_hours(
                &rules,
                Slot {
                    start: b.start,
                    end: b.end,
                },
            )
        })
        .collect())
}

fn orphaned(orphans: &[Orphan], zone: Tz) -> AppError {
    let listed: Vec<String> = orphans
        .iter()
        .take(20)
        .map(|o| {
            format!(
                "{} ({} – {})",
                o.reference,
                o.start.with_timezone(&zone).format("%a %-d %b %Y, %H:%M"),
                o.end.with_timezone(&zone).format("%H:%M")
            )
        })
        .collect();
    let more = orphans.len().saturating_sub(listed.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    AppError::Conflict(format!(
        "Not changed: {} booked lesson{} would fall outside the hours: {}{more}. Move or cancel {} first, or keep those hours.",
        orphans.len(),
        if orphans.len() == 1 { "" } else { "s" },
        listed.join(", "),
        if orphans.len() == 1 { "it" } else { "them" },
    ))
}

/// The hours and settings as JSON, for the audit log's before and after.
async fn snapshot(conn: &mut PgConnection) -> Result<serde_json::Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT json_build_object(
              'settings', (SELECT to_jsonb(s) - 'only_row' FROM booking_settings s),
              'weekly', (SELECT coalesce(jsonb_agg(jsonb_build_array(weekday, starts, ends) ORDER BY weekday, starts), '[]') FROM availability_rules),
              'exceptions', (SELECT coalesce(jsonb_agg(jsonb_build_array(day, starts, ends) ORDER BY day, starts), '[]')
                             FROM availability_exceptions
                             WHERE day >= (now() AT TIME ZONE (SELECT zone FROM booking_settings))::date))::jsonb AS "snapshot!""#
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Replaces one weekday's opening hours, all at once (the command line).
pub async fn set_weekday_hours(
    pool: &PgPool,
    day: Weekday,
    hours: &OpeningHours,
) -> Result<(), AppError> {
    let change = Change::Week(vec![(day, hours.clone())]);
    change_availability(pool, None, &change, Utc::now()).await
}

/// Closes a day (`closed = true`) or gives it back its weekly hours.
pub async fn set_day_closed(pool: &PgPool, day: NaiveDate, closed: bool) -> Result<(), AppError> {
    let change = if closed {
        Change::Day(day, OpeningHours(Vec::new()))
    } else {
        Change::DayAsWeek(day)
    };
    change_availability(pool, None, &change, Utc::now()).await
}

/// Changes the given settings (the command line).
pub async fn update_settings(pool: &PgPool, changes: &[Setting]) -> Result<(), AppError> {
    let change = Change::Settings(changes.to_vec());
    change_availability(pool, None, &change, Utc::now()).await
}

/// Changes the given settings; the others stay. The table's CHECKs hold
/// the allowed ranges: a refusal names the one refused.
async fn update(conn: &mut PgConnection, changes: &[Setting]) -> Result<(), AppError> {
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
    .execute(&mut *conn)
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
        "SELECT day, starts, ends FROM availability_exceptions
         WHERE day >= (now() AT TIME ZONE (SELECT zone FROM booking_settings))::date
         ORDER BY day, starts"
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

/// The editor's view of what is stored.
pub async fn editor(pool: &PgPool) -> Result<super::hours::AvailabilityView, AppError> {
    use super::hours::{AvailabilityView, SettingsForm, WEEKDAYS, WeekForm, show_hours};
    use chrono::Timelike;
    let a = availability(pool).await?;
    let minutes = |t: NaiveTime| (t.hour() * 60 + t.minute()) as u16;
    let week = (1..=WEEKDAYS.len() as i16)
        .map(|day| {
            let blocks: Vec<(u16, u16)> = a
                .weekly
                .iter()
                .filter(|(d, _, _)| d.0 == day)
                .map(|(_, from, to)| (minutes(*from), minutes(*to)))
                .collect();
            show_hours(&blocks)
        })
        .collect();
    let mut exceptions: Vec<(NaiveDate, Vec<(u16, u16)>)> = Vec::new();
    for (day, hours) in &a.exceptions {
        let block = hours.map(|(from, to)| (minutes(from), minutes(to)));
        match exceptions.last_mut() {
            Some((last, blocks)) if last == day => blocks.extend(block),
            _ => exceptions.push((*day, block.into_iter().collect())),
        }
    }
    let booked_ahead = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM bookings WHERE status IN ('pending', 'confirmed') AND lower(during) > now()"#
    )
    .fetch_one(pool)
    .await?;
    Ok(AvailabilityView {
        settings: SettingsForm {
            zone: a.zone,
            slot: a.slot_minutes.to_string(),
            buffer: a.buffer_minutes.to_string(),
            notice: a.notice_minutes.to_string(),
            horizon: a.horizon_days.to_string(),
            retention: a.retention_days.to_string(),
        },
        week: WeekForm { days: week },
        exceptions: exceptions
            .into_iter()
            .map(|(day, blocks)| (day.to_string(), show_hours(&blocks)))
            .collect(),
        booked_ahead,
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
