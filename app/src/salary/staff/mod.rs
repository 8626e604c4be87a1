//! The salary model's editor at `/staff/salary`: each place's figures
//! (`/staff/salary/places/:slug`), the experience curve, skill premiums,
//! type-of-work factors, dated exchange rates and the sources every figure
//! names (`/staff/salary/sources/:slug`). The public estimator loads the
//! model from Postgres on every page and API call, so a saved change shows
//! at once on every instance; nothing caches it in memory, so nothing
//! needs invalidating.
//!
//! Read top to bottom: the board's data and the forms (`forms`, both
//! builds), the server functions, then `queries` and `routes` (server
//! only) and the views (`page`, `edit`).

pub mod edit;
pub mod forms;
pub mod page;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod routes;

use super::model::{Location, Model, Source};
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One dated exchange rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateRow {
    pub currency: String,
    pub valid_on: String,
    pub usd_per_unit: f64,
    pub source: String,
}

/// Everything the editor shows: the model as stored (even one the public
/// page would refuse, so it can be mended here), the newest rates first,
/// and what is wrong with the model, if anything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SalaryBoard {
    pub model: Model,
    pub rates: Vec<RateRow>,
    pub problems: Vec<String>,
}

/// The editor's data.
#[server(endpoint = "staff/salary")]
pub async fn staff_salary() -> Result<SalaryBoard, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::board(&pool).await)
}

/// One place and the sources it may name; 404 for an unknown slug.
#[server(endpoint = "staff/salary/place")]
pub async fn staff_salary_place(slug: String) -> Result<(Location, Vec<Source>), AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let board = AppError::reply(queries::board(&pool).await)?;
    let place = board
        .model
        .location(&slug)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((place, board.model.sources))
}

/// One source (`None` for a new one's blank form); 404 for an unknown slug.
#[server(endpoint = "staff/salary/source")]
pub async fn staff_salary_source(slug: String) -> Result<Option<Source>, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    if slug == "new" {
        return Ok(None);
    }
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let board = AppError::reply(queries::board(&pool).await)?;
    board
        .model
        .source(&slug)
        .cloned()
        .map(Some)
        .ok_or(AppError::NotFound)
}
