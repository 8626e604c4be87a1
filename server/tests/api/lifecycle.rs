use crate::helpers::{spawn_with_config, test_config, unreachable_pool};
use server::Application;
use sqlx::PgPool;
use std::time::{Duration, Instant};

#[sqlx::test(migrations = "../migrations")]
async fn a_shutdown_signal_stops_the_server_and_closes_the_pool(pool: PgPool) {
    let application = Application::build_with_pool(test_config(&pool), pool.clone())
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until_stopped(async {
        let _ = stopped.await;
    }));

    stop.send(()).unwrap();
    let result = tokio::time::timeout(Duration::from_secs(10), server).await;

    assert!(matches!(result, Ok(Ok(Ok(())))), "{result:?}");
    assert!(pool.is_closed());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_server_on_port_zero_reports_the_port_it_got(pool: PgPool) {
    let application = Application::build_with_pool(test_config(&pool), pool)
        .await
        .unwrap();

    assert_ne!(application.port(), 0);
}

#[tokio::test]
async fn a_request_slower_than_the_request_timeout_is_cut_off_with_503() {
    // Arrange: a database that makes every page wait a full second for a
    // connection, behind a request timeout of a tenth of that.
    let pool = unreachable_pool();
    let mut config = test_config(&pool);
    config.request_timeout = Duration::from_millis(100);
    let app = spawn_with_config(config, pool).await;

    // Act
    let started = Instant::now();
    let response = app.get("/guide").await;

    // Assert: answered by the timeout, long before the pool would give up.
    assert_eq!(response.status(), 503);
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "took {:?}",
        started.elapsed()
    );
}
