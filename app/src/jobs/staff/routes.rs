//! The job editor's posts: create, save (or preview), and the status
//! buttons; and an application's review. Any staff account may use them; each checks the session
//! before reading anything.

use super::form::{JobForm, JobPreview, JobStatusForm};
use super::inbox::{ReviewForm, queries as inbox_queries};
use super::queries;
use crate::jobs::markdown::to_safe_html;
use crate::routes::{Routes, render_page_with};
use crate::staff::auth::{self, StaffSession};
use crate::staff::routes::staff_post;
use crate::state::AppState;
use crate::ui::form::FormInput;
use crate::ui::form::post::{Fields, read};
use axum::extract::{Form, Path, State};
use axum::response::Response;

pub fn routes() -> Routes {
    Routes::new()
        .post("/staff/jobs", create)
        .post("/staff/jobs/{id}", save)
        .post("/staff/jobs/{id}/status", change_status)
        .post("/staff/applications/{id}", review)
}

fn editor(id: Option<i64>) -> String {
    id.map_or_else(
        || "/staff/jobs/new".into(),
        |id| format!("/staff/jobs/{id}"),
    )
}

/// The editor again with a preview of the description, through the
/// public page's sanitiser. Nothing is written.
async fn preview(
    state: AppState,
    mut session: StaffSession,
    id: Option<i64>,
    fields: Fields,
) -> Option<Response> {
    if fields.get("intent").map(String::as_str) != Some("preview") {
        return None;
    }
    if let Err(error) = auth::check(&mut session, None).await {
        return Some(crate::routes::plain_error(error));
    }
    let input: JobForm = read(&fields);
    let description_html = to_safe_html(&input.description);
    let mut extensions = axum::http::Extensions::new();
    extensions.insert(session);
    Some(
        render_page_with(
            state,
            &editor(id),
            JobPreview {
                input,
                description_html,
            },
            extensions,
        )
        .await,
    )
}

async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    if let Some(page) = preview(state.clone(), session.clone(), None, fields.clone()).await {
        return page;
    }
    let pool = state.pool.clone();
    staff_post::<JobForm>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            let id = queries::create(&pool, staff, &form.validate()?).await?;
            Ok(format!("/staff/jobs/{id}?done=created"))
        },
        |_| editor(None),
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    if let Some(page) = preview(state.clone(), session.clone(), Some(id), fields.clone()).await {
        return page;
    }
    let pool = state.pool.clone();
    staff_post::<JobForm>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            queries::update(&pool, staff, id, &form.validate()?).await?;
            Ok(format!("/staff/jobs/{id}?done=saved"))
        },
        |_| editor(Some(id)),
    )
    .await
}

async fn change_status(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<JobStatusForm>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            let (change, version) = form.validate()?;
            queries::change_status(&pool, staff, id, version, change).await?;
            Ok(format!("/staff/jobs/{id}?done={}", form.action))
        },
        |_| editor(Some(id)),
    )
    .await
}

async fn review(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<ReviewForm>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            let (status, notes) = form.validate()?;
            inbox_queries::review(&pool, staff, id, status, &notes).await?;
            Ok(format!("/staff/applications/{id}?done=saved"))
        },
        |_| format!("/staff/applications/{id}"),
    )
    .await
}
