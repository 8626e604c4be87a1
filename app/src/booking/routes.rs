//! The booking's plain HTTP routes: the no-JavaScript booking form, the
//! manage page's actions, and the downloads (`.ics`, JSON export).
//!
//! With JavaScript, the booking form calls its server function. Without,
//! the browser posts it here; success answers with a redirect
//! (post/redirect/get), a refusal renders the page again with what was
//! typed, what to fix and the error's status. The manage page's actions are
//! plain forms with and without JavaScript.

use super::store;
use super::types::{BookEcho, BookRequest, ManageEcho, is_token};
use crate::AppError;
use crate::common::url_encode;
use crate::routes::{Routes, plain_error, render_page};
use crate::state::AppState;
use axum::{
    extract::{ConnectInfo, Form, Path, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use std::{collections::HashMap, net::SocketAddr};

pub fn routes() -> Routes {
    Routes::new()
        .post("/book", book_without_javascript)
        .post("/booking/{token}", manage_booking)
        .get("/booking/{token}/lesson.ics", lesson_calendar)
        .get("/booking/{token}/data.json", my_data)
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
            let mut path = format!("/book?tz={}", url_encode(&request.zone));
            let day = field("day");
            if !day.is_empty() {
                path.push_str(&format!("&day={}", url_encode(&day)));
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
    let outcome =
        match crate::rate_limit::rate_limit(pool, state.booking.limit(), "manage", client.ip())
            .await
        {
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
        again.push_str(&format!("?move=1&tz={}", url_encode(&field("tz"))));
        let day = field("day");
        if !day.is_empty() {
            again.push_str(&format!("&day={}", url_encode(&day)));
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
