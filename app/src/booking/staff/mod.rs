//! What staff can see and do with bookings (server only). `backline
//! bookings` and `backline availability` call these, and the staff area's
//! booking pages will.

mod availability;

pub use availability::{
    Availability, OpeningHours, Setting, Weekday, availability, parse_day, set_day_closed,
    set_weekday_hours, update_settings,
};

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

/// A status staff may give a booking.
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

    /// The statuses it may be set from: a lesson is confirmed from pending,
    /// completed from confirmed, cancelled from either.
    fn allowed_from(self) -> &'static [&'static str] {
        match self {
            StaffStatus::Confirmed => &["pending"],
            StaffStatus::Completed => &["confirmed"],
            StaffStatus::Cancelled => &["pending", "confirmed"],
        }
    }
}

/// Sets a booking's status, if its current one allows it.
pub async fn set_status(
    pool: &PgPool,
    reference: &str,
    status: StaffStatus,
) -> Result<(), AppError> {
    let allowed_from = status.allowed_from();
    let status = status.as_str();
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
