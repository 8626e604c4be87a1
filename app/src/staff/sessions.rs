//! A tower-sessions store over the `staff_sessions` table. Written here
//! because the published `tower-sessions-sqlx-store` needs sqlx 0.8 (a
//! second sqlx and pool type next to our 0.9).
//!
//! Only the record's data is stored as JSON; the id and the expiry have
//! their own columns, so an expired row is never loaded, and the
//! housekeeping job deletes it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::SessionStore;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, Error};

#[derive(Clone, Debug)]
pub struct PgSessionStore {
    pool: PgPool,
}

impl PgSessionStore {
    pub fn new(pool: PgPool) -> Self {
        PgSessionStore { pool }
    }
}

fn backend(error: sqlx::Error) -> Error {
    Error::Backend(error.to_string())
}

fn to_chrono(at: OffsetDateTime) -> session_store::Result<DateTime<Utc>> {
    DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond())
        .ok_or_else(|| Error::Encode("expiry out of range".into()))
}

fn to_time(at: DateTime<Utc>) -> session_store::Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(at.timestamp())
        .and_then(|t| t.replace_nanosecond(at.timestamp_subsec_nanos()))
        .map_err(|error| Error::Decode(error.to_string()))
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|error| Error::Encode(error.to_string()))
}

#[async_trait]
impl SessionStore for PgSessionStore {
    /// A new id that is not taken: on the (astronomically unlikely)
    /// collision, another one, so no session is ever overwritten.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, expiry) = (encode(record)?, to_chrono(record.expiry_date)?);
        loop {
            let inserted = sqlx::query!(
                "INSERT INTO staff_sessions (id, data, expiry_date) VALUES ($1, $2::text::jsonb, $3) ON CONFLICT (id) DO NOTHING",
                record.id.to_string(),
                data,
                expiry
            )
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates a session that still exists, and only that: a request that
    /// loaded the session before a logout (or a timeout) deleted its row
    /// must not bring it back when it finishes. New sessions go through
    /// `create`.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        sqlx::query!(
            "UPDATE staff_sessions SET data = $2::text::jsonb, expiry_date = $3 WHERE id = $1",
            record.id.to_string(),
            encode(record)?,
            to_chrono(record.expiry_date)?
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query!(
            r#"SELECT data::text AS "data!", expiry_date FROM staff_sessions WHERE id = $1 AND expiry_date > now()"#,
            id.to_string()
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&row.data)
                .map_err(|error| Error::Decode(error.to_string()))?,
            expiry_date: to_time(row.expiry_date)?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!("DELETE FROM staff_sessions WHERE id = $1", id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
