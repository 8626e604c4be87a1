//! Connections that send nothing, or half a request, are closed; shutdown
//! drains in-flight requests, and a stalled client cannot hold it up.

use crate::helpers::{test_config, unreachable_pool};
use server::{Application, Config};
use sqlx::PgPool;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Running {
    address: String,
    port: u16,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(config: Config, pool: PgPool) -> Running {
    server::telemetry::init();
    let application = Application::build_with_pool(config, pool).await.unwrap();
    let port = application.port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until_stopped(async {
        let _ = stopped.await;
    }));
    Running {
        address: format!("http://127.0.0.1:{port}"),
        port,
        stop,
        server,
    }
}

/// Waits for the server to close `stream`; returns how long that took,
/// or `None` if it was still open after `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buffer = [0_u8; 4096];
    loop {
        match tokio::time::timeout_at((started + limit).into(), stream.read(&mut buffer)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(started.elapsed()),
            // A 408 or the response to a request: keep reading until EOF.
            Ok(Ok(_)) => {}
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn silent_and_half_sent_connections_are_closed_after_the_header_timeout(pool: PgPool) {
    // Arrange
    let mut config = test_config(&pool);
    config.timeouts.header_read = Duration::from_millis(300);
    let running = start(config, pool).await;
    let addr = format!("127.0.0.1:{}", running.port);
    let mut silent = Vec::new();
    for _ in 0..200 {
        silent.push(TcpStream::connect(&addr).await.unwrap());
    }
    let mut half = TcpStream::connect(&addr).await.unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .unwrap();
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();

    // Act and assert: every one is closed, long before a client would give up.
    let limit = Duration::from_secs(5);
    for (n, stream) in silent.iter_mut().enumerate() {
        assert!(
            closed_within(stream, limit).await.is_some(),
            "silent connection {n} still open"
        );
    }
    assert!(
        closed_within(&mut half, limit).await.is_some(),
        "half a request head kept it open"
    );
    assert!(
        closed_within(&mut idle, limit).await.is_some(),
        "an idle kept-alive connection stayed open"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn while_draining_readiness_fails_but_requests_are_still_served(pool: PgPool) {
    // Arrange
    let mut config = test_config(&pool);
    config.timeouts.grace = Duration::from_millis(1500);
    let running = start(config, pool).await;
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(format!("{}/readyz", running.address))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Act
    running.stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;

    // Assert
    let ready = client
        .get(format!("{}/readyz", running.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    assert!(ready.text().await.unwrap().contains("shutting down"));
    let fresh = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let page = fresh
        .get(format!("{}/guide", running.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        200,
        "a new connection is still served during the grace period"
    );
    let stopped = tokio::time::timeout(Duration::from_secs(10), running.server).await;
    assert!(matches!(stopped, Ok(Ok(Ok(())))), "{stopped:?}");
}

#[tokio::test]
async fn a_request_in_flight_when_shutdown_begins_gets_its_answer() {
    // Arrange: every page waits a second for a database that is not there.
    let pool = unreachable_pool();
    let config = test_config(&pool);
    let running = start(config, pool).await;
    let mut stream = TcpStream::connect(format!("127.0.0.1:{}", running.port))
        .await
        .unwrap();
    stream
        .write_all(b"GET /guide HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    // The server has read it once the database wait has begun.
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Act
    running.stop.send(()).unwrap();

    // Assert: the answer arrives (503, the database is down), not a reset.
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    let stopped = tokio::time::timeout(Duration::from_secs(10), running.server).await;
    assert!(matches!(stopped, Ok(Ok(Ok(())))), "{stopped:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_stalled_client_cannot_hold_up_shutdown_past_the_drain_period(pool: PgPool) {
    // Arrange: a header timeout far longer than the drain period, so only
    // the drain bound can end the stalled connection.
    let mut config = test_config(&pool);
    config.timeouts.header_read = Duration::from_secs(60);
    config.timeouts.drain = Duration::from_millis(500);
    let running = start(config, pool.clone()).await;
    let mut stalled = TcpStream::connect(format!("127.0.0.1:{}", running.port))
        .await
        .unwrap();
    // A form whose body never finishes: the server waits for the rest.
    stalled
        .write_all(
            b"POST /book HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 100\r\n\r\nname=",
        )
        .await
        .unwrap();
    assert_eq!(
        closed_within(&mut stalled, Duration::from_millis(300)).await,
        None,
        "the stalled request should still be open when shutdown begins"
    );

    // Act
    let started = Instant::now();
    running.stop.send(()).unwrap();
    let stopped = tokio::time::timeout(Duration::from_secs(10), running.server).await;

    // Assert
    assert!(matches!(stopped, Ok(Ok(Ok(())))), "{stopped:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(pool.is_closed());
}

#[sqlx::test(migrations = "../migrations")]
async fn requests_that_connect_during_the_grace_period_are_answered(pool: PgPool) {
    // Arrange
    let grace = Duration::from_millis(400);
    let mut config = test_config(&pool);
    config.timeouts.grace = grace;
    let running = start(config, pool).await;
    let addr = format!("127.0.0.1:{}", running.port);

    // Act: a new client every 10 ms, from the signal until after the
    // listener has closed. Each connection serves one request and closes.
    running.stop.send(()).unwrap();
    let started = Instant::now();
    let mut clients = Vec::new();
    while started.elapsed() < grace + Duration::from_millis(300) {
        let addr = addr.clone();
        clients.push(tokio::spawn(async move {
            let connected_at = started.elapsed();
            let Ok(mut stream) = TcpStream::connect(&addr).await else {
                return (connected_at, "refused".to_owned());
            };
            let _ = stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .await;
            let mut response = Vec::new();
            let _ = stream.read_to_end(&mut response).await;
            let status = String::from_utf8_lossy(&response)
                .lines()
                .next()
                .unwrap_or("closed without an answer")
                .to_owned();
            (connected_at, status)
        }));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // Assert: everything that connected before the grace period ended is
    // answered; after it, a client is refused (or, in the instant the
    // listener closes, may be reset: that is the kernel's, not ours).
    let mut outcomes = Vec::new();
    for client in clients {
        outcomes.push(client.await.unwrap());
    }
    let within_grace: Vec<_> = outcomes
        .iter()
        .filter(|(at, _)| *at + Duration::from_millis(20) < grace)
        .collect();
    assert!(within_grace.len() > 10, "{outcomes:?}");
    assert!(
        within_grace
            .iter()
            .all(|(_, status)| status == "HTTP/1.1 200 OK"),
        "{outcomes:?}"
    );
    assert!(
        outcomes.iter().any(|(_, status)| status == "refused"),
        "the listener closed after the grace period: {outcomes:?}"
    );
}
