//! What the booking's page shows, the data export and the calendar file.

use super::super::BookingConfig;
use super::super::mail;
use super::super::slots::Slot;
use super::super::tokens::hex;
use super::super::types::{BookingView, CalendarLinks, ManageToken};
use super::super::when::{when_in, when_utc};
use super::availability::load_settings;
use super::manage::{Row, find};
use crate::AppError;
use crate::common::url_encode;
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

/// What the manage page shows: the booking, and every field we keep.
pub async fn view(
    pool: &PgPool,
    config: &BookingConfig,
    token: &ManageToken,
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
    let title = url_encode(&format!("Backline demo lesson ({reference})"));
    let details = url_encode(
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
            url_encode(&stamp(slot.start)),
            url_encode(&stamp(slot.end))
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
            "Our staff's notes on it".into(),
            row.staff_notes.clone().unwrap_or_else(none),
        ),
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
pub async fn export(pool: &PgPool, token: &ManageToken) -> Result<serde_json::Value, AppError> {
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
            "staff_notes": row.staff_notes,
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
    token: &ManageToken,
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
