//! One job's page and the jobs like it.

use super::super::types::{Hours, PayPeriod, Seniority, Workplace};
use super::super::{JobCard, JobDetail, JobSlug, SkillLabel};
use super::cards::{CardRow, card_row, cards_by_id};
use super::technical_skills;
use crate::AppError;
use crate::common::EmploymentType;
use sqlx::{PgConnection, PgPool};

/// before it answers 410 Gone.
pub const GRACE_DAYS: i32 = 30;

/// A job by slug, for its page; drafts and unpublished jobs are not found.
pub async fn job_detail(pool: &PgPool, slug: &JobSlug) -> Result<JobDetail, AppError> {
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
        WHERE j.slug = $1 AND j.status IN ('published', 'expired')
        "#,
        slug.as_str(),
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
    let similar = similar_jobs(&mut conn, row.id).await?;
    let all_skills = technical_skills(&mut conn).await?;
    let description_html = super::super::markdown::to_safe_html(&row.description);
    let card = card_row!(row).into_card()?;
    let json_ld = if row.expired {
        String::new()
    } else {
        super::super::json_ld::job_posting(
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

/// Open jobs most like this one: sharing skills counts most, then a title
/// like it (the same role), then the same seniority, kind of work and
/// country. A job sharing one skill and nothing else comes last.
async fn similar_jobs(conn: &mut PgConnection, id: i64) -> Result<Vec<JobCard>, AppError> {
    let ids = sqlx::query_scalar!(
        r#"
        SELECT c.id AS "id!"
        FROM jobs me,
        LATERAL (
            -- The newest 500 candidates bound the cost on a large database.
            SELECT id, title, skills, seniority, employment_type, country_code, posted_at
            FROM jobs
            WHERE id <> me.id AND skills && me.skills AND status = 'published' AND valid_through > now()
            ORDER BY posted_at DESC, id DESC
            LIMIT 500
        ) c
        WHERE me.id = $1
        ORDER BY 2 * cardinality(ARRAY(SELECT unnest(c.skills) INTERSECT SELECT unnest(me.skills)))
                 + 3 * similarity(c.title, me.title)
                 + (c.seniority = me.seniority)::int
                 + (c.employment_type = me.employment_type)::int
                 + (c.country_code = me.country_code)::int DESC,
                 c.posted_at DESC, c.id DESC
        LIMIT 4
        "#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut cards = cards_by_id(conn, &ids).await?;
    Ok(ids.iter().filter_map(|id| cards.remove(id)).collect())
}
