//! Backline's web application: every page, component and server function.
//!
//! Compiled twice: with `ssr` into the Axum server, and with `hydrate` into
//! the WASM bundle. Pages are server HTML; only the interactive parts,
//! written as `#[island]`s, are hydrated in the browser (leptos `islands`),
//! so a page downloads the code of its own islands and nothing else.
//! Each capability lives in its own folder, read top to bottom as
//! types → queries (`ssr` only) → server functions → components.

// The salary page's view types nest deeply enough to need more than 128.
#![recursion_limit = "256"]

pub mod booking;
pub mod browser;
pub mod common;
pub mod dashboard;
pub mod design;
pub mod error;
pub mod guide;
pub mod home;
pub mod jobs;
pub mod layout;
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod routes;
pub mod salary;
#[cfg(feature = "ssr")]
pub mod seed;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

pub use error::AppError;

/// Every capability's plain HTTP routes (forms without JavaScript,
/// downloads), for the host to merge.
#[cfg(feature = "ssr")]
pub fn plain_routes() -> routes::Routes {
    booking::routes::routes()
        .merge(jobs::routes::routes())
        .merge(staff::routes::routes())
        .merge(staff::admin::routes::routes())
        .merge(jobs::staff::routes::routes())
        .merge(outbox::staff::routes())
        .merge(booking::staff::routes::routes())
        .merge(salary::staff::routes::routes())
}

/// The HTML document around the app. Rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::set_content_security_policy();

    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The header's colour in each scheme (style/tokens.css).
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" media="(prefers-color-scheme: light)" content="#0f3d3e" />
                <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#0b2526" />
                // The one web font, fetched with the style sheet rather than
                // after it (its file name carries its version: cache-safe).
                <link rel="preload" href="/fonts/inter-latin-wght-normal-5.3.0.woff2" r#as="font" r#type="font/woff2" crossorigin="" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: shared chrome around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Link rel="manifest" href="/manifest.webmanifest" />
        <Meta property="og:site_name" content="Backline" />
        <Router>
            <layout::SkipLink />
            <layout::Header />
            <main id="main" tabindex="-1">
                <Routes fallback=ui::NotFound>
                    <Route path=path!("") view=home::HomePage />
                    <Route path=path!("guide") view=guide::GuidePage ssr=SsrMode::Async />
                    <Route path=path!("jobs") view=jobs::JobsPage ssr=SsrMode::Async />
                    <Route path=path!("jobs/:slug") view=jobs::JobPage ssr=SsrMode::Async />
                    <Route path=path!("salary") view=salary::SalaryPage ssr=SsrMode::Async />
                    <Route path=path!("book") view=booking::page::BookPage ssr=SsrMode::Async />
                    <Route path=path!("booking/:token") view=booking::manage::ManagePage ssr=SsrMode::Async />
                    <Route path=path!("book/thanks") view=booking::page::BookThanksPage />
                    <Route path=path!("privacy") view=booking::privacy::PrivacyPage />
                    <Route path=path!("design") view=design::DesignPage />
                    <Route path=path!("staff") view=dashboard::StaffHomePage ssr=SsrMode::Async />
                    <Route path=path!("staff/login") view=staff::login::StaffLoginPage ssr=SsrMode::Async />
                    <Route path=path!("staff/password") view=staff::page::StaffPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("staff/jobs") view=jobs::staff::StaffJobsPage ssr=SsrMode::Async />
                    <Route path=path!("staff/jobs/new") view=jobs::staff::NewJobPage ssr=SsrMode::Async />
                    <Route path=path!("staff/jobs/:id") view=jobs::staff::EditJobPage ssr=SsrMode::Async />
                    <Route path=path!("staff/applications") view=jobs::staff::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("staff/applications/:id") view=jobs::staff::ApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("staff/bookings") view=booking::staff::page::StaffBookingsPage ssr=SsrMode::Async />
                    <Route path=path!("staff/bookings/:id") view=booking::staff::page::StaffBookingPage ssr=SsrMode::Async />
                    <Route path=path!("staff/availability") view=booking::staff::hours_page::AvailabilityPage ssr=SsrMode::Async />
                    <Route path=path!("staff/salary") view=salary::staff::page::SalaryEditorPage ssr=SsrMode::Async />
                    <Route path=path!("staff/salary/places/:slug") view=salary::staff::edit::SalaryPlacePage ssr=SsrMode::Async />
                    <Route path=path!("staff/salary/sources/:slug") view=salary::staff::edit::SalarySourcePage ssr=SsrMode::Async />
                    <Route path=path!("staff/outbox") view=outbox::staff::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("staff/admin/audit") view=staff::admin::audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("staff/admin/accounts") view=staff::admin::page::AccountsPage ssr=SsrMode::Async />
                    <Route path=path!("staff/admin/accounts/:id") view=staff::admin::page::AccountPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <layout::Footer />
        </Router>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::mark_hydrated;

#[cfg(feature = "ssr")]
mod security {
    use leptos::nonce::use_nonce;
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    /// Sets a Content Security Policy for this page that only lets our own
    /// files and the inline hydration script (by its per-response nonce) run.
    /// `'wasm-unsafe-eval'` is what lets the browser compile our WASM.
    pub fn set_content_security_policy() {
        let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
            return;
        };
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
