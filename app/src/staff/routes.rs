//! The staff area's plain posts: logging in and out. Both work the same
//! with and without JavaScript (post/redirect/get), and the cross-site
//! refusal layer guards them like every POST.

use super::accounts::audit;
use super::auth::CookiePolicy;
use super::auth::{self, Attempt, LoginError, StaffSession};
use super::{LoginForm, PasswordChangeForm, accounts, password};
use crate::AppError;
use crate::rate_limit::rate_bucket;
use crate::routes::Routes;
use crate::state::AppState;
use crate::ui::form::FormInput;
use crate::ui::form::post::{Fields, post_form, post_form_with};
use axum::Extension;
use axum::extract::{ConnectInfo, Form, State};
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

pub fn routes() -> Routes {
    Routes::new()
        .post("/staff/login", log_in)
        .post("/staff/logout", log_out)
        .post("/staff/password", change_password)
}

/// A back-office form posted without JavaScript: the session is checked
/// for `role` first (401, 403), then `submit` runs as [`post_form`]'s. A
/// refusal's page is rendered with this session, so it shows what the
/// page shows with the typed values and the error.
pub async fn staff_post<F: FormInput>(
    state: AppState,
    mut session: StaffSession,
    role: Option<super::Role>,
    fields: Fields,
    submit: impl AsyncFnOnce(&super::accounts::StaffUser, &F) -> Result<String, AppError>,
    again: impl FnOnce(&F) -> String,
) -> Response {
    let mut extensions = axum::http::Extensions::new();
    extensions.insert(session.clone());
    post_form_with(
        state,
        extensions,
        fields,
        async |form| {
            let user = auth::check(&mut session, role).await?;
            submit(&user, form).await
        },
        again,
    )
    .await
}

/// Where to go after logging in: a staff page the login was asked from,
/// never another site (`//evil.example`), a public page, or anything a
/// Location header cannot hold (control characters would make it a 500).
fn next_page(fields: &Fields) -> String {
    fields
        .get("next")
        .filter(|next| {
            next.starts_with("/staff")
                && !next.starts_with("/staff/login")
                && !next.contains("//")
                && !next.contains('\\')
                && next.bytes().all(|b| b.is_ascii_graphic())
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
                client: rate_bucket(peer.ip()),
            };
            let user = match session.authenticate(attempt).await {
                Ok(Some(user)) => user,
                Ok(None) => return Err(AppError::Unauthorized(REFUSED.into())),
                Err(axum_login::Error::Backend(LoginError::Locked)) => {
                    return Err(AppError::TooManyRequests(auth::LOCKED.into()));
                }
                Err(axum_login::Error::Backend(LoginError::App(error))) => return Err(error),
                Err(error) => {
                    tracing::error!(%error, "staff login");
                    return Err(AppError::Internal);
                }
            };
            // Audited first: a login the log cannot record does not happen.
            audit(&pool, Some(&user), "staff.login", None).await?;
            auth::log_in(&mut session, &user).await?;
            Ok(next.clone())
        },
        |_| again.clone(),
    )
    .await
}

const REFUSED: &str = "That email and password do not match an active staff account.";

/// POST /staff/logout: deletes the session, then shows the login page.
/// The browser is told to drop the cookie with the attributes it was set
/// with: tower-sessions' own removal names no `Secure`, which a browser
/// ignores for a `__Host-` cookie.
async fn log_out(
    State(state): State<AppState>,
    Extension(cookie): Extension<CookiePolicy>,
    mut session: StaffSession,
) -> Response {
    match auth::log_out(&mut session).await {
        Ok(Some(user)) => {
            if let Err(error) = audit(&state.pool, Some(&user), "staff.logout", None).await {
                tracing::error!(%error, "could not audit a logout");
            }
            (
                [(SET_COOKIE, cookie.removal())],
                Redirect::to("/staff/login?out=1"),
            )
                .into_response()
        }
        Ok(None) => Redirect::to("/staff/login").into_response(),
        Err(error) => crate::routes::plain_error(error),
    }
}

/// POST /staff/password: one's own password, after checking the current
/// one (a wrong one counts as a failed login, so a stolen session cannot
/// guess it). This session continues under a new id; the account's other
/// sessions end.
async fn change_password(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    let pool = state.pool.clone();
    let renewing = session.clone();
    staff_post::<PasswordChangeForm>(
        state,
        renewing,
        None,
        fields,
        async |user, form| {
            let change = form.validate()?;
            let (key, client) = (user.email.to_lowercase(), rate_bucket(peer.ip()));
            let current = change.current;
            let proved = auth::guarded_check(&pool, &key, &client, async || {
                let stored = accounts::password_hash(&pool, user.id).await?;
                Ok(password::verify(current, Some(stored)).await.then_some(()))
            })
            .await?;
            if proved.is_none() {
                return Err(AppError::Invalid(vec![crate::error::FieldError {
                    field: "current".into(),
                    message: "That is not your current password.".into(),
                }]));
            }
            let updated = accounts::set_password(&pool, user.id, &change.new).await?;
            // Before the session is renewed: a failure here leaves the
            // visitor logged in, with the message that it did not work.
            audit(
                &pool,
                Some(&updated),
                "staff.password_changed",
                Some(&format!("account {}", user.id)),
            )
            .await?;
            auth::renew(&mut session, &updated).await?;
            Ok("/staff?password=changed".into())
        },
        |_| "/staff/password".into(),
    )
    .await
}
