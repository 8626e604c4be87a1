//! The outbox table: queueing, claiming and recording what happened.

use super::Due;
use crate::AppError;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use std::time::Duration;

/// How long a claimed email is reserved for the worker that claimed it. A
/// worker that dies mid-batch leaves its emails to be retried after this.
const LEASE_SECONDS: f64 = 300.0;

/// Queues an email in the caller's transaction, so it is sent exactly when
/// what it reports is committed. `kind` names it for staff (`confirmation`).
pub async fn queue(
    conn: &mut PgConnection,
    booking: Option<i64>,
    kind: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO outbox (booking_id, kind, recipient, subject, body) VALUES ($1, $2, $3, $4, $5)",
        booking,
        kind,
        to,
        subject,
        body
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Claims up to `batch` due emails for this worker, oldest first.
pub(super) async fn claim_due(pool: &PgPool, batch: i64) -> Result<Vec<Due>, sqlx::Error> {
    sqlx::query_as!(
        Due,
        r#"UPDATE outbox SET next_attempt_at = now() + $2 * interval '1 second'
           WHERE id IN (
               SELECT id FROM outbox
               WHERE sent_at IS NULL AND failed_at IS NULL AND recipient IS NOT NULL
                 AND next_attempt_at <= now()
               ORDER BY next_attempt_at, id
               LIMIT $1
               FOR UPDATE SKIP LOCKED)
           RETURNING id, recipient AS "recipient!", subject, body AS "body!", attempts,
                     (SELECT token_nonce FROM bookings b WHERE b.id = outbox.booking_id) AS "booking_nonce?""#,
        batch,
        LEASE_SECONDS
    )
    .fetch_all(pool)
    .await
}

/// Sent: the address and the text (with any link filled in) are no longer needed.
pub(super) async fn record_sent(pool: &PgPool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET sent_at = now(), attempts = attempts + 1, recipient = NULL, body = NULL, last_error = NULL WHERE id = $1",
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Given up on: the reason stays for staff, the address and text do not.
pub(super) async fn record_given_up(
    pool: &PgPool,
    id: i64,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2,
                recipient = NULL, body = NULL
         WHERE id = $1",
        id,
        reason
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Not sent this time: tried again after `wait`.
pub(super) async fn record_retry(
    pool: &PgPool,
    id: i64,
    reason: &str,
    wait: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                next_attempt_at = now() + $3 * interval '1 millisecond'
         WHERE id = $1",
        id,
        reason,
        wait.as_millis() as f64
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// An email in the outbox, as staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub reference: Option<String>,
    pub kind: String,
    pub recipient: Option<String>,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Emails not sent yet, oldest first: what is waiting when SMTP is down or
/// not configured.
pub async fn unsent_emails(pool: &PgPool) -> Result<Vec<OutboxEntry>, AppError> {
    Ok(sqlx::query_as!(
        OutboxEntry,
        r#"SELECT o.id, b.reference AS "reference?", o.kind, o.recipient, o.attempts,
                  o.next_attempt_at, o.last_error, o.sent_at
           FROM outbox o LEFT JOIN bookings b ON b.id = o.booking_id
           WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.recipient IS NOT NULL
           ORDER BY o.id"#
    )
    .fetch_all(pool)
    .await?)
}

/// How many emails are waiting to be sent, and how many were given up on
/// in the last 30 days: for the back office's home.
pub async fn mail_counts(pool: &PgPool) -> Result<(i64, i64), AppError> {
    let row = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL AND recipient IS NOT NULL) AS "waiting!",
                  count(*) FILTER (WHERE failed_at > now() - interval '30 days') AS "failed!"
           FROM outbox"#
    )
    .fetch_one(pool)
    .await?;
    Ok((row.waiting, row.failed))
}
