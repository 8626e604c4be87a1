use crate::helpers::{spawn_app, spawn_app_without_database};
use sqlx::PgPool;
use std::time::{Duration, Instant};

#[sqlx::test(migrations = "../migrations")]
async fn healthz_answers_ok_while_the_process_lives(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[sqlx::test(migrations = "../migrations")]
async fn readyz_answers_ok_when_postgres_answers(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/readyz").await;

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn readyz_answers_503_quickly_when_the_database_is_unreachable() {
    let app = spawn_app_without_database().await;

    let started = Instant::now();
    let response = app.get("/readyz").await;

    assert_eq!(response.status(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn healthz_stays_ok_when_the_database_is_unreachable() {
    let app = spawn_app_without_database().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
}
