//! Forms that must work without JavaScript.
//!
//! With JavaScript, forms call their server function through `fetch`.
//! Without it, the browser posts the form to the page's own URL. Success
//! answers with a redirect to a page that says so (post/redirect/get); a
//! refusal renders the same page again, with what was typed, what to fix,
//! and the error's honest status.

use app::booking::page::encode;
use app::booking::store;
use app::booking::types::{BookEcho, BookRequest, ManageEcho, is_token};
use app::jobs::apply::{ApplicationForm, ApplyEcho, submit};
use app::routes::Routes;
use app::{AppError, shell, state::AppState};
use axum::{
    body::Body,
    extract::{ConnectInfo, Form, Path, State},
    http::{Request, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use leptos::prelude::provide_context;
use std::{collections::HashMap, net::SocketAddr};

/// The forms' routes and the downloads beside them.
pub fn routes() -> Routes {
    Routes::new()
        // The same URL as the job page: its form posts here without JavaScript.
        .post("/jobs/{slug}", apply_without_javascript)
        .post("/book", book_without_javascript)
        .post("/booking/{token}", manage_booking)
        .get("/booking/{token}/lesson.ics", lesson_calendar)
        .get("/booking/{token}/data.json", my_data)
}

/// POST /jobs/{slug}: an application sent without JavaScript.
pub async fn apply_without_javascript(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let form = ApplicationForm {
        name: field("name"),
        email: field("email"),
        message: field("message"),
        cv_url: field("cv_url"),
    };
    let path = format!("/jobs/{}", urlencoding_path(&slug));
    match submit(&state.pool, &slug, &form).await {
        Ok(()) => Redirect::to(&format!("{path}?applied=1#apply")).into_response(),
        Err(error) => render_page(state, &path, ApplyEcho { form, error }).await,
    }
}

/// Renders the app at `path` with `echo` in context, as the answer to a
/// form that was refused: the page shows what was typed and what to fix,
/// with the error's status.
async fn render_page<T: Clone + Send + Sync + 'static>(
    state: AppState,
    path: &str,
    echo: T,
) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(echo.clone());
        },
        move || shell(options.clone()),
    );
    match Request::get(path).body(Body::empty()) {
        Ok(request) => render(request).await,
        Err(_) => Redirect::to("/").into_response(),
    }
}

/// POST /book: a booking sent without JavaScript.
pub async fn book_without_javascript(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let request = BookRequest::from_fields(field);
    match store::book(
        &state.pool,
        &state.booking,
        client.ip(),
        &request,
        Utc::now(),
    )
    .await
    {
        Ok(booked) => Redirect::to(&booked.next).into_response(),
        Err(error) => {
            let mut path = format!("/book?tz={}", encode(&request.zone));
            let day = field("day");
            if !day.is_empty() {
                path.push_str(&format!("&day={}", encode(&day)));
            }
            render_page(state, &path, BookEcho { request, error }).await
        }
    }
}

/// POST /booking/{token}: cancel, move or erase, from the booking's page.
/// The same plain form serves browsers with and without JavaScript.
pub async fn manage_booking(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    if !is_token(&token) {
        return render_page(
            state,
            "/booking/unknown",
            ManageEcho {
                error: AppError::NotFound,
            },
        )
        .await;
    }
    // Not confirmed yet: the page asks first. Asking changes nothing, so it
    // costs nothing of the rate limit.
    if field("action") == "cancel" && field("confirm") != "yes" {
        return Redirect::to(&format!("/booking/{token}?cancel=1#cancel")).into_response();
    }
    let now = Utc::now();
    let pool = &state.pool;
    let outcome = match store::rate_limit(pool, &state.booking, "manage", client.ip()).await {
        Err(error) => Err(error),
        Ok(()) => match field("action").as_str() {
            "cancel" => store::cancel(pool, &token, now).await.map(|()| "cancelled"),
            "reschedule" => store::reschedule(pool, &token, &field("slot"), now)
                .await
                .map(|()| "moved"),
            "erase" if field("confirm") == "on" => {
                store::erase(pool, &token, now).await.map(|()| "erased")
            }
            "erase" => Err(AppError::BadRequest(
                "Please tick the box to confirm that you want your data erased.".into(),
            )),
            _ => Err(AppError::BadRequest(
                "That action is not one we know.".into(),
            )),
        },
    };
    let path = format!("/booking/{token}");
    let error = match outcome {
        Ok(done) => return Redirect::to(&format!("{path}?done={done}")).into_response(),
        Err(error) => error,
    };
    // A refused move goes back to the list of times, on the day being looked at.
    let mut again = path;
    if field("action") == "reschedule" {
        again.push_str(&format!("?move=1&tz={}", encode(&field("tz"))));
        let day = field("day");
        if !day.is_empty() {
            again.push_str(&format!("&day={}", encode(&day)));
        }
    }
    render_page(state, &again, ManageEcho { error }).await
}

/// GET /booking/{token}/lesson.ics
pub async fn lesson_calendar(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match store::ics(&state.pool, &state.booking, &token, Utc::now()).await {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"backline-demo-lesson.ics\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            ics,
        )
            .into_response(),
        Err(error) => plain_error(error),
    }
}

/// GET /booking/{token}/data.json: everything stored about the visitor.
pub async fn my_data(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match store::export(&state.pool, &token).await {
        Ok(data) => (
            [
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"backline-my-data.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            axum::Json(data),
        )
            .into_response(),
        Err(error) => plain_error(error),
    }
}

fn plain_error(error: AppError) -> Response {
    (error.status_code(), error.to_string()).into_response()
}

/// Slugs are `[a-z0-9-]`; anything else is percent-encoded so the path we
/// render (or redirect to) is always a valid URI.
fn urlencoding_path(slug: &str) -> String {
    slug.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
