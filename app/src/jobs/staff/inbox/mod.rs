//! The applications inbox: every application, or one job's, by status;
//! each one readable with its message as plain text, its CV link opened
//! safely, and a status with staff's notes.

pub mod page;
#[cfg(feature = "ssr")]
pub mod queries;

use crate::AppError;
use crate::common::options::options;
use crate::ui::form::{FieldCheck, FormInput};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

options!(
    /// Where an application is in the hiring process.
    ApplicationStatus, "application_status", "status" {
        New = "new", "New";
        Reviewing = "reviewing", "Reviewing";
        Interview = "interview", "Interview";
        Rejected = "rejected", "Rejected";
        Hired = "hired", "Hired";
    }
);

options!(
    /// How the inbox is ordered; unless asked, newest first.
    ApplicationSort, "application_sort", "sort" {
        Name = "name", "Applicant, A to Z";
        NameDesc = "-name", "Applicant, Z to A";
        Received = "received", "Received, oldest first";
        ReceivedDesc = "-received", "Received, newest first";
    }
);

/// Notes on an application: at most this many characters.
pub const MAX_NOTES: usize = 4000;

/// One application in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i64,
    pub name: String,
    pub job_id: i64,
    pub job_title: String,
    pub received: String,
    pub status: ApplicationStatus,
}

/// A page of the inbox: its rows, how many match, counts per status, and
/// the job it is limited to, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub rows: Vec<InboxRow>,
    pub total: i64,
    pub counts: Vec<(ApplicationStatus, i64)>,
    pub job: Option<(i64, String)>,
}

/// One application, whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub message: String,
    pub cv_url: Option<String>,
    pub job_id: i64,
    pub job_title: String,
    pub received: String,
    pub status: ApplicationStatus,
    pub notes: String,
}

/// A review as typed: the status and the notes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub status: String,
    pub notes: String,
}

impl FormInput for ReviewForm {
    type Valid = (ApplicationStatus, String);
    const FIELDS: &'static [&'static str] = &["status", "notes"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        ReviewForm {
            status: field("status"),
            notes: field("notes"),
        }
    }

    fn validate(&self) -> Result<(ApplicationStatus, String), AppError> {
        let mut check = FieldCheck::default();
        let status = check.field(
            "status",
            ApplicationStatus::from_slug(&self.status).ok_or_else(|| "Choose a status.".to_owned()),
        );
        let notes = check.field(
            "notes",
            crate::common::text::staff_notes(&self.notes, MAX_NOTES),
        );
        match (status, notes) {
            (Some(status), Some(notes)) => Ok((status, notes)),
            _ => Err(check.into_error()),
        }
    }
}

/// The inbox: `status` a slug or empty for all, `job` a job's id or 0 for
/// every job, `sort` an [`ApplicationSort`] slug or empty for newest
/// first, `page` from 1.
#[server(endpoint = "staff/applications")]
pub async fn staff_applications(
    status: String,
    job: i64,
    sort: String,
    page: i64,
) -> Result<Inbox, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let status = ApplicationStatus::from_slug(&status);
    let job = (job > 0).then_some(job);
    let sort = ApplicationSort::from_slug(&sort);
    AppError::reply(queries::inbox(&pool, status, job, sort, page.max(1)).await)
}

/// One application; 404 when there is none.
#[server(endpoint = "staff/application")]
pub async fn staff_application(id: i64) -> Result<ApplicationView, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::application(&pool, id).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_needs_a_known_status_and_notes_of_at_most_four_thousand_characters() {
        let review = |status: &str, notes: &str| ReviewForm {
            status: status.into(),
            notes: notes.into(),
        };
        assert_eq!(
            review("interview", "  Strong on Postgres.  ")
                .validate()
                .unwrap(),
            (
                ApplicationStatus::Interview,
                "Strong on Postgres.".to_owned()
            )
        );
        assert!(review("", "").validate().is_err());
        assert!(
            review("hired", &"x".repeat(MAX_NOTES + 1))
                .validate()
                .is_err()
        );
        assert!(review("hired", &"x".repeat(MAX_NOTES)).validate().is_ok());
    }
}
