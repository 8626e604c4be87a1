//! The applications inbox's SQL.

use super::super::STAFF_PAGE_SIZE;
use super::{ApplicationSort, ApplicationStatus, ApplicationView, Inbox, InboxRow};
use crate::AppError;
use crate::staff::accounts::{StaffUser, audit_change};
use serde_json::json;
use sqlx::PgPool;

/// A page of applications by status and job, in `sort`'s order (newest
/// first unless asked).
pub async fn inbox(
    pool: &PgPool,
    status: Option<ApplicationStatus>,
    job: Option<i64>,
    sort: Option<ApplicationSort>,
    page: i64,
) -> Result<Inbox, AppError> {
    let page = page.clamp(1, crate::staff::shell::MAX_PAGE);
    let rows = sqlx::query!(
        r#"SELECT a.id, a.name, a.job_id, j.title AS job_title, a.status AS "status: ApplicationStatus",
                  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "received!",
                  count(*) OVER () AS "total!"
           FROM applications a JOIN jobs j ON j.id = a.job_id
           WHERE ($1::application_status IS NULL OR a.status = $1) AND ($2::bigint IS NULL OR a.job_id = $2)
           ORDER BY CASE WHEN $5 = 'name' THEN lower(a.name) END ASC,
                    CASE WHEN $5 = '-name' THEN lower(a.name) END DESC,
                    CASE WHEN $5 = 'received' THEN a.id END ASC,
                    a.id DESC
           LIMIT $3 OFFSET $4"#,
        status as Option<ApplicationStatus>,
        job,
        STAFF_PAGE_SIZE,
        (page - 1) * STAFF_PAGE_SIZE,
        sort.map_or("", ApplicationSort::slug),
    )
    .fetch_all(pool)
    .await?;
    let counts = sqlx::query!(
        r#"SELECT status AS "status: ApplicationStatus", count(*) AS "n!" FROM applications
           WHERE ($1::bigint IS NULL OR job_id = $1) GROUP BY status ORDER BY status"#,
        job
    )
    .fetch_all(pool)
    .await?;
    let job = match job {
        Some(id) => {
            let title = sqlx::query_scalar!("SELECT title FROM jobs WHERE id = $1", id)
                .fetch_optional(pool)
                .await?
                .ok_or(AppError::NotFound)?;
            Some((id, title))
        }
        None => None,
    };
    Ok(Inbox {
        total: rows.first().map_or(0, |r| r.total),
        rows: rows
            .into_iter()
            .map(|r| InboxRow {
                id: r.id,
                name: r.name,
                job_id: r.job_id,
                job_title: r.job_title,
                received: r.received,
                status: r.status,
            })
            .collect(),
        counts: counts.into_iter().map(|r| (r.status, r.n)).collect(),
        job,
    })
}

/// One application, whole; `NotFound` when there is none.
pub async fn application(pool: &PgPool, id: i64) -> Result<ApplicationView, AppError> {
    sqlx::query_as!(
        ApplicationView,
        r#"SELECT a.id, a.name, a.email, a.message, a.cv_url, a.job_id, j.title AS job_title,
                  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "received!",
                  a.status AS "status: ApplicationStatus", a.notes
           FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// Sets an application's status and notes, audited before and after.
pub async fn review(
    pool: &PgPool,
    staff: &StaffUser,
    id: i64,
    status: ApplicationStatus,
    notes: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let before = sqlx::query!(
        r#"SELECT status AS "status: ApplicationStatus", notes FROM applications WHERE id = $1 FOR NO KEY UPDATE"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query!(
        "UPDATE applications SET status = $2, notes = $3, updated_at = now() WHERE id = $1",
        id,
        status as ApplicationStatus,
        notes
    )
    .execute(&mut *tx)
    .await?;
    let before = json!({ "status": before.status.slug(), "notes": before.notes });
    let after = json!({ "status": status.slug(), "notes": notes });
    let record = format!("application {id}");
    audit_change(
        &mut *tx,
        staff,
        "applications.reviewed",
        &record,
        before,
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How many applications nobody has looked at yet.
pub async fn count_new(pool: &PgPool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM applications WHERE status = 'new'"#)
            .fetch_one(pool)
            .await?,
    )
}
