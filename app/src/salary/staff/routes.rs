//! The salary editor's posts. Each checks the staff session before
//! reading anything; any staff account may use them. Server only.

use super::forms::{CurveForm, EmploymentForm, PlaceForm, PremiumForm, RateForm, SourceForm};
use super::queries;
use crate::AppError;
use crate::common::EmploymentType;
use crate::routes::Routes;
use crate::staff::accounts::StaffUser;
use crate::staff::auth::StaffSession;
use crate::staff::routes::staff_post;
use crate::state::AppState;
use crate::ui::form::FormInput;
use crate::ui::form::post::Fields;
use axum::extract::{Form, Path, State};
use axum::response::Response;

pub fn routes() -> Routes {
    Routes::new()
        .post("/staff/salary/places/{slug}", save_place)
        .post("/staff/salary/curve", save_curve)
        .post("/staff/salary/premium", save_premium)
        .post("/staff/salary/employment", save_employment)
        .post("/staff/salary/rates", save_rate)
        .post("/staff/salary/sources", create_source)
        .post("/staff/salary/sources/{slug}", save_source)
}

const BOARD: &str = "/staff/salary";

/// A salary form posted: the session checked, `save` run, then the board
/// with "Saved", or `again` with the typed values and why.
async fn edit<F: FormInput>(
    state: AppState,
    session: StaffSession,
    fields: Fields,
    again: String,
    save: impl AsyncFnOnce(&sqlx::PgPool, &StaffUser, &F) -> Result<(), AppError>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<F>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            save(&pool, staff, form).await?;
            Ok(format!("{BOARD}?done=saved"))
        },
        |_| again,
    )
    .await
}

async fn save_place(
    State(state): State<AppState>,
    session: StaffSession,
    Path(slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let again = format!("/staff/salary/places/{slug}");
    edit::<PlaceForm>(state, session, fields, again, async |pool, staff, form| {
        let figures = form.validate()?;
        queries::save_place(pool, staff, &slug, figures.as_ref()).await
    })
    .await
}

async fn save_curve(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<CurveForm>(
        state,
        session,
        fields,
        BOARD.into(),
        async |pool, staff, form| {
            let (points, source) = form.validate()?;
            queries::save_curve(pool, staff, &points, &source).await
        },
    )
    .await
}

async fn save_premium(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<PremiumForm>(
        state,
        session,
        fields,
        BOARD.into(),
        async |pool, staff, form| {
            let (premium, source) = form.validate()?;
            queries::save_premium(pool, staff, form.skill.trim(), premium, &source).await
        },
    )
    .await
}

async fn save_employment(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<EmploymentForm>(
        state,
        session,
        fields,
        BOARD.into(),
        async |pool, staff, form| {
            let employment = EmploymentType::from_slug(form.employment.trim())
                .ok_or_else(|| AppError::BadRequest("No such type of work.".into()))?;
            let (multiplier, note, source) = form.validate()?;
            queries::save_employment(pool, staff, employment, (multiplier, &note, &source)).await
        },
    )
    .await
}

async fn save_rate(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<RateForm>(
        state,
        session,
        fields,
        BOARD.into(),
        async |pool, staff, form| queries::save_rate(pool, staff, &form.validate()?).await,
    )
    .await
}

async fn create_source(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    let again = "/staff/salary/sources/new".to_owned();
    edit::<SourceForm>(state, session, fields, again, async |pool, staff, form| {
        queries::save_source(pool, staff, None, &form.validate()?).await
    })
    .await
}

async fn save_source(
    State(state): State<AppState>,
    session: StaffSession,
    Path(slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let again = format!("/staff/salary/sources/{slug}");
    edit::<SourceForm>(state, session, fields, again, async |pool, staff, form| {
        // The slug is the address's, whatever the form says.
        let form = SourceForm {
            slug: slug.clone(),
            ..form.clone()
        };
        queries::save_source(pool, staff, Some(&slug), &form.validate()?).await
    })
    .await
}
