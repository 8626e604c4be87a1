//! Helpers for the job search tests: searching through the real server
//! function, hand-made jobs, and a brute-force model to compare against.

use crate::helpers::{TestApp, spawn_with_pool};
use app::jobs::{JobQuery, SearchPage};
use sqlx::PgPool;

impl TestApp {
    /// Runs a search through the server function, as the browser does.
    pub async fn search(&self, query: &str) -> SearchPage {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", query)
            .finish();
        let response = self.call("jobs/search", body).await;
        assert_eq!(response.status(), 200, "search {query:?}");
        response.json().await.expect("a SearchPage")
    }
}

/// A job with sensible defaults; tests change what they care about.
#[derive(Clone, Debug)]
pub struct TestJob {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub employment_type: &'static str,
    pub workplace: &'static str,
    pub skills: &'static [&'static str],
    pub status: &'static str,
    pub days_old: i32,
    pub valid_days: i32,
    pub salary: (i32, i32, &'static str, &'static str),
}

impl Default for TestJob {
    fn default() -> Self {
        TestJob {
            slug: "job",
            title: "Back-end Developer",
            description: "Build APIs.",
            employment_type: "employee",
            workplace: "hybrid",
            skills: &["sql"],
            status: "published",
            days_old: 1,
            valid_days: 30,
            salary: (60_000, 80_000, "USD", "year"),
        }
    }
}

/// A server over a database with the guide's skills and only these jobs.
pub async fn spawn_with_jobs(pool: PgPool, jobs: &[TestJob]) -> TestApp {
    let mut conn = pool.acquire().await.unwrap();
    app::guide::seed_if_empty(&mut conn).await.unwrap();
    sqlx::query("INSERT INTO companies (slug, name, website) VALUES ('acme', 'Acme Data', 'https://acme.example')")
        .execute(&mut *conn)
        .await
        .unwrap();
    for job in jobs {
        insert_job(&mut conn, job).await.expect("test job inserted");
    }
    app::jobs::queries::refresh_search_terms(&mut conn)
        .await
        .unwrap();
    drop(conn);
    spawn_with_pool(pool).await
}

pub async fn insert_job(conn: &mut sqlx::PgConnection, job: &TestJob) -> Result<(), sqlx::Error> {
    let skills: Vec<String> = job.skills.iter().map(|s| s.to_string()).collect();
    sqlx::query(
        "INSERT INTO jobs (slug, company_id, title, description, employment_type, hours, workplace,
                           seniority, city, country, country_code, latitude, longitude, salary_min,
                           salary_max, salary_currency, salary_period, skills, status, posted_at,
                           valid_through, how_to_apply)
         VALUES ($1, (SELECT id FROM companies WHERE slug = 'acme'), $2, $3, $4::employment_type,
                 'full_time', $5::workplace, 'senior', 'Berlin', 'Germany', 'DE', 52.52, 13.40,
                 $6, $7, $8, $9::pay_period, $10, $11::job_status,
                 now() - make_interval(days => $12),
                 now() - make_interval(days => $12) + make_interval(days => $13),
                 'Use the form.')",
    )
    .bind(job.slug)
    .bind(job.title)
    .bind(job.description)
    .bind(job.employment_type)
    .bind(job.workplace)
    .bind(job.salary.0)
    .bind(job.salary.1)
    .bind(job.salary.2)
    .bind(job.salary.3)
    .bind(&skills)
    .bind(job.status)
    .bind(job.days_old)
    .bind(job.valid_days)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A visible job's filterable attributes, read plainly from the table.
#[derive(Debug, sqlx::FromRow)]
pub struct Plain {
    pub employment_type: String,
    pub hours: String,
    pub workplace: String,
    pub seniority: String,
    pub skills: Vec<String>,
    pub salary_max_usd_year: i32,
    pub salary_currency: String,
    pub salary_max_year: i64,
    pub age_secs: f64,
    pub city: String,
    pub country: String,
    pub country_code: String,
}

pub async fn visible_jobs(pool: &PgPool) -> Vec<Plain> {
    sqlx::query_as(
        "SELECT employment_type::text, hours::text, workplace::text, seniority::text, skills,
                salary_max_usd_year, salary_currency::text,
                salary_max::int8 * periods_per_year(salary_period) AS salary_max_year,
                extract(epoch FROM now() - posted_at)::float8 AS age_secs,
                city, country, country_code::text
         FROM jobs WHERE status = 'published' AND valid_through > now()",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// Which group a filter belongs to, so one can be left out (disjunctive counts).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Type,
    Hours,
    Workplace,
    Seniority,
    Skill,
    Posted,
    None,
}

/// Does `job` pass every filter of `query` except those of `skip`?
pub fn passes(job: &Plain, query: &JobQuery, skip: Group) -> bool {
    let any_of = |chosen: Vec<&str>, value: &str| chosen.is_empty() || chosen.contains(&value);
    (skip == Group::Type
        || any_of(
            query.types.iter().map(|o| o.slug()).collect(),
            &job.employment_type,
        ))
        && (skip == Group::Hours
            || any_of(query.hours.iter().map(|o| o.slug()).collect(), &job.hours))
        && (skip == Group::Workplace
            || any_of(
                query.workplace.iter().map(|o| o.slug()).collect(),
                &job.workplace,
            ))
        && (skip == Group::Seniority
            || any_of(
                query.seniority.iter().map(|o| o.slug()).collect(),
                &job.seniority,
            ))
        && (skip == Group::Skill
            || query.skills.is_empty()
            || job.skills.iter().any(|s| query.skills.contains(s)))
        && (skip == Group::Posted
            || query
                .posted
                .is_none_or(|days| job.age_secs <= f64::from(days) * 86_400.0))
        && query.salary_min.is_none_or(|min| {
            // Called with USD minimums: jobs paid in USD compare natively.
            if job.salary_currency == query.currency.code() {
                job.salary_max_year >= i64::from(min)
            } else {
                i64::from(job.salary_max_usd_year) >= i64::from(min)
            }
        })
        && (query.location.is_empty()
            || [&job.city, &job.country, &job.country_code]
                .iter()
                .any(|v| v.eq_ignore_ascii_case(&query.location)))
}

/// Seeds the demo data, and returns the slug of one open job in it.
pub async fn seed_and_pick_open_job(pool: &PgPool) -> String {
    app::seed::seed_if_empty(pool).await.unwrap();
    sqlx::query_scalar(
        "SELECT slug FROM jobs WHERE status = 'published' AND valid_through > now() ORDER BY id LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}
