//! Staff accounts, failed logins and the audit log in Postgres.

use super::{Password, Role, password};
use crate::AppError;
use sha2::{Digest, Sha256};
use sqlx::{PgExecutor, PgPool};

/// A logged-in account, as the session knows it.
#[derive(Clone, Debug)]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// SHA-256 of the password hash and the role: axum-login compares it on
    /// every request, so a new password or role ends every other session.
    auth_hash: Vec<u8>,
}

impl StaffUser {
    fn new(id: i64, email: String, role: Role, password_hash: &str) -> Self {
        let auth_hash = Sha256::new()
            .chain_update(password_hash)
            .chain_update(role.slug())
            .finalize()
            .to_vec();
        StaffUser {
            id,
            email,
            role,
            auth_hash,
        }
    }
}

impl axum_login::AuthUser for StaffUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// The active account with this email (any case) and its password hash.
pub async fn for_login(
    pool: &PgPool,
    email: &str,
) -> Result<Option<(StaffUser, String)>, AppError> {
    let row = sqlx::query!(
        r#"SELECT id, email, role AS "role: Role", password_hash FROM staff_accounts
           WHERE lower(email) = lower($1) AND active"#,
        email
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        (
            StaffUser::new(r.id, r.email, r.role, &r.password_hash),
            r.password_hash,
        )
    }))
}

/// The active account with this id: what each request's session names.
pub async fn active_by_id(pool: &PgPool, id: i64) -> Result<Option<StaffUser>, AppError> {
    let row = sqlx::query!(
        r#"SELECT id, email, role AS "role: Role", password_hash FROM staff_accounts WHERE id = $1 AND active"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| StaffUser::new(r.id, r.email, r.role, &r.password_hash)))
}

/// The stored hash of an active account, to check its current password.
pub async fn password_hash(pool: &PgPool, id: i64) -> Result<String, AppError> {
    sqlx::query_scalar!(
        "SELECT password_hash FROM staff_accounts WHERE id = $1 AND active",
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::Unauthorized(
        "Log in to use the staff area.".into(),
    ))
}

/// Gives an account a new password. Its other sessions end: the session
/// hash axum-login checks includes the password hash.
pub async fn set_password(
    pool: &PgPool,
    id: i64,
    password: &Password,
) -> Result<StaffUser, AppError> {
    let hash = password::hash(password).await?;
    let row = sqlx::query!(
        r#"UPDATE staff_accounts SET password_hash = $2, updated_at = now() WHERE id = $1
           RETURNING id, email, role AS "role: Role", password_hash"#,
        id,
        hash
    )
    .fetch_one(pool)
    .await?;
    Ok(StaffUser::new(
        row.id,
        row.email,
        row.role,
        &row.password_hash,
    ))
}

/// Creates an account; an email already taken (in any case) is a conflict.
pub async fn create(
    pool: &PgPool,
    email: &crate::common::Email,
    role: Role,
    password: &Password,
) -> Result<i64, AppError> {
    let hash = password::hash(password).await?;
    sqlx::query_scalar!(
        "INSERT INTO staff_accounts (email, role, password_hash) VALUES ($1, $2, $3) RETURNING id",
        email.as_str(),
        role as Role,
        hash
    )
    .fetch_one(pool)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("staff_accounts_email_key") => {
            AppError::Conflict("An account with that email already exists.".into())
        }
        _ => error.into(),
    })
}

/// Counts this attempt before its password is checked: a row now, then
/// how many rows (this one included) the account and the client have in
/// the last 15 minutes. Attempts sent at once all see each other, so a
/// burst gets no more checks than the limit. Returns the row's id.
pub async fn begin_attempt(
    pool: &PgPool,
    email_key: &str,
    client: &str,
) -> Result<(i64, i64, i64), AppError> {
    let id = sqlx::query_scalar!(
        "INSERT INTO staff_login_failures (email_key, client) VALUES ($1, $2) RETURNING id",
        email_key,
        client
    )
    .fetch_one(pool)
    .await?;
    let row = sqlx::query!(
        r#"SELECT
             count(*) FILTER (WHERE email_key = $1) AS "by_account!",
             count(*) FILTER (WHERE client = $2) AS "by_client!"
           FROM staff_login_failures
           WHERE at > now() - interval '15 minutes' AND (email_key = $1 OR client = $2)"#,
        email_key,
        client
    )
    .fetch_one(pool)
    .await?;
    Ok((id, row.by_account, row.by_client))
}

/// Takes an attempt's row back: it succeeded, or was refused unchecked.
pub async fn forget_attempt(pool: &PgPool, id: i64) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM staff_login_failures WHERE id = $1", id)
        .execute(pool)
        .await?;
    Ok(())
}

/// One row of the audit log: who did what to which record.
pub async fn audit(
    db: impl PgExecutor<'_>,
    actor: Option<&StaffUser>,
    action: &str,
    record: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO staff_audit (account_id, actor, action, record) VALUES ($1, $2, $3, $4)",
        actor.map(|a| a.id),
        actor.map_or("command line", |a| a.email.as_str()),
        action,
        record
    )
    .execute(db)
    .await?;
    Ok(())
}

/// An edit in the audit log, with the record's values before and after.
pub async fn audit_change(
    db: impl PgExecutor<'_>,
    actor: &StaffUser,
    action: &str,
    record: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<(), AppError> {
    audit_by(db, Some(actor), action, record, before, after).await
}

/// The same, by an account or, with `None`, by the `backline` command
/// line (someone with the server's shell, who has no account).
pub async fn audit_by(
    db: impl PgExecutor<'_>,
    actor: Option<&StaffUser>,
    action: &str,
    record: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO staff_audit (account_id, actor, action, record, before, after)
         VALUES ($1, $2, $3, $4, $5, $6)",
        actor.map(|a| a.id),
        actor.map_or("command line", |a| a.email.as_str()),
        action,
        record,
        before,
        after
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The newest rows of the audit log.
pub async fn recent_audit(pool: &PgPool, limit: i64) -> Result<Vec<super::AuditRow>, AppError> {
    Ok(sqlx::query_as!(
        super::AuditRow,
        r#"SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' AS "at!", actor, action, record
           FROM staff_audit ORDER BY at DESC, id DESC LIMIT $1"#,
        limit
    )
    .fetch_all(pool)
    .await?)
}

/// Housekeeping: failed logins older than a day, and expired sessions.
pub async fn purge_old(pool: &PgPool) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM staff_login_failures WHERE at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    sqlx::query!("DELETE FROM staff_sessions WHERE expiry_date < now()")
        .execute(pool)
        .await?;
    Ok(())
}

/// Purges old failed logins and expired sessions every `every`, in every
/// instance (the deletes are idempotent).
pub async fn run_housekeeping(pool: PgPool, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(error) = purge_old(&pool).await {
            tracing::warn!(%error, "staff housekeeping failed; trying again later");
        }
    }
}
