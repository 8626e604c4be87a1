//! The job pages' plain HTTP route: an application sent without
//! JavaScript posts to the job's own URL.

use super::JobSlug;
use super::apply::submit;
use crate::routes::Routes;
use crate::state::AppState;
use crate::ui::form::post::{Fields, post_form};
use axum::{
    extract::{Form, Path, State},
    response::Response,
};

pub fn routes() -> Routes {
    // The same URL as the job page (a GET the app renders).
    Routes::new().post("/jobs/{slug}", apply_without_javascript)
}

/// POST /jobs/{slug}: an application sent without JavaScript.
pub async fn apply_without_javascript(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    // Encoded, so even a slug that is not one (refused as not found, as
    // on the page) makes a valid path to render.
    let path = format!("/jobs/{}", crate::common::url_encode(&slug));
    let pool = state.pool.clone();
    post_form(
        state,
        fields,
        async |form| {
            submit(&pool, &JobSlug::parse(&slug)?, form).await?;
            Ok(format!("{path}?applied=1#apply"))
        },
        |_| path.clone(),
    )
    .await
}
