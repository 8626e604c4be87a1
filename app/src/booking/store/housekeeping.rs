//! The scheduled clean-up every instance runs.

use super::manage::erase_rows;
use crate::AppError;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

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

/// Runs [`housekeeping`] every `every`, until the process ends.
pub async fn run_housekeeping(pool: PgPool, every: std::time::Duration) {
    loop {
        if let Err(error) = housekeeping(&pool, Utc::now()).await {
            tracing::warn!(?error, "booking housekeeping failed; will retry");
        }
        tokio::time::sleep(every).await;
    }
}
