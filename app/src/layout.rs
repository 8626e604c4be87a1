//! The chrome every page shares: skip link, header and footer. The app
//! level: it may use any capability (the header's booking button).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Lets keyboard users jump past the navigation straight to the content:
/// the browser's native fragment jump, which also moves focus to `<main>`.
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
                        <NavLink href="/jobs" text="Jobs" />
                        <NavLink href="/salary" text="Salary" />
                        <NavLink href="/guide" text="Guide" />
                    </ul>
                </nav>
                <crate::booking::dialog::BookButton />
            </div>
        </header>
    }
}

/// A link of the main navigation, marked as the current page on its own
/// section (`/jobs` and every job page under it). Pages are rendered on
/// the server, which knows the path.
#[component]
fn NavLink(href: &'static str, text: &'static str) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let current = path == href || path.starts_with(&format!("{href}/"));
    view! {
        <li>
            <a href=href aria-current=current.then_some("page")>{text}</a>
        </li>
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
