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
use super::types::{Currency, EmploymentType, Hours, PayPeriod, Seniority, Sort, Workplace};
use super::{
    FacetCount, FacetGroup, JobCard, JobDetail, PAGE_SIZE, Salary, SearchPage, SkillLabel,
};
use crate::AppError;
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

    let mut text = TextQuery::new(query.text());
    let (mut total, mut facets) = facet_counts(&mut conn, &text, &filters).await?;
    let mut corrected = None;
    let may_correct = total < FEW_RESULTS && !query.exact && !text.full.is_empty();
    if may_correct && let Some(better) = correct_spelling(&mut conn, &text.full).await? {
        let better_text = TextQuery::new(&better);
        let (better_total, better_facets) = facet_counts(&mut conn, &better_text, &filters).await?;
        if better_total > total {
            (text, facets, total, corrected) =
                (better_text, better_facets, better_total, Some(better));
        }
    }

    let sort = query.effective_sort();
    let mut jobs = page_of_jobs(&mut conn, &text, &filters, sort, query.after).await?;
    let next = if jobs.len() > PAGE_SIZE {
        jobs.truncate(PAGE_SIZE);
        jobs.last()
            .map(|(_, key)| *key)
            .zip(jobs.last().map(|(job, _)| job.id))
            .map(|(key, id)| Cursor { sort, key, id })
    } else {
        None
    };

    Ok(SearchPage {
        query,
        notes,
        corrected,
        total,
        jobs: jobs.into_iter().map(|(job, _)| job).collect(),
        next,
        facets,
        skills,
        usd_per_unit,
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

/// One page of results (one extra row tells whether there is a next page),
/// each with its sort key for the cursor.
async fn page_of_jobs(
    conn: &mut PgConnection,
    text: &TextQuery,
    filters: &Filters,
    sort: Sort,
    after: Option<Cursor>,
) -> Result<Vec<(JobCard, i64)>, AppError> {
    // Relevance keys are f32 ranks, carried in the cursor as their bits.
    let after_key = after.map(|cursor| match cursor.sort {
        Sort::Relevance => f64::from(f32::from_bits(cursor.key as u32)),
        _ => cursor.key as f64,
    });
    let rows = sqlx::query!(
        r#"
        WITH p AS (
            SELECT CASE
                WHEN $1 = '' THEN NULL
                WHEN $3 = '' THEN websearch_to_tsquery('english', $1)
                WHEN $2 = '' THEN websearch_to_tsquery('english', $1) || to_tsquery('english', $3 || ':*')
                ELSE websearch_to_tsquery('english', $1)
                     || (websearch_to_tsquery('english', $2) && to_tsquery('english', $3 || ':*'))
            END AS tsq
        )
        SELECT j.id, j.slug, j.title, c.name AS company, j.city, j.country,
               j.employment_type AS "employment_type: EmploymentType",
               j.hours AS "hours: Hours",
               j.workplace AS "workplace: Workplace",
               j.seniority AS "seniority: Seniority",
               j.salary_min, j.salary_max, j.salary_currency,
               j.salary_period AS "salary_period: PayPeriod",
               j.salary_min_usd_year, j.salary_max_usd_year, j.skills,
               to_char(j.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "posted_on!",
               ((now() AT TIME ZONE 'UTC')::date - (j.posted_at AT TIME ZONE 'UTC')::date) AS "age_days!",
               k.sort_key AS "sort_key!"
        FROM jobs j
        JOIN companies c ON c.id = j.company_id
        CROSS JOIN p
        CROSS JOIN LATERAL (
            SELECT CASE $12
                WHEN 'relevance' THEN coalesce(ts_rank(j.search, p.tsq), 0)::float8
                WHEN 'salary' THEN j.salary_max_usd_year::float8
                ELSE (extract(epoch FROM j.posted_at) * 1000000)::float8
            END AS sort_key
        ) k
        WHERE j.status = 'published' AND j.valid_through > now()
          AND (p.tsq IS NULL OR j.search @@ p.tsq)
          AND (cardinality($4::text[]) = 0 OR j.employment_type::text = ANY ($4))
          AND (cardinality($5::text[]) = 0 OR j.hours::text = ANY ($5))
          AND (cardinality($6::text[]) = 0 OR j.workplace::text = ANY ($6))
          AND (cardinality($7::text[]) = 0 OR j.seniority::text = ANY ($7))
          AND (cardinality($8::text[]) = 0 OR j.skills && $8)
          AND ($9::int4 IS NULL OR CASE WHEN j.salary_currency = $16
                   THEN j.salary_max::int8 * periods_per_year(j.salary_period) >= $17
                   ELSE j.salary_max_usd_year >= $9 END)
          AND ($10::int4 IS NULL OR j.posted_at >= now() - make_interval(days => $10))
          AND ($11 = '' OR lower(j.city) = lower($11) OR lower(j.country) = lower($11)
               OR j.country_code = upper($11))
          AND ($13::float8 IS NULL OR (k.sort_key, j.id) < ($13, $14::int8))
        ORDER BY k.sort_key DESC, j.id DESC
        LIMIT $15
        "#,
        text.full,
        text.head,
        text.prefix,
        &filters.types,
        &filters.hours,
        &filters.workplace,
        &filters.seniority,
        &filters.skills,
        filters.salary_min_usd,
        filters.posted_days,
        filters.location,
        sort.slug(),
        after_key,
        after.map(|c| c.id),
        (PAGE_SIZE + 1) as i64,
        filters.currency,
        filters.salary_min_native,
    )
    .fetch_all(conn)
    .await?;

    rows.into_iter()
        .map(|row| {
            let key = match sort {
                Sort::Relevance => i64::from((row.sort_key as f32).to_bits()),
                _ => row.sort_key as i64,
            };
            let card = card_row!(row);
            Ok((card.into_card()?, key))
        })
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

/// The total and the disjunctive count of every option of every filter.
async fn facet_counts(
    conn: &mut PgConnection,
    text: &TextQuery,
    filters: &Filters,
) -> Result<(i64, Vec<FacetCount>), sqlx::Error> {
    let posted_choices: Vec<i32> = POSTED_CHOICES.iter().map(|d| i32::from(*d)).collect();
    let rows = sqlx::query!(
        r#"
        WITH p AS (
            SELECT CASE
                WHEN $1 = '' THEN NULL
                WHEN $3 = '' THEN websearch_to_tsquery('english', $1)
                WHEN $2 = '' THEN websearch_to_tsquery('english', $1) || to_tsquery('english', $3 || ':*')
                ELSE websearch_to_tsquery('english', $1)
                     || (websearch_to_tsquery('english', $2) && to_tsquery('english', $3 || ':*'))
            END AS tsq
        ),
        m AS MATERIALIZED (
            SELECT j.employment_type::text AS t, j.hours::text AS h, j.workplace::text AS w,
                   j.seniority::text AS s, j.skills, j.posted_at,
                   (cardinality($4::text[]) = 0 OR j.employment_type::text = ANY ($4)) AS ok_t,
                   (cardinality($5::text[]) = 0 OR j.hours::text = ANY ($5)) AS ok_h,
                   (cardinality($6::text[]) = 0 OR j.workplace::text = ANY ($6)) AS ok_w,
                   (cardinality($7::text[]) = 0 OR j.seniority::text = ANY ($7)) AS ok_s,
                   (cardinality($8::text[]) = 0 OR j.skills && $8) AS ok_k,
                   ($10::int4 IS NULL OR j.posted_at >= now() - make_interval(days => $10)) AS ok_p
            FROM jobs j
            CROSS JOIN p
            WHERE j.status = 'published' AND j.valid_through > now()
              AND (p.tsq IS NULL OR j.search @@ p.tsq)
              AND ($9::int4 IS NULL OR CASE WHEN j.salary_currency = $13
                   THEN j.salary_max::int8 * periods_per_year(j.salary_period) >= $14
                   ELSE j.salary_max_usd_year >= $9 END)
              AND ($11 = '' OR lower(j.city) = lower($11) OR lower(j.country) = lower($11)
                   OR j.country_code = upper($11))
        )
        SELECT 'total' AS "grp!", 'total' AS "value!",
               count(*) FILTER (WHERE ok_t AND ok_h AND ok_w AND ok_s AND ok_k AND ok_p) AS "n!"
        FROM m
        UNION ALL
        SELECT 'type', t, count(*) FILTER (WHERE ok_h AND ok_w AND ok_s AND ok_k AND ok_p) FROM m GROUP BY t
        UNION ALL
        SELECT 'hours', h, count(*) FILTER (WHERE ok_t AND ok_w AND ok_s AND ok_k AND ok_p) FROM m GROUP BY h
        UNION ALL
        SELECT 'workplace', w, count(*) FILTER (WHERE ok_t AND ok_h AND ok_s AND ok_k AND ok_p) FROM m GROUP BY w
        UNION ALL
        SELECT 'seniority', s, count(*) FILTER (WHERE ok_t AND ok_h AND ok_w AND ok_k AND ok_p) FROM m GROUP BY s
        UNION ALL
        SELECT 'skill', k.slug, count(*) FILTER (WHERE ok_t AND ok_h AND ok_w AND ok_s AND ok_p)
        FROM m CROSS JOIN unnest(m.skills) AS k (slug) GROUP BY k.slug
        UNION ALL
        SELECT 'posted', d.days::text,
               count(*) FILTER (WHERE ok_t AND ok_h AND ok_w AND ok_s AND ok_k
                                AND m.posted_at >= now() - make_interval(days => d.days))
        FROM m CROSS JOIN unnest($12::int4[]) AS d (days) GROUP BY d.days
        "#,
        text.full,
        text.head,
        text.prefix,
        &filters.types,
        &filters.hours,
        &filters.workplace,
        &filters.seniority,
        &filters.skills,
        filters.salary_min_usd,
        filters.posted_days,
        filters.location,
        &posted_choices,
        filters.currency,
        filters.salary_min_native,
    )
    .fetch_all(conn)
    .await?;
    let mut total = 0;
    let mut facets = Vec::with_capacity(rows.len());
    for row in rows {
        match FacetGroup::from_name(&row.grp) {
            Some(group) => facets.push(FacetCount {
                group,
                value: row.value,
                count: row.n,
            }),
            None => total = row.n,
        }
    }
    Ok((total, facets))
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
    if !super::types::is_slug(slug, 120) {
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
    let rows = sqlx::query_as!(
        CardRow,
        r#"
        SELECT j.id, j.slug, j.title, c.name AS company, j.city, j.country,
               j.employment_type AS "employment_type: EmploymentType",
               j.hours AS "hours: Hours",
               j.workplace AS "workplace: Workplace",
               j.seniority AS "seniority: Seniority",
               j.salary_min, j.salary_max, j.salary_currency,
               j.salary_period AS "salary_period: PayPeriod",
               j.salary_min_usd_year, j.salary_max_usd_year, j.skills,
               to_char(j.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "posted_on!",
               ((now() AT TIME ZONE 'UTC')::date - (j.posted_at AT TIME ZONE 'UTC')::date) AS "age_days!"
        FROM (
            -- The newest 500 candidates bound the cost on a large database.
            SELECT * FROM jobs
            WHERE id <> $1 AND skills && $2 AND status = 'published' AND valid_through > now()
            ORDER BY posted_at DESC, id DESC
            LIMIT 500
        ) j
        JOIN companies c ON c.id = j.company_id
        ORDER BY cardinality(ARRAY(SELECT unnest(j.skills) INTERSECT SELECT unnest($2::text[]))) DESC,
                 j.posted_at DESC, j.id DESC
        LIMIT 4
        "#,
        id,
        skills
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(CardRow::into_card).collect()
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
