use crate::helpers::{spawn_app, spawn_app_without_database};
use sqlx::PgPool;
use std::time::{Duration, Instant};

#[sqlx::test(migrations = "../migrations")]
async fn the_guide_page_is_rendered_complete_on_the_server(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/guide").await;

    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    for heading in [
        "What a back-end developer does",
        "Responsibilities",
        "Skills you need",
        "A seven-step roadmap",
        "What moves pay",
    ] {
        assert!(html.contains(heading), "missing section {heading:?}");
    }
    assert_eq!(
        html.matches("<li class=\"roadmap-step").count(),
        7,
        "seven roadmap steps"
    );
    // Rendered in the document itself, not streamed into a template for JS to place.
    let body_end = html.find("</body>").expect("a body");
    assert!(html[..body_end].contains("Hosting and operations"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_guide_server_function_returns_the_seeded_content(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.call("guide", "").await;

    assert_eq!(response.status(), 200);
    let guide: serde_json::Value = response.json().await.unwrap();
    assert_eq!(guide["steps"].as_array().unwrap().len(), 7);
    assert_eq!(guide["sections"][0]["slug"], "what-they-do");
    let skills: Vec<&str> = guide["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|skill| skill["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        &skills[..5],
        ["linux", "python", "javascript", "nodejs", "mysql"],
        "the article's five first"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn seeding_twice_changes_nothing(pool: PgPool) {
    app::seed::seed_if_empty(&pool).await.unwrap();
    let before = app::guide::load_guide(&pool).await.unwrap();

    app::seed::seed_if_empty(&pool).await.unwrap();

    assert_eq!(app::guide::load_guide(&pool).await.unwrap(), before);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_database_refuses_guide_content_that_breaks_its_rules(pool: PgPool) {
    let bad_rows = [
        (
            "a slug with spaces",
            "INSERT INTO skills VALUES ('no spaces', 'X', 'language', 'b', 99)",
        ),
        (
            "an empty name",
            "INSERT INTO skills VALUES ('x', '', 'language', 'b', 99)",
        ),
        (
            "an unknown category",
            "INSERT INTO skills VALUES ('x', 'X', 'magic', 'b', 99)",
        ),
        (
            "step zero",
            "INSERT INTO roadmap_steps VALUES (0, 't', 's', ARRAY['d'])",
        ),
        (
            "a step with nothing to learn",
            "INSERT INTO roadmap_steps VALUES (9, 't', 's', ARRAY[]::text[])",
        ),
    ];
    for (what, sql) in bad_rows {
        let result = sqlx::raw_sql(sql).execute(&pool).await;
        assert!(result.is_err(), "the database accepted {what}");
    }
}

#[tokio::test]
async fn the_guide_page_answers_503_with_a_message_when_the_database_is_down() {
    let app = spawn_app_without_database().await;

    let started = Instant::now();
    let response = app.get("/guide").await;

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(response.status(), 503);
    let html = response.text().await.unwrap();
    assert!(html.contains("briefly unavailable"), "{html}");
}

#[tokio::test]
async fn the_guide_server_function_answers_503_when_the_database_is_down() {
    let app = spawn_app_without_database().await;

    let started = Instant::now();
    let response = app.call("guide", "").await;

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(response.status(), 503);
    let error: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error, serde_json::json!("Unavailable"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_connection_killed_by_postgres_is_reported_as_unavailable_not_as_a_bug(pool: PgPool) {
    // Arrange: what a restarting or shutting-down Postgres sends (SQLSTATE 57P01).
    let mut conn = pool.acquire().await.unwrap();

    // Act
    let error = sqlx::query("SELECT pg_terminate_backend(pg_backend_pid())")
        .execute(&mut *conn)
        .await
        .expect_err("Postgres ended the session");

    // Assert
    assert_eq!(app::AppError::from(error), app::AppError::Unavailable);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_broken_query_is_reported_as_an_internal_error(pool: PgPool) {
    let error = sqlx::query("SELECT no_such_column FROM skills")
        .execute(&pool)
        .await
        .expect_err("the column does not exist");

    assert_eq!(app::AppError::from(error), app::AppError::Internal);
}
