//! The page for any URL we do not have.

use super::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;

/// The page for any URL we do not have. Answers with a real 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::AppError::NotFound.set_response_status();

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
