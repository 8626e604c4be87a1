use crate::helpers::test_config;
use server::Application;
use sqlx::PgPool;
use std::time::Duration;

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
