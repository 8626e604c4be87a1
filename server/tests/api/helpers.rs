use leptos::config::LeptosOptions;
use server::{Application, Config};
use sqlx::{PgPool, postgres::PgPoolOptions};
use std::time::Duration;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request failed")
    }

    /// Calls a server function the way the browser does: a POST with a form body.
    pub async fn call(&self, endpoint: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .expect("request failed")
    }
}

pub fn test_config(pool: &PgPool) -> Config {
    Config {
        database: server::config::Database::from_options(&pool.connect_options()),
        db_acquire_timeout: Duration::from_secs(1),
        db_max_connections: 5,
        request_timeout: Duration::from_secs(10),
        leptos: LeptosOptions::builder()
            .output_name("backline")
            .site_addr(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
            .site_root("target/site")
            .build(),
        booking: app::booking::BookingConfig::default(),
        smtp: None,
        housekeeping_every: Duration::from_secs(3600),
        timeouts: server::serve::Timeouts {
            header_read: Duration::from_secs(10),
            grace: Duration::ZERO,
            drain: Duration::from_secs(5),
        },
        random_secret: false,
        staff_cookie: app::staff::auth::CookiePolicy::default(),
    }
}

/// Starts the real server on a random port around `pool`, after seeding it
/// as start-up does. The pool comes from `#[sqlx::test]`, already migrated.
pub async fn spawn_app(pool: PgPool) -> TestApp {
    app::seed::seed_if_empty(&pool)
        .await
        .expect("seeding failed");
    spawn_with_pool(pool).await
}

pub async fn spawn_with_pool(pool: PgPool) -> TestApp {
    spawn_with_config(test_config(&pool), pool).await
}

pub async fn spawn_with_config(config: Config, pool: PgPool) -> TestApp {
    server::telemetry::init();
    let application = Application::build_with_pool(config, pool)
        .await
        .expect("could not build the app");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    TestApp { address, client }
}

/// A pool whose database is unreachable: nothing listens on port 9 here.
pub fn unreachable_pool() -> PgPool {
    PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy("postgres://backline:unused@127.0.0.1:9/backline")
        .unwrap()
}

pub async fn spawn_app_without_database() -> TestApp {
    spawn_with_pool(unreachable_pool()).await
}
