//! The accounts' SQL. Every change is one transaction with its audit row
//! (before and after), and none may leave the back office without an
//! active admin: the active admins are locked first, so two admins
//! demoting each other at once cannot both succeed.

use super::AccountRow;
use super::forms::NewAccount;
use crate::AppError;
use crate::error::OnConstraint;
use crate::staff::accounts::{StaffUser, audit_change};
use crate::staff::{Password, Role, password};
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// Every account, admins first, then by email, with its last login.
pub async fn list(pool: &PgPool) -> Result<Vec<AccountRow>, AppError> {
    Ok(sqlx::query_as!(
        AccountRow,
        r#"SELECT a.id, a.email, a.role AS "role: Role", a.active,
                  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "created!",
                  (SELECT to_char(max(l.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                     FROM staff_audit l WHERE l.account_id = a.id AND l.action = 'staff.login') AS last_login
           FROM staff_accounts a
           ORDER BY a.role, lower(a.email)"#
    )
    .fetch_all(pool)
    .await?)
}

/// One account; `NotFound` when there is none.
pub async fn by_id(pool: &PgPool, id: i64) -> Result<AccountRow, AppError> {
    sqlx::query_as!(
        AccountRow,
        r#"SELECT a.id, a.email, a.role AS "role: Role", a.active,
                  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "created!",
                  (SELECT to_char(max(l.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                     FROM staff_audit l WHERE l.account_id = a.id AND l.action = 'staff.login') AS last_login
           FROM staff_accounts a WHERE a.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// Creates an account with its first password; an email taken in any
/// case is a conflict, and nothing is written.
pub async fn create(pool: &PgPool, admin: &StaffUser, new: &NewAccount) -> Result<i64, AppError> {
    let hash = password::hash(&new.password).await?;
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "INSERT INTO staff_accounts (email, role, password_hash) VALUES ($1, $2, $3) RETURNING id",
        new.email.as_str(),
        new.role as Role,
        hash
    )
    .fetch_one(&mut *tx)
    .await
    .on_constraint("staff_accounts_email_key", || {
        AppError::Invalid(vec![crate::error::FieldError {
            field: "email".into(),
            message: "An account with that email already exists.".into(),
        }])
    })?;
    let after = json!({ "email": new.email.as_str(), "role": new.role.slug(), "active": true });
    audit_change(
        &mut *tx,
        admin,
        "staff.account_created",
        &record(id),
        json!(null),
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes every session of an account. They would be refused anyway (the
/// session's hash covers password and role; a deactivated account is not
/// loaded), but this way nothing of them stays. axum-login keeps the
/// account id under `axum-login.data` → `user_id`.
async fn end_sessions(tx: &mut PgConnection, id: i64) -> Result<(), AppError> {
    sqlx::query!(
        "DELETE FROM staff_sessions WHERE data -> 'axum-login.data' ->> 'user_id' = $1::bigint::text",
        id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn record(id: i64) -> String {
    format!("account {id}")
}

/// The account's role and whether it is active, locked for this change;
/// and how many other active admins there are (locked too). The acting
/// admin must still be one of them: a request already under way when they
/// were demoted or deactivated changes nothing. `NO KEY UPDATE`, so the
/// audit row's foreign key to its actor (a key-share lock) never waits on
/// it, nor deadlocks with another admin's change.
async fn lock(
    tx: &mut PgConnection,
    admin: &StaffUser,
    id: i64,
) -> Result<(Role, bool, i64), AppError> {
    let admins: Vec<i64> = sqlx::query_scalar!(
        "SELECT id FROM staff_accounts WHERE role = 'admin' AND active ORDER BY id FOR NO KEY UPDATE"
    )
    .fetch_all(&mut *tx)
    .await?;
    if !admins.contains(&admin.id) {
        return Err(AppError::Forbidden("Only an admin may do this.".into()));
    }
    let row = sqlx::query!(
        r#"SELECT role AS "role: Role", active FROM staff_accounts WHERE id = $1 FOR NO KEY UPDATE"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let others = admins.iter().filter(|&&admin| admin != id).count() as i64;
    Ok((row.role, row.active, others))
}

const LAST_ADMIN: &str = "This is the last active admin: make another account an admin first.";
const YOURSELF: &str = "You cannot do that to your own account: ask another admin.";

/// Gives an account another role. Its sessions end (the role is part of
/// the session's hash), so it logs in again with the new one.
pub async fn set_role(
    pool: &PgPool,
    admin: &StaffUser,
    id: i64,
    role: Role,
) -> Result<(), AppError> {
    if id == admin.id {
        return Err(AppError::Conflict(YOURSELF.into()));
    }
    let mut tx = pool.begin().await?;
    let (before, active, other_admins) = lock(&mut tx, admin, id).await?;
    if before == role {
        return Ok(());
    }
    if before == Role::Admin && active && other_admins == 0 {
        return Err(AppError::Conflict(LAST_ADMIN.into()));
    }
    sqlx::query!(
        "UPDATE staff_accounts SET role = $2, updated_at = now() WHERE id = $1",
        id,
        role as Role
    )
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, id).await?;
    let (before, after) = (
        json!({ "role": before.slug() }),
        json!({ "role": role.slug() }),
    );
    audit_change(
        &mut *tx,
        admin,
        "staff.account_role",
        &record(id),
        before,
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates an account (its sessions end at their next request, and it
/// cannot log in) or reactivates it.
pub async fn set_active(
    pool: &PgPool,
    admin: &StaffUser,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    if id == admin.id {
        return Err(AppError::Conflict(YOURSELF.into()));
    }
    let mut tx = pool.begin().await?;
    let (role, before, other_admins) = lock(&mut tx, admin, id).await?;
    if before == active {
        return Ok(());
    }
    if !active && role == Role::Admin && other_admins == 0 {
        return Err(AppError::Conflict(LAST_ADMIN.into()));
    }
    sqlx::query!(
        "UPDATE staff_accounts SET active = $2, updated_at = now() WHERE id = $1",
        id,
        active
    )
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, id).await?;
    let action = if active {
        "staff.account_reactivated"
    } else {
        "staff.account_deactivated"
    };
    let (before, after) = (json!({ "active": before }), json!({ "active": active }));
    audit_change(&mut *tx, admin, action, &record(id), before, after).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets someone else's password (for one's own, the change-password page
/// asks for the current one). Every session of theirs ends.
pub async fn reset_password(
    pool: &PgPool,
    admin: &StaffUser,
    id: i64,
    new: &Password,
) -> Result<(), AppError> {
    if id == admin.id {
        return Err(AppError::Conflict(
            "Change your own password on the Password page, with your current one.".into(),
        ));
    }
    let hash = password::hash(new).await?;
    let mut tx = pool.begin().await?;
    lock(&mut tx, admin, id).await?;
    sqlx::query!(
        "UPDATE staff_accounts SET password_hash = $2, updated_at = now() WHERE id = $1",
        id,
        hash
    )
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, id).await?;
    // The password itself is never logged; only that it changed.
    let (before, after) = (json!(null), json!({ "password": "reset" }));
    audit_change(
        &mut *tx,
        admin,
        "staff.account_password_reset",
        &record(id),
        before,
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
