//! The bookings' and availability's posts, and the CSV download. Each
//! checks the staff session before reading anything; any staff account
//! may use them. Server only.

use super::availability::{Change, OpeningHours, Setting, Weekday, change_availability};
use super::hours::{ExceptionForm, RemoveExceptionForm, SettingsForm, ValidSettings, WeekForm};
use super::{BookingActionForm, BookingNotesForm, BookingQuery, queries};
use crate::AppError;
use crate::routes::{Routes, plain_error};
use crate::staff::auth::{self, StaffSession};
use crate::staff::routes::staff_post;
use crate::state::AppState;
use crate::ui::form::post::Fields;
use crate::ui::form::{FieldCheck, FormInput};
use axum::extract::{Form, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};

/// At most this many rows in one CSV download.
const CSV_ROWS: i64 = 20_000;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/bookings.csv", download)
        .post("/staff/bookings/{id}/status", change_status)
        .post("/staff/bookings/{id}/notes", save_notes)
        .post("/staff/availability/week", save_week)
        .post("/staff/availability/exceptions", save_exception)
        .post("/staff/availability/exceptions/remove", remove_exception)
        .post("/staff/availability/settings", save_settings)
}

async fn change_status(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<BookingActionForm>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            let (action, revision) = form.validate()?;
            queries::act(&pool, Some(staff), id, action, Some(revision), Utc::now()).await?;
            Ok(format!("/staff/bookings/{id}?done={}", action.slug()))
        },
        |_| format!("/staff/bookings/{id}"),
    )
    .await
}

async fn save_notes(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Response {
    let pool = state.pool.clone();
    staff_post::<BookingNotesForm>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            let notes = form.validate()?;
            queries::set_notes(&pool, staff, id, notes.as_deref()).await?;
            Ok(format!("/staff/bookings/{id}?done=notes"))
        },
        |_| format!("/staff/bookings/{id}"),
    )
    .await
}

/// GET /staff/bookings.csv?status=…&q=…&sort=…: the list's rows, every
/// page, as a spreadsheet file; never cached.
async fn download(
    State(state): State<AppState>,
    mut session: StaffSession,
    Query(fields): Query<Fields>,
) -> Response {
    if let Err(error) = auth::check(&mut session, None).await {
        return plain_error(error);
    }
    let query = BookingQuery::parse(|name| fields.get(name).cloned());
    let written = async {
        let (header, rows) = queries::export_rows(&state.pool, &query, CSV_ROWS).await?;
        super::csv::write(&header, &rows).map_err(|error| {
            tracing::error!(%error, "could not write the bookings CSV");
            AppError::Internal
        })
    };
    match written.await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"bookings-{}.csv\"",
                        Utc::now().format("%Y-%m-%d")
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => plain_error(error),
    }
}

/// An availability form posted: the session checked, the form read into
/// its `Change`, the change made (or refused: the editor again, with the
/// typed values and why), then back to the editor.
async fn edit<F: FormInput>(
    state: AppState,
    session: StaffSession,
    fields: Fields,
    read: impl AsyncFnOnce(&AppState, &F) -> Result<Change, AppError>,
) -> Response {
    let app = state.clone();
    staff_post::<F>(
        state,
        session,
        None,
        fields,
        async |staff, form| {
            let change = read(&app, form).await?;
            change_availability(&app.pool, Some(staff), &change, Utc::now()).await?;
            Ok("/staff/availability?done=saved".into())
        },
        |_| "/staff/availability".into(),
    )
    .await
}

async fn save_week(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<WeekForm>(state, session, fields, async |_, form| {
        let days = form.validate()?;
        let week = super::hours::WEEKDAYS
            .iter()
            .zip(days)
            .map(|((name, _), blocks)| {
                Ok((
                    Weekday::parse(name).map_err(AppError::BadRequest)?,
                    OpeningHours::from_blocks(&blocks),
                ))
            })
            .collect::<Result<_, AppError>>()?;
        Ok(Change::Week(week))
    })
    .await
}

/// A date as chrono has it, refused on its field when already past in
/// the staff zone.
fn future_day((y, m, d): (i32, u32, u32), zone: chrono_tz::Tz) -> Result<NaiveDate, AppError> {
    let mut check = FieldCheck::default();
    let day = NaiveDate::from_ymd_opt(y, m, d);
    let today = Utc::now().with_timezone(&zone).date_naive();
    let day = check.field(
        "day",
        match day {
            Some(day) if day >= today => Ok(day),
            Some(_) => Err("Choose today or a later date.".to_owned()),
            None => Err("That is not a date.".to_owned()),
        },
    );
    day.ok_or_else(|| check.into_error())
}

async fn save_exception(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<ExceptionForm>(state, session, fields, async |app, form| {
        let (day, blocks) = form.validate()?;
        let zone = queries::staff_zone(&mut *app.pool.acquire().await?).await?;
        let day = future_day(day, zone)?;
        Ok(Change::Day(day, OpeningHours::from_blocks(&blocks)))
    })
    .await
}

async fn remove_exception(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<RemoveExceptionForm>(state, session, fields, async |_, form| {
        let (y, m, d) = form.validate()?;
        NaiveDate::from_ymd_opt(y, m, d)
            .map(Change::DayAsWeek)
            .ok_or_else(|| AppError::BadRequest("That is not a date.".into()))
    })
    .await
}

async fn save_settings(
    State(state): State<AppState>,
    session: StaffSession,
    Form(fields): Form<Fields>,
) -> Response {
    edit::<SettingsForm>(state, session, fields, async |_, form| {
        let ValidSettings {
            zone,
            slot,
            buffer,
            notice,
            horizon,
            retention,
        } = form.validate()?;
        let zone = Setting::parse(&format!("zone={zone}")).map_err(|_| {
            let mut check = FieldCheck::default();
            check.field::<()>(
                "zone",
                Err("That is not an IANA time zone; try Europe/Berlin or America/New_York.".into()),
            );
            check.into_error()
        })?;
        Ok(Change::Settings(vec![
            zone,
            Setting::SlotMinutes(slot),
            Setting::BufferMinutes(buffer),
            Setting::NoticeMinutes(notice),
            Setting::HorizonDays(horizon),
            Setting::RetentionDays(retention),
        ]))
    })
    .await
}
