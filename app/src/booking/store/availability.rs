//! Availability in, free slots and the calendar out.

use super::super::slots::{Availability, Exception, Slot, WeeklyRule, free_slots};
use super::super::tokens::new_token;
use super::super::types::{Calendar, CalendarDay, CalendarMonth, SlotChoice};
use super::super::when::SlotId;
use crate::AppError;
use chrono::{
    DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};

/// The staff's availability and how long details are kept.
pub struct Settings {
    pub availability: Availability,
    pub retention_days: i32,
}

pub async fn load_settings(conn: &mut PgConnection) -> Result<Settings, AppError> {
    let row = sqlx::query!(
        "SELECT zone, slot_minutes, buffer_minutes, notice_minutes, horizon_days, retention_days
         FROM booking_settings"
    )
    .fetch_one(&mut *conn)
    .await?;
    let zone: Tz = row.zone.parse().map_err(|_| {
        tracing::error!(zone = %row.zone, "booking_settings.zone is not an IANA zone");
        AppError::Internal
    })?;
    let weekly = sqlx::query!(
        "SELECT weekday, starts, ends FROM availability_rules ORDER BY weekday, starts"
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|rule| {
        Some(WeeklyRule {
            weekday: Weekday::try_from(u8::try_from(rule.weekday - 1).ok()?).ok()?,
            start: rule.starts,
            end: rule.ends,
        })
    })
    .collect();
    let mut exceptions: Vec<Exception> = Vec::new();
    for row in sqlx::query!(
        "SELECT day, starts, ends FROM availability_exceptions WHERE day >= current_date - 2 ORDER BY day, starts"
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let hours: Option<(NaiveTime, NaiveTime)> = row.starts.zip(row.ends);
        match exceptions.iter_mut().find(|e| e.date == row.day) {
            Some(exception) => exception.hours.extend(hours),
            None => exceptions.push(Exception {
                date: row.day,
                hours: hours.into_iter().collect(),
            }),
        }
    }
    Ok(Settings {
        availability: Availability {
            zone,
            weekly,
            exceptions,
            slot: Duration::minutes(row.slot_minutes.into()),
            buffer: Duration::minutes(row.buffer_minutes.into()),
            notice: Duration::minutes(row.notice_minutes.into()),
            horizon: Duration::days(row.horizon_days.into()),
        },
        retention_days: row.retention_days,
    })
}

/// [`load_settings`] for a transaction that books or moves a lesson: the
/// settings row is share-locked first, so a staff change to the hours
/// (which locks it for update) waits for this booking, and sees it, or
/// this booking waits for the change and reads the new hours.
pub(super) async fn load_settings_locked(conn: &mut PgConnection) -> Result<Settings, AppError> {
    sqlx::query!("SELECT only_row FROM booking_settings FOR SHARE")
        .fetch_one(&mut *conn)
        .await?;
    load_settings(conn).await
}

/// What active bookings block, as `free_slots` expects it: each booking's
/// stored `blocks` range narrowed by the current buffer's halves. A slot
/// widened by the buffer then overlaps one of these exactly when its own
/// `blocks` would overlap the stored one, which is what the exclusion
/// constraint refuses, even after the buffer setting has changed. Leaves
/// out `except` (a booking being moved).
async fn taken_slots(
    conn: &mut PgConnection,
    rules: &Availability,
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<Slot>, AppError> {
    let from = now - Duration::days(1);
    let to = now + rules.horizon + Duration::days(1);
    let rows = sqlx::query!(
        r#"SELECT lower(blocks) AS "start!", upper(blocks) AS "end!"
           FROM bookings
           WHERE status IN ('pending', 'confirmed')
             AND blocks && tstzrange($1, $2)
             AND id IS DISTINCT FROM $3"#,
        from,
        to,
        except
    )
    .fetch_all(&mut *conn)
    .await?;
    let (before, after) = buffer_halves(rules);
    Ok(rows
        .into_iter()
        .map(|row| Slot {
            start: row.start + before,
            end: row.end - after,
        })
        .collect())
}

/// The buffer split around a lesson: `blocks` is `[start - before, end + after)`.
pub(super) fn buffer_halves(rules: &Availability) -> (Duration, Duration) {
    let before = rules.buffer / 2;
    (before, rules.buffer - before)
}

pub(super) async fn free_now(
    conn: &mut PgConnection,
    rules: &Availability,
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<Slot>, AppError> {
    let taken = taken_slots(conn, rules, now, except).await?;
    Ok(free_slots(rules, &taken, now))
}

/// The free times from now on, by day in the visitor's zone, with a fresh
/// idempotency key for the form. `zone_note` says why the zone is not the
/// one asked for (see `when::visitor_zone`, which parses it).
pub async fn calendar(
    pool: &PgPool,
    (zone, zone_note): (Tz, Option<String>),
    now: DateTime<Utc>,
) -> Result<Calendar, AppError> {
    let mut conn = pool.acquire().await?;
    let settings = load_settings(&mut conn).await?;
    let free = free_now(&mut conn, &settings.availability, now, None).await?;
    Ok(build_calendar(
        &settings,
        &free,
        zone,
        zone_note,
        new_token()?,
        now,
    ))
}

fn build_calendar(
    settings: &Settings,
    free: &[Slot],
    zone: Tz,
    zone_note: Option<String>,
    key: String,
    now: DateTime<Utc>,
) -> Calendar {
    let mut days: Vec<CalendarDay> = Vec::new();
    for slot in free {
        let local = slot.start.with_timezone(&zone);
        let date = local.date_naive().to_string();
        // On the night clocks go back, an hour of wall-clock times happens
        // twice; those times carry their abbreviation (CEST, then CET).
        let twice = matches!(
            zone.from_local_datetime(&local.naive_local()),
            chrono::LocalResult::Ambiguous(..)
        );
        let time = match twice {
            true => local.format("%H:%M %Z").to_string(),
            false => local.format("%H:%M").to_string(),
        };
        let hour = local.hour();
        let choice = SlotChoice {
            id: SlotId::new(slot.start).to_string(),
            time,
            night: !(7..22).contains(&hour),
        };
        match days.last_mut() {
            Some(day) if day.date == date => day.slots.push(choice),
            _ => days.push(CalendarDay {
                date,
                label: local.format("%A %-d %B").to_string(),
                slots: vec![choice],
            }),
        }
    }
    let today = now.with_timezone(&zone).date_naive();
    let last = days
        .last()
        .and_then(|d| d.date.parse::<NaiveDate>().ok())
        .unwrap_or(today);
    Calendar {
        zone: zone.name().to_owned(),
        zone_note,
        lesson_minutes: u32::try_from(settings.availability.slot.num_minutes()).unwrap_or(30),
        retention_days: settings.retention_days,
        days,
        key,
        today: today.to_string(),
        months: months_between(today, last),
    }
}

/// Every month from the one `first` is in to the one `last` is in.
fn months_between(first: NaiveDate, last: NaiveDate) -> Vec<CalendarMonth> {
    let mut months = Vec::new();
    let mut start = first.with_day(1).unwrap_or(first);
    while start <= last {
        let next = start
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX);
        months.push(CalendarMonth {
            key: start.format("%Y-%m").to_string(),
            label: start.format("%B %Y").to_string(),
            first_weekday: u8::try_from(start.weekday().num_days_from_monday()).unwrap_or(0),
            length: u8::try_from((next - start).num_days()).unwrap_or(31),
        });
        start = next;
    }
    months
}

/// "That time was just taken", with the nearest free times in the visitor's zone.
pub(super) fn taken_message(
    free: &[Slot],
    wanted: DateTime<Utc>,
    zone: Tz,
    horizon_days: i64,
) -> AppError {
    let mut nearest: Vec<Slot> = free.iter().copied().filter(|s| s.start != wanted).collect();
    nearest.sort_by_key(|s| (s.start - wanted).num_seconds().abs());
    nearest.truncate(3);
    nearest.sort();
    if nearest.is_empty() {
        return AppError::SlotTaken(format!(
            "Sorry, that time was just taken, and no other time is free in the next {horizon_days} days."
        ));
    }
    let times: Vec<String> = nearest
        .iter()
        .map(|s| {
            s.start
                .with_timezone(&zone)
                .format("%a %-d %b %H:%M")
                .to_string()
        })
        .collect();
    AppError::SlotTaken(format!(
        "Sorry, that time was just taken. The nearest free times are {} ({}). Please pick one of them.",
        join_and(&times),
        zone.name()
    ))
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_that_happen_twice_when_clocks_go_back_carry_their_abbreviation() {
        let settings = Settings {
            availability: Availability {
                zone: Tz::UTC,
                weekly: Vec::new(),
                exceptions: Vec::new(),
                slot: Duration::minutes(30),
                buffer: Duration::zero(),
                notice: Duration::zero(),
                horizon: Duration::days(30),
            },
            retention_days: 180,
        };
        // 2026-10-25: Berlin goes from CEST back to CET at 01:00 UTC.
        let at = |utc: &str| {
            DateTime::parse_from_rfc3339(utc)
                .unwrap()
                .with_timezone(&Utc)
        };
        let free: Vec<Slot> = [
            "2026-10-25T00:30:00Z",
            "2026-10-25T01:30:00Z",
            "2026-10-25T08:00:00Z",
        ]
        .iter()
        .map(|t| Slot {
            start: at(t),
            end: at(t) + Duration::minutes(30),
        })
        .collect();

        let calendar = build_calendar(
            &settings,
            &free,
            Tz::Europe__Berlin,
            None,
            "k".into(),
            at("2026-10-24T12:00:00Z"),
        );

        let times: Vec<&str> = calendar.days[0]
            .slots
            .iter()
            .map(|s| s.time.as_str())
            .collect();
        assert_eq!(times, ["02:30 CEST", "02:30 CET", "09:00"]);
        assert_eq!(calendar.retention_days, 180);
        let night: Vec<bool> = calendar.days[0].slots.iter().map(|s| s.night).collect();
        assert_eq!(night, [true, true, false]);
    }

    #[test]
    fn the_months_run_from_this_one_to_the_last_with_a_free_day() {
        let date = |d: &str| d.parse::<NaiveDate>().unwrap();

        let months = months_between(date("2026-12-30"), date("2027-02-02"));

        let shown: Vec<(&str, &str, u8, u8)> = months
            .iter()
            .map(|m| (m.key.as_str(), m.label.as_str(), m.first_weekday, m.length))
            .collect();
        assert_eq!(
            shown,
            [
                ("2026-12", "December 2026", 1, 31),
                ("2027-01", "January 2027", 4, 31),
                ("2027-02", "February 2027", 0, 28),
            ]
        );
        assert_eq!(
            months_between(date("2028-02-10"), date("2028-02-11"))[0].length,
            29
        );
    }

    #[test]
    fn a_taken_slot_offers_the_three_nearest_free_times_in_the_visitors_zone() {
        let at = |h: u32| {
            DateTime::parse_from_rfc3339(&format!("2026-11-27T{h:02}:00:00Z"))
                .unwrap()
                .with_timezone(&Utc)
        };
        let free: Vec<Slot> = [8, 9, 11, 12, 15]
            .iter()
            .map(|h| Slot {
                start: at(*h),
                end: at(*h) + Duration::minutes(30),
            })
            .collect();
        let AppError::SlotTaken(message) = taken_message(&free, at(10), Tz::Asia__Kolkata, 30)
        else {
            panic!("a conflict")
        };
        assert!(
            message
                .contains("Fri 27 Nov 13:30, Fri 27 Nov 14:30 and Fri 27 Nov 16:30 (Asia/Kolkata)"),
            "{message}"
        );
        let AppError::SlotTaken(none) = taken_message(&[], at(10), Tz::UTC, 30) else {
            panic!()
        };
        assert!(
            none.contains("no other time is free in the next 30 days"),
            "{none}"
        );
    }
}
