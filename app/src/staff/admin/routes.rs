//! The accounts pages' posts, admins only (checked in each, before
//! anything is read): create, change role, (de)activate, reset password.
//! Each answers 303 back to the account with what was done, or its page
//! again with the typed values and the error.

use super::forms::{ActiveForm, NewAccountForm, ResetForm, RoleForm};
use super::queries;
use crate::AppError;
use crate::routes::Routes;
use crate::staff::Role;
use crate::staff::accounts::StaffUser;
use crate::staff::auth::StaffSession;
use crate::staff::routes::staff_post;
use crate::state::AppState;
use crate::ui::form::FormInput;
use crate::ui::form::post::Fields;
use axum::extract::{Form, Path, State};
use axum::response::Response;
use sqlx::PgPool;

pub fn routes() -> Routes {
    Routes::new()
        .post("/staff/admin/accounts", create)
        .post("/staff/admin/accounts/{id}/role", change_role)
        .post("/staff/admin/accounts/{id}/active", change_active)
        .post("/staff/admin/accounts/{id}/password", reset_password)
}

async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<NewAccountForm>(
        state,
        session,
        Some(Role::Admin),
        fields,
        async |admin, form| {
            let id = queries::create(&pool, admin, &form.validate()?).await?;
            Ok(format!("/staff/admin/accounts/{id}?done=created"))
        },
        |_| "/staff/admin/accounts".into(),
    )
    .await
}

/// The account's page, where each of its forms is.
fn account_page(id: i64) -> String {
    format!("/staff/admin/accounts/{id}")
}

/// One of an account's forms: an admin's session, the form's rules, then
/// `apply` to account `id`; 303 back to its page with what was `done`.
async fn account_post<F: FormInput>(
    state: AppState,
    session: StaffSession,
    id: i64,
    fields: Fields,
    apply: impl AsyncFnOnce(&PgPool, &StaffUser, F::Valid) -> Result<&'static str, AppError>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<F>(
        state,
        session,
        Some(Role::Admin),
        fields,
        async |admin, form| {
            let done = apply(&pool, admin, form.validate()?).await?;
            Ok(format!("{}?done={done}", account_page(id)))
        },
        |_| account_page(id),
    )
    .await
}

async fn change_role(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    account_post::<RoleForm>(state, session, id, fields, async |pool, admin, role| {
        queries::set_role(pool, admin, id, role)
            .await
            .map(|()| "role")
    })
    .await
}

async fn change_active(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    account_post::<ActiveForm>(state, session, id, fields, async |pool, admin, active| {
        queries::set_active(pool, admin, id, active).await?;
        Ok(if active { "reactivated" } else { "deactivated" })
    })
    .await
}

async fn reset_password(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    account_post::<ResetForm>(state, session, id, fields, async |pool, admin, new| {
        queries::reset_password(pool, admin, id, &new)
            .await
            .map(|()| "password")
    })
    .await
}
