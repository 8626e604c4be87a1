//! The `/jobs` page: a search box, filters with counts, and results.
//!
//! The whole panel is one GET form whose fields are the URL contract, so
//! without JavaScript (or before the WASM loads) submitting it asks the
//! server for the same page the URL describes. Once hydrated, the form's
//! island (`live.rs`) updates the URL (replace while typing, push for
//! filters) and swaps in the server's filters and results for it: back,
//! forward and refresh restore the exact state.

use super::filters::FilterPanel;
use super::live::LiveSearch;
use super::results::Results;
use super::{JobQuery, search_jobs};
use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

#[component]
pub fn JobsPage() -> impl IntoView {
    let search = use_location().search;
    let query = Memo::new(move |_| JobQuery::parse(&search.get()).0);
    // Keyed by the raw query string: the server parses it again and notes
    // what it ignored. Leptos drops a response that a newer one superseded.
    let results = Resource::new(move || search.get(), search_jobs);

    view! {
        // leptos_meta may read the title after the page's reactive owner is
        // gone (seen once under load, as a panic and a 500); the plain
        // title then stands in.
        <PageTitle text=move || query.try_get().map_or_else(|| page_title(&JobQuery::default()), |q| page_title(&q)) />
        <Meta
            name="description"
            content="Back-end developer jobs for employees, freelancers, agencies and temporary workers: filter by skill, workplace, seniority, salary and location."
        />
        <section class="page jobs">
            <header class="jobs__head">
                <h1>"Back-end developer jobs"</h1>
                <p class="jobs__lede">"Employee, freelance, agency and temporary offers."</p>
            </header>
            <LiveSearch>
                <form class="jobs__form" method="get" action="/jobs" role="search" aria-label="Job search">
                    <SearchBox query />
                    <Suspense fallback=|| view! { <p class="loading">"Loading jobs…"</p> }>
                        <div class="jobs__layout">
                            <FilterPanel query results />
                            <Results query results />
                        </div>
                    </Suspense>
                </form>
            </LiveSearch>
        </section>
    }
}

fn page_title(query: &JobQuery) -> String {
    match query.text() {
        "" => "Back-end developer jobs — Backline".into(),
        text => format!("“{text}” jobs — Backline"),
    }
}

#[component]
fn SearchBox(query: Memo<JobQuery>) -> impl IntoView {
    let q = move || query.get().q;
    view! {
        <div class="searchbox">
            <label for="job-q" class="visually-hidden">
                "Search jobs"
            </label>
            <div class="searchbox__row">
                <input
                    id="job-q"
                    name="q"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength=super::query::MAX_QUERY_CHARS
                    placeholder="Python, “senior go”, node -php…"
                    aria-describedby="job-q-help"
                    value=q
                    prop:value=q
                />
                <button type="submit" class="button button--primary">
                    "Search"
                </button>
            </div>
            // Keeps "search exactly as typed" while other filters change.
            {move || query.get().exact.then(|| view! { <input type="hidden" name="exact" value="1" /> })}
            <p id="job-q-help" class="hint">
                "Use quotes for a phrase, a minus to leave a word out, and “or” for either."
            </p>
        </div>
    }
}
