//! Writing generated jobs to the database, in batches.

use super::{DATA, DEMO_JOBS, DEMO_SEED, NewJob, generate};
use sqlx::PgConnection;

/// Inserts the companies the generator uses (those missing).
pub async fn ensure_companies(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let slugs: Vec<&str> = DATA.companies.iter().map(|c| c.slug.as_str()).collect();
    let names: Vec<&str> = DATA.companies.iter().map(|c| c.name.as_str()).collect();
    sqlx::query!(
        "INSERT INTO companies (slug, name)
         SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (slug) DO NOTHING",
        &slugs as &[&str],
        &names as &[&str]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Inserts generated jobs `first..first + count` in one statement.
pub async fn insert_batch(
    conn: &mut PgConnection,
    seed: u64,
    first: u64,
    count: usize,
) -> Result<(), sqlx::Error> {
    let jobs: Vec<NewJob> = (first..first + count as u64)
        .map(|n| generate(seed, n))
        .collect();
    let col = |f: &dyn Fn(&NewJob) -> String| -> Vec<String> { jobs.iter().map(f).collect() };
    let slugs = col(&|j| j.slug.clone());
    let companies = col(&|j| j.company_slug.to_owned());
    let titles = col(&|j| j.title.clone());
    let descriptions = col(&|j| j.description.clone());
    let types = col(&|j| j.employment_type.slug().to_owned());
    let hours = col(&|j| j.hours.slug().to_owned());
    let workplaces = col(&|j| j.workplace.slug().to_owned());
    let seniorities = col(&|j| j.seniority.slug().to_owned());
    let cities = col(&|j| j.city.to_owned());
    let countries = col(&|j| j.country.to_owned());
    let codes = col(&|j| j.country_code.to_owned());
    let currencies = col(&|j| j.currency.code().to_owned());
    let periods = col(&|j| j.period.slug().to_owned());
    let statuses = col(&|j| j.status.to_owned());
    let applies = col(&|j| j.how_to_apply.clone());
    // Arrays of arrays must be rectangular in Postgres, so skills travel as
    // comma-separated text and are split in SQL.
    let skills = col(&|j| j.skills.join(","));
    let lats: Vec<f64> = jobs.iter().map(|j| j.latitude).collect();
    let lons: Vec<f64> = jobs.iter().map(|j| j.longitude).collect();
    let mins: Vec<i32> = jobs.iter().map(|j| j.salary_min).collect();
    let maxs: Vec<i32> = jobs.iter().map(|j| j.salary_max).collect();
    let posted: Vec<i64> = jobs.iter().map(|j| j.posted_ago_secs).collect();
    let valid: Vec<i64> = jobs.iter().map(|j| j.valid_for_secs).collect();
    sqlx::query!(
        r#"
        INSERT INTO jobs (slug, company_id, title, description, employment_type, hours, workplace,
                          seniority, city, country, country_code, latitude, longitude, salary_min,
                          salary_max, salary_currency, salary_period, skills, status, posted_at,
                          valid_through, how_to_apply)
        SELECT n.slug, c.id, n.title, n.description, n.employment_type::employment_type,
               n.hours::work_hours, n.workplace::workplace, n.seniority::seniority, n.city,
               n.country, n.country_code, n.latitude, n.longitude, n.salary_min, n.salary_max,
               n.currency, n.period::pay_period, string_to_array(n.skills, ','),
               n.status::job_status, now() - make_interval(secs => n.posted_ago),
               now() - make_interval(secs => n.posted_ago) + make_interval(secs => n.valid_for),
               n.how_to_apply
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[],
                    $13::float8[], $14::int4[], $15::int4[], $16::text[], $17::text[], $18::text[],
                    $19::text[], $20::int8[], $21::int8[], $22::text[])
             AS n (slug, company, title, description, employment_type, hours, workplace, seniority,
                   city, country, country_code, latitude, longitude, salary_min, salary_max,
                   currency, period, skills, status, posted_ago, valid_for, how_to_apply)
        JOIN companies c ON c.slug = n.company
        "#,
        &slugs,
        &companies,
        &titles,
        &descriptions,
        &types,
        &hours,
        &workplaces,
        &seniorities,
        &cities,
        &countries,
        &codes,
        &lats,
        &lons,
        &mins,
        &maxs,
        &currencies,
        &periods,
        &skills,
        &statuses,
        &posted,
        &valid,
        &applies,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How many jobs exist, so that new ones are numbered after them.
pub async fn job_count(conn: &mut PgConnection) -> Result<u64, sqlx::Error> {
    let count = sqlx::query_scalar!(r#"SELECT count(*) AS "count!" FROM jobs"#)
        .fetch_one(conn)
        .await?;
    Ok(count.max(0) as u64)
}

/// Demo jobs for an empty database.
pub async fn seed_if_empty(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    if job_count(conn).await? > 0 {
        return Ok(());
    }
    tracing::info!(jobs = DEMO_JOBS, "seeding demo jobs");
    ensure_companies(conn).await?;
    insert_batch(conn, DEMO_SEED, 0, DEMO_JOBS).await?;
    crate::jobs::queries::refresh_search_terms(conn).await
}
