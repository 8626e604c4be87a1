//! Forms that must work without JavaScript.
//!
//! With JavaScript, forms call their server function through `fetch`.
//! Without it, the browser posts the form to the page's own URL. Success
//! answers with a redirect to a page that says so (post/redirect/get); a
//! refusal renders the same page again, with what was typed, what to fix,
//! and the error's honest status.

use app::jobs::apply::{ApplicationForm, ApplyEcho, submit};
use app::{shell, state::AppState};
use axum::{
    body::Body,
    extract::{Form, Path, State},
    http::Request,
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::provide_context;
use std::collections::HashMap;

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
        Err(error) => {
            let echo = ApplyEcho { form, error };
            let options = state.leptos_options.clone();
            let render = leptos_axum::render_app_async_with_context(
                move || {
                    provide_context(state.clone());
                    provide_context(echo.clone());
                },
                move || shell(options.clone()),
            );
            match Request::get(&path).body(Body::empty()) {
                Ok(request) => render(request).await,
                Err(_) => Redirect::to("/jobs").into_response(),
            }
        }
    }
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
