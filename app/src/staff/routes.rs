//! The staff area's plain posts: logging in and out. Both work the same
//! with and without JavaScript (post/redirect/get), and the cross-site
//! refusal layer guards them like every POST.

use super::LoginForm;
use super::accounts::audit;
use super::auth::{self, Attempt, LoginError, StaffSession};
use crate::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use crate::ui::form::FormInput;
use crate::ui::form::post::{Fields, post_form};
use axum::extract::{ConnectInfo, Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

pub fn routes() -> Routes {
    Routes::new()
        .post("/staff/login", log_in)
        .post("/staff/logout", log_out)
}

/// Where to go after logging in: a staff page the login was asked from,
/// never another site (`//evil.example`) or a public page.
fn next_page(fields: &Fields) -> String {
    fields
        .get("next")
        .filter(|next| {
            next.starts_with("/staff")
                && !next.starts_with("/staff/login")
                && !next.contains("//")
                && !next.contains('\\')
        })
        .cloned()
        .unwrap_or_else(|| "/staff".into())
}

/// POST /staff/login: 303 to the staff page on success; otherwise the
/// login page again with the email kept and a message that never says
/// whether the account exists (401), or 429 once locked.
async fn log_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    let next = next_page(&fields);
    let pool = state.pool.clone();
    let again = format!("/staff/login?next={}", crate::common::url_encode(&next));
    post_form::<LoginForm>(
        state,
        fields,
        async |form| {
            let attempt = Attempt {
                credentials: form.validate()?,
                client: peer.ip().to_string(),
            };
            let user = match session.authenticate(attempt).await {
                Ok(Some(user)) => user,
                Ok(None) => return Err(AppError::Unauthorized(REFUSED.into())),
                Err(axum_login::Error::Backend(LoginError::Locked)) => {
                    return Err(AppError::TooManyRequests(LOCKED.into()));
                }
                Err(axum_login::Error::Backend(LoginError::App(error))) => return Err(error),
                Err(error) => {
                    tracing::error!(%error, "staff login");
                    return Err(AppError::Internal);
                }
            };
            auth::log_in(&mut session, &user).await?;
            audit(&pool, Some(&user), "staff.login", None).await?;
            Ok(next.clone())
        },
        |_| again.clone(),
    )
    .await
}

const REFUSED: &str = "That email and password do not match an active staff account.";
const LOCKED: &str =
    "Too many failed logins from here or for this account. Wait 15 minutes, then try again.";

/// POST /staff/logout: deletes the session, then shows the login page.
async fn log_out(State(state): State<AppState>, mut session: StaffSession) -> Response {
    match auth::log_out(&mut session).await {
        Ok(Some(user)) => {
            if let Err(error) = audit(&state.pool, Some(&user), "staff.logout", None).await {
                tracing::error!(%error, "could not audit a logout");
            }
            Redirect::to("/staff/login?out=1").into_response()
        }
        Ok(None) => Redirect::to("/staff/login").into_response(),
        Err(error) => crate::routes::plain_error(error),
    }
}
