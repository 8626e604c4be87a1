//! Job search: typo-tolerant, faceted search over the job offers in Postgres,
//! the job pages, and applications.
//!
//! Read top to bottom: the URL contract and vocabulary (`query`, `types`),
//! what the server sends (below), the queries (`queries`, server only), the
//! server functions (below), then the views (`page`, `filters`, `results`,
//! `detail`, `apply`).

pub mod apply;
mod chips;
mod detail;
mod filters;
#[cfg(feature = "ssr")]
mod json_ld;
mod live;
#[cfg(feature = "ssr")]
pub mod markdown;
mod page;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod query;
mod results;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod seed;
pub mod staff;
pub mod types;

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use detail::JobPage;
pub use page::JobsPage;
pub use query::{Cursor, JobQuery};
pub use types::{Hours, JobSlug, PayPeriod, Seniority, Sort, Workplace};

use crate::common::{Currency, EmploymentType};

/// How many jobs a page of results shows.
pub const PAGE_SIZE: usize = 20;

/// One page of search results, with everything the filter panel shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    /// The search as the server understood it.
    pub query: JobQuery,
    /// What was ignored or changed in the URL, in words.
    pub notes: Vec<String>,
    /// The text actually searched for when the query had a typo.
    pub corrected: Option<String>,
    /// Jobs matching every filter (all pages).
    pub total: i64,
    pub jobs: Vec<JobCard>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
    /// Disjunctive counts: for each option, how many jobs have that option
    /// and pass every other group's filters (its own group's are ignored).
    pub facets: Vec<FacetCount>,
    /// Names of the skills jobs can ask for, for labels.
    pub skills: Vec<SkillLabel>,
    /// Today's rate of the display currency, to convert yearly USD figures.
    pub usd_per_unit: f64,
}

impl SearchPage {
    pub fn count(&self, group: FacetGroup, value: &str) -> i64 {
        self.facets
            .iter()
            .find(|f| f.group == group && f.value == value)
            .map_or(0, |f| f.count)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FacetGroup {
    Type,
    Hours,
    Workplace,
    Seniority,
    Skill,
    Posted,
}

impl FacetGroup {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "type" => FacetGroup::Type,
            "hours" => FacetGroup::Hours,
            "workplace" => FacetGroup::Workplace,
            "seniority" => FacetGroup::Seniority,
            "skill" => FacetGroup::Skill,
            "posted" => FacetGroup::Posted,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub group: FacetGroup,
    pub value: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillLabel {
    pub slug: String,
    pub name: String,
}

/// A job in a result list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobCard {
    pub id: i64,
    pub slug: JobSlug,
    pub title: String,
    pub company: String,
    pub city: String,
    pub country: String,
    pub employment_type: EmploymentType,
    pub hours: Hours,
    pub workplace: Workplace,
    pub seniority: Seniority,
    pub salary: Salary,
    pub skills: Vec<String>,
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub posted_on: String,
    /// Whole days since posting, computed by the server once so that the
    /// server's HTML and the hydrated page say the same thing.
    pub age_days: i32,
}

/// Pay as published, and the same range per year in US dollars.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Salary {
    pub min: i32,
    pub max: i32,
    pub currency: Currency,
    pub period: PayPeriod,
    pub min_usd_year: i32,
    pub max_usd_year: i32,
}

impl Salary {
    /// "€60–80 an hour", "$120,000–150,000 a year".
    pub fn published(&self) -> String {
        let min = crate::common::format_money(self.min.into(), self.currency);
        let period = self.period.label();
        let article = if period == "hour" { "an" } else { "a" };
        if self.min == self.max {
            format!("{min} {article} {period}")
        } else {
            let max = crate::common::format_money(self.max.into(), self.currency);
            let max = max.trim_start_matches(self.currency.symbol());
            format!("{min}–{max} {article} {period}")
        }
    }
}

/// "today", "yesterday", "3 days ago", "2 weeks ago".
pub fn posted_ago(days: i32) -> String {
    match days {
        i32::MIN..=0 => "today".into(),
        1 => "yesterday".into(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        _ => format!("{} months ago", days / 30),
    }
}

/// Everything a job's page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobDetail {
    pub card: JobCard,
    pub company_website: Option<String>,
    /// The Markdown description as sanitised HTML (rendered on the server).
    pub description_html: String,
    pub how_to_apply: String,
    /// This job's skills, in its order.
    pub skill_names: Vec<SkillLabel>,
    /// Every skill's name, for the similar jobs' cards.
    pub all_skills: Vec<SkillLabel>,
    pub valid_through: String,
    /// Listed no longer: its status is expired or `valid_through` passed.
    pub expired: bool,
    pub similar: Vec<JobCard>,
    /// schema.org JobPosting, as JSON, for search engines.
    pub json_ld: String,
}

/// A search, as a server function: POST, so proxies never cache it. Takes
/// the raw query string and parses it with the same `JobQuery` the browser
/// uses, so a shared link means the same thing everywhere.
#[server(endpoint = "jobs/search")]
pub async fn search_jobs(query: String) -> Result<SearchPage, AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::search(&pool, &query).await)
}

/// One job, with similar ones. The slug is parsed here, so a malformed
/// one is not found, however it is sent.
#[server(endpoint = "jobs/get")]
pub async fn get_job(slug: String) -> Result<JobDetail, AppError> {
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let slug = AppError::reply(JobSlug::parse(&slug))?;
    AppError::reply(queries::job_detail(&pool, &slug).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_pay_reads_like_a_job_ad() {
        let salary = |min, max, currency, period| Salary {
            min,
            max,
            currency,
            period,
            min_usd_year: 0,
            max_usd_year: 0,
        };
        let cases = [
            (
                salary(60, 80, Currency::Eur, PayPeriod::Hour),
                "€60–80 an hour",
            ),
            (
                salary(120_000, 150_000, Currency::Usd, PayPeriod::Year),
                "$120,000–150,000 a year",
            ),
            (
                salary(500, 500, Currency::Gbp, PayPeriod::Day),
                "£500 a day",
            ),
        ];
        for (salary, expected) in cases {
            assert_eq!(salary.published(), expected);
        }
    }

    #[test]
    fn ages_read_naturally() {
        let cases = [
            (0, "today"),
            (1, "yesterday"),
            (3, "3 days ago"),
            (15, "2 weeks ago"),
            (70, "2 months ago"),
        ];
        for (days, expected) in cases {
            assert_eq!(posted_ago(days), expected);
        }
    }
}
