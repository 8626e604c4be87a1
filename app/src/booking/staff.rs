//! What staff can see and do with bookings (server only). The staff area
//! with its login comes in a later issue; until then `backline bookings`
//! and `backline outbox` print these, and its pages will call them.

use crate::AppError;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// One booking as staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffBooking {
    pub reference: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub topic: Option<String>,
    pub visitor_zone: String,
}

/// Bookings whose lesson ends after `from`, soonest first, any status.
pub async fn bookings_from(
    pool: &PgPool,
    from: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<StaffBooking>, AppError> {
    Ok(sqlx::query_as!(
        StaffBooking,
        r#"SELECT reference, lower(during) AS "start!", upper(during) AS "end!",
                  status::text AS "status!", name, email, phone, topic, visitor_zone
           FROM bookings
           WHERE upper(during) > $1
           ORDER BY lower(during), id
           LIMIT $2"#,
        from,
        limit
    )
    .fetch_all(pool)
    .await?)
}

/// The statuses staff may set, and from which: a lesson is confirmed from
/// pending, completed from confirmed, cancelled from either.
pub async fn set_status(pool: &PgPool, reference: &str, status: &str) -> Result<(), AppError> {
    let allowed_from: &[&str] = match status {
        "confirmed" => &["pending"],
        "completed" => &["confirmed"],
        "cancelled" => &["pending", "confirmed"],
        _ => {
            return Err(AppError::BadRequest(format!(
                "“{status}” is not a status staff can set; use confirmed, completed or cancelled."
            )));
        }
    };
    let from: Vec<String> = allowed_from.iter().map(|s| (*s).to_owned()).collect();
    let changed = sqlx::query!(
        "UPDATE bookings
         SET status = $2::text::booking_status, updated_at = now(), revision = revision + 1,
             cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END
         WHERE reference = $1 AND status::text = ANY($3)",
        reference,
        status,
        &from
    )
    .execute(pool)
    .await?
    .rows_affected();
    if changed == 0 {
        let exists = sqlx::query_scalar!(
            "SELECT status::text FROM bookings WHERE reference = $1",
            reference
        )
        .fetch_optional(pool)
        .await?;
        return Err(match exists {
            None => AppError::NotFound,
            Some(current) => AppError::Conflict(format!(
                "Booking {reference} is {}; it cannot become {status}.",
                current.unwrap_or_default()
            )),
        });
    }
    tracing::info!(%reference, %status, "booking status set by staff");
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
