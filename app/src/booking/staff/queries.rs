//! The back office's booking queries: the list, one booking, its status
//! changes and notes (each audited), the CSV rows, and the home's week of
//! lessons. `backline bookings` uses the same ones. Server only.

use super::{BookingAction, BookingList, BookingQuery, BookingRow, BookingStatus, BookingView};
use crate::AppError;
use crate::booking::store::{Row, cancel_row, row_by_id};
use crate::staff::accounts::{StaffUser, audit_by};
use crate::staff::shell::{MAX_PAGE, PAGE_SIZE};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// The zone staff state their hours in, which their lists use.
pub async fn staff_zone(conn: &mut PgConnection) -> Result<Tz, AppError> {
    let zone = sqlx::query_scalar!("SELECT zone FROM booking_settings")
        .fetch_one(&mut *conn)
        .await?;
    zone.parse().map_err(|_| {
        tracing::error!(%zone, "booking_settings.zone is not an IANA zone");
        AppError::Internal
    })
}

/// `%ada%` for ILIKE, with the user's own `%` and `_` taken literally.
fn pattern(q: &str) -> String {
    format!("%{}%", crate::common::text::like_literal(q))
}

/// A page of bookings as the query asks, with counts per status for the
/// same search.
pub async fn list(pool: &PgPool, query: &BookingQuery) -> Result<BookingList, AppError> {
    let mut conn = pool.acquire().await?;
    let zone = staff_zone(&mut conn).await?;
    let page = query.page.clamp(1, MAX_PAGE);
    let rows = sqlx::query!(
        r#"SELECT id, reference, name, email, status::text AS "status!",
                  to_char(lower(during) AT TIME ZONE $1, 'Dy DD Mon YYYY, HH24:MI') AS "lesson!",
                  to_char(created_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') AS "booked!"
           FROM bookings
           WHERE ($2::text IS NULL OR status::text = $2)
             AND ($3 = '%%' OR reference ILIKE $3 OR name ILIKE $3 OR email ILIKE $3)
           ORDER BY CASE WHEN $4 = 'lesson' THEN lower(during) END ASC,
                    CASE WHEN $4 = '-lesson' THEN lower(during) END DESC,
                    CASE WHEN $4 = 'booked' THEN created_at END ASC,
                    CASE WHEN $4 = '-booked' THEN created_at END DESC,
                    id
           LIMIT $5 OFFSET $6"#,
        zone.name(),
        query.status.map(BookingStatus::slug),
        pattern(&query.q),
        query.sort().slug(),
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .fetch_all(&mut *conn)
    .await?;
    let counts = sqlx::query!(
        r#"SELECT status::text AS "status!", count(*) AS "n!" FROM bookings
           WHERE ($1 = '%%' OR reference ILIKE $1 OR name ILIKE $1 OR email ILIKE $1)
           GROUP BY status"#,
        pattern(&query.q),
    )
    .fetch_all(&mut *conn)
    .await?;
    // From the counts, not the page: past the last page it has no rows.
    let total = counts
        .iter()
        .filter(|r| query.status.is_none_or(|s| s.slug() == r.status))
        .map(|r| r.n)
        .sum();
    Ok(BookingList {
        total,
        rows: rows
            .into_iter()
            .filter_map(|r| {
                Some(BookingRow {
                    id: r.id,
                    reference: r.reference,
                    lesson: r.lesson,
                    name: r.name,
                    email: r.email,
                    status: BookingStatus::from_slug(&r.status)?,
                    booked: r.booked,
                })
            })
            .collect(),
        counts: counts
            .into_iter()
            .filter_map(|r| Some((BookingStatus::from_slug(&r.status)?, r.n)))
            .collect(),
        zone: zone.name().to_owned(),
    })
}

/// What staff may do with this booking at `now`.
fn actions(row: &Row, now: DateTime<Utc>) -> Vec<BookingAction> {
    let mut actions = Vec::new();
    if row.status == "pending" {
        actions.push(BookingAction::Confirm);
    }
    if row.changeable(now) {
        actions.push(BookingAction::Cancel);
    }
    if row.status == "confirmed" && row.start <= now {
        actions.push(BookingAction::Complete);
    }
    actions
}

/// One booking, with its emails and the actions it has at `now`.
pub async fn one(pool: &PgPool, id: i64, now: DateTime<Utc>) -> Result<BookingView, AppError> {
    let mut conn = pool.acquire().await?;
    let row = row_by_id(&mut conn, id).await?;
    let zone = staff_zone(&mut conn).await?;
    let emails = sqlx::query!(
        r#"SELECT kind, (CASE WHEN sent_at IS NOT NULL THEN 'sent ' || to_char(sent_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')
                              WHEN failed_at IS NOT NULL THEN 'given up on'
                              ELSE 'waiting' END) AS "state!"
           FROM outbox WHERE booking_id = $1 ORDER BY id"#,
        id,
        zone.name()
    )
    .fetch_all(&mut *conn)
    .await?;
    let when = |tz: Tz| {
        format!(
            "{} – {}",
            row.start.with_timezone(&tz).format("%a %-d %b %Y, %H:%M"),
            row.end.with_timezone(&tz).format("%H:%M %Z")
        )
    };
    Ok(BookingView {
        id: row.id,
        reference: row.reference.clone(),
        lesson: when(zone),
        lesson_visitor: when(row.zone()),
        zone: zone.name().to_owned(),
        visitor_zone: row.visitor_zone.clone(),
        status: BookingStatus::from_slug(&row.status).ok_or(AppError::Internal)?,
        name: row.name.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        topic: row.topic.clone(),
        notes: row.staff_notes.clone().unwrap_or_default(),
        booked: row
            .created_at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        erased: row.erased_at.is_some(),
        revision: row.revision,
        actions: actions(&row, now),
        emails: emails
            .into_iter()
            .map(|e| (e.kind.replace('_', " "), e.state))
            .collect(),
    })
}

/// Locks booking `id` for the caller's transaction and reads it.
async fn lock(conn: &mut PgConnection, id: i64) -> Result<Row, AppError> {
    sqlx::query_scalar!("SELECT id FROM bookings WHERE id = $1 FOR UPDATE", id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    row_by_id(conn, id).await
}

/// Confirms, cancels (queuing the visitor's email) or completes booking
/// `id`, if it still allows that at `now` and, when `revision` is given,
/// nothing has changed it since. Audited, by `actor` or the command line.
pub async fn act(
    pool: &PgPool,
    actor: Option<&StaffUser>,
    id: i64,
    action: BookingAction,
    revision: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, id).await?;
    if revision.is_some_and(|seen| seen != row.revision) {
        return Err(AppError::Conflict(format!(
            "Booking {} changed while you were looking (its visitor may have moved it): look at it again before you {}.",
            row.reference,
            action.slug()
        )));
    }
    if !actions(&row, now).contains(&action) {
        let why = match action {
            BookingAction::Confirm => "only a pending booking can be confirmed",
            BookingAction::Cancel => "only a booking still ahead can be cancelled",
            BookingAction::Complete => {
                "only a confirmed lesson that has begun can be marked completed"
            }
        };
        return Err(AppError::Conflict(format!(
            "Booking {} is {}: {why}.",
            row.reference, row.status
        )));
    }
    let after = match action {
        BookingAction::Cancel => {
            cancel_row(&mut tx, &row, now, crate::booking::mail::CancelledBy::Staff).await?;
            "cancelled"
        }
        BookingAction::Confirm | BookingAction::Complete => {
            let status = if action == BookingAction::Confirm {
                "confirmed"
            } else {
                "completed"
            };
            sqlx::query!(
                "UPDATE bookings SET status = $2::text::booking_status, updated_at = $3, revision = revision + 1 WHERE id = $1",
                id,
                status,
                now
            )
            .execute(&mut *tx)
            .await?;
            status
        }
    };
    audit_by(
        &mut *tx,
        actor,
        &format!("bookings.{}", action.slug()),
        &format!("booking {}", row.reference),
        json!({ "status": row.status }),
        json!({ "status": after }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        booking = id,
        action = action.slug(),
        "booking changed by staff"
    );
    Ok(())
}

/// Replaces staff's notes on booking `id`; refused once its details are
/// erased (notes about a visitor go with them). Audited.
pub async fn set_notes(
    pool: &PgPool,
    actor: &StaffUser,
    id: i64,
    notes: Option<&str>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, id).await?;
    if row.erased_at.is_some() {
        return Err(AppError::Conflict(
            "This booking's personal details are erased, and notes about the visitor with them."
                .into(),
        ));
    }
    sqlx::query!(
        "UPDATE bookings SET staff_notes = $2 WHERE id = $1",
        id,
        notes
    )
    .execute(&mut *tx)
    .await?;
    audit_by(
        &mut *tx,
        Some(actor),
        "bookings.notes",
        &format!("booking {}", row.reference),
        // Lengths only: the text is about the visitor and must go when
        // their details are erased, which the audit log outlives.
        json!({ "notes_chars": row.staff_notes.as_deref().map_or(0, |n| n.chars().count()) }),
        json!({ "notes_chars": notes.map_or(0, |n| n.chars().count()) }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The CSV's header and rows for the list's filters (not its page), in
/// the list's order, at most `limit` rows.
pub async fn export_rows(
    pool: &PgPool,
    query: &BookingQuery,
    limit: i64,
) -> Result<(Vec<&'static str>, Vec<Vec<String>>), AppError> {
    let mut conn = pool.acquire().await?;
    let zone = staff_zone(&mut conn).await?;
    let rows = sqlx::query!(
        r#"SELECT reference, status::text AS "status!", name, email, phone, topic, visitor_zone, staff_notes,
                  to_char(lower(during) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') AS "starts!",
                  to_char(upper(during) AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') AS "ends!",
                  to_char(created_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI') AS "booked!"
           FROM bookings
           WHERE ($2::text IS NULL OR status::text = $2)
             AND ($3 = '%%' OR reference ILIKE $3 OR name ILIKE $3 OR email ILIKE $3)
           ORDER BY CASE WHEN $4 = 'lesson' THEN lower(during) END ASC,
                    CASE WHEN $4 = '-lesson' THEN lower(during) END DESC,
                    CASE WHEN $4 = 'booked' THEN created_at END ASC,
                    CASE WHEN $4 = '-booked' THEN created_at END DESC,
                    id
           LIMIT $5"#,
        zone.name(),
        query.status.map(BookingStatus::slug),
        pattern(&query.q),
        query.sort().slug(),
        limit,
    )
    .fetch_all(&mut *conn)
    .await?;
    let header = vec![
        "reference",
        "starts",
        "ends",
        "zone",
        "status",
        "name",
        "email",
        "phone",
        "topic",
        "visitor_zone",
        "booked",
        "staff_notes",
    ];
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                r.reference,
                r.starts,
                r.ends,
                zone.name().to_owned(),
                r.status,
                r.name.unwrap_or_default(),
                r.email.unwrap_or_default(),
                r.phone.unwrap_or_default(),
                r.topic.unwrap_or_default(),
                r.visitor_zone,
                r.booked,
                r.staff_notes.unwrap_or_default(),
            ]
        })
        .collect();
    Ok((header, rows))
}

// ---- What the command line and the home use ---------------------------------

/// One booking as `backline bookings` prints it.
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

/// A lesson as the back office's home lists it: its start in the staff
/// zone, whether that is today there, who, and its reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonLine {
    pub when: String,
    pub today: bool,
    pub name: String,
    pub reference: String,
}

/// The lessons still on (not cancelled) from the start of today to the end
/// of the seventh day, in the staff zone, soonest first; and that zone.
pub async fn lessons_this_week(pool: &PgPool) -> Result<(String, Vec<LessonLine>), AppError> {
    let zone = sqlx::query_scalar!("SELECT zone FROM booking_settings")
        .fetch_one(pool)
        .await?;
    let lessons = sqlx::query_as!(
        LessonLine,
        r#"WITH day AS (SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS start)
           SELECT to_char(lower(b.during) AT TIME ZONE $1, 'Dy DD Mon, HH24:MI') AS "when!",
                  (lower(b.during) < day.start + interval '1 day') AS "today!",
                  coalesce(b.name, 'Details erased') AS "name!", b.reference
           FROM bookings b, day
           WHERE b.status IN ('pending', 'confirmed')
             AND lower(b.during) >= day.start AND lower(b.during) < day.start + interval '7 days'
           ORDER BY lower(b.during), b.id
           LIMIT 100"#,
        zone
    )
    .fetch_all(pool)
    .await?;
    Ok((zone, lessons))
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

/// A status `backline bookings set` may give a booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffStatus {
    Confirmed,
    Completed,
    Cancelled,
}

impl StaffStatus {
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "confirmed" => Ok(StaffStatus::Confirmed),
            "completed" => Ok(StaffStatus::Completed),
            "cancelled" => Ok(StaffStatus::Cancelled),
            other => Err(format!(
                "“{other}” is not a status staff can set; use confirmed, completed or cancelled."
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StaffStatus::Confirmed => "confirmed",
            StaffStatus::Completed => "completed",
            StaffStatus::Cancelled => "cancelled",
        }
    }
}

/// Sets a booking's status from the command line: the back office's own
/// action, so a cancellation emails the visitor there too.
pub async fn set_status(
    pool: &PgPool,
    reference: &str,
    status: StaffStatus,
) -> Result<(), AppError> {
    let id = sqlx::query_scalar!("SELECT id FROM bookings WHERE reference = $1", reference)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let action = match status {
        StaffStatus::Confirmed => BookingAction::Confirm,
        StaffStatus::Completed => BookingAction::Complete,
        StaffStatus::Cancelled => BookingAction::Cancel,
    };
    act(pool, None, id, action, None, Utc::now()).await
}
