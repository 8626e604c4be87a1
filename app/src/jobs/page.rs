//! The `/jobs` page: a search box, filters with counts, and results.
//!
//! The whole panel is one GET form whose fields are the URL contract, so
//! without JavaScript (or before the WASM loads) submitting it asks the
//! server for the same page the URL describes. Once hydrated, every change
//! updates the URL (replace while typing, push for filters) and the results
//! follow the URL: back, forward and refresh restore the exact state.

use super::filters::FilterPanel;
use super::live::live_search;
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
    let (pending, set_pending) = signal(false);
    let live = live_search();

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
            <header class="page__header">
                <p class="eyebrow">"Jobs"</p>
                <h1>"Back-end developer jobs"</h1>
                <p class="lede">
                    "Employee, freelance, agency and temporary offers. Results follow as you type."
                </p>
            </header>
            <form
                class="jobs__form"
                method="get"
                action="/jobs"
                role="search"
                aria-label="Job search"
                on:input=move |ev| live.typed(ev)
                on:change=move |ev| live.changed(ev)
                on:submit=move |ev| live.submitted(ev)
            >
                <SearchBox query />
                {transition(query, results, pending, set_pending)}
            </form>
        </section>
    }
}

type ResultsResource = Resource<Result<super::SearchPage, crate::AppError>>;

/// Filters and results; while newer results load, the old ones stay.
/// `set_pending` only in the browser: on the server the transition's effect
/// would run after the request ended (leptos 0.8.23 then panics on a
/// disposed signal), and there is nothing pending to show there anyway.
/// No upstream issue covers this case (none found, 2026-12); leptos #4391
/// is the general report of use-after-dispose panics.
fn transition(
    query: Memo<JobQuery>,
    results: ResultsResource,
    pending: ReadSignal<bool>,
    set_pending: WriteSignal<bool>,
) -> AnyView {
    let fallback = || view! { <p class="loading">"Loading jobs…"</p> };
    let layout = move || {
        view! {
            <div class="jobs__layout">
                <FilterPanel query results />
                <Results query results pending />
            </div>
        }
    };
    #[cfg(feature = "hydrate")]
    return view! { <Transition fallback set_pending>{layout()}</Transition> }.into_any();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = set_pending;
        view! { <Transition fallback>{layout()}</Transition> }.into_any()
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
            <label for="job-q" class="searchbox__label">
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
                <button type="submit" class="button">
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
