//! The editor's writes: each one a transaction that changes its rows,
//! loads the whole model as it now stands inside that transaction, and
//! commits only if `Model::problems` finds nothing, with an audit row of
//! the rows before and after. Server only.

use super::forms::{ValidFigures, ValidRate, ValidSource};
use super::{RateRow, SalaryBoard};
use crate::AppError;
use crate::common::EmploymentType;
use crate::error::OnConstraint;
use crate::salary::queries::model_on;
use crate::staff::accounts::{StaffUser, audit_change};
use crate::ui::form::FieldCheck;
use serde_json::Value;
use sqlx::{PgPool, Postgres, Transaction};

pub async fn board(pool: &PgPool) -> Result<SalaryBoard, AppError> {
    let mut conn = pool.acquire().await?;
    let model = model_on(&mut conn).await?;
    let rates = sqlx::query_as!(
        RateRow,
        r#"SELECT currency AS "currency!: String", valid_on::text AS "valid_on!", usd_per_unit, source
           FROM fx_rates ORDER BY valid_on DESC, currency LIMIT 100"#
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(SalaryBoard {
        problems: model.problems(),
        model,
        rates,
    })
}

/// One field's refusal, as the forms show it.
fn on_field(field: &str, message: &str) -> AppError {
    let mut check = FieldCheck::default();
    check.field::<()>(field, Err(message.to_owned()));
    check.into_error()
}

fn unknown_source() -> AppError {
    on_field(
        "source",
        "There is no such source: choose one from the list.",
    )
}

/// Checks the model as this transaction leaves it, audits and commits.
async fn commit_checked(
    mut tx: Transaction<'_, Postgres>,
    staff: &StaffUser,
    action: &str,
    record: &str,
    before: Value,
    after: Value,
) -> Result<(), AppError> {
    let problems = model_on(&mut tx).await?.problems();
    if !problems.is_empty() {
        return Err(AppError::Conflict(format!(
            "Not saved: the estimator could not use the model then ({}).",
            problems.join("; ")
        )));
    }
    audit_change(&mut *tx, staff, action, record, before, after).await?;
    tx.commit().await?;
    tracing::info!(action, record, "salary model changed");
    Ok(())
}

/// A place's figures replaced, or removed (`None`: "not enough data").
pub async fn save_place(
    pool: &PgPool,
    staff: &StaffUser,
    slug: &str,
    figures: Option<&ValidFigures>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let before = sqlx::query_scalar!(
        r#"SELECT to_jsonb(l) - 'position' AS "row!" FROM salary_locations l WHERE slug = $1 FOR UPDATE"#,
        slug
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let f = figures;
    sqlx::query!(
        "UPDATE salary_locations SET p25 = $2, median = $3, p75 = $4, figures_year = $5,
                sample_size = $6, basis = $7, source = $8
         WHERE slug = $1",
        slug,
        f.map(|f| f.p25),
        f.map(|f| f.median),
        f.map(|f| f.p75),
        f.map(|f| f.year),
        f.and_then(|f| f.sample),
        f.map(|f| f.basis.as_str()),
        f.map(|f| f.source.as_str()),
    )
    .execute(&mut *tx)
    .await
    .on_constraint("salary_locations_source_fkey", unknown_source)?;
    let after = sqlx::query_scalar!(
        r#"SELECT to_jsonb(l) - 'position' AS "row!" FROM salary_locations l WHERE slug = $1"#,
        slug
    )
    .fetch_one(&mut *tx)
    .await?;
    let record = format!("salary place {slug}");
    commit_checked(tx, staff, "salary.place", &record, before, after).await
}

async fn curve_json(tx: &mut Transaction<'_, Postgres>) -> Result<Value, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT coalesce(jsonb_agg(jsonb_build_array(years, multiplier, source) ORDER BY years), '[]') AS "curve!"
           FROM salary_experience"#
    )
    .fetch_one(&mut **tx)
    .await?)
}

/// The whole experience curve replaced, 0 to 20 years, with one source.
pub async fn save_curve(
    pool: &PgPool,
    staff: &StaffUser,
    points: &[f64],
    source: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!("LOCK TABLE salary_experience IN EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let before = curve_json(&mut tx).await?;
    sqlx::query!("DELETE FROM salary_experience")
        .execute(&mut *tx)
        .await?;
    let years: Vec<i16> = (0..points.len() as i16).collect();
    sqlx::query!(
        "INSERT INTO salary_experience (years, multiplier, source)
         SELECT years, multiplier, $3 FROM unnest($1::smallint[], $2::float8[]) AS t (years, multiplier)",
        &years,
        points,
        source
    )
    .execute(&mut *tx)
    .await
    .on_constraint("salary_experience_source_fkey", unknown_source)?;
    let after = curve_json(&mut tx).await?;
    commit_checked(tx, staff, "salary.curve", "salary curve", before, after).await
}

/// One skill's premium (a fraction) and its source.
pub async fn save_premium(
    pool: &PgPool,
    staff: &StaffUser,
    skill: &str,
    premium: f64,
    source: &str,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let before = sqlx::query_scalar!(
        r#"SELECT jsonb_build_object('premium', premium, 'source', source) AS "row!"
           FROM salary_skill_premiums WHERE skill = $1 FOR UPDATE"#,
        skill
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query!(
        "UPDATE salary_skill_premiums SET premium = $2, source = $3 WHERE skill = $1",
        skill,
        premium,
        source
    )
    .execute(&mut *tx)
    .await
    .on_constraint("salary_skill_premiums_source_fkey", unknown_source)?;
    let after = serde_json::json!({ "premium": premium, "source": source });
    let record = format!("salary skill {skill}");
    commit_checked(tx, staff, "salary.premium", &record, before, after).await
}

/// One type of work's factor, note and source.
pub async fn save_employment(
    pool: &PgPool,
    staff: &StaffUser,
    employment: EmploymentType,
    (multiplier, note, source): (f64, &str, &str),
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let before = sqlx::query_scalar!(
        r#"SELECT to_jsonb(e) AS "row!" FROM salary_employment_adjustments e
           WHERE employment = $1 FOR UPDATE"#,
        employment as EmploymentType
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query!(
        "UPDATE salary_employment_adjustments SET multiplier = $2, note = $3, source = $4
         WHERE employment = $1",
        employment as EmploymentType,
        multiplier,
        note,
        source
    )
    .execute(&mut *tx)
    .await
    .on_constraint("salary_employment_adjustments_source_fkey", unknown_source)?;
    let after = serde_json::json!({ "employment": employment.slug(), "multiplier": multiplier, "note": note, "source": source });
    let record = format!("salary employment {}", employment.slug());
    commit_checked(tx, staff, "salary.employment", &record, before, after).await
}

/// A dated rate added, or the one for that currency and day replaced.
pub async fn save_rate(
    pool: &PgPool,
    staff: &StaffUser,
    (currency, (y, m, d), rate, source): &ValidRate,
) -> Result<(), AppError> {
    let day = chrono::NaiveDate::from_ymd_opt(*y, *m, *d)
        .ok_or_else(|| on_field("valid_on", "That is not a date."))?;
    let mut tx = pool.begin().await?;
    let before = sqlx::query_scalar!(
        r#"SELECT to_jsonb(r) AS "row?" FROM fx_rates r WHERE currency = $1 AND valid_on = $2 FOR UPDATE"#,
        currency as &str,
        day
    )
    .fetch_optional(&mut *tx)
    .await?
    .flatten()
    .unwrap_or(Value::Null);
    sqlx::query!(
        "INSERT INTO fx_rates (currency, valid_on, usd_per_unit, source) VALUES ($1, $2, $3, $4)
         ON CONFLICT (currency, valid_on) DO UPDATE SET usd_per_unit = $3, source = $4",
        currency as &str,
        day,
        rate,
        source
    )
    .execute(&mut *tx)
    .await?;
    let after = serde_json::json!({ "currency": currency, "valid_on": day, "usd_per_unit": rate, "source": source });
    let record = format!("fx rate {currency} {day}");
    commit_checked(tx, staff, "salary.rate", &record, before, after).await
}

/// A source created (`existing` is `None`) or changed.
pub async fn save_source(
    pool: &PgPool,
    staff: &StaffUser,
    existing: Option<&str>,
    s: &ValidSource,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let before = match existing {
        None => Value::Null,
        Some(slug) => sqlx::query_scalar!(
            r#"SELECT to_jsonb(s) AS "row!" FROM salary_sources s WHERE slug = $1 FOR UPDATE"#,
            slug
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?,
    };
    let kind = s.kind;
    match existing {
        None => {
            sqlx::query!(
                "INSERT INTO salary_sources (slug, title, publisher, url, year, kind, note)
                 VALUES ($1, $2, $3, $4, $5, $6::text::salary_source_kind, $7)",
                s.slug,
                s.title,
                s.publisher,
                s.url,
                s.year,
                kind,
                s.note
            )
            .execute(&mut *tx)
            .await
            .on_constraint("salary_sources_pkey", || {
                on_field(
                    "slug",
                    "A source with this name exists: give another, or edit that one.",
                )
            })?;
        }
        Some(slug) => {
            sqlx::query!(
                "UPDATE salary_sources SET title = $2, publisher = $3, url = $4, year = $5,
                        kind = $6::text::salary_source_kind, note = $7
                 WHERE slug = $1",
                slug,
                s.title,
                s.publisher,
                s.url,
                s.year,
                kind,
                s.note
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    let slug = existing.unwrap_or(&s.slug);
    let after = sqlx::query_scalar!(
        r#"SELECT to_jsonb(s) AS "row!" FROM salary_sources s WHERE slug = $1"#,
        slug
    )
    .fetch_one(&mut *tx)
    .await?;
    let record = format!("salary source {slug}");
    commit_checked(tx, staff, "salary.source", &record, before, after).await
}
