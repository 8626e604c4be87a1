//! Logging in: the axum-login backend (lockout, then the password), the
//! session layer with its cookie and timeouts, and `require`, which every
//! staff server function and route calls for its own role check.

use super::Role;
use super::accounts::{self, StaffUser};
use super::sessions::PgSessionStore;
use super::types::Credentials;
use crate::AppError;
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder, AuthnBackend};
use sqlx::PgPool;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Failed logins allowed per account and per client address, per window.
pub const MAX_FAILURES: i64 = 5;
/// A session ends after this long without a request…
pub const IDLE: Duration = Duration::minutes(30);
/// …and this long after logging in, however busy.
pub const ABSOLUTE_SECS: i64 = 12 * 3600;
const LOG_IN: &str = "Log in to use the staff area.";
/// Where the login time is kept in the session.
const LOGGED_IN_AT: &str = "staff.logged_in_at";

/// A login attempt: the form's credentials and where they came from.
pub struct Attempt {
    pub credentials: Credentials,
    pub client: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("too many failed logins")]
    Locked,
    #[error(transparent)]
    App(#[from] AppError),
}

#[derive(Clone, Debug)]
pub struct Backend {
    pool: PgPool,
}

impl AuthnBackend for Backend {
    type User = StaffUser;
    type Credentials = Attempt;
    type Error = LoginError;

    /// Counts the attempt first, then refuses a locked account or address
    /// before any hashing, then checks the password (against a dummy when
    /// the email has no account). A failure's row stays; a success's or a
    /// refusal's goes. Unknown email and wrong password look the same.
    async fn authenticate(&self, attempt: Attempt) -> Result<Option<StaffUser>, LoginError> {
        let key = attempt.credentials.email.as_str().to_lowercase();
        let checked = guarded_check(&self.pool, &key, &attempt.client, async || {
            let found = accounts::for_login(&self.pool, &key).await?;
            let stored = found.as_ref().map(|(_, hash)| hash.clone());
            let ok = super::password::verify(attempt.credentials.password, stored).await;
            Ok(found.filter(|_| ok).map(|(user, _)| user))
        })
        .await;
        match checked {
            Err(AppError::TooManyRequests(_)) => Err(LoginError::Locked),
            other => Ok(other?),
        }
    }

    async fn get_user(&self, id: &i64) -> Result<Option<StaffUser>, LoginError> {
        Ok(accounts::active_by_id(&self.pool, *id).await?)
    }
}

pub type StaffSession = axum_login::AuthSession<Backend>;

/// How the session cookie is sent. `__Host-` (Secure, path `/`, no
/// domain) unless the host was told, explicitly, that it serves plain
/// http on loopback for development.
#[derive(Clone, Copy, Debug, Default)]
pub struct CookiePolicy {
    pub insecure_loopback: bool,
}

impl CookiePolicy {
    pub fn name(self) -> &'static str {
        if self.insecure_loopback {
            "backline-staff"
        } else {
            "__Host-backline-staff"
        }
    }

    /// A Set-Cookie that deletes the cookie, with the attributes it was set
    /// with (a browser ignores a `__Host-` removal without `Secure`).
    pub fn removal(self) -> String {
        let secure = if self.insecure_loopback {
            ""
        } else {
            "; Secure"
        };
        format!(
            "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}",
            self.name()
        )
    }
}

/// The layer that loads a session from its cookie (only requests that
/// carry one touch the database) and the account it names. Every request
/// saves it, which moves the idle timeout on.
pub fn layer(pool: PgPool, cookie: CookiePolicy) -> AuthManagerLayer<Backend, PgSessionStore> {
    super::password::warm_up();
    let sessions = SessionManagerLayer::new(PgSessionStore::new(pool.clone()))
        .with_name(cookie.name())
        .with_secure(!cookie.insecure_loopback)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE))
        .with_always_save(true);
    AuthManagerLayerBuilder::new(Backend { pool }, sessions).build()
}

/// Logs `user` in: always a new session id (axum-login cycles it only
/// when the session had no account yet, so a login over another one, or
/// over a deactivated account's, would keep the old id), and the time, for
/// the absolute timeout.
pub async fn log_in(session: &mut StaffSession, user: &StaffUser) -> Result<(), AppError> {
    session.session.cycle_id().await.map_err(internal)?;
    session.login(user).await.map_err(internal)?;
    let now = chrono::Utc::now().timestamp();
    session
        .session
        .insert(LOGGED_IN_AT, now)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Runs a password check under the lockout: the attempt is counted first
/// (`accounts::begin_attempt`); with more than `MAX_FAILURES` in the window
/// it is refused with 429 unchecked. `check` answers whom the password
/// proved (`None`: wrong); only a wrong one stays counted.
pub async fn guarded_check<T>(
    pool: &PgPool,
    email_key: &str,
    client: &str,
    check: impl AsyncFnOnce() -> Result<Option<T>, AppError>,
) -> Result<Option<T>, AppError> {
    let (attempt, by_account, by_client) = accounts::begin_attempt(pool, email_key, client).await?;
    if by_account > MAX_FAILURES || by_client > MAX_FAILURES {
        accounts::forget_attempt(pool, attempt).await?;
        return Err(AppError::TooManyRequests(LOCKED.into()));
    }
    let proved = check().await;
    if !matches!(proved, Ok(None)) {
        accounts::forget_attempt(pool, attempt).await?;
    }
    proved
}

pub const LOCKED: &str =
    "Too many failed logins from here or for this account. Wait 15 minutes, then try again.";

/// After a change of password (or role): a new session id, and the
/// session's account hash renewed, so this session goes on while the
/// account's other sessions end.
pub async fn renew(session: &mut StaffSession, user: &StaffUser) -> Result<(), AppError> {
    session.session.cycle_id().await.map_err(internal)?;
    session.login(user).await.map_err(internal)
}

/// Ends the session: its row is deleted, so its cookie cannot be replayed.
pub async fn log_out(session: &mut StaffSession) -> Result<Option<StaffUser>, AppError> {
    session.logout().await.map_err(internal)
}

/// The logged-in account of `session`, if its session is still within the
/// absolute timeout and (with `role`) the account has it; an admin has
/// every role. 401 without a session, 403 with the wrong role.
pub async fn check(session: &mut StaffSession, role: Option<Role>) -> Result<StaffUser, AppError> {
    let Some(user) = session.user.clone() else {
        return Err(AppError::Unauthorized(LOG_IN.into()));
    };
    let since: Option<i64> = session.session.get(LOGGED_IN_AT).await.map_err(internal)?;
    if since.is_none_or(|at| chrono::Utc::now().timestamp() - at > ABSOLUTE_SECS) {
        log_out(session).await?;
        return Err(AppError::Unauthorized(LOG_IN.into()));
    }
    match role {
        Some(Role::Admin) if user.role != Role::Admin => {
            Err(AppError::Forbidden("Only an admin may do this.".into()))
        }
        _ => Ok(user),
    }
}

/// `check` for the current server function or page.
pub async fn require(role: Option<Role>) -> Result<StaffUser, AppError> {
    let mut session = leptos_axum::extract::<StaffSession>()
        .await
        .map_err(|error| {
            tracing::error!(%error, "no staff session layer around this request");
            AppError::Internal
        })?;
    check(&mut session, role).await
}

fn internal(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "staff session store");
    AppError::Internal
}
