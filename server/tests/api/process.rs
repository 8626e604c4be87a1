//! The `backline` binary itself: its command line, and what SIGTERM does
//! to a server under load.

use sqlx::PgPool;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_backline");

/// `DATABASE_URL` (as `./dev test` sets it) pointed at this test's database.
fn database_url(pool: &PgPool) -> String {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL is set for the tests");
    let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
    format!("{base}/{}", pool.connect_options().get_database().unwrap())
}

fn backline(pool: &PgPool) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url(pool))
        .env("LEPTOS_OUTPUT_NAME", "backline")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "info");
    command
}

/// A running server and the lines it logs.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

fn serve(pool: &PgPool, settings: &[(&str, &str)]) -> Server {
    let mut command = backline(pool);
    command.envs(settings.iter().copied());
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let (log, port_tx) = (log.clone(), port_tx.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://127.0.0.1:").nth(1) {
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = port_tx.send(digits.parse::<u16>().unwrap());
                }
                log.lock().unwrap().push(line);
            }
        });
    }
    let port = port_rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("the server did not start: {:?}", log.lock().unwrap()));
    Server { child, port, log }
}

fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for the process to exit; its status and how long it took.
fn exit_within(child: &mut Child, limit: Duration) -> Option<(std::process::ExitStatus, Duration)> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some((status, started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

#[test]
fn help_describes_every_command_and_needs_no_configuration() {
    for flag in ["--help", "-h", "help"] {
        let output = Command::new(BINARY).arg(flag).env_clear().output().unwrap();

        assert!(output.status.success(), "{flag}: {output:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        for command in ["seed --jobs N", "bookings", "outbox", "availability"] {
            assert!(text.contains(command), "{flag}: {text}");
        }
    }
    let unknown = Command::new(BINARY)
        .arg("frobnicate")
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
}

#[sqlx::test(migrations = "../migrations")]
async fn commands_that_send_no_links_do_not_warn_about_the_secret(pool: PgPool) {
    let output = backline(&pool).arg("outbox").output().unwrap();

    assert!(output.status.success(), "{output:?}");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("BACKLINE_SECRET"), "{all}");
}

#[sqlx::test(migrations = "../migrations")]
async fn sigterm_under_load_answers_every_request_that_had_connected_then_exits_0(pool: PgPool) {
    // Arrange: a server with a 2 s grace period, and 12 clients that keep
    // opening connections and loading a page that reads the database.
    let mut server = serve(
        &pool,
        &[
            ("BACKLINE_SHUTDOWN_GRACE_MS", "2000"),
            ("BACKLINE_SHUTDOWN_DRAIN_MS", "5000"),
        ],
    );
    let url = format!("http://127.0.0.1:{}/guide", server.port);
    let ready = format!("http://127.0.0.1:{}/readyz", server.port);
    let signalled: Arc<Mutex<Option<Instant>>> = Arc::default();
    let mut clients = Vec::new();
    for _ in 0..12 {
        let (url, signalled) = (url.clone(), signalled.clone());
        clients.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap();
            let mut results = Vec::new();
            loop {
                // A load balancer stops sending within a second of the
                // instance turning unready; so do these clients.
                let stop_after = signalled
                    .lock()
                    .unwrap()
                    .map(|at| at + Duration::from_secs(1));
                if stop_after.is_some_and(|at| Instant::now() > at) {
                    return results;
                }
                let outcome = client.get(&url).send().await.map(|r| r.status().as_u16());
                results.push(outcome.map_err(|e| e.to_string()));
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // Act
    terminate(&server.child);
    *signalled.lock().unwrap() = Some(Instant::now());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let readiness = reqwest::get(&ready).await.map(|r| r.status().as_u16());

    // Assert
    assert_eq!(
        readiness.ok(),
        Some(503),
        "readiness during the grace period"
    );
    let mut answered = 0;
    for client in clients {
        for result in client.await.unwrap() {
            assert_eq!(
                result,
                Ok(200),
                "a request was lost: {:?}",
                server.log.lock().unwrap()
            );
            answered += 1;
        }
    }
    assert!(answered > 12, "only {answered} requests were made");
    let exited = exit_within(&mut server.child, Duration::from_secs(15));
    let (status, _) = exited.expect("the server did not exit");
    assert!(
        status.success(),
        "{status}: {:?}",
        server.log.lock().unwrap()
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sigterm_with_a_stalled_client_still_exits_within_the_bound(pool: PgPool) {
    use std::io::Write;
    let mut server = serve(
        &pool,
        &[
            ("BACKLINE_SHUTDOWN_GRACE_MS", "200"),
            ("BACKLINE_SHUTDOWN_DRAIN_MS", "1000"),
            ("BACKLINE_HEADER_READ_TIMEOUT_MS", "60000"),
        ],
    );
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stalled
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stall: ")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));

    terminate(&server.child);
    let exited = exit_within(&mut server.child, Duration::from_secs(10));

    let (status, took) = exited.expect("the server did not exit");
    assert!(
        status.success(),
        "{status}: {:?}",
        server.log.lock().unwrap()
    );
    // Grace 0.2 s + drain 1 s, and some slack for a loaded machine.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_second_sigterm_skips_the_grace_period_and_exits_at_once(pool: PgPool) {
    // Arrange: a grace period far longer than the test waits.
    let mut server = serve(&pool, &[("BACKLINE_SHUTDOWN_GRACE_MS", "60000")]);
    terminate(&server.child);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the first signal drains"
    );

    // Act
    terminate(&server.child);
    let exited = exit_within(&mut server.child, Duration::from_secs(10));

    // Assert
    let (status, took) = exited.expect("the second signal did not stop it");
    assert_eq!(status.code(), Some(130), "{:?}", server.log.lock().unwrap());
    assert!(took < Duration::from_secs(5), "took {took:?}");
}
