//! Building and running the server: the pool, migrations, routes and layers.

use crate::serve::{self, Draining, Timeouts};
use crate::{config::Config, cross_site, health};
use app::routes::Listed;
use app::{App, shell, state::AppState};
use axum::{
    Extension, Router,
    body::Body,
    extract::State,
    handler::Handler,
    http::{HeaderName, HeaderValue, Request, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use leptos::prelude::{IntoAny, provide_context};
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use sqlx::{
    PgPool,
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
};
use std::{any::Any, future::Future, net::SocketAddr, sync::OnceLock};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::{ResponseBodyTimeoutLayer, TimeoutLayer},
    trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer},
};

/// The migrations in `migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Server functions take small JSON or form bodies; anything larger is refused with 413.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Pages other than the app's own (static files, health checks, errors) get
/// this strict policy; pages set their own, with the hydration script's nonce.
const FALLBACK_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("could not reach or migrate the database at {summary}")]
    Migrate {
        summary: String,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("could not seed demo data")]
    Seed(#[source] sqlx::Error),
    #[error("could not listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// A server that is bound to its port and ready to run.
pub struct Application {
    port: u16,
    listener: TcpListener,
    router: Router,
    pool: PgPool,
    /// The outbox worker and housekeeping, stopped with the server.
    background: Vec<tokio::task::JoinHandle<()>>,
    draining: Draining,
    timeouts: Timeouts,
}

impl Application {
    /// Connects to Postgres, migrates, seeds an empty database and binds the port.
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        let pool = connect_pool(&config);
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| StartupError::Migrate {
                summary: config.database_summary().to_owned(),
                source,
            })?;
        app::seed::seed_if_empty(&pool)
            .await
            .map_err(StartupError::Seed)?;
        Self::build_with_pool(config, pool).await
    }

    /// Binds the port and builds the routes around an existing pool, which is
    /// neither migrated nor even connected yet: tests use this to run the
    /// server against a fresh database, or against one that is down.
    pub async fn build_with_pool(config: Config, pool: PgPool) -> Result<Self, StartupError> {
        let addr = config.addr();
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartupError::Bind { addr, source })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Bind { addr, source })?
            .port();
        let draining = Draining::default();
        let router = router(&config, pool.clone(), draining.clone());
        let mut background = vec![
            tokio::spawn(app::booking::store::run_housekeeping(
                pool.clone(),
                config.housekeeping_every,
            )),
            tokio::spawn(app::staff::accounts::run_housekeeping(
                pool.clone(),
                config.housekeeping_every,
            )),
        ];
        match config.smtp.clone() {
            Some(smtp) => {
                let booking = config.booking.clone();
                background.push(tokio::spawn(app::outbox::run(
                    pool.clone(),
                    smtp,
                    move |mail| app::booking::mail::with_manage_link(&booking, mail),
                )))
            }
            None => tracing::warn!(
                "BACKLINE_SMTP_HOST is not set: booking emails wait in the outbox table until it is"
            ),
        }
        Ok(Application {
            port,
            listener,
            router,
            pool,
            background,
            draining,
            timeouts: config.timeouts,
        })
    }

    /// The port actually bound; differs from the configured one when that was 0.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until `shutdown` completes, then drains (see [`serve`]): the
    /// server stays up, unready, for the grace period, finishes in-flight
    /// requests within the drain period, stops its background tasks and
    /// closes the pool.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let Application {
            listener,
            router,
            pool,
            background,
            draining,
            timeouts,
            ..
        } = self;
        serve::serve(listener, router, shutdown, draining, timeouts).await;
        for task in background {
            task.abort();
        }
        pool.close().await;
        tracing::info!("stopped cleanly");
        Ok(())
    }
}

/// A lazy pool: the server starts without waiting for Postgres, and a request
/// that cannot get a connection within the acquire timeout fails with 503
/// instead of hanging. Connections are re-established when Postgres returns.
pub fn connect_pool(config: &Config) -> PgPool {
    PgPoolOptions::new()
        .max_connections(config.db_max_connections)
        .acquire_timeout(config.db_acquire_timeout)
        .connect_lazy_with(session_settings(config.database.connect_options()))
}

/// Settings every connection of ours gets.
///
/// `force_custom_plan`: sqlx prepares every statement, and after five runs
/// Postgres may switch to a generic plan that cannot see which optional
/// filters are empty. For the search that means scanning every document
/// instead of asking the full-text index; planning each time costs about
/// a millisecond.
pub fn session_settings(options: PgConnectOptions) -> PgConnectOptions {
    options.options([("plan_cache_mode", "force_custom_plan")])
}

/// Every plain route (forms, downloads), as the router below adds them.
pub fn plain_routes() -> Vec<Listed> {
    app::plain_routes().listed().to_vec()
}

fn router(config: &Config, pool: PgPool, draining: Draining) -> Router {
    let options = config.leptos.clone();
    let state = AppState {
        leptos_options: options.clone(),
        pool,
        booking: config.booking.clone(),
        shell: |options| shell(options).into_any(),
    };
    let routes = route_list();
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let site_root = options.site_root.to_string();

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            ServiceBuilder::new()
                // Bundle names carry a content hash, so they never change in place.
                // Only on success: a 404 for a missing bundle must not be cached for a year.
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    |response: &Response<_>| {
                        response.status().is_success().then(|| {
                            HeaderValue::from_static("public, max-age=31536000, immutable")
                        })
                    },
                ))
                .service(
                    ServeDir::new(pkg_dir)
                        .precompressed_br()
                        .precompressed_gzip(),
                ),
        )
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .merge(app::plain_routes().into_router())
        // Files from `public/` (favicon, manifest, robots.txt), and the app's
        // own 404 page for anything else. Not leptos_axum's
        // `file_and_error_handler`: for a file it looks up `ResponseOptions`
        // under whatever reactive owner the worker thread last ran, which can
        // be a page still rendering. The file then takes that page's headers
        // (they are moved, not copied), and the page goes out without the
        // policy that lets its hydration script run. Static files began
        // taking `ResponseOptions` with leptos PR #4394; no upstream issue
        // reports the headers moving between requests (none found, 2026-12).
        .fallback_service(
            ServeDir::new(site_root)
                .precompressed_br()
                .precompressed_gzip()
                .call_fallback_on_method_not_allowed(true)
                .fallback(not_found_page.with_state(state.clone())),
        )
        .layer(middleware::from_fn(read_whole_body))
        // The staff session (only requests with its cookie touch the
        // database), inside the cross-site refusal.
        .layer(app::staff::auth::layer(
            state.pool.clone(),
            config.staff_cookie,
        ))
        .layer(Extension(config.staff_cookie))
        // Before the body is read: a refused request costs nothing more.
        .layer(middleware::from_fn_with_state(
            cross_site::SiteOrigin::from_public_url(&config.booking.public_url),
            cross_site::refuse_cross_site,
        ))
        .layer(Extension(draining))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
                        // A 5xx is logged where it arises (AppError::internal logs at
                        // ERROR); here a warning is enough, so an outage does not flood.
                        .on_failure(DefaultOnFailure::new().level(tracing::Level::WARN)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(FALLBACK_CSP),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                .layer(CatchPanicLayer::custom(panic_response))
                .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
                .layer(CompressionLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    config.request_timeout,
                )),
        )
        // The timeout above bounds the wait for the headers only; a body
        // that stops mid-stream is cut off after the same pause.
        .layer(ResponseBodyTimeoutLayer::new(config.request_timeout))
        .with_state(state)
}

/// The app's routes, worked out once per process. Leptos does it by
/// rendering the app with resource loading switched off through one
/// process-wide flag; doing that while another server in the same process
/// (the tests run many) renders a page would leave that page's resources
/// waiting forever: leptos issue #4773 (open), "SSR render hangs forever
/// when a Resource first polls during a concurrent RouteList::generate".
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Renders the app for a URL no route or file answers; its router shows
/// the "not found" page with a 404.
async fn not_found_page(State(state): State<AppState>, request: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    render(request).await
}

/// Reads the request body before any handler does. A body sent without a
/// Content-Length (chunked) is only found to be too long while being read;
/// read here, it gets the same honest 413 as one whose length is declared,
/// instead of failing inside a server function as a 500.
async fn read_whole_body(request: Request<Body>, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, BODY_LIMIT_BYTES).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(error) if is_length_limit(&error) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The request is larger than the 64 KiB this server accepts.",
        )
            .into_response(),
        Err(_) => (
            StatusCode::BAD_REQUEST,
            "The request body could not be read.",
        )
            .into_response(),
    }
}

fn is_length_limit(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Only the method, the path and the request id: query strings and bodies
/// may carry personal data and stay out of the log.
fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    let path = loggable_path(request.uri().path());
    tracing::info_span!("request", id = %id, method = %request.method(), path = %path)
}

/// A booking's manage token is a password: its paths are logged without it.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/booking/") {
        Some(rest) => {
            let tail = rest.find('/').map_or("", |i| &rest[i..]);
            format!("/booking/[token]{tail}").into()
        }
        None => path.into(),
    }
}

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. It has been logged and we will look into it.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_tokens_never_reach_the_log() {
        let token = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            loggable_path(&format!("/booking/{token}")),
            "/booking/[token]"
        );
        assert_eq!(
            loggable_path(&format!("/booking/{token}/lesson.ics")),
            "/booking/[token]/lesson.ics"
        );
        assert_eq!(loggable_path("/jobs/rust-engineer"), "/jobs/rust-engineer");
    }

    #[tokio::test]
    async fn a_panic_becomes_a_500_that_reveals_nothing_of_it() {
        let cases: [Box<dyn Any + Send>; 3] = [
            Box::new("secret detail"),
            Box::new(String::from("secret detail")),
            Box::new(42_u8),
        ];
        for panic in cases {
            let response = panic_response(panic);

            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            let body = axum::body::to_bytes(response.into_body(), 4096)
                .await
                .unwrap();
            let body = String::from_utf8_lossy(&body);
            assert!(body.contains("Something went wrong on our side"), "{body}");
            assert!(!body.contains("secret"), "{body}");
        }
    }
}
