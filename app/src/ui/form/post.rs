//! A form posted without JavaScript (server only): the one handler body
//! every capability's plain form route runs.

use super::{Echo, FormInput};
use crate::AppError;
use crate::routes::render_page_with;
use crate::state::AppState;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;

/// A posted form's fields, by name (`Form<Fields>`).
pub type Fields = HashMap<String, String>;

/// Reads the form's input from posted fields; a missing field is empty.
pub fn read<F: FormInput>(fields: &Fields) -> F {
    F::from_fields(|name| fields.get(name).cloned().unwrap_or_default())
}

/// Answers a form posted without JavaScript. `submit` does what the form
/// asks and says where to go next: success answers 303 See Other there
/// (post/redirect/get). A refusal renders the page `again` names, with an
/// [`Echo`] of what was typed and the error, whose status the page sets
/// (422 for fields to fix, 409 for a conflict, 429…).
pub async fn post_form<F: FormInput>(
    state: AppState,
    fields: Fields,
    submit: impl AsyncFnOnce(&F) -> Result<String, AppError>,
    again: impl FnOnce(&F) -> String,
) -> Response {
    post_form_with(state, http::Extensions::new(), fields, submit, again).await
}

/// [`post_form`] whose refusal page is rendered with `extensions` from the
/// posted request (the staff session), so it can show what that page shows.
pub async fn post_form_with<F: FormInput>(
    state: AppState,
    extensions: http::Extensions,
    fields: Fields,
    submit: impl AsyncFnOnce(&F) -> Result<String, AppError>,
    again: impl FnOnce(&F) -> String,
) -> Response {
    let input: F = read(&fields);
    match submit(&input).await {
        Ok(next) => Redirect::to(&next).into_response(),
        Err(error) => {
            let path = again(&input);
            let status = error.status_code();
            let mut page = render_page_with(state, &path, Echo { input, error }, extensions).await;
            // The page sets the status where it shows the form; one that no
            // longer does (a job that expired meanwhile) still answers with
            // the refusal's, never 200.
            if page.status().is_success() {
                *page.status_mut() = status;
            }
            page
        }
    }
}
