//! Accepting connections, and draining them on shutdown.
//!
//! `axum::serve` sets no header-read timeout (hyper applies one only when
//! given a timer) and waits without bound for every connection on
//! shutdown, so one silent client kept the process alive after SIGTERM.
//! Here each connection is served by hyper's HTTP/1.1 builder with a timer:
//! - a client must send a request head within `header_read` of connecting,
//!   and of its previous response (hyper starts the same timer for the next
//!   head on a kept-alive connection), or the connection is closed;
//! - on the shutdown signal, `/readyz` answers 503 at once while the
//!   server keeps accepting and serving for `grace`, so a load balancer
//!   can stop sending; connections accepted from then on serve one request
//!   and close. Then it takes what is already waiting in the listen
//!   backlog, stops accepting, asks every kept-alive connection to close
//!   after its current request, and gives all of them `drain` to finish
//!   before closing the rest.
//!
//! hyper has no idle timeout apart from the header-read one, so a proxy
//! in front must close idle upstream connections sooner than `header_read`
//! (nginx `keepalive_timeout`, an ALB's idle timeout), or it may reuse one
//! just as we close it.

use axum::{Router, body::Body, extract::ConnectInfo};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use std::{
    future::Future,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};
use tokio::{
    net::{TcpListener, TcpStream},
    task::JoinSet,
};
use tower::ServiceExt;

/// How long connections may stay silent, and how shutdown proceeds.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// The longest wait for a complete request head (also the idle keep-alive limit).
    pub header_read: Duration,
    /// How long the server keeps serving after the signal, while unready.
    pub grace: Duration,
    /// How long in-flight requests then have before connections are closed.
    pub drain: Duration,
}

/// Set once shutdown has begun: readiness then answers 503.
#[derive(Clone, Debug, Default)]
pub struct Draining(Arc<AtomicBool>);

impl Draining {
    pub fn is_draining(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn start(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Serves `router` on `listener` until `shutdown` completes and the
/// connections have drained (or `drain` has passed).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()>,
    draining: Draining,
    timeouts: Timeouts,
) {
    let server = Server {
        router,
        graceful: GracefulShutdown::new(),
        connections: JoinSet::new(),
        timeouts,
        draining: false,
    };
    server.run(listener, shutdown, draining).await;
}

struct Server {
    router: Router,
    graceful: GracefulShutdown,
    connections: JoinSet<()>,
    timeouts: Timeouts,
    /// Shutdown has begun: new connections are not kept alive.
    draining: bool,
}

impl Server {
    async fn run(
        mut self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()>,
        draining: Draining,
    ) {
        tokio::pin!(shutdown);
        self.accept_until(&listener, &mut shutdown).await;

        draining.start();
        // From now on a connection serves one request and closes: it is
        // not asked to close later, when it may not have been read yet
        // (hyper closes a connection with nothing read on graceful
        // shutdown, even if the request is waiting in the socket).
        self.draining = true;
        let Timeouts { grace, drain, .. } = self.timeouts;
        tracing::info!(
            ?grace,
            "shutting down: /readyz now answers 503; still serving during the grace period"
        );
        self.accept_until(&listener, tokio::time::sleep(grace))
            .await;

        // Whoever already connected (the kernel's backlog) is served too;
        // bounded, since under steady load the backlog never empties.
        let backlog_until = tokio::time::Instant::now() + Duration::from_millis(50);
        while let Ok(accepted) = tokio::time::timeout_at(backlog_until, listener.accept()).await {
            match accepted {
                Ok((stream, client)) => self.spawn_connection(stream, client),
                Err(error) => accept_failed(error).await,
            }
        }
        drop(listener);

        let Server {
            graceful,
            mut connections,
            ..
        } = self;
        tracing::info!(
            open = graceful.count(),
            ?drain,
            "no longer accepting; finishing in-flight requests"
        );
        // Kept-alive connections close once idle; the rest finish their
        // one request. All within the drain period.
        let finished = async {
            graceful.shutdown().await;
            while connections.join_next().await.is_some() {}
        };
        if tokio::time::timeout(drain, finished).await.is_err() {
            tracing::warn!(
                open = connections.len(),
                "connections still open after the drain period: closing them"
            );
        }
        connections.abort_all();
        while connections.join_next().await.is_some() {}
    }

    /// Accepts and serves connections until `until` completes.
    async fn accept_until(&mut self, listener: &TcpListener, until: impl Future<Output = ()>) {
        tokio::pin!(until);
        loop {
            tokio::select! {
                () = &mut until => return,
                accepted = listener.accept() => match accepted {
                    Ok((stream, client)) => self.spawn_connection(stream, client),
                    Err(error) => accept_failed(error).await,
                },
                // Reap finished connections so the set does not grow.
                Some(_) = self.connections.join_next(), if !self.connections.is_empty() => {}
            }
        }
    }

    fn spawn_connection(&mut self, stream: TcpStream, client: SocketAddr) {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
        let router = self.router.clone();
        // Handlers read the client's address (rate limits) as axum's `ConnectInfo`.
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(client));
            router.clone().oneshot(request.map(Body::new))
        });
        // HTTP/1.1 only: hyper-util's `auto` builder first waits, without
        // any timeout, for enough bytes to tell HTTP/1 from HTTP/2, so a
        // connection that sends nothing was never timed out. Browsers speak
        // HTTP/2 only over TLS, which a proxy in front of us terminates.
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(self.timeouts.header_read)
            .keep_alive(!self.draining)
            .serve_connection(TokioIo::new(stream), service);
        let ended = |result: Result<(), hyper::Error>| {
            if let Err(error) = result {
                // Timeouts and clients that hang up are routine.
                tracing::debug!(%error, "connection ended with an error");
            }
        };
        if self.draining {
            self.connections
                .spawn(async move { ended(connection.await) });
        } else {
            let connection = self.graceful.watch(connection);
            self.connections
                .spawn(async move { ended(connection.await) });
        }
    }
}

/// Errors on one connection (the client gave up first) need no pause;
/// others (out of file descriptors) get one, so the loop does not spin.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed; pausing for a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
