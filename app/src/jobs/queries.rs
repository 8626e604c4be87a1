//! The job search's queries. Server only.
//!
//! Visible jobs are `published` with `valid_through` still ahead. The text
//! filter is a `tsquery` built by Postgres itself from what the user typed
//! (`websearch_to_tsquery`), plus a prefix match on the last word, made only
//! of letters, digits and inner dots, so user text never reaches `to_tsquery`.
//! The results query and the facet query repeat the same predicates (the
//! query macros need literal SQL); keep them identical. The integration
//! tests compare both against a brute-force count.

use super::query::{Cursor, JobQuery, POSTED_CHOICES};
use super::types::{Hours, PayPeriod, Seniority, Sort, Workplace};
use super::{
    FacetCount, FacetGroup, JobCard, JobDetail, PAGE_SIZE, Salary, SearchPage, SkillLabel,
};
use crate::AppError;
use crate::common::{Currency, EmploymentType};
use sqlx::{PgConnection, PgPool};

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

/// Fewer results than this count as "almost nothing", and we try the query
/// with its typos corrected.
const FEW_RESULTS: i64 = 3;
/// How alike a typo and its correction must be (pg_trgm similarity, 0–1).
const MIN_SIMILARITY: f32 = 0.25;

/// The text part of a search, prepared for SQL.
#[derive(Debug, Default, PartialEq)]
pub struct TextQuery {
    /// Everything typed, for `websearch_to_tsquery` ('' for no text filter).
    pub full: String,
    /// Everything before the last word.
    pub head: String,
    /// The last word, to match as a prefix while someone types ('' for none).
    pub prefix: String,
}

impl TextQuery {
    pub fn new(text: &str) -> Self {
        let full = text.trim();
        if full.is_empty() {
            return TextQuery::default();
        }
        let (head, last) = match full.rfind(char::is_whitespace) {
            Some(at) => (full[..at].trim_end(), &full[at..]),
            None => ("", full),
        };
        let last = last.trim();
        // No prefix for an exclusion, an operator, a word inside quotes, or
        // the second half of an "or" (the prefix is and-ed with the head).
        let in_quotes = full.matches('"').count() % 2 == 1 || last.ends_with('"');
        let after_or = head
            .split_whitespace()
            .last()
            .is_some_and(|word| word.eq_ignore_ascii_case("or"));
        let prefix =
            if last.starts_with('-') || last.eq_ignore_ascii_case("or") || in_quotes || after_or {
                String::new()
            } else {
                prefix_term(last)
            };
        TextQuery {
            full: full.to_owned(),
            head: head.to_owned(),
            prefix,
        }
    }
}

/// Letters, digits and inner dots ("node.js"); nothing `to_tsquery` could
/// read as an operator. Shorter than two characters means no prefix.
fn prefix_term(word: &str) -> String {
    let kept: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_lowercase();
    let kept = kept.split("..").next().unwrap_or_default().to_owned();
    if kept.chars().count() >= 2 {
        kept
    } else {
        String::new()
    }
}

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

/// Runs a search from a raw query string.
pub async fn search(pool: &PgPool, raw: &str) -> Result<SearchPage, AppError> {
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
    let sort = query.effective_sort();

    let mut tsq = text_query(&mut conn, query.text()).await?;
    drop(conn);
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
                (tsq, facets, jobs, corrected) =
                    (better_tsq, better_facets, better_jobs, Some(better));
            }
        }
    }
    let _ = tsq;

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
    let (mut query, _) = JobQuery::parse(raw);
    let mut conn = pool.acquire().await?;
    let skills = technical_skills(&mut conn).await?;
    query
        .skills
        .retain(|slug| skills.iter().any(|s| &s.slug == slug));
    let usd_per_unit = usd_per_unit(&mut conn, query.currency).await?;
    let f = Filters::new(&query, usd_per_unit);
    let tsq = text_query(&mut conn, query.text()).await?;
    drop(conn);
    let mut tx = planned_for(pool, tsq.as_deref()).await?;
    let total = sqlx::query_scalar!(
        r#"
        SELECT count(*) AS "jobs!" FROM jobs j
        WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
          AND job_passes_facets(j, $6, $7, $8, $9, $10, $11)
        "#,
        tsq,
        f.salary_min_usd,
        f.currency,
        f.salary_min_native,
        f.location,
        &f.types,
        &f.hours,
        &f.workplace,
        &f.seniority,
        &f.skills,
        f.posted_days,
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(total)
}

/// The `tsquery` for what was typed, as Postgres writes it; `None` when
/// there is no text, or only words too common to search for ("the").
async fn text_query(conn: &mut PgConnection, text: &str) -> Result<Option<String>, sqlx::Error> {
    let text = TextQuery::new(text);
    if text.full.is_empty() {
        return Ok(None);
    }
    let tsq = sqlx::query_scalar!(
        "SELECT search_tsquery($1, $2, $3)::text",
        text.full,
        text.head,
        text.prefix
    )
    .fetch_one(conn)
    .await?;
    Ok(tsq.filter(|tsq| !tsq.is_empty()))
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
            sqlx::query!(
                $sql,
                tsq,
                f.salary_min_usd,
                f.currency,
                f.salary_min_native,
                f.location,
                &f.types,
                &f.hours,
                &f.workplace,
                &f.seniority,
                &f.skills,
                f.posted_days,
                $after,
                after_id,
                limit,
            )
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

/// The cards of these jobs, by id: the one place that reads what a job
/// card shows.
async fn cards_by_id(
    conn: &mut PgConnection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, JobCard>, AppError> {
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
struct CardRow {
    id: i64,
    slug: String,
    title: String,
    company: String,
    city: String,
    country: String,
    employment_type: EmploymentType,
    hours: Hours,
    workplace: Workplace,
    seniority: Seniority,
    salary_min: i32,
    salary_max: i32,
    salary_currency: String,
    salary_period: PayPeriod,
    salary_min_usd_year: i32,
    salary_max_usd_year: i32,
    skills: Vec<String>,
    posted_on: String,
    age_days: i32,
}

impl CardRow {
    fn into_card(self) -> Result<JobCard, AppError> {
        Ok(JobCard {
            id: self.id,
            slug: self.slug,
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

/// The total, and every option's disjunctive count.
struct Facets {
    total: i64,
    counts: Vec<FacetCount>,
}

/// Open jobs sharing every value that a faceted filter looks at. The search
/// counts these groups (a few hundred at most, however many jobs match) in
/// one pass, and derives every facet count from them here.
#[derive(Debug)]
struct Group {
    kind: String,
    hours: String,
    workplace: String,
    seniority: String,
    /// The smallest "posted within" choice the job falls in, if any.
    within: Option<i32>,
    has_skill: bool,
    in_period: bool,
    jobs: i64,
}

impl Group {
    /// Passes every faceted filter except those of `skip`'s group.
    fn passes(&self, f: &Filters, skip: Option<FacetGroup>) -> bool {
        let any =
            |chosen: &[String], value: &str| chosen.is_empty() || chosen.iter().any(|c| c == value);
        (skip == Some(FacetGroup::Type) || any(&f.types, &self.kind))
            && (skip == Some(FacetGroup::Hours) || any(&f.hours, &self.hours))
            && (skip == Some(FacetGroup::Workplace) || any(&f.workplace, &self.workplace))
            && (skip == Some(FacetGroup::Seniority) || any(&f.seniority, &self.seniority))
            && (skip == Some(FacetGroup::Skill) || self.has_skill)
            && (skip == Some(FacetGroup::Posted) || self.in_period)
    }
}

/// The total and the disjunctive count of every option of every filter:
/// the groups above for the single-valued filters and the dates, and a
/// second query for skills (a job has several).
async fn facet_counts(pool: &PgPool, tsq: Option<&str>, f: &Filters) -> Result<Facets, AppError> {
    let [d1, d2, d3, d4] = POSTED_CHOICES.map(i32::from);
    let groups = async {
        let mut tx = planned_for(pool, tsq).await?;
        sqlx::query_as!(
            Group,
            r#"
            -- Group by the enums themselves (cheap to hash) and compare
            -- dates to thresholds computed once, not per row.
            WITH t AS MATERIALIZED (
                SELECT now() - make_interval(days => $8) AS d1, now() - make_interval(days => $9) AS d2,
                       now() - make_interval(days => $10) AS d3, now() - make_interval(days => $11) AS d4,
                       now() - make_interval(days => coalesce($7, 0)) AS period
            )
            SELECT g.kind::text AS "kind!", g.hours::text AS "hours!",
                   g.workplace::text AS "workplace!", g.seniority::text AS "seniority!",
                   g.within AS "within?", g.has_skill AS "has_skill!", g.in_period AS "in_period!",
                   g.jobs AS "jobs!"
            FROM (
                SELECT j.employment_type AS kind, j.hours, j.workplace, j.seniority,
                       CASE WHEN j.posted_at >= t.d1 THEN $8
                            WHEN j.posted_at >= t.d2 THEN $9
                            WHEN j.posted_at >= t.d3 THEN $10
                            WHEN j.posted_at >= t.d4 THEN $11
                       END AS within,
                       (cardinality($6::text[]) = 0 OR j.skills && $6) AS has_skill,
                       ($7::int4 IS NULL OR j.posted_at >= t.period) AS in_period,
                       count(*) AS jobs
                FROM jobs j CROSS JOIN t
                WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
                GROUP BY 1, 2, 3, 4, 5, 6, 7
            ) g
            "#,
            tsq, f.salary_min_usd, f.currency, f.salary_min_native, f.location,
            &f.skills, f.posted_days, d1, d2, d3, d4,
        )
        .fetch_all(&mut *tx)
        .await
    };
    let skills = async {
        let mut tx = planned_for(pool, tsq).await?;
        sqlx::query!(
            r#"
            SELECT k.slug AS "slug!", count(*) AS "jobs!"
            FROM jobs j CROSS JOIN unnest(j.skills) AS k (slug)
            WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
              AND job_passes_facets(j, $6, $7, $8, $9, '{}', $10)
            GROUP BY k.slug
            "#,
            tsq,
            f.salary_min_usd,
            f.currency,
            f.salary_min_native,
            f.location,
            &f.types,
            &f.hours,
            &f.workplace,
            &f.seniority,
            f.posted_days,
        )
        .fetch_all(&mut *tx)
        .await
    };
    let (groups, skills) = tokio::try_join!(groups, skills)?;

    let sum = |skip: Option<FacetGroup>, pick: &dyn Fn(&Group) -> bool| -> i64 {
        groups
            .iter()
            .filter(|g| g.passes(f, skip) && pick(g))
            .map(|g| g.jobs)
            .sum()
    };
    let mut counts = Vec::new();
    let mut add = |group: FacetGroup, value: &str, count: i64| {
        counts.push(FacetCount {
            group,
            value: value.to_owned(),
            count,
        });
    };
    for option in EmploymentType::ALL {
        add(
            FacetGroup::Type,
            option.slug(),
            sum(Some(FacetGroup::Type), &|g| g.kind == option.slug()),
        );
    }
    for option in Hours::ALL {
        add(
            FacetGroup::Hours,
            option.slug(),
            sum(Some(FacetGroup::Hours), &|g| g.hours == option.slug()),
        );
    }
    for option in Workplace::ALL {
        add(
            FacetGroup::Workplace,
            option.slug(),
            sum(Some(FacetGroup::Workplace), &|g| {
                g.workplace == option.slug()
            }),
        );
    }
    for option in Seniority::ALL {
        add(
            FacetGroup::Seniority,
            option.slug(),
            sum(Some(FacetGroup::Seniority), &|g| {
                g.seniority == option.slug()
            }),
        );
    }
    for days in POSTED_CHOICES.map(i32::from) {
        let count = sum(Some(FacetGroup::Posted), &|g| {
            g.within.is_some_and(|w| w <= days)
        });
        add(FacetGroup::Posted, &days.to_string(), count);
    }
    for skill in skills {
        add(FacetGroup::Skill, &skill.slug, skill.jobs);
    }
    Ok(Facets {
        total: sum(None, &|_| true),
        counts,
    })
}

/// Replaces each word that no title or skill contains with its nearest
/// known term, by trigram similarity. `None` when nothing changed.
pub async fn correct_spelling(
    conn: &mut PgConnection,
    text: &str,
) -> Result<Option<String>, sqlx::Error> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let candidates: Vec<String> = words
        .iter()
        .map(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            // Operators, exclusions and quoted phrases are left as typed.
            if w.starts_with('-') || w.contains('"') || w == "or" || bare.chars().count() < 3 {
                String::new()
            } else {
                bare.to_owned()
            }
        })
        .collect();
    // A word is "known" when some open job's search document contains it;
    // only unknown words are corrected, so a rare but real word is kept.
    let nearest = sqlx::query!(
        r#"
        SELECT w.word AS "word!", n.term AS "term?", n.similarity AS "similarity?",
               (w.word = ''
                OR numnode(plainto_tsquery('english', w.word)) = 0
                OR EXISTS (SELECT 1 FROM jobs j
                           WHERE j.search @@ plainto_tsquery('english', w.word)
                             AND j.status = 'published' AND j.valid_through > now())) AS "known!"
        FROM unnest($1::text[]) WITH ORDINALITY AS w (word, position)
        LEFT JOIN LATERAL (
            SELECT term, similarity(term, w.word) AS similarity
            FROM search_terms
            WHERE w.word <> ''
            ORDER BY term <-> w.word
            LIMIT 1
        ) n ON true
        ORDER BY w.position
        "#,
        &candidates
    )
    .fetch_all(conn)
    .await?;

    let mut changed = false;
    let corrected: Vec<String> = words
        .into_iter()
        .zip(nearest)
        .map(|(word, row)| match (row.term, row.similarity) {
            (Some(term), Some(similarity))
                if !row.known && term != row.word && similarity >= MIN_SIMILARITY =>
            {
                changed = true;
                term
            }
            _ => word,
        })
        .collect();
    Ok(changed.then(|| corrected.join(" ")))
}

/// Rebuilds the typo-correction vocabulary after jobs were added.
pub async fn refresh_search_terms(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!("REFRESH MATERIALIZED VIEW CONCURRENTLY search_terms")
        .execute(conn)
        .await?;
    Ok(())
}

/// How long an expired job's page still answers 200 (saying it expired)
/// before it answers 410 Gone.
pub const GRACE_DAYS: i32 = 30;

/// A job by slug, for its page; drafts are not found.
pub async fn job_detail(pool: &PgPool, slug: &str) -> Result<JobDetail, AppError> {
    // Anything else cannot be a job (and a NUL byte would make Postgres fail).
    if !crate::common::is_slug(slug, 120) {
        return Err(AppError::NotFound);
    }
    let mut conn = pool.acquire().await?;
    let row = sqlx::query!(
        r#"
        SELECT j.id, j.slug, j.title, c.name AS company, c.website, j.city, j.country, j.country_code,
               j.employment_type AS "employment_type: EmploymentType",
               j.hours AS "hours: Hours",
               j.workplace AS "workplace: Workplace",
               j.seniority AS "seniority: Seniority",
               j.salary_min, j.salary_max, j.salary_currency,
               j.salary_period AS "salary_period: PayPeriod",
               j.salary_min_usd_year, j.salary_max_usd_year, j.skills, j.description, j.how_to_apply,
               to_char(j.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "posted_on!",
               ((now() AT TIME ZONE 'UTC')::date - (j.posted_at AT TIME ZONE 'UTC')::date) AS "age_days!",
               to_char(j.valid_through AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "valid_through!",
               (j.status = 'expired' OR j.valid_through <= now()) AS "expired!",
               (j.valid_through <= now() - make_interval(days => $2)) AS "gone!"
        FROM jobs j
        JOIN companies c ON c.id = j.company_id
        WHERE j.slug = $1 AND j.status <> 'draft'
        "#,
        slug,
        GRACE_DAYS,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    if row.gone {
        return Err(AppError::Gone);
    }
    let skill_names = sqlx::query_as!(
        SkillLabel,
        "SELECT slug, name FROM skills WHERE slug = ANY ($1) ORDER BY array_position($1, slug)",
        &row.skills
    )
    .fetch_all(&mut *conn)
    .await?;
    let similar = similar_jobs(&mut conn, row.id, &row.skills).await?;
    let all_skills = technical_skills(&mut conn).await?;
    let description_html = super::markdown::to_safe_html(&row.description);
    let card = card_row!(row).into_card()?;
    let json_ld = if row.expired {
        String::new()
    } else {
        super::json_ld::job_posting(
            &card,
            &description_html,
            &row.valid_through,
            &row.country_code,
            row.website.as_deref(),
        )
    };
    Ok(JobDetail {
        card,
        company_website: row.website,
        description_html,
        how_to_apply: row.how_to_apply,
        skill_names,
        all_skills,
        valid_through: row.valid_through,
        expired: row.expired,
        similar,
        json_ld,
    })
}

/// Open jobs sharing the most skills with this one, newest first.
async fn similar_jobs(
    conn: &mut PgConnection,
    id: i64,
    skills: &[String],
) -> Result<Vec<JobCard>, AppError> {
    let ids = sqlx::query_scalar!(
        r#"
        SELECT j.id AS "id!"
        FROM (
            -- The newest 500 candidates bound the cost on a large database.
            SELECT id, skills, posted_at FROM jobs
            WHERE id <> $1 AND skills && $2 AND status = 'published' AND valid_through > now()
            ORDER BY posted_at DESC, id DESC
            LIMIT 500
        ) j
        ORDER BY cardinality(ARRAY(SELECT unnest(j.skills) INTERSECT SELECT unnest($2::text[]))) DESC,
                 j.posted_at DESC, j.id DESC
        LIMIT 4
        "#,
        id,
        skills
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut cards = cards_by_id(conn, &ids).await?;
    Ok(ids.iter().filter_map(|id| cards.remove(id)).collect())
}

#[cfg(test)]
mod tests {
    use super::TextQuery;

    #[test]
    fn the_last_word_becomes_a_safe_prefix_unless_it_is_syntax() {
        let cases = [
            ("", "", ""),
            ("pyth", "", "pyth"),
            ("senior pyth", "senior", "pyth"),
            ("  node.js  ", "", "node.js"),
            ("python -djan", "python", ""),
            ("\"data engin", "\"data", ""),
            ("\"data engineer\"", "\"data", ""),
            ("flask or", "flask", ""),
            ("python or dja", "python or", ""),
            ("go x", "go", ""),
            ("a:*&|!(b)", "", "ab"),
            ("c++", "", ""),
            ("rust'); drop", "rust');", "drop"),
        ];
        for (typed, head, prefix) in cases {
            let query = TextQuery::new(typed);
            assert_eq!(
                (query.head.as_str(), query.prefix.as_str()),
                (head, prefix),
                "{typed:?}"
            );
            assert_eq!(query.full, typed.trim());
        }
    }
}
