//! The chrome every page shares: skip link, header, footer, and the pages
//! shown when something is missing or broken.

use crate::AppError;
use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::A;

/// Lets keyboard users jump past the navigation straight to the content.
/// `target="_self"` keeps the router from handling the click, so the
/// browser does its native fragment jump, which also moves focus to `<main>`.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" target="_self">
            "Skip to content"
        </a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/" aria-label="Backline home">
                    <span class="brand__mark" aria-hidden="true">"◢"</span>
                    <span class="brand__name">"Backline"</span>
                </a>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        <li><A href="/jobs">"Jobs"</A></li>
                        <li><A href="/salary">"Salary"</A></li>
                        <li><A href="/guide">"Guide"</A></li>
                    </ul>
                </nav>
                <crate::booking::dialog::BookButton />
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>
                    <strong>"Backline"</strong>
                    " — careers for back-end developers: jobs, pay, and a path in."
                </p>
                <nav aria-label="Footer">
                    <ul>
                        <li><a href="/jobs">"Find a job"</a></li>
                        <li><a href="/salary">"Estimate your salary"</a></li>
                        <li><a href="/guide">"Become a back-end developer"</a></li>
                        <li><a href="/book">"Book a demo lesson"</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// The page for any URL we do not have. Answers with a real 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    AppError::NotFound.set_response_status();

    view! {
        <PageTitle text="Page not found — Backline" />
        <Meta name="description" content="This page does not exist on Backline." />
        <section class="page page--narrow">
            <h1>"We could not find that page"</h1>
            <p>"The link may be old, or the address mistyped. These are the places people usually look for:"</p>
            <ul class="link-list">
                <li><a href="/jobs">"Job offers for back-end developers"</a></li>
                <li><a href="/salary">"The salary estimator"</a></li>
                <li><a href="/guide">"The guide to becoming a back-end developer"</a></li>
            </ul>
        </section>
    }
}

/// Shows an error in place of content, and gives the page its honest status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    error.set_response_status();

    view! {
        <div class="error-panel" role="alert">
            <h2>"This part of the page could not load"</h2>
            <p>{error.to_string()}</p>
        </div>
    }
}
