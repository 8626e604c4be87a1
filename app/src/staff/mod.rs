//! The staff area at `/staff`: accounts with roles, login with sessions
//! kept in Postgres (so every instance shares them), the audit log, and the
//! back office built on them.
//!
//! Read top to bottom: `types` (roles, passwords, the login form; both
//! builds), then the server's `password` (argon2id), `accounts` (SQL),
//! `sessions` (the tower-sessions store), `auth` (the axum-login backend,
//! lockout, session rules), `routes` (the login and logout posts), then the
//! views in `page`.

#[cfg(feature = "ssr")]
pub mod accounts;
pub mod admin;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod login;
pub mod page;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod sessions;
pub mod shell;
pub mod types;

pub use types::{LoginForm, Password, PasswordChangeForm, Role};

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Who is logged in, as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMe {
    pub email: String,
    pub role: Role,
}

/// One row of the audit log, as the back office lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: Option<String>,
}

/// The account of this request's session; 401 without one.
#[server(endpoint = "staff/me")]
pub async fn current_staff() -> Result<StaffMe, AppError> {
    let user = AppError::reply(auth::require(None).await)?;
    Ok(StaffMe {
        email: user.email,
        role: user.role,
    })
}

/// The audit log's newest rows: admins only (403 for staff, 401 without a
/// session), checked here and not only by the page.
#[server(endpoint = "staff/audit")]
pub async fn recent_audit() -> Result<Vec<AuditRow>, AppError> {
    AppError::reply(auth::require(Some(Role::Admin)).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(accounts::recent_audit(&pool, 20).await)
}
