//! A page of results and the total, with typo correction.

use super::super::query::Cursor;
use super::super::types::Sort;
use super::super::{JobCard, PAGE_SIZE, SearchPage};
use super::cards::cards_by_id;
use super::facets::facet_counts;
use super::spelling::correct_spelling;
use super::{Filters, Prepared, filtered, planned_for, prepare, text::text_query};
use crate::AppError;
use sqlx::PgPool;

/// Fewer results than this count as "almost nothing", and we try the query
/// with its typos corrected.
const FEW_RESULTS: i64 = 3;

/// Runs a search from a raw query string.
pub async fn search(pool: &PgPool, raw: &str) -> Result<SearchPage, AppError> {
    let Prepared {
        query,
        notes,
        skills,
        usd_per_unit,
        filters,
        tsq,
    } = prepare(pool, raw).await?;
    let sort = query.effective_sort();
    let (mut facets, mut jobs) = tokio::try_join!(
        facet_counts(pool, tsq.as_deref(), &filters),
        page_of_jobs(pool, tsq.as_deref(), &filters, sort, query.after),
    )?;
    let mut corrected = None;
    if facets.total < FEW_RESULTS && !query.exact && tsq.is_some() {
        // Proving that a word is in no job must also go through the index.
        let mut conn = planned_for(pool, tsq.as_deref()).await?;
        if let Some(better) = correct_spelling(&mut conn, query.text()).await? {
            let better_tsq = text_query(&mut conn, &better).await?;
            drop(conn);
            let (better_facets, better_jobs) = tokio::try_join!(
                facet_counts(pool, better_tsq.as_deref(), &filters),
                page_of_jobs(pool, better_tsq.as_deref(), &filters, sort, query.after),
            )?;
            if better_facets.total > facets.total {
                (facets, jobs, corrected) = (better_facets, better_jobs, Some(better));
            }
        }
    }

    let next = if jobs.len() > PAGE_SIZE {
        jobs.truncate(PAGE_SIZE);
        jobs.last().map(|(job, key)| Cursor {
            sort,
            key: *key,
            id: job.id,
        })
    } else {
        None
    };

    Ok(SearchPage {
        query,
        notes,
        corrected,
        total: facets.total,
        jobs: jobs.into_iter().map(|(job, _)| job).collect(),
        next,
        facets: facets.counts,
        skills,
        usd_per_unit,
    })
}

/// How many open jobs a search finds, counted alone: no facets, no page.
/// Equal to `search`'s total for searches without text; with text it does
/// not try typo corrections. "See N matching jobs" asks this on every change
/// of place, skills or type, so it does the least work that answers.
pub async fn count(pool: &PgPool, raw: &str) -> Result<i64, AppError> {
    let Prepared { filters, tsq, .. } = prepare(pool, raw).await?;
    let mut tx = planned_for(pool, tsq.as_deref()).await?;
    let total = filtered!(query_scalar!(
        r#"
        SELECT count(*) AS "jobs!" FROM jobs j
        WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
          AND job_passes_facets(j, $6, $7, $8, $9, $10, $11)
        "#,
        tsq,
        filters,
    ))
    .fetch_one(&mut *tx)
    .await?;
    Ok(total)
}

/// One page of results (one extra row tells whether there is a next page),
/// each with its sort key for the cursor. One query per order, so that
/// "newest" and "salary" can walk their indexes and stop after a page.
async fn page_of_jobs(
    pool: &PgPool,
    tsq: Option<&str>,
    filters: &Filters,
    sort: Sort,
    after: Option<Cursor>,
) -> Result<Vec<(JobCard, i64)>, AppError> {
    let limit = (PAGE_SIZE + 1) as i64;
    let (after_key, after_id) = (after.map(|c| c.key), after.map(|c| c.id));
    let f = filters;
    let mut tx = planned_for(pool, tsq).await?;
    macro_rules! page {
        ($sql:literal, $after:expr, $key:expr) => {
            filtered!(query!($sql, tsq, f, $after, after_id, limit))
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .map(|row| (row.id, $key(row.sort_key)))
                .collect::<Vec<(i64, i64)>>()
        };
    }
    let keys = match sort {
        Sort::Newest => page!(
            r#"
            SELECT j.id, (extract(epoch FROM j.posted_at) * 1000000)::int8 AS "sort_key!"
            FROM jobs j
            WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
              AND job_passes_facets(j, $6, $7, $8, $9, $10, $11)
              AND ($12::int8 IS NULL
                   OR (j.posted_at, j.id) < (timestamptz 'epoch' + $12 * interval '1 microsecond', $13::int8))
            ORDER BY j.posted_at DESC, j.id DESC
            LIMIT $14
            "#,
            after_key,
            |key: i64| key
        ),
        Sort::Salary => page!(
            r#"
            SELECT j.id, j.salary_max_usd_year::int8 AS "sort_key!"
            FROM jobs j
            WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
              AND job_passes_facets(j, $6, $7, $8, $9, $10, $11)
              AND ($12::int8 IS NULL OR (j.salary_max_usd_year::int8, j.id) < ($12, $13::int8))
            ORDER BY j.salary_max_usd_year DESC, j.id DESC
            LIMIT $14
            "#,
            after_key,
            |key: i64| key
        ),
        // Ranked by the title, skills, company and place (weights A, B, C);
        // ties, such as jobs matching only in their description, newest first.
        // The cursor carries the rank's f32 bits, so it compares exactly.
        Sort::Relevance => page!(
            r#"
            SELECT j.id, r.rank AS "sort_key!"
            FROM jobs j
            CROSS JOIN LATERAL (SELECT coalesce(ts_rank(j.rank_document, $1::text::tsquery), 0) AS rank) r
            WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
              AND job_passes_facets(j, $6, $7, $8, $9, $10, $11)
              AND ($12::float4 IS NULL OR (r.rank, j.id) < ($12, $13::int8))
            ORDER BY r.rank DESC, j.id DESC
            LIMIT $14
            "#,
            after_key.map(|key| f32::from_bits(key as u32)),
            |rank: f32| i64::from(rank.to_bits())
        ),
    };
    let ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
    let mut cards = cards_by_id(&mut tx, &ids).await?;
    Ok(keys
        .into_iter()
        .filter_map(|(id, key)| cards.remove(&id).map(|card| (card, key)))
        .collect())
}
