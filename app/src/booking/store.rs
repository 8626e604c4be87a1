//! The booking queries (server only): availability in, bookings out, and
//! every change written together with the email that reports it.
//!
//! The database has the last word on the guarantees: the exclusion
//! constraint `bookings_no_overlap` refuses a second booking of a slot,
//! `bookings_token_unique` a second booking from one submission.

use super::fields::ValidBooking;
use super::page::encode;
use super::slots::{Availability, Exception, Slot, WeeklyRule, free_slots};
use super::types::{
    BookRequest, Booked, BookingView, Calendar, CalendarDay, CalendarLinks, SlotChoice,
    canonical_zone, is_token,
};
use super::{BookingConfig, mail};
use crate::AppError;
use crate::error::OnConstraint;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};
use std::net::IpAddr;

/// The visitor's zone, or UTC with a note saying why.
pub fn visitor_zone(name: &str) -> (Tz, Option<String>) {
    let name = name.trim();
    if name.is_empty() {
        return (Tz::UTC, None);
    }
    match canonical_zone(name).parse::<Tz>() {
        Ok(zone) => (zone, None),
        Err(_) => (
            Tz::UTC,
            Some(format!(
                "We do not know the time zone “{}”, so times are shown in UTC.",
                crate::jobs::types::quote(name, 40)
            )),
        ),
    }
}

/// How a slot travels in URLs and forms: its UTC start to the minute.
pub fn slot_id(start: DateTime<Utc>) -> String {
    start.format("%Y-%m-%dT%H:%MZ").to_string()
}

pub fn parse_slot_id(id: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(id.trim(), "%Y-%m-%dT%H:%MZ")
        .ok()
        .map(|at| at.and_utc())
}

/// "Thursday 27 November 2026, 10:00–10:30" in `zone`.
pub fn when_in(zone: Tz, slot: Slot) -> String {
    let start = slot.start.with_timezone(&zone);
    let end = slot.end.with_timezone(&zone);
    format!(
        "{}, {}–{}",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// "2026-11-27 09:00–09:30 UTC".
pub fn when_utc(slot: Slot) -> String {
    format!(
        "{}–{} UTC",
        slot.start.format("%Y-%m-%d %H:%M"),
        slot.end.format("%H:%M")
    )
}

/// 128 random bits as 32 hex digits: the form's idempotency key.
pub fn new_token() -> Result<String, AppError> {
    Ok(hex(&random_bytes::<16>()?))
}

/// A short reference people can read out: BL- and four characters without
/// the look-alikes 0/O, 1/I/L and U/V.
fn new_reference(length: usize) -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
    let mut bytes = vec![0_u8; length];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    let code: String = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    Ok(format!("BL-{code}"))
}

// ---- Availability ----------------------------------------------------------------

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
fn buffer_halves(rules: &Availability) -> (Duration, Duration) {
    let before = rules.buffer / 2;
    (before, rules.buffer - before)
}

async fn free_now(
    conn: &mut PgConnection,
    rules: &Availability,
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<Slot>, AppError> {
    let taken = taken_slots(conn, rules, now, except).await?;
    Ok(free_slots(rules, &taken, now))
}

/// The free times from now on, by day in the visitor's zone, with a fresh
/// idempotency key for the form.
pub async fn calendar(
    pool: &PgPool,
    zone_name: &str,
    now: DateTime<Utc>,
) -> Result<Calendar, AppError> {
    let mut conn = pool.acquire().await?;
    let settings = load_settings(&mut conn).await?;
    let free = free_now(&mut conn, &settings.availability, now, None).await?;
    let (zone, zone_note) = visitor_zone(zone_name);
    Ok(build_calendar(
        &settings,
        &free,
        zone,
        zone_note,
        new_token()?,
    ))
}

fn build_calendar(
    settings: &Settings,
    free: &[Slot],
    zone: Tz,
    zone_note: Option<String>,
    key: String,
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
        let choice = SlotChoice {
            id: slot_id(slot.start),
            time,
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
    Calendar {
        zone: zone.name().to_owned(),
        zone_note,
        lesson_minutes: u32::try_from(settings.availability.slot.num_minutes()).unwrap_or(30),
        retention_days: settings.retention_days,
        days,
        key,
    }
}

/// "That time was just taken", with the nearest free times in the visitor's zone.
fn taken_message(free: &[Slot], wanted: DateTime<Utc>, zone: Tz, horizon_days: i64) -> AppError {
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

// ---- Rate limits ------------------------------------------------------------------

/// Counts one request from `client` for `action`; refuses it with 429 when
/// the window already holds the limit. The count is committed on its own,
/// so refused and failed attempts count too.
pub async fn rate_limit(
    pool: &PgPool,
    config: &BookingConfig,
    action: &str,
    client: IpAddr,
) -> Result<(), AppError> {
    let window = config.rate_window.as_secs_f64();
    let row = sqlx::query!(
        r#"INSERT INTO rate_limits (action, client, window_start, hits)
           VALUES ($1, $2::text::inet, now(), 1)
           ON CONFLICT (action, client) DO UPDATE SET
               hits = CASE WHEN rate_limits.window_start <= now() - $3 * interval '1 second'
                           THEN 1 ELSE rate_limits.hits + 1 END,
               window_start = CASE WHEN rate_limits.window_start <= now() - $3 * interval '1 second'
                                   THEN now() ELSE rate_limits.window_start END
           RETURNING hits, ceil(extract(epoch FROM window_start + $3 * interval '1 second' - now()) / 60)::int AS "wait_minutes!""#,
        action,
        rate_bucket(client),
        window
    )
    .fetch_one(pool)
    .await?;
    if u32::try_from(row.hits).unwrap_or(u32::MAX) > config.rate_limit {
        let minutes = row.wait_minutes.max(1);
        return Err(AppError::TooManyRequests(format!(
            "That is more requests than we accept from one connection in {} minutes. Please try again in {minutes} minute{}.",
            (window / 60.0).round(),
            if minutes == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// What one client is counted as: its IPv4 address, or its IPv6 /64 (one
/// home or phone network gets a whole /64 and could rotate within it).
fn rate_bucket(client: IpAddr) -> String {
    match client {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0).to_string()
            }
        },
    }
}

// ---- Booking -------------------------------------------------------------------------

/// Books a slot. The same key sent again (a double click, a retry, an
/// offline replay) finds the booking it made the first time.
pub async fn book(
    pool: &PgPool,
    config: &BookingConfig,
    client: IpAddr,
    request: &BookRequest,
    now: DateTime<Utc>,
) -> Result<Booked, AppError> {
    if !request.website.trim().is_empty() {
        // A robot filled in the hidden field: whatever else it sent, it is
        // told it succeeded, and nothing is stored or sent.
        tracing::info!("booking honeypot triggered");
        return Ok(Booked {
            token: String::new(),
            reference: new_reference(4)?,
            next: "/book/thanks".into(),
        });
    }
    let valid = validate_request(request)?;
    let Some(start) = parse_slot_id(&request.slot) else {
        return Err(slot_error());
    };
    if let Some(booked) = replay(pool, config, &request.key, start, &valid).await? {
        return Ok(booked);
    }
    rate_limit(pool, config, "book", client).await?;
    let (zone, _) = visitor_zone(&request.zone);

    let mut tx = pool.begin().await?;
    let settings = load_settings(&mut tx).await?;
    let rules = &settings.availability;
    let free = free_now(&mut tx, rules, now, None).await?;
    let Some(slot) = free.iter().copied().find(|s| s.start == start) else {
        // Taken, perhaps by this very submission sent twice at once.
        drop(tx);
        return match replay(pool, config, &request.key, start, &valid).await? {
            Some(booked) => Ok(booked),
            None => Err(taken_message(&free, start, zone, rules.horizon.num_days())),
        };
    };
    let (before, after) = buffer_halves(rules);
    let nonce = random_bytes::<16>()?;
    let token = manage_token(&config.secret, &nonce);
    let mut inserted = None;
    for attempt in 0..8 {
        let reference = new_reference(if attempt < 6 { 4 } else { 6 })?;
        let row = sqlx::query!(
            r#"INSERT INTO bookings
                   (reference, during, blocks, status, name, email, phone, topic,
                    visitor_zone, token_hash, token_nonce, idempotency_hash, consented_at)
               VALUES ($1, tstzrange($2, $3), tstzrange($4, $5), 'confirmed', $6, $7, $8, $9,
                       $10, sha256(convert_to($11, 'UTF8')), $12, sha256(convert_to($13, 'UTF8')), $14)
               ON CONFLICT ON CONSTRAINT bookings_reference_unique DO NOTHING
               RETURNING id"#,
            reference,
            slot.start,
            slot.end,
            slot.start - before,
            slot.end + after,
            valid.name.as_str(),
            valid.email.as_str(),
            valid.phone.as_ref().map(|p| p.as_str()),
            valid.topic.as_ref().map(|t| t.as_str()),
            zone.name(),
            token,
            &nonce[..],
            request.key,
            now,
        )
        .fetch_optional(&mut *tx)
        .await;
        match row {
            Ok(Some(row)) => {
                inserted = Some((row.id, reference));
                break;
            }
            Ok(None) => continue,
            Err(sqlx::Error::Database(error))
                if matches!(
                    error.constraint(),
                    Some("bookings_no_overlap" | "bookings_idempotency_unique")
                ) =>
            {
                // Either someone else took the time, or this very submission,
                // sent twice at once, did: then the other copy's booking is ours.
                drop(tx);
                return match replay(pool, config, &request.key, start, &valid).await? {
                    Some(booked) => Ok(booked),
                    None => Err(taken_message(&free, start, zone, rules.horizon.num_days())),
                };
            }
            Err(other) => return Err(other.into()),
        }
    }
    let Some((id, reference)) = inserted else {
        tracing::error!("no free booking reference after 8 attempts");
        return Err(AppError::Internal);
    };
    let message = mail::confirmation(&mail::Details {
        reference: &reference,
        name: valid.name.as_str(),
        slot,
        zone,
        manage_url: mail::MANAGE_LINK,
    });
    queue_email(
        &mut tx,
        id,
        "booking_confirmed",
        valid.email.as_str(),
        &message,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(booking = id, %reference, "booking made");
    Ok(Booked::made(token, reference))
}

fn slot_error() -> AppError {
    AppError::Invalid(vec![crate::error::FieldError {
        field: "slot".into(),
        message: "Please pick a time for the lesson from the list.".into(),
    }])
}

/// The form's rules, plus a key that can be a manage token.
fn validate_request(request: &BookRequest) -> Result<ValidBooking, AppError> {
    let valid = request.check();
    if !is_token(&request.key) {
        return Err(AppError::BadRequest(
            "This booking form is out of date. Please reload the page and try again.".into(),
        ));
    }
    valid
}

/// The booking an earlier send of this very submission made, if any. The
/// key with other details (another slot or email) is refused: a key names
/// one submission.
async fn replay(
    pool: &PgPool,
    config: &BookingConfig,
    key: &str,
    start: DateTime<Utc>,
    valid: &ValidBooking,
) -> Result<Option<Booked>, AppError> {
    let row = sqlx::query!(
        r#"SELECT reference, lower(during) AS "start!", email, token_nonce
           FROM bookings WHERE idempotency_hash = sha256(convert_to($1, 'UTF8'))"#,
        key
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let same = row.start == start
        && row
            .email
            .is_some_and(|email| email.eq_ignore_ascii_case(valid.email.as_str()));
    if !same {
        return Err(AppError::Conflict(
            "This form was already used for another booking. Please reload the page to book again."
                .into(),
        ));
    }
    // Bookings from before derived tokens used the key itself.
    let token = match row.token_nonce {
        Some(nonce) => manage_token(&config.secret, &nonce),
        None => key.to_owned(),
    };
    Ok(Some(Booked::made(token, row.reference)))
}

/// A booking's manage token: HMAC-SHA256 of its nonce under the server
/// secret, first 128 bits, as 32 hex digits. Only its SHA-256 is stored.
pub fn manage_token(secret: &[u8], nonce: &[u8]) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret)
        .expect("HMAC takes a key of any length");
    mac.update(b"backline manage token v1:");
    mac.update(nonce);
    let digest = mac.finalize().into_bytes();
    hex(&digest[..16])
}

/// Lowercase hexadecimal, as tokens and fingerprints are shown.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes).map_err(|error| {
        tracing::error!(%error, "no randomness");
        AppError::Internal
    })?;
    Ok(bytes)
}

async fn queue_email(
    conn: &mut PgConnection,
    booking: i64,
    kind: &str,
    to: &str,
    message: &mail::Message,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO outbox (booking_id, kind, recipient, subject, body) VALUES ($1, $2, $3, $4, $5)",
        booking,
        kind,
        to,
        message.subject,
        message.body
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// ---- Managing a booking ----------------------------------------------------------

/// One booking's row, found by its token's hash.
struct Row {
    id: i64,
    reference: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    blocks_start: DateTime<Utc>,
    blocks_end: DateTime<Utc>,
    status: String,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    topic: Option<String>,
    visitor_zone: String,
    token_hash: Vec<u8>,
    consented_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    cancelled_at: Option<DateTime<Utc>>,
    erased_at: Option<DateTime<Utc>>,
    revision: i32,
}

impl Row {
    fn slot(&self) -> Slot {
        Slot {
            start: self.start,
            end: self.end,
        }
    }

    fn zone(&self) -> Tz {
        visitor_zone(&self.visitor_zone).0
    }

    fn changeable(&self, now: DateTime<Utc>) -> bool {
        matches!(self.status.as_str(), "pending" | "confirmed") && self.start > now
    }
}

/// The booking this token manages. A malformed token is refused before
/// any query; a well-formed one is looked up by its SHA-256, so the time
/// taken says nothing about how close a guess was.
async fn find(conn: &mut PgConnection, token: &str) -> Result<Row, AppError> {
    if !is_token(token) {
        return Err(AppError::NotFound);
    }
    sqlx::query_as!(
        Row,
        r#"SELECT id, reference, lower(during) AS "start!", upper(during) AS "end!",
                  lower(blocks) AS "blocks_start!", upper(blocks) AS "blocks_end!",
                  status::text AS "status!", name, email, phone, topic, visitor_zone,
                  token_hash, consented_at, created_at, updated_at, cancelled_at, erased_at,
                  revision
           FROM bookings
           WHERE token_hash = sha256(convert_to($1, 'UTF8'))"#,
        token
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// The same, locked until the caller's transaction ends, so two changes to
/// one booking take turns. The lock comes first, so the row read is current.
async fn find_for_update(conn: &mut PgConnection, token: &str) -> Result<Row, AppError> {
    if !is_token(token) {
        return Err(AppError::NotFound);
    }
    sqlx::query_scalar!(
        "SELECT id FROM bookings WHERE token_hash = sha256(convert_to($1, 'UTF8')) FOR UPDATE",
        token
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    find(conn, token).await
}

/// What the manage page shows: the booking, and every field we keep.
pub async fn view(
    pool: &PgPool,
    config: &BookingConfig,
    token: &str,
    now: DateTime<Utc>,
) -> Result<BookingView, AppError> {
    let mut conn = pool.acquire().await?;
    let row = find(&mut conn, token).await?;
    let settings = load_settings(&mut conn).await?;
    let emails = sqlx::query!(
        r#"SELECT kind, sent_at, failed_at, attempts, recipient IS NOT NULL AS "addressed!"
           FROM outbox WHERE booking_id = $1 ORDER BY id"#,
        row.id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|e| {
        let state = match (e.sent_at, e.attempts) {
            (Some(at), _) => format!("sent {}", at.format("%Y-%m-%d %H:%M UTC")),
            (None, _) if e.failed_at.is_some() => {
                "could not be delivered; we have stopped trying and erased the address from it"
                    .to_owned()
            }
            // Erasing the booking's details takes the address out of unsent emails.
            (None, _) if !e.addressed => {
                "not sent: your address was erased with your details".to_owned()
            }
            (None, 0) => "waiting to be sent (your address is kept until it is)".to_owned(),
            (None, n) => format!("not sent yet ({n} attempts so far; we keep trying)"),
        };
        (mail::kind_label(&e.kind).to_owned(), state)
    })
    .collect();
    let kept_until = row.end + Duration::days(settings.retention_days.into());
    Ok(BookingView {
        reference: row.reference.clone(),
        status: row.status.clone(),
        when_local: when_in(row.zone(), row.slot()),
        zone: row.zone().name().to_owned(),
        when_utc: when_utc(row.slot()),
        add_to_calendar: calendar_links(row.slot(), &row.reference),
        changeable: row.changeable(now),
        erased: row.erased_at.is_some(),
        stored: stored_fields(&row),
        emails,
        kept_until: kept_until.format("%-d %B %Y").to_string(),
        retention_days: settings.retention_days,
        public_url: config.public_url.clone(),
    })
}

/// "Add to Google Calendar" and "Add to Outlook" links: each service's
/// public template URL, with the lesson's times in UTC.
fn calendar_links(slot: Slot, reference: &str) -> CalendarLinks {
    let title = encode(&format!("Backline demo lesson ({reference})"));
    let details = encode(
        "Your Backline demo lesson. Your confirmation email has the link to move or cancel it.",
    );
    let compact = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    CalendarLinks {
        google: format!(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text={title}&dates={}/{}&details={details}",
            compact(slot.start),
            compact(slot.end)
        ),
        outlook: format!(
            "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject={title}&startdt={}&enddt={}&body={details}",
            encode(&stamp(slot.start)),
            encode(&stamp(slot.end))
        ),
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Every column of the row, labelled as the manage page and the export show it.
fn stored_fields(row: &Row) -> Vec<(String, String)> {
    let none = || "—".to_owned();
    let hash = hex(&row.token_hash);
    vec![
        ("Reference".into(), row.reference.clone()),
        ("Lesson starts".into(), stamp(row.start)),
        ("Lesson ends".into(), stamp(row.end)),
        (
            "Time kept free around it".into(),
            format!("{} to {}", stamp(row.blocks_start), stamp(row.blocks_end)),
        ),
        ("Status".into(), row.status.clone()),
        ("Name".into(), row.name.clone().unwrap_or_else(none)),
        ("Email".into(), row.email.clone().unwrap_or_else(none)),
        ("Phone".into(), row.phone.clone().unwrap_or_else(none)),
        (
            "What you want to learn".into(),
            row.topic.clone().unwrap_or_else(none),
        ),
        ("Your time zone".into(), row.visitor_zone.clone()),
        (
            "Link fingerprint (SHA-256; the link itself is not stored)".into(),
            hash,
        ),
        ("Consent given".into(), stamp(row.consented_at)),
        ("Booked".into(), stamp(row.created_at)),
        ("Last changed".into(), stamp(row.updated_at)),
        (
            "Cancelled".into(),
            row.cancelled_at.map(stamp).unwrap_or_else(none),
        ),
        (
            "Erased".into(),
            row.erased_at.map(stamp).unwrap_or_else(none),
        ),
    ]
}

/// The visitor's data as JSON: the booking row and the emails about it.
pub async fn export(pool: &PgPool, token: &str) -> Result<serde_json::Value, AppError> {
    let mut conn = pool.acquire().await?;
    let row = find(&mut conn, token).await?;
    let emails: Vec<serde_json::Value> = sqlx::query!(
        "SELECT kind, subject, created_at, sent_at, attempts FROM outbox WHERE booking_id = $1 ORDER BY id",
        row.id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|e| {
        serde_json::json!({
            "kind": e.kind, "subject": e.subject, "created_at": stamp(e.created_at),
            "sent_at": e.sent_at.map(stamp), "attempts": e.attempts,
        })
    })
    .collect();
    let hash = hex(&row.token_hash);
    Ok(serde_json::json!({
        "booking": {
            "reference": row.reference,
            "lesson_starts": stamp(row.start),
            "lesson_ends": stamp(row.end),
            "blocks": [stamp(row.blocks_start), stamp(row.blocks_end)],
            "revision": row.revision,
            "status": row.status,
            "name": row.name,
            "email": row.email,
            "phone": row.phone,
            "topic": row.topic,
            "visitor_zone": row.visitor_zone,
            "token_sha256": hash,
            "consented_at": stamp(row.consented_at),
            "created_at": stamp(row.created_at),
            "updated_at": stamp(row.updated_at),
            "cancelled_at": row.cancelled_at.map(stamp),
            "erased_at": row.erased_at.map(stamp),
        },
        "emails": emails,
        "who_can_see_it": "Backline staff who arrange demo lessons.",
        "kept": "Until the retention period after the lesson ends, then the personal fields are erased.",
    }))
}

/// The lesson as an iCalendar file, in UTC.
pub async fn ics(
    pool: &PgPool,
    config: &BookingConfig,
    token: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let mut conn = pool.acquire().await?;
    let row = find(&mut conn, token).await?;
    Ok(mail::ics(&mail::Event {
        reference: &row.reference,
        slot: row.slot(),
        cancelled: row.status == "cancelled",
        revision: row.revision,
        manage_url: &format!("{}/booking/{token}", config.public_url),
        stamp: now,
    }))
}

/// Cancels a booking that is still ahead. Cancelling twice is not an error.
pub async fn cancel(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row = find_for_update(&mut tx, token).await?;
    if row.status == "cancelled" {
        return Ok(());
    }
    if !row.changeable(now) {
        return Err(AppError::Conflict(
            "This lesson has already taken place, so it cannot be cancelled.".into(),
        ));
    }
    sqlx::query!(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $2, updated_at = $2, revision = revision + 1 WHERE id = $1",
        row.id,
        now
    )
    .execute(&mut *tx)
    .await?;
    if let Some(email) = &row.email {
        let message = mail::cancellation(&mail::Details {
            reference: &row.reference,
            name: row.name.as_deref().unwrap_or(""),
            slot: row.slot(),
            zone: row.zone(),
            manage_url: mail::MANAGE_LINK,
        });
        queue_email(&mut tx, row.id, "booking_cancelled", email, &message).await?;
    }
    tx.commit().await?;
    tracing::info!(booking = row.id, "booking cancelled");
    Ok(())
}

/// Moves a booking to another free slot in one statement: the old time is
/// given up only if the new one is taken.
pub async fn reschedule(
    pool: &PgPool,
    token: &str,
    slot: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(start) = parse_slot_id(slot) else {
        return Err(slot_error());
    };
    let mut tx = pool.begin().await?;
    let row = find_for_update(&mut tx, token).await?;
    if !row.changeable(now) {
        return Err(AppError::Conflict(
            "This booking is cancelled or already past, so it cannot be moved. You can book a new lesson instead.".into(),
        ));
    }
    let settings = load_settings(&mut tx).await?;
    let rules = &settings.availability;
    let free = free_now(&mut tx, rules, now, Some(row.id)).await?;
    let zone = row.zone();
    let Some(new) = free.iter().copied().find(|s| s.start == start) else {
        return Err(taken_message(&free, start, zone, rules.horizon.num_days()));
    };
    let (before, after) = buffer_halves(rules);
    sqlx::query!(
        "UPDATE bookings SET during = tstzrange($2, $3), blocks = tstzrange($4, $5),
                updated_at = $6, revision = revision + 1
         WHERE id = $1",
        row.id,
        new.start,
        new.end,
        new.start - before,
        new.end + after,
        now
    )
    .execute(&mut *tx)
    .await
    .on_constraint("bookings_no_overlap", || {
        taken_message(&free, start, zone, rules.horizon.num_days())
    })?;
    if let Some(email) = &row.email {
        let message = mail::rescheduled(&mail::Details {
            reference: &row.reference,
            name: row.name.as_deref().unwrap_or(""),
            slot: new,
            zone,
            manage_url: mail::MANAGE_LINK,
        });
        queue_email(&mut tx, row.id, "booking_rescheduled", email, &message).await?;
    }
    tx.commit().await?;
    tracing::info!(booking = row.id, "booking moved");
    Ok(())
}

/// Erases the visitor's personal details from the booking and from any
/// email not yet sent, and cancels the lesson if it is still ahead.
pub async fn erase(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row = find_for_update(&mut tx, token).await?;
    if row.erased_at.is_some() {
        return Ok(());
    }
    let cancel = row.changeable(now);
    erase_rows(&mut tx, &[row.id], now, cancel).await?;
    tx.commit().await?;
    tracing::info!(booking = row.id, "booking details erased by the visitor");
    Ok(())
}

async fn erase_rows(
    conn: &mut PgConnection,
    ids: &[i64],
    now: DateTime<Utc>,
    cancel: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE bookings SET name = NULL, email = NULL, phone = NULL, topic = NULL,
                erased_at = $2, updated_at = $2,
                status = CASE WHEN $3 THEN 'cancelled'::booking_status ELSE status END,
                cancelled_at = CASE WHEN $3 THEN $2 ELSE cancelled_at END,
                revision = revision + 1
         WHERE id = ANY($1)",
        ids,
        now,
        cancel
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "UPDATE outbox SET recipient = NULL, body = NULL WHERE booking_id = ANY($1)",
        ids
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Housekeeping, run on a schedule by every server instance (it is
/// idempotent): past lessons become `completed`, personal details older
/// than the retention period are erased, and old rate-limit windows go.
/// Returns how many bookings were erased.
pub async fn housekeeping(pool: &PgPool, now: DateTime<Utc>) -> Result<u64, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "UPDATE bookings SET status = 'completed', updated_at = $1
         WHERE status = 'confirmed' AND upper(during) <= $1",
        now
    )
    .execute(&mut *tx)
    .await?;
    let due: Vec<i64> = sqlx::query_scalar!(
        "SELECT b.id FROM bookings b, booking_settings s
         WHERE b.erased_at IS NULL AND upper(b.during) < $1::timestamptz - make_interval(days => s.retention_days)
         ORDER BY b.id LIMIT 1000
         FOR UPDATE OF b SKIP LOCKED",
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    if !due.is_empty() {
        erase_rows(&mut tx, &due, now, false).await?;
    }
    sqlx::query!(
        "DELETE FROM rate_limits WHERE window_start < $1::timestamptz - interval '1 day'",
        now
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if !due.is_empty() {
        tracing::info!(erased = due.len(), "retention: old booking details erased");
    }
    Ok(due.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_network_counts_as_one_client() {
        let cases = [
            ("203.0.113.7", "203.0.113.7"),
            ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::"),
            ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::"),
            ("::ffff:203.0.113.7", "203.0.113.7"),
        ];
        for (address, bucket) in cases {
            assert_eq!(rate_bucket(address.parse().unwrap()), bucket, "{address}");
        }
    }

    #[test]
    fn slot_ids_round_trip_and_refuse_anything_else() {
        let start = DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(slot_id(start), "2026-11-27T09:00Z");
        assert_eq!(parse_slot_id("2026-11-27T09:00Z"), Some(start));
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T09:00",
            "2026-13-27T09:00Z",
            "tomorrow",
        ] {
            assert_eq!(parse_slot_id(bad), None, "{bad}");
        }
    }

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

        let calendar = build_calendar(&settings, &free, Tz::Europe__Berlin, None, "k".into());

        let times: Vec<&str> = calendar.days[0]
            .slots
            .iter()
            .map(|s| s.time.as_str())
            .collect();
        assert_eq!(times, ["02:30 CEST", "02:30 CET", "09:00"]);
        assert_eq!(calendar.retention_days, 180);
    }

    #[test]
    fn an_unknown_zone_falls_back_to_utc_and_says_so() {
        assert_eq!(visitor_zone("Europe/London").0, Tz::Europe__London);
        assert_eq!(visitor_zone("Asia/Calcutta").0.name(), "Asia/Kolkata");
        assert_eq!(visitor_zone("Europe/Kiev").0.name(), "Europe/Kyiv");
        let (zone, note) = visitor_zone("Mars/Olympus");
        assert_eq!(zone, Tz::UTC);
        assert!(note.unwrap().contains("Mars/Olympus"));
        assert_eq!(visitor_zone(""), (Tz::UTC, None));
    }

    #[test]
    fn manage_tokens_are_128_bits_derived_from_the_secret_and_the_nonce() {
        let token = manage_token(b"secret one", &[7; 16]);
        assert!(is_token(&token), "{token}");
        assert_eq!(token, manage_token(b"secret one", &[7; 16]));
        assert_ne!(token, manage_token(b"secret two", &[7; 16]));
        assert_ne!(token, manage_token(b"secret one", &[8; 16]));
    }

    #[test]
    fn references_are_readable_and_tokens_are_128_bits() {
        let reference = new_reference(4).unwrap();
        assert!(
            reference.starts_with("BL-") && reference.len() == 7,
            "{reference}"
        );
        assert!(
            !reference[3..].contains(['0', 'O', '1', 'I', 'L']),
            "{reference}"
        );
        let token = new_token().unwrap();
        assert!(is_token(&token));
        assert_ne!(token, new_token().unwrap());
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
