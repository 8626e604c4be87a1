//! For admins: accounts (who may use the back office, with which role;
//! creating one, changing its role, deactivating it and resetting its
//! password) and the whole audit log (`audit`). Every path is under `/staff/admin/` (pages and posts) or
//! `/api/staff/admin/` (server functions), and the enumeration test holds
//! each of them to 403 for a staff account.
//!
//! Read top to bottom: the rows and forms (both builds), the server's
//! `queries` and `routes`, the server functions here, the views in `page`.

pub mod audit;
pub mod forms;
pub mod page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod routes;

pub use forms::{ActiveForm, NewAccountForm, ResetForm, RoleForm};

use super::Role;
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One account, as the accounts pages list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub created: String,
    /// When it last logged in, from the audit log.
    pub last_login: Option<String>,
}

/// Every account, admins first, then by email.
#[server(endpoint = "staff/admin/accounts")]
pub async fn staff_accounts() -> Result<Vec<AccountRow>, AppError> {
    AppError::reply(super::auth::require(Some(Role::Admin)).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::list(&pool).await)
}

/// One account by id; 404 when there is none.
#[server(endpoint = "staff/admin/account")]
pub async fn staff_account(id: i64) -> Result<AccountRow, AppError> {
    AppError::reply(super::auth::require(Some(Role::Admin)).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::by_id(&pool, id).await)
}
