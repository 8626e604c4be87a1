//! Changing a booking from its page: finding it by token, cancelling,
//! moving and erasing, each with the email that reports it.

use super::super::mail;
use super::super::slots::Slot;
use super::super::types::ManageToken;
use super::super::when::{SlotId, visitor_zone};
use super::availability::{buffer_halves, free_now, load_settings_locked, taken_message};
use super::book::{queue_email, slot_error};
use crate::AppError;
use crate::error::OnConstraint;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};

/// One booking's row, found by its token's hash.
pub(in crate::booking) struct Row {
    pub(in crate::booking) id: i64,
    pub(in crate::booking) reference: String,
    pub(in crate::booking) start: DateTime<Utc>,
    pub(in crate::booking) end: DateTime<Utc>,
    pub(in crate::booking) blocks_start: DateTime<Utc>,
    pub(in crate::booking) blocks_end: DateTime<Utc>,
    pub(in crate::booking) status: String,
    pub(in crate::booking) name: Option<String>,
    pub(in crate::booking) email: Option<String>,
    pub(in crate::booking) phone: Option<String>,
    pub(in crate::booking) topic: Option<String>,
    pub(in crate::booking) visitor_zone: String,
    pub(in crate::booking) token_hash: Vec<u8>,
    pub(in crate::booking) consented_at: DateTime<Utc>,
    pub(in crate::booking) created_at: DateTime<Utc>,
    pub(in crate::booking) updated_at: DateTime<Utc>,
    pub(in crate::booking) cancelled_at: Option<DateTime<Utc>>,
    pub(in crate::booking) erased_at: Option<DateTime<Utc>>,
    pub(in crate::booking) revision: i32,
    pub(in crate::booking) staff_notes: Option<String>,
}

impl Row {
    pub(in crate::booking) fn slot(&self) -> Slot {
        Slot {
            start: self.start,
            end: self.end,
        }
    }

    pub(in crate::booking) fn zone(&self) -> Tz {
        visitor_zone(&self.visitor_zone).0
    }

    pub(in crate::booking) fn changeable(&self, now: DateTime<Utc>) -> bool {
        matches!(self.status.as_str(), "pending" | "confirmed") && self.start > now
    }
}

/// The booking this token manages. A malformed token is refused before
/// any query; a well-formed one is looked up by its SHA-256, so the time
/// taken says nothing about how close a guess was.
pub(super) async fn find(conn: &mut PgConnection, token: &ManageToken) -> Result<Row, AppError> {
    let id = sqlx::query_scalar!(
        "SELECT id FROM bookings WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
        token.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    row_by_id(conn, id).await
}

/// One booking's row by its id (staff know bookings by id).
pub(in crate::booking) async fn row_by_id(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Row, AppError> {
    sqlx::query_as!(
        Row,
        r#"SELECT id, reference, lower(during) AS "start!", upper(during) AS "end!",
                  lower(blocks) AS "blocks_start!", upper(blocks) AS "blocks_end!",
                  status::text AS "status!", name, email, phone, topic, visitor_zone,
                  token_hash, consented_at, created_at, updated_at, cancelled_at, erased_at,
                  revision, staff_notes
           FROM bookings
           WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// The same, locked until the caller's transaction ends, so two changes to
/// one booking take turns. The lock comes first, so the row read is current.
async fn find_for_update(conn: &mut PgConnection, token: &ManageToken) -> Result<Row, AppError> {
    let id = sqlx::query_scalar!(
        "SELECT id FROM bookings WHERE token_hash = sha256(convert_to($1, 'UTF8')) FOR UPDATE",
        token.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    row_by_id(conn, id).await
}

/// Cancels a booking that is still ahead. Cancelling twice is not an error.
pub async fn cancel(
    pool: &PgPool,
    token: &ManageToken,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
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
    cancel_row(&mut tx, &row, now, mail::CancelledBy::Visitor).await?;
    tx.commit().await?;
    tracing::info!(booking = row.id, "booking cancelled");
    Ok(())
}

/// Cancels the booking in `row`, which the caller's transaction has
/// locked and found still ahead, and queues the visitor's email saying so.
/// The visitor's own cancel and staff's both come here.
pub(in crate::booking) async fn cancel_row(
    conn: &mut PgConnection,
    row: &Row,
    now: DateTime<Utc>,
    by: mail::CancelledBy,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $2, updated_at = $2, revision = revision + 1 WHERE id = $1",
        row.id,
        now
    )
    .execute(&mut *conn)
    .await?;
    if let Some(email) = &row.email {
        let message = mail::cancellation(
            &mail::Details {
                reference: &row.reference,
                name: row.name.as_deref().unwrap_or(""),
                slot: row.slot(),
                zone: row.zone(),
                manage_url: mail::MANAGE_LINK,
            },
            by,
        );
        queue_email(conn, row.id, "booking_cancelled", email, &message).await?;
    }
    Ok(())
}

/// Moves a booking to another free slot in one statement: the old time is
/// given up only if the new one is taken.
pub async fn reschedule(
    pool: &PgPool,
    token: &ManageToken,
    slot: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(start) = SlotId::parse(slot).map(SlotId::start) else {
        return Err(slot_error());
    };
    let mut tx = pool.begin().await?;
    let row = find_for_update(&mut tx, token).await?;
    if !row.changeable(now) {
        return Err(AppError::Conflict(
            "This booking is cancelled or already past, so it cannot be moved. You can book a new lesson instead.".into(),
        ));
    }
    let settings = load_settings_locked(&mut tx).await?;
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
pub async fn erase(pool: &PgPool, token: &ManageToken, now: DateTime<Utc>) -> Result<(), AppError> {
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

pub(super) async fn erase_rows(
    conn: &mut PgConnection,
    ids: &[i64],
    now: DateTime<Utc>,
    cancel: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE bookings SET name = NULL, email = NULL, phone = NULL, topic = NULL, staff_notes = NULL,
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
