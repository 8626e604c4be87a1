//! The staff area, from outside: login and sessions (`login`), the
//! accounts admins manage (`admin`), the job editor (`jobs`), and every staff endpoint held to
//! its role (`endpoints`). The helpers here post forms and carry the
//! session cookie as a browser would.

mod admin;
mod bookings;
mod dashboard;
mod endpoints;
mod jobs;
mod login;
mod outbox;
mod salary;

use crate::helpers::{TestApp, spawn_app};
use app::common::Email;
use app::staff::{Password, Role, accounts};
use reqwest::header::{COOKIE, SET_COOKIE};
use sqlx::PgPool;

pub(super) const EMAIL: &str = "ada@example.com";
pub(super) const PASSWORD: &str = "correct horse battery";
pub(super) const COOKIE_NAME: &str = "__Host-backline-staff";

pub(super) async fn with_account(pool: PgPool) -> (TestApp, PgPool) {
    let email = Email::parse(EMAIL, "").unwrap();
    accounts::create(
        &pool,
        &email,
        Role::Staff,
        &Password::parse(PASSWORD).unwrap(),
    )
    .await
    .unwrap();
    (spawn_app(pool.clone()).await, pool)
}

pub(super) fn form(email: &str, password: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("email", email)
        .append_pair("password", password)
        .finish()
}

pub(super) async fn post(
    app: &TestApp,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    request.send().await.unwrap()
}

pub(super) async fn get(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.address))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap()
}

/// The staff cookie a response sets, whole (`name=value; attributes`).
pub(super) fn staff_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{COOKIE_NAME}=")))
        .map(str::to_owned)
}

/// `name=value` of a Set-Cookie, to send back.
pub(super) fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

pub(super) async fn log_in(app: &TestApp) -> String {
    let response = post(app, "/staff/login", form(EMAIL, PASSWORD), None).await;
    assert_eq!(response.status(), 303, "logged in");
    pair(&staff_cookie(&response).expect("a session cookie"))
}

/// Adds an account and logs it in; answers its id and session cookie.
pub(super) async fn account_logged_in(
    app: &TestApp,
    pool: &PgPool,
    email: &str,
    role: Role,
) -> (i64, String) {
    let id = accounts::create(
        pool,
        &Email::parse(email, "").unwrap(),
        role,
        &Password::parse(PASSWORD).unwrap(),
    )
    .await
    .unwrap();
    let response = post(app, "/staff/login", form(email, PASSWORD), None).await;
    assert_eq!(response.status(), 303, "{email} logged in");
    (
        id,
        pair(&staff_cookie(&response).expect("a session cookie")),
    )
}
