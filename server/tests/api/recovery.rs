//! The database goes away and comes back: the server must answer 503 quickly
//! meanwhile and recover by itself, without a restart.

use crate::helpers::spawn_with_pool;
use sqlx::{PgPool, postgres::PgPoolOptions};
use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};
use tokio::{
    net::{TcpListener, TcpStream},
    task::AbortHandle,
};

/// A TCP relay in front of the real Postgres that can be cut and restored,
/// like a network partition: while cut it drops open connections and closes
/// new ones at once.
struct DatabaseLink {
    port: u16,
    up: Arc<AtomicBool>,
    tunnels: Arc<Mutex<Vec<AbortHandle>>>,
}

impl DatabaseLink {
    async fn start(postgres: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let tunnels = Arc::new(Mutex::new(Vec::new()));
        let (relay_up, relay_tunnels) = (up.clone(), tunnels.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !relay_up.load(Ordering::SeqCst) {
                    continue; // dropping `inbound` closes it
                }
                let tunnel = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(postgres).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                relay_tunnels.lock().unwrap().push(tunnel.abort_handle());
            }
        });
        DatabaseLink { port, up, tunnels }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for tunnel in self.tunnels.lock().unwrap().drain(..) {
            tunnel.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// A pool like the server's, but reaching `pool`'s database through `link`.
fn pool_through(pool: &PgPool, link: &DatabaseLink) -> PgPool {
    let options = (*pool.connect_options())
        .clone()
        .host("127.0.0.1")
        .port(link.port);
    PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy_with(options)
}

#[sqlx::test(migrations = "../migrations")]
async fn the_server_answers_503_while_the_database_is_cut_off_and_recovers_by_itself(pool: PgPool) {
    // Arrange
    app::seed::seed_if_empty(&pool).await.unwrap();
    let options = pool.connect_options();
    let postgres: SocketAddr = format!("127.0.0.1:{}", options.get_port()).parse().unwrap();
    let link = DatabaseLink::start(postgres).await;
    let proxied = pool_through(&pool, &link);
    let app = spawn_with_pool(proxied.clone()).await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    assert_eq!(app.call("guide", "").await.status(), 200);

    // Act: cut the database off
    link.cut();
    let started = Instant::now();
    let ready = app.get("/readyz").await.status();
    let guide = app.call("guide", "").await.status();
    let page = app.get("/guide").await.status();

    // Assert: honest, quick refusals
    assert_eq!(
        [ready, guide, page].map(|status| status.as_u16()),
        [503, 503, 503]
    );
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "took {:?}",
        started.elapsed()
    );

    // Act: bring it back
    link.restore();

    // Assert: the same server works again, with no restart
    assert_eq!(app.get("/readyz").await.status(), 200);
    assert_eq!(app.call("guide", "").await.status(), 200);
    assert_eq!(app.get("/guide").await.status(), 200);
    proxied.close().await;
}
