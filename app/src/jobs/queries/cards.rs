//! The one query that reads what a job card shows.

use super::super::types::{Hours, PayPeriod, Seniority, Workplace};
use super::super::{JobCard, JobSlug, Salary};
use crate::AppError;
use crate::common::{Currency, EmploymentType};
use sqlx::PgConnection;
use std::collections::HashMap;

/// A `CardRow` from any query row that has its columns (the query macros
/// give each query its own row type).
macro_rules! card_row {
    ($row:ident) => {
        CardRow {
            id: $row.id,
            slug: $row.slug,
            title: $row.title,
            company: $row.company,
            city: $row.city,
            country: $row.country,
            employment_type: $row.employment_type,
            hours: $row.hours,
            workplace: $row.workplace,
            seniority: $row.seniority,
            salary_min: $row.salary_min,
            salary_max: $row.salary_max,
            salary_currency: $row.salary_currency,
            salary_period: $row.salary_period,
            salary_min_usd_year: $row.salary_min_usd_year,
            salary_max_usd_year: $row.salary_max_usd_year,
            skills: $row.skills,
            posted_on: $row.posted_on,
            age_days: $row.age_days,
        }
    };
}
pub(super) use card_row;

/// The cards of these jobs, by id: the one place that reads what a job
/// card shows.
pub(super) async fn cards_by_id(
    conn: &mut PgConnection,
    ids: &[i64],
) -> Result<HashMap<i64, JobCard>, AppError> {
    let rows = sqlx::query_as!(
        CardRow,
        r#"
        SELECT j.id, j.slug, j.title, c.name AS company, j.city, j.country,
               j.employment_type AS "employment_type: EmploymentType", j.hours AS "hours: Hours",
               j.workplace AS "workplace: Workplace", j.seniority AS "seniority: Seniority",
               j.salary_min, j.salary_max, j.salary_currency,
               j.salary_period AS "salary_period: PayPeriod",
               j.salary_min_usd_year, j.salary_max_usd_year, j.skills,
               to_char(j.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "posted_on!",
               ((now() AT TIME ZONE 'UTC')::date - (j.posted_at AT TIME ZONE 'UTC')::date) AS "age_days!"
        FROM jobs j JOIN companies c ON c.id = j.company_id
        WHERE j.id = ANY ($1)
        "#,
        ids
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| Ok((row.id, row.into_card()?)))
        .collect()
}

/// The columns of a `JobCard`, as the database returns them.
pub(super) struct CardRow {
    pub(super) id: i64,
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) company: String,
    pub(super) city: String,
    pub(super) country: String,
    pub(super) employment_type: EmploymentType,
    pub(super) hours: Hours,
    pub(super) workplace: Workplace,
    pub(super) seniority: Seniority,
    pub(super) salary_min: i32,
    pub(super) salary_max: i32,
    pub(super) salary_currency: String,
    pub(super) salary_period: PayPeriod,
    pub(super) salary_min_usd_year: i32,
    pub(super) salary_max_usd_year: i32,
    pub(super) skills: Vec<String>,
    pub(super) posted_on: String,
    pub(super) age_days: i32,
}

impl CardRow {
    pub(super) fn into_card(self) -> Result<JobCard, AppError> {
        Ok(JobCard {
            id: self.id,
            slug: JobSlug::parse(&self.slug).map_err(|_| {
                tracing::error!(
                    slug = self.slug,
                    "a job's slug in the database is not a slug"
                );
                AppError::Internal
            })?,
            title: self.title,
            company: self.company,
            city: self.city,
            country: self.country,
            employment_type: self.employment_type,
            hours: self.hours,
            workplace: self.workplace,
            seniority: self.seniority,
            salary: Salary {
                min: self.salary_min,
                max: self.salary_max,
                currency: currency(&self.salary_currency)?,
                period: self.salary_period,
                min_usd_year: self.salary_min_usd_year,
                max_usd_year: self.salary_max_usd_year,
            },
            skills: self.skills,
            posted_on: self.posted_on,
            age_days: self.age_days,
        })
    }
}

/// The database only holds currencies the `Currency` enum knows (a test
/// checks); anything else is a bug worth a log line, not a guess.
fn currency(code: &str) -> Result<Currency, AppError> {
    Currency::from_code(code).ok_or_else(|| {
        tracing::error!(code, "currency in the database that the code does not know");
        AppError::Internal
    })
}
