//! The job pages' plain HTTP route: an application sent without
//! JavaScript posts to the job's own URL.

use super::apply::{ApplicationForm, ApplyEcho, submit};
use crate::routes::{Routes, render_page};
use crate::state::AppState;
use axum::{
    extract::{Form, Path, State},
    response::{IntoResponse, Redirect, Response},
};
use std::collections::HashMap;

pub fn routes() -> Routes {
    // The same URL as the job page (a GET the app renders).
    Routes::new().post("/jobs/{slug}", apply_without_javascript)
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
    // Encoded, so even a slug that is not one (`submit` refuses it)
    // makes a valid path to render.
    let path = format!("/jobs/{}", crate::common::url_encode(&slug));
    match submit(&state.pool, &slug, &form).await {
        Ok(()) => Redirect::to(&format!("{path}?applied=1#apply")).into_response(),
        Err(error) => render_page(state, &path, ApplyEcho { form, error }).await,
    }
}
