//! The guide's queries. Server only.

use super::{Guide, GuideBlock, GuideSection, RoadmapStep, Skill, SkillCategory};
use sqlx::{PgConnection, PgPool};

/// Reads the whole guide on one connection.
pub async fn load_guide(pool: &PgPool) -> Result<Guide, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    Ok(Guide {
        sections: sections_in_order(&mut conn).await?,
        skills: skills_in_order(&mut conn).await?,
        steps: roadmap_in_order(&mut conn).await?,
    })
}

async fn sections_in_order(conn: &mut PgConnection) -> Result<Vec<GuideSection>, sqlx::Error> {
    sqlx::query_as!(
        GuideSection,
        r#"SELECT slug, title, summary, paragraphs, points,
                  includes AS "includes: GuideBlock"
           FROM guide_sections ORDER BY position"#
    )
    .fetch_all(conn)
    .await
}

async fn skills_in_order(conn: &mut PgConnection) -> Result<Vec<Skill>, sqlx::Error> {
    sqlx::query_as!(
        Skill,
        r#"SELECT slug, name, category AS "category: SkillCategory", blurb
           FROM skills ORDER BY position"#
    )
    .fetch_all(conn)
    .await
}

async fn roadmap_in_order(conn: &mut PgConnection) -> Result<Vec<RoadmapStep>, sqlx::Error> {
    sqlx::query_as!(
        RoadmapStep,
        "SELECT position, title, summary, details FROM roadmap_steps ORDER BY position"
    )
    .fetch_all(conn)
    .await
}

/// Loads the guide's content when the database has none yet.
pub async fn seed_if_empty(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let seeded =
        sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM guide_sections) AS "seeded!""#)
            .fetch_one(&mut *conn)
            .await?;
    if !seeded {
        tracing::info!("seeding the guide");
        sqlx::raw_sql(include_str!("seed.sql"))
            .execute(conn)
            .await?;
    }
    Ok(())
}
