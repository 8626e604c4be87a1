//! The back office's jobs and their applications. Jobs: list them by status, write and edit one with a
//! preview through the public page's sanitiser, publish, unpublish and
//! close. A job past its closing date counts as expired everywhere, and
//! public search sees an edit at once (the row's search document is the
//! trigger's; the typo vocabulary is refreshed after the save).
//! Applications (`inbox`): every job's or one's, by status, each read
//! with a status and notes.
//!
//! Read top to bottom: the rows and queries' vocabulary here, the form in
//! `form`, the server's `queries` and `routes`, the server functions
//! below, the views in `list` and `editor`.

mod editor;
pub mod form;
pub mod inbox;
mod list;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod routes;

pub use editor::{EditJobPage, NewJobPage};
pub use form::{JobDraft, JobForm};
pub use inbox::page::{ApplicationPage, InboxPage};
pub use list::StaffJobsPage;

use crate::AppError;
use crate::common::options::options;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

options!(
    /// Where a job is in its life. `Published` past its closing date is
    /// shown, and treated, as `Expired`.
    JobStatus, "job_status", "status" {
        Draft = "draft", "Draft";
        Published = "published", "Published";
        Unpublished = "unpublished", "Unpublished";
        Expired = "expired", "Expired";
    }
);

options!(
    /// How the staff list is ordered; unless asked, newest job first.
    JobSort, "job_sort", "sort" {
        Title = "title", "Title, A to Z";
        TitleDesc = "-title", "Title, Z to A";
        Closes = "closes", "Closing soonest first";
        ClosesDesc = "-closes", "Closing latest first";
        Updated = "updated", "Updated, oldest first";
        UpdatedDesc = "-updated", "Updated, newest first";
    }
);

/// How many rows a page of the staff lists shows.
pub use crate::staff::shell::PAGE_SIZE as STAFF_PAGE_SIZE;

/// One job in the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffJobRow {
    pub id: i64,
    pub title: String,
    pub company: String,
    pub place: String,
    /// As the public sees it: published past its date is expired.
    pub status: JobStatus,
    pub closes: String,
    pub updated: String,
    pub applications: i64,
}

/// A page of the staff list, with how many jobs match in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffJobList {
    pub rows: Vec<StaffJobRow>,
    pub total: i64,
    /// Jobs per status, for the tabs (over the whole table).
    pub counts: Vec<(JobStatus, i64)>,
}

/// A job as the editor opens it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditedJob {
    pub id: i64,
    pub slug: String,
    pub status: JobStatus,
    pub version: i32,
    pub form: JobForm,
    pub applications: i64,
    pub updated: String,
}

/// What the editor's selects offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorChoices {
    /// Companies by slug and name.
    pub companies: Vec<(String, String)>,
    /// Places by city name, with their country.
    pub places: Vec<(String, String)>,
}

/// The staff list: `status` a [`JobStatus`] slug or empty for all, `q`
/// words of the title or company, `sort` a [`JobSort`] slug or empty for
/// newest first, `page` from 1.
#[server(endpoint = "staff/jobs")]
pub async fn staff_jobs(
    status: String,
    q: String,
    sort: String,
    page: i64,
) -> Result<StaffJobList, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let status = JobStatus::from_slug(&status);
    let sort = JobSort::from_slug(&sort);
    AppError::reply(queries::list(&pool, status, &q, sort, page.max(1)).await)
}

/// The editor's data: the job (`None` for a new one) and the choices.
#[server(endpoint = "staff/job")]
pub async fn staff_job(id: Option<i64>) -> Result<(Option<EditedJob>, EditorChoices), AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let job = match id {
        Some(id) => Some(AppError::reply(queries::edited(&pool, id).await)?),
        None => None,
    };
    Ok((job, AppError::reply(queries::choices(&pool).await)?))
}
