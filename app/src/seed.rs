//! Demo data for an empty database, so a fresh `./dev run` shows a living site.

use sqlx::PgPool;

/// Seeds every capability's demo data that is missing. Safe to call from
/// several server instances at once: a transaction-scoped advisory lock
/// makes them take turns, and each seed checks for its own rows first.
pub async fn seed_if_empty(pool: &PgPool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Any constant works as long as every instance uses the same one.
    sqlx::query!("SELECT pg_advisory_xact_lock(4242001)")
        .execute(&mut *tx)
        .await?;
    crate::guide::seed_if_empty(&mut tx).await?;
    crate::jobs::seed::seed_if_empty(&mut tx).await?;
    crate::salary::queries::seed_if_empty(&mut tx).await?;
    tx.commit().await
}
