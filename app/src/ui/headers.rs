//! Response headers a page sets while it renders on the server.

/// Pages with personal data or a fresh idempotency key must never be
/// cached by a browser or a proxy. In the browser this does nothing.
pub fn private_page() {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}
