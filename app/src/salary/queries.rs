//! Loading the salary model from Postgres, and its default data.

use super::model::{
    EmploymentAdjustment, ExperiencePoint, Figures, Location, Model, Rate, SkillPremium, Source,
    SourceKind,
};
use crate::AppError;
use crate::common::{Currency, EmploymentType};
use sqlx::{PgConnection, PgPool};

/// The whole model, in display order. A model whose rows break the
/// estimator's promises (see [`Model::problems`]) is an internal error:
/// better no estimate than a wrong one.
pub async fn load_model(pool: &PgPool) -> Result<Model, AppError> {
    let mut conn = pool.acquire().await?;
    let model = model_on(&mut conn).await?;
    let problems = model.problems();
    if !problems.is_empty() {
        tracing::error!(
            ?problems,
            "the salary model in the database is inconsistent"
        );
        return Err(AppError::Internal);
    }
    Ok(model)
}

/// The model as `conn` sees it (inside a transaction: with its changes),
/// unchecked: the staff editor checks an edited model before committing
/// it, and shows a stored one even when it has problems, to mend them.
pub async fn model_on(conn: &mut PgConnection) -> Result<Model, AppError> {
    Ok(Model {
        sources: sources(conn).await?,
        locations: locations(conn).await?,
        experience: experience_curve(conn).await?,
        skills: skill_premiums(conn).await?,
        employment: employment_adjustments(conn).await?,
        rates: newest_rates(conn).await?,
        rates_source: Some(RATES_SOURCE.to_owned()),
    })
}

/// The `salary_sources` row describing the exchange rates.
const RATES_SOURCE: &str = "approximate-fx-2026";

async fn sources(conn: &mut PgConnection) -> Result<Vec<Source>, sqlx::Error> {
    sqlx::query_as!(
        Source,
        r#"SELECT slug, title, publisher, url, year, kind AS "kind: SourceKind", note
           FROM salary_sources ORDER BY slug"#
    )
    .fetch_all(conn)
    .await
}

async fn locations(conn: &mut PgConnection) -> Result<Vec<Location>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT slug, name, country, country_code AS "country_code!: String", is_city,
                  currency AS "currency!: String", parent,
                  p25, median, p75, figures_year, sample_size, basis, source
           FROM salary_locations ORDER BY position"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            // The currencies table and the enum are kept in step by a test.
            let currency = Currency::from_code(&row.currency)?;
            let figures = match (
                row.p25,
                row.median,
                row.p75,
                row.figures_year,
                row.basis,
                row.source,
            ) {
                (Some(p25), Some(median), Some(p75), Some(year), Some(basis), Some(source)) => {
                    Some(Figures {
                        p25,
                        median,
                        p75,
                        year,
                        sample_size: row.sample_size,
                        basis,
                        source,
                    })
                }
                _ => None,
            };
            Some(Location {
                slug: row.slug,
                name: row.name,
                country: row.country,
                country_code: row.country_code,
                is_city: row.is_city,
                currency,
                parent: row.parent,
                figures,
            })
        })
        .collect())
}

async fn experience_curve(conn: &mut PgConnection) -> Result<Vec<ExperiencePoint>, sqlx::Error> {
    let rows =
        sqlx::query!("SELECT years, multiplier, source FROM salary_experience ORDER BY years")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|row| ExperiencePoint {
            years: u8::try_from(row.years).unwrap_or(u8::MAX),
            multiplier: row.multiplier,
            source: row.source,
        })
        .collect())
}

async fn skill_premiums(conn: &mut PgConnection) -> Result<Vec<SkillPremium>, sqlx::Error> {
    sqlx::query_as!(
        SkillPremium,
        r#"SELECT p.skill AS slug, s.name, p.premium, p.source
           FROM salary_skill_premiums p JOIN skills s ON s.slug = p.skill
           ORDER BY p.position"#
    )
    .fetch_all(conn)
    .await
}

async fn employment_adjustments(
    conn: &mut PgConnection,
) -> Result<Vec<EmploymentAdjustment>, sqlx::Error> {
    sqlx::query_as!(
        EmploymentAdjustment,
        r#"SELECT employment AS "employment: EmploymentType", multiplier, note, source
           FROM salary_employment_adjustments ORDER BY employment"#
    )
    .fetch_all(conn)
    .await
}

/// Each currency's newest rate.
async fn newest_rates(conn: &mut PgConnection) -> Result<Vec<Rate>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT DISTINCT ON (currency) currency AS "currency!: String", usd_per_unit
           FROM fx_rates WHERE valid_on <= current_date
           ORDER BY currency, valid_on DESC"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Rate {
                currency: Currency::from_code(&row.currency)?,
                usd_per_unit: row.usd_per_unit,
            })
        })
        .collect())
}

/// Loads the default model when the database has none yet. Runs after the
/// guide's seed, whose skills the premiums reference.
pub async fn seed_if_empty(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded =
        sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM salary_sources) AS "seeded!""#)
            .fetch_one(&mut *conn)
            .await?;
    if !seeded {
        tracing::info!("seeding the salary model");
        sqlx::raw_sql(include_str!("seed.sql"))
            .execute(conn)
            .await?;
    }
    Ok(())
}
