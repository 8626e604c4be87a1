//! The job search's queries. Server only.
//!
//! Visible jobs are `published` with `valid_through` still ahead. The text
//! filter is a `tsquery` built by Postgres itself from what the user typed
//! (`websearch_to_tsquery`), plus a prefix match on the last word, made only
//! of letters, digits and inner dots, so user text never reaches `to_tsquery`
//! (`text`). Every search query binds the same eleven filter parameters
//! through [`filtered!`]; the integration tests compare the results, the
//! counts and the facets against a brute-force count.
//!
//! - `search`: a page of results and the total, with typo correction;
//! - `facets`: every option's disjunctive count;
//! - `spelling`: the typo-correction vocabulary;
//! - `detail`: one job's page and its similar jobs;
//! - `cards`: the one query that reads what a job card shows.

mod cards;
mod detail;
mod facets;
mod search;
mod spelling;
mod text;

pub use detail::{GRACE_DAYS, job_detail};
pub use search::{count, search};
pub use spelling::{correct_spelling, refresh_search_terms};
pub use text::TextQuery;

use super::SkillLabel;
use super::query::JobQuery;
use super::types::{Hours, Seniority, Workplace};
use crate::common::{Currency, EmploymentType};
use sqlx::{PgConnection, PgPool};

/// `sqlx::query!` (or `query_as!`, `query_scalar!`) with the eleven filter
/// parameters bound as `$1`–`$11`, in the order `job_is_candidate` (`$1`–`$5`)
/// and `job_passes_facets` (`$6`–`$11`) take them, and any further arguments
/// from `$12` on. The query macros need literal SQL and literal arguments, so
/// this is the one place that lists them.
macro_rules! filtered {
    ($macro:ident!($sql:literal, $tsq:expr, $f:expr $(, $extra:expr)* $(,)?)) => {
        sqlx::$macro!(
            $sql, $tsq, $f.salary_min_usd, $f.currency, $f.salary_min_native, $f.location,
            &$f.types, &$f.hours, &$f.workplace, &$f.seniority, &$f.skills, $f.posted_days
            $(, $extra)*
        )
    };
    ($macro:ident!($out:path, $sql:literal, $tsq:expr, $f:expr $(, $extra:expr)* $(,)?)) => {
        sqlx::$macro!(
            $out, $sql, $tsq, $f.salary_min_usd, $f.currency, $f.salary_min_native, $f.location,
            &$f.types, &$f.hours, &$f.workplace, &$f.seniority, &$f.skills, $f.posted_days
            $(, $extra)*
        )
    };
}
use filtered;

/// The structured filters, as SQL parameters.
struct Filters {
    types: Vec<String>,
    hours: Vec<String>,
    workplace: Vec<String>,
    seniority: Vec<String>,
    skills: Vec<String>,
    /// The minimum in US dollars at today's rate, for jobs paid in another currency.
    salary_min_usd: Option<i32>,
    /// The minimum as asked, for jobs paid in the display currency: they are
    /// compared in that currency, so no exchange rate drift can exclude
    /// a €80,000 job from "at least €80,000".
    salary_min_native: Option<i64>,
    currency: &'static str,
    posted_days: Option<i32>,
    location: String,
}

impl Filters {
    fn new(query: &JobQuery, usd_per_unit: f64) -> Self {
        fn slugs<T: Copy>(options: &[T], slug: fn(T) -> &'static str) -> Vec<String> {
            options.iter().map(|o| slug(*o).to_owned()).collect()
        }
        Filters {
            types: slugs(&query.types, EmploymentType::slug),
            hours: slugs(&query.hours, Hours::slug),
            workplace: slugs(&query.workplace, Workplace::slug),
            seniority: slugs(&query.seniority, Seniority::slug),
            skills: query.skills.clone(),
            salary_min_usd: query.salary_min.map(|amount| {
                (f64::from(amount) * usd_per_unit)
                    .round()
                    .min(f64::from(i32::MAX)) as i32
            }),
            salary_min_native: query.salary_min.map(i64::from),
            currency: query.currency.code(),
            posted_days: query.posted.map(i32::from),
            location: query.location.trim().to_owned(),
        }
    }
}

/// What every search needs before it queries: the parsed query (unknown
/// skills dropped, with a note), the skill names, the display currency's
/// rate, the filters as parameters and the text as a `tsquery`.
struct Prepared {
    query: JobQuery,
    notes: Vec<String>,
    skills: Vec<SkillLabel>,
    usd_per_unit: f64,
    filters: Filters,
    tsq: Option<String>,
}

async fn prepare(pool: &PgPool, raw: &str) -> Result<Prepared, sqlx::Error> {
    let (mut query, mut notes) = JobQuery::parse(raw);
    let mut conn = pool.acquire().await?;
    let skills = technical_skills(&mut conn).await?;
    query.skills.retain(|slug| {
        let known = skills.iter().any(|s| &s.slug == slug);
        if !known {
            notes.push(format!(
                "Ignored the skill “{slug}”: it is not a skill we know."
            ));
        }
        known
    });
    let usd_per_unit = usd_per_unit(&mut conn, query.currency).await?;
    let filters = Filters::new(&query, usd_per_unit);
    let tsq = text::text_query(&mut conn, query.text()).await?;
    Ok(Prepared {
        query,
        notes,
        skills,
        usd_per_unit,
        filters,
        tsq,
    })
}

/// Skills that jobs ask for (people skills are not filters), in guide order.
pub async fn technical_skills(conn: &mut PgConnection) -> Result<Vec<SkillLabel>, sqlx::Error> {
    sqlx::query_as!(
        SkillLabel,
        "SELECT slug, name FROM skills WHERE category <> 'people' ORDER BY position"
    )
    .fetch_all(conn)
    .await
}

/// How many US dollars one unit of `currency` buys today.
async fn usd_per_unit(conn: &mut PgConnection, currency: Currency) -> Result<f64, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT usd_per_unit FROM fx_rates WHERE currency = $1 AND valid_on <= current_date
         ORDER BY valid_on DESC LIMIT 1",
        currency.code()
    )
    .fetch_one(conn)
    .await
}
/// A transaction for one search query. With text to match, it tells the
/// planner to find jobs through the full-text index (a bitmap scan). The
/// index answers exactly; but for common or prefix words the planner prefers
/// a sequential scan, or walking the date or pay index, and tests `@@` row
/// by row, which unpacks each job's search document from TOAST and is about
/// 20 times slower (280 ms instead of 14 ms at 100k jobs). Leaving the
/// transaction (commit, or drop and roll back) undoes the settings.
async fn planned_for(
    pool: &PgPool,
    tsq: Option<&str>,
) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if tsq.is_some() {
        sqlx::query!("SET LOCAL enable_seqscan = off")
            .execute(&mut *tx)
            .await?;
        sqlx::query!("SET LOCAL enable_indexscan = off")
            .execute(&mut *tx)
            .await?;
    }
    Ok(tx)
}
