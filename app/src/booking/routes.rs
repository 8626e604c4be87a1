//! The booking's plain HTTP routes: the no-JavaScript booking form, the
//! manage page's actions, and the downloads (`.ics`, JSON export).
//!
//! The booking form posts here, with JavaScript (its island sends the same
//! form with `fetch`) and without: success answers with a redirect
//! (post/redirect/get), a refusal renders the page again with what was
//! typed, what to fix and the error's status. The manage page's actions are
//! plain forms with and without JavaScript.

use super::store;
use super::types::{BookRequest, ManageForm, ManageRequest, ManageToken};
use crate::AppError;
use crate::common::url_encode;
use crate::routes::{Routes, plain_error, render_page};
use crate::state::AppState;
use crate::ui::form::post::{Fields, post_form};
use crate::ui::form::{Echo, FormInput};
use axum::{
    extract::{ConnectInfo, Form, Path, State, rejection::PathRejection},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use std::net::SocketAddr;

pub fn routes() -> Routes {
    Routes::new()
        .post("/book", book_from_form)
        .post("/booking/{token}", manage_booking)
        .get("/booking/{token}/lesson.ics", lesson_calendar)
        .get("/booking/{token}/data.json", my_data)
}

/// POST /book: the booking form, as any browser sends it.
pub async fn book_from_form(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    Form(fields): Form<Fields>,
) -> Response {
    let (pool, config) = (state.pool.clone(), state.booking.clone());
    let day = fields.get("day").cloned().unwrap_or_default();
    post_form(
        state,
        fields,
        async |request: &BookRequest| {
            let booked = store::book(&pool, &config, client.ip(), request, Utc::now()).await?;
            Ok(booked.next)
        },
        |request| {
            let mut path = format!("/book?tz={}", url_encode(&request.zone));
            if !day.is_empty() {
                path.push_str(&format!("&day={}", url_encode(&day)));
            }
            path
        },
    )
    .await
}

/// POST /booking/{token}: cancel, move or erase, from the booking's page.
/// The same plain form serves browsers with and without JavaScript.
pub async fn manage_booking(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    token: Result<Path<ManageToken>, PathRejection>,
    Form(fields): Form<Fields>,
) -> Response {
    let Ok(Path(token)) = token else {
        let echo = Echo {
            input: ManageForm::default(),
            error: AppError::NotFound,
        };
        return render_page(state, "/booking/unknown", echo).await;
    };
    let path = format!("/booking/{token}");
    let (pool, limit) = (state.pool.clone(), state.booking.limit());
    post_form(
        state,
        fields,
        async |form: &ManageForm| {
            let request = form.validate();
            // Not confirmed yet: the page asks first. Asking changes
            // nothing, so it costs nothing of the rate limit.
            if request == Ok(ManageRequest::Cancel { confirmed: false }) {
                return Ok(format!("{path}?cancel=1#cancel"));
            }
            // Even a refused or unknown action counts.
            crate::rate_limit::rate_limit(&pool, limit, "manage", client.ip()).await?;
            let now = Utc::now();
            let done = match request? {
                ManageRequest::Cancel { .. } => store::cancel(&pool, &token, now)
                    .await
                    .map(|()| "cancelled"),
                ManageRequest::Reschedule { slot } => store::reschedule(&pool, &token, &slot, now)
                    .await
                    .map(|()| "moved"),
                ManageRequest::Erase => store::erase(&pool, &token, now).await.map(|()| "erased"),
            }?;
            Ok(format!("{path}?done={done}"))
        },
        // A refused move goes back to the list of times, on the day being looked at.
        |form| {
            let mut again = path.clone();
            if form.action == super::types::ManageAction::Reschedule.as_str() {
                again.push_str(&format!("?move=1&tz={}", url_encode(&form.tz)));
                if !form.day.is_empty() {
                    again.push_str(&format!("&day={}", url_encode(&form.day)));
                }
            }
            again
        },
    )
    .await
}

/// GET /booking/{token}/lesson.ics
pub async fn lesson_calendar(
    State(state): State<AppState>,
    token: Result<Path<ManageToken>, PathRejection>,
) -> Response {
    let Ok(Path(token)) = token else {
        return plain_error(AppError::NotFound);
    };
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
pub async fn my_data(
    State(state): State<AppState>,
    token: Result<Path<ManageToken>, PathRejection>,
) -> Response {
    let Ok(Path(token)) = token else {
        return plain_error(AppError::NotFound);
    };
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
