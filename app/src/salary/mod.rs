//! The live salary estimator: a range with its sources, computed in the
//! browser on every change and by the server for the same URL.
//!
//! Read top to bottom: the model and the estimate (`model`, shared), the URL
//! (`query`), loading from Postgres (`queries`, server only), the server
//! functions (below), then the views (`page`, `form`, `output`, `chart`).

mod chart;
mod form;
mod live;
pub mod model;
mod output;
mod page;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod query;
pub mod staff;

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use model::{Estimate, Inputs, Model, estimate};
pub use page::SalaryPage;
pub use query::SalaryQuery;

/// The whole model, once per page load: every estimate after that is
/// computed in the browser.
#[server(endpoint = "salary/model")]
pub async fn get_salary_model() -> Result<Model, AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::load_model(&pool).await)
}

/// Everything the page needs for its first render: the model, and the
/// count behind "See N matching jobs" for the URL's inputs (`None` when the
/// count failed; the link still works).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SalaryPageData {
    pub model: Model,
    pub matching_jobs: Option<i64>,
}

/// The page's data in one request, so a server render waits on one
/// resource only.
#[server(endpoint = "salary/page")]
pub async fn get_salary_page(search: String) -> Result<SalaryPageData, AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let model = AppError::reply(queries::load_model(&pool).await)?;
    let (inputs, _) = SalaryQuery::parse(&search).0.inputs(&model);
    let jobs = query::matching_jobs(&inputs, &model).render();
    let matching_jobs = crate::jobs::queries::count(&pool, &jobs).await.ok();
    Ok(SalaryPageData {
        model,
        matching_jobs,
    })
}

/// How many open jobs the job search finds for a query string: the number
/// "See N matching jobs" promises, counted the way that page counts.
#[server(endpoint = "salary/jobs")]
pub async fn count_matching_jobs(query: String) -> Result<i64, AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(crate::jobs::queries::count(&pool, &query).await)
}
