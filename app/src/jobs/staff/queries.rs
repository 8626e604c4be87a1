//! The back office's job SQL. Each change is one transaction with its
//! audit row (the job before and after); a save names the version it
//! started from and fails with a conflict when another landed first.

use super::form::{JobDraft, StatusChange};
use super::{
    EditedJob, EditorChoices, JobForm, JobSort, JobStatus, STAFF_PAGE_SIZE, StaffJobList,
    StaffJobRow,
};
use crate::AppError;
use crate::common::EmploymentType;
use crate::common::text::like_literal;
use crate::error::FieldError;
use crate::jobs::queries::refresh_search_terms;
use crate::jobs::seed::{places, slugify};
use crate::jobs::{Hours, PayPeriod, Seniority, Workplace};
use crate::staff::accounts::{StaffUser, audit_change};
use crate::staff::shell::MAX_PAGE;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};

/// One page of the staff list in `sort`'s order (newest first unless
/// asked), filtered by status (as the public sees it) and by words of the
/// title or company name.
pub async fn list(
    pool: &PgPool,
    status: Option<JobStatus>,
    q: &str,
    sort: Option<JobSort>,
    page: i64,
) -> Result<StaffJobList, AppError> {
    let page = page.clamp(1, MAX_PAGE);
    let pattern = format!("%{}%", like_literal(q));
    let rows = sqlx::query!(
        r#"WITH listed AS (
             SELECT j.id, j.title, c.name AS company, j.city || ', ' || j.country AS place,
                    CASE WHEN j.status = 'published' AND j.valid_through <= now() THEN 'expired'::job_status
                         ELSE j.status END AS status,
                    j.valid_through, j.updated_at
             FROM jobs j JOIN companies c ON c.id = j.company_id
             WHERE (j.title ILIKE $2 OR c.name ILIKE $2)
           )
           SELECT id AS "id!", title AS "title!", company AS "company!", place AS "place!",
                  status AS "status!: JobStatus",
                  to_char(valid_through AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "closes!",
                  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "updated!",
                  (SELECT count(*) FROM applications a WHERE a.job_id = listed.id) AS "applications!",
                  count(*) OVER () AS "total!"
           FROM listed
           WHERE $1::job_status IS NULL OR status = $1
           ORDER BY CASE WHEN $5 = 'title' THEN lower(title) END ASC,
                    CASE WHEN $5 = '-title' THEN lower(title) END DESC,
                    CASE WHEN $5 = 'closes' THEN valid_through END ASC,
                    CASE WHEN $5 = '-closes' THEN valid_through END DESC,
                    CASE WHEN $5 = 'updated' THEN updated_at END ASC,
                    CASE WHEN $5 = '-updated' THEN updated_at END DESC,
                    id DESC
           LIMIT $3 OFFSET $4"#,
        status as Option<JobStatus>,
        pattern,
        STAFF_PAGE_SIZE,
        (page - 1) * STAFF_PAGE_SIZE,
        sort.map_or("", JobSort::slug),
    )
    .fetch_all(pool)
    .await?;
    let counts = sqlx::query!(
        r#"SELECT CASE WHEN status = 'published' AND valid_through <= now() THEN 'expired'::job_status
                       ELSE status END AS "status!: JobStatus", count(*) AS "n!"
           FROM jobs GROUP BY 1 ORDER BY 1"#
    )
    .fetch_all(pool)
    .await?;
    Ok(StaffJobList {
        total: rows.first().map_or(0, |r| r.total),
        rows: rows
            .into_iter()
            .map(|r| StaffJobRow {
                id: r.id,
                title: r.title,
                company: r.company,
                place: r.place,
                status: r.status,
                closes: r.closes,
                updated: r.updated,
                applications: r.applications,
            })
            .collect(),
        counts: counts.into_iter().map(|r| (r.status, r.n)).collect(),
    })
}

/// A job as the editor shows it; `NotFound` when there is none.
pub async fn edited(pool: &PgPool, id: i64) -> Result<EditedJob, AppError> {
    let r = sqlx::query!(
        r#"SELECT j.id, j.slug, j.title, c.slug AS company, j.city, j.description, j.how_to_apply,
                  j.employment_type AS "employment_type: EmploymentType", j.hours AS "hours: Hours",
                  j.workplace AS "workplace: Workplace", j.seniority AS "seniority: Seniority",
                  j.salary_min, j.salary_max, j.salary_currency, j.salary_period AS "salary_period: PayPeriod",
                  (SELECT string_agg(s.name, ', ' ORDER BY array_position(j.skills, s.slug)) FROM skills s
                     WHERE s.slug = ANY (j.skills)) AS "skills!",
                  to_char(j.valid_through AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "closes!",
                  CASE WHEN j.status = 'published' AND j.valid_through <= now() THEN 'expired'::job_status
                       ELSE j.status END AS "status!: JobStatus",
                  j.version, to_char(j.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "updated!",
                  (SELECT count(*) FROM applications a WHERE a.job_id = j.id) AS "applications!"
           FROM jobs j JOIN companies c ON c.id = j.company_id WHERE j.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let form = JobForm {
        title: r.title,
        company: r.company,
        place: r.city,
        employment_type: r.employment_type.slug().into(),
        hours: r.hours.slug().into(),
        workplace: r.workplace.slug().into(),
        seniority: r.seniority.slug().into(),
        salary_min: r.salary_min.to_string(),
        salary_max: r.salary_max.to_string(),
        currency: r.salary_currency,
        period: r.salary_period.slug().into(),
        skills: r.skills,
        closes: r.closes,
        description: r.description,
        how_to_apply: r.how_to_apply,
        version: r.version.to_string(),
    };
    Ok(EditedJob {
        id: r.id,
        slug: r.slug,
        status: r.status,
        version: r.version,
        form,
        applications: r.applications,
        updated: r.updated,
    })
}

/// The companies and places the editor offers.
pub async fn choices(pool: &PgPool) -> Result<EditorChoices, AppError> {
    let companies = sqlx::query!("SELECT slug, name FROM companies ORDER BY name")
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|r| (r.slug, r.name))
        .collect();
    let mut places: Vec<(String, String)> = places()
        .map(|p| (p.name.into(), p.country.into()))
        .collect();
    places.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    Ok(EditorChoices { companies, places })
}

/// What the database adds to a draft: the company's id, the place's
/// country and position, skill slugs, the closing moment.
struct Resolved {
    company_id: i64,
    city: &'static str,
    country: &'static str,
    code: &'static str,
    lat: f64,
    lon: f64,
    skills: Vec<String>,
    valid_through: DateTime<Utc>,
}

/// Checks what only the server can: every problem at once, on its field.
async fn resolve(conn: &mut PgConnection, draft: &JobDraft) -> Result<Resolved, AppError> {
    let mut wrong = Vec::new();
    let mut note = |field: &str, message: String| {
        wrong.push(FieldError {
            field: field.into(),
            message,
        })
    };
    let company_id = sqlx::query_scalar!("SELECT id FROM companies WHERE slug = $1", draft.company)
        .fetch_optional(&mut *conn)
        .await?;
    if company_id.is_none() {
        note("company", "Choose one of the companies listed.".into());
    }
    let place = places().find(|p| p.name.eq_ignore_ascii_case(&draft.place));
    if place.is_none() {
        note("place", "Choose one of the places listed.".into());
    }
    let known = sqlx::query!(
        r#"SELECT typed AS "typed!", s.slug AS "slug?" FROM unnest($1::text[]) WITH ORDINALITY AS t (typed, n)
           LEFT JOIN skills s ON lower(s.slug) = lower(t.typed) OR lower(s.name) = lower(t.typed)
           ORDER BY n"#,
        &draft.skills
    )
    .fetch_all(&mut *conn)
    .await?;
    let unknown: Vec<&str> = known
        .iter()
        .filter(|k| k.slug.is_none())
        .map(|k| k.typed.as_str())
        .collect();
    if !unknown.is_empty() {
        note(
            "skills",
            format!(
                "Not a skill we know: {}. Use the names the guide lists.",
                unknown.join(", ")
            ),
        );
    }
    // The trigger stores the yearly US-dollar range as an integer: refuse
    // what could not fit long before it would, with the field to fix.
    let rate = sqlx::query_scalar!(
        "SELECT usd_per_unit FROM fx_rates WHERE currency = $1 AND valid_on <= now()::date
         ORDER BY valid_on DESC LIMIT 1",
        draft.currency.code()
    )
    .fetch_optional(&mut *conn)
    .await?;
    match rate {
        None => note("currency", "There is no exchange rate for that currency yet.".into()),
        Some(rate) if f64::from(draft.salary_max) * f64::from(draft.period.per_year()) * rate > 1e9 => note(
            "salary_max",
            "That comes to more than a billion US dollars a year: check the amount and what it is per.".into(),
        ),
        Some(_) => {}
    }
    let (y, m, d) = draft.closes;
    let valid_through = NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(23, 59, 59))
        .map(|moment| moment.and_utc());
    match valid_through {
        None => note("closes", "That day is not in the calendar.".into()),
        Some(at) if at <= Utc::now() => note("closes", "Choose a closing date after today.".into()),
        Some(at) if at > Utc::now() + chrono::Duration::days(366) => {
            note("closes", "Choose a closing date within a year.".into())
        }
        Some(_) => {}
    }
    match (company_id, place, valid_through, wrong.is_empty()) {
        (Some(company_id), Some(place), Some(valid_through), true) => {
            let mut skills: Vec<String> = Vec::new();
            for slug in known.into_iter().filter_map(|k| k.slug) {
                if !skills.contains(&slug) {
                    skills.push(slug);
                }
            }
            Ok(Resolved {
                company_id,
                city: place.name,
                country: place.country,
                code: place.code,
                lat: place.lat,
                lon: place.lon,
                skills,
                valid_through,
            })
        }
        _ => Err(AppError::Invalid(wrong)),
    }
}

/// The job's row as JSON for the audit log, without the search documents.
async fn snapshot(conn: &mut PgConnection, id: i64) -> Result<serde_json::Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT to_jsonb(j) - 'search' - 'rank_document' AS "row!" FROM jobs j WHERE id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?)
}

fn record(id: i64) -> String {
    format!("job {id}")
}

/// `text` as slug words of at most `max` bytes, cut at a hyphen; `job` when
/// nothing of it is a letter or digit (a title in another script).
fn slug_words(text: &str, max: usize) -> String {
    let mut slug = slugify(text);
    if slug.len() > max {
        let cut = slug[..max].rfind('-').unwrap_or(max);
        slug.truncate(cut);
    }
    if slug.is_empty() { "job".into() } else { slug }
}

/// Creates a draft; answers its id. Its address is its title and city
/// with its id, so it never collides and never changes.
pub async fn create(pool: &PgPool, staff: &StaffUser, draft: &JobDraft) -> Result<i64, AppError> {
    let mut tx = pool.begin().await?;
    let r = resolve(&mut tx, draft).await?;
    let id = sqlx::query_scalar!("SELECT nextval(pg_get_serial_sequence('jobs', 'id')) AS \"id!\"")
        .fetch_one(&mut *tx)
        .await?;
    let slug = format!(
        "{}-{}-{id}",
        slug_words(&draft.title, 80),
        slug_words(r.city, 24)
    );
    sqlx::query!(
        r#"INSERT INTO jobs (id, slug, company_id, title, description, employment_type, hours, workplace,
                             seniority, city, country, country_code, latitude, longitude, salary_min,
                             salary_max, salary_currency, salary_period, skills, status, valid_through,
                             how_to_apply, search, rank_document)
           OVERRIDING SYSTEM VALUE
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                   'draft', $20, $21, '', '')"#,
        id, slug, r.company_id, draft.title, draft.description,
        draft.employment_type as EmploymentType, draft.hours as Hours, draft.workplace as Workplace,
        draft.seniority as Seniority, r.city, r.country, r.code, r.lat, r.lon, draft.salary_min,
        draft.salary_max, draft.currency.code(), draft.period as PayPeriod, &r.skills, r.valid_through,
        draft.how_to_apply,
    )
    .execute(&mut *tx)
    .await?;
    let after = snapshot(&mut tx, id).await?;
    audit_change(
        &mut *tx,
        staff,
        "jobs.created",
        &record(id),
        serde_json::Value::Null,
        after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The job's status as the public sees it, locked for this change:
/// `NotFound` when there is no job, `Conflict` when its version is not the
/// one the editor started from.
async fn lock_version(
    conn: &mut PgConnection,
    id: i64,
    expected: i32,
) -> Result<JobStatus, AppError> {
    let row = sqlx::query!(
        r#"SELECT version,
                  CASE WHEN status = 'published' AND valid_through <= now() THEN 'expired'::job_status
                       ELSE status END AS "status!: JobStatus"
           FROM jobs WHERE id = $1 FOR NO KEY UPDATE"#,
        id
    )
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.version != expected {
        return Err(AppError::Conflict(format!(
            "Someone saved this job while you were editing it (it is now version {}, you started from {expected}). \
             Your changes are still in the form: open the job in a new tab to see theirs, then save again.",
            row.version
        )));
    }
    Ok(row.status)
}

/// Saves an edit made from `draft.version`.
pub async fn update(
    pool: &PgPool,
    staff: &StaffUser,
    id: i64,
    draft: &JobDraft,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_version(&mut tx, id, draft.version).await?;
    let r = resolve(&mut tx, draft).await?;
    let before = snapshot(&mut tx, id).await?;
    sqlx::query!(
        r#"UPDATE jobs SET company_id = $2, title = $3, description = $4, employment_type = $5, hours = $6,
                  workplace = $7, seniority = $8, city = $9, country = $10, country_code = $11, latitude = $12,
                  longitude = $13, salary_min = $14, salary_max = $15, salary_currency = $16, salary_period = $17,
                  skills = $18, valid_through = $19, how_to_apply = $20, version = version + 1, updated_at = now(),
                  -- Past its date it stays closed: a new date alone does not list it again.
                  status = CASE WHEN status = 'published' AND valid_through <= now() THEN 'expired' ELSE status END
           WHERE id = $1"#,
        id, r.company_id, draft.title, draft.description,
        draft.employment_type as EmploymentType, draft.hours as Hours, draft.workplace as Workplace,
        draft.seniority as Seniority, r.city, r.country, r.code, r.lat, r.lon, draft.salary_min,
        draft.salary_max, draft.currency.code(), draft.period as PayPeriod, &r.skills, r.valid_through,
        draft.how_to_apply,
    )
    .execute(&mut *tx)
    .await?;
    let after = snapshot(&mut tx, id).await?;
    audit_change(&mut *tx, staff, "jobs.edited", &record(id), before, after).await?;
    tx.commit().await?;
    refresh_vocabulary(pool).await
}

/// Publishes, unpublishes or closes a job seen at `version`. Publishing
/// needs a closing date ahead; a first publication is its posting date.
pub async fn change_status(
    pool: &PgPool,
    staff: &StaffUser,
    id: i64,
    version: i32,
    change: StatusChange,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let from = lock_version(&mut tx, id, version).await?;
    let (to, allowed): (JobStatus, &[JobStatus]) = match change {
        StatusChange::Publish => (
            JobStatus::Published,
            &[JobStatus::Draft, JobStatus::Unpublished, JobStatus::Expired],
        ),
        StatusChange::Unpublish => (
            JobStatus::Unpublished,
            &[JobStatus::Published, JobStatus::Expired],
        ),
        StatusChange::Close => (JobStatus::Expired, &[JobStatus::Published]),
    };
    if !allowed.contains(&from) {
        return Err(AppError::Conflict(format!(
            "A job that is {} cannot be {}.",
            from.label().to_lowercase(),
            match change {
                StatusChange::Publish => "published",
                StatusChange::Unpublish => "unpublished",
                StatusChange::Close => "closed",
            }
        )));
    }
    let before = snapshot(&mut tx, id).await?;
    let changed = sqlx::query!(
        r#"UPDATE jobs SET status = $2::job_status,
                  posted_at = CASE WHEN status = 'draft' THEN now() ELSE posted_at END,
                  version = version + 1, updated_at = now()
           WHERE id = $1 AND ($2::job_status <> 'published' OR valid_through > now())"#,
        id,
        to as JobStatus
    )
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::Invalid(vec![FieldError {
            field: "closes".into(),
            message: "Its closing date has passed: set a later one and save before publishing."
                .into(),
        }]));
    }
    let after = snapshot(&mut tx, id).await?;
    audit_change(
        &mut *tx,
        staff,
        &format!("jobs.{}", to.slug()),
        &record(id),
        before,
        after,
    )
    .await?;
    tx.commit().await?;
    refresh_vocabulary(pool).await
}

/// Typo correction suggests words of published jobs' titles: rebuilt
/// after a change, without blocking searches (CONCURRENTLY). The change is
/// committed by then, so a failure here is logged, never reported as a
/// failed save (the next save rebuilds it).
async fn refresh_vocabulary(pool: &PgPool) -> Result<(), AppError> {
    let refreshed = match pool.acquire().await {
        Ok(mut conn) => refresh_search_terms(&mut conn).await,
        Err(error) => Err(error),
    };
    if let Err(error) = refreshed {
        tracing::warn!(error = %crate::error::error_chain(&error), "typo vocabulary not refreshed");
    }
    Ok(())
}

/// Published jobs closing within `days`, soonest first: id, title, date.
pub async fn closing_soon(
    pool: &PgPool,
    days: i32,
) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(sqlx::query!(
        r#"SELECT id, title, to_char(valid_through AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "closes!"
           FROM jobs
           WHERE status = 'published' AND valid_through > now()
             AND valid_through <= now() + make_interval(days => $1)
           ORDER BY valid_through, id
           LIMIT 20"#,
        days
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.id, r.title, r.closes))
    .collect())
}
