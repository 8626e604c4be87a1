//! Plain HTTP routes (forms without JavaScript, downloads), listed as they
//! are added, so tests can enumerate every route the server answers
//! instead of keeping a hand-written list that a new route could miss.

use crate::AppError;
use crate::state::AppState;
use axum::{
    Router,
    body::Body,
    handler::Handler,
    http::{Method, Request},
    response::{IntoResponse, Redirect, Response},
    routing,
};
use leptos::prelude::provide_context;

/// One route: its method and its path pattern (`/booking/{token}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub method: Method,
    pub path: &'static str,
}

impl Listed {
    /// GET, HEAD and OPTIONS only read; everything else may change state.
    pub fn changes_state(&self) -> bool {
        !matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS)
    }
}

/// A router that remembers what was added to it.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    listed: Vec<Listed>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, routing::get(handler))
    }

    pub fn post<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, routing::post(handler))
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        handler: routing::MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, handler);
        self.listed.push(Listed { method, path });
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.listed.extend(other.listed);
        self
    }

    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

/// Renders the app at `path` with `echo` in context, as the answer to a
/// form that was refused: the page shows what was typed and what to fix,
/// with the error's status.
pub async fn render_page<T: Clone + Send + Sync + 'static>(
    state: AppState,
    path: &str,
    echo: T,
) -> Response {
    render_page_with(state, path, echo, http::Extensions::new()).await
}

/// [`render_page`] with some of the posted request's extensions (the staff
/// session), so the page rendered in answer sees who posted it.
pub async fn render_page_with<T: Clone + Send + Sync + 'static>(
    state: AppState,
    path: &str,
    echo: T,
    extensions: http::Extensions,
) -> Response {
    let options = state.leptos_options.clone();
    let state_shell = state.shell;
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(echo.clone());
        },
        move || (state_shell)(options.clone()),
    );
    match Request::get(path).body(Body::empty()) {
        Ok(mut request) => {
            request.extensions_mut().extend(extensions);
            render(request).await
        }
        Err(_) => Redirect::to("/").into_response(),
    }
}

/// An error as a plain-text answer with its status, for downloads.
pub fn plain_error(error: AppError) -> Response {
    (error.status_code(), error.to_string()).into_response()
}
