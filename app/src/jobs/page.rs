//! The `/jobs` page: a search box, filters with counts, and results.
//!
//! The whole panel is one GET form whose fields are the URL contract, so
//! without JavaScript (or before the WASM loads) submitting it asks the
//! server for the same page the URL describes. Once hydrated, every change
//! updates the URL (replace while typing, push for filters) and the results
//! follow the URL: back, forward and refresh restore the exact state.

use super::filters::FilterPanel;
use super::results::Results;
use super::{JobQuery, search_jobs};
use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

#[cfg(feature = "hydrate")]
use crate::browser::current_href;

/// Typing waits this long for a pause before searching.
#[cfg(feature = "hydrate")]
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

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

/// What turns form events into URL changes once the WASM runs. On the
/// server it does nothing: events never fire there.
#[derive(Clone, Copy)]
struct LiveSearch {
    #[cfg(feature = "hydrate")]
    typing: crate::browser::Later,
    #[cfg(feature = "hydrate")]
    navigate: StoredValue<crate::browser::Navigate, LocalStorage>,
}

fn live_search() -> LiveSearch {
    LiveSearch {
        #[cfg(feature = "hydrate")]
        typing: crate::browser::Later::for_this_page(),
        #[cfg(feature = "hydrate")]
        navigate: crate::browser::stored_navigate(),
    }
}

#[cfg(not(feature = "hydrate"))]
impl LiveSearch {
    fn typed(self, _: leptos::ev::Event) {}
    fn changed(self, _: leptos::ev::Event) {}
    fn submitted(self, _: leptos::ev::SubmitEvent) {}
}

#[cfg(feature = "hydrate")]
impl LiveSearch {
    /// Text and number fields: search after a pause, replacing the history
    /// entry, so back does not step through every keystroke.
    fn typed(self, ev: leptos::ev::Event) {
        let (Some(form), Some(input)) = (form_of(&ev), input_of(&ev)) else {
            return;
        };
        if !matches!(input.type_().as_str(), "search" | "text" | "number") {
            return;
        }
        // If a link was followed during the pause, the typing is stale.
        let typed_at = current_href();
        self.typing.run(TYPING_PAUSE, move || {
            if current_href() == typed_at {
                self.go(&form, true);
            }
        });
    }

    /// Checkboxes, radios and selects: a new history entry, right away.
    fn changed(self, ev: leptos::ev::Event) {
        let Some(form) = form_of(&ev) else { return };
        if let Some(input) = input_of(&ev)
            && matches!(input.type_().as_str(), "search" | "text" | "number")
        {
            return;
        }
        self.typing.cancel();
        self.go(&form, false);
    }

    /// Enter or the Search button: search now, as a new history entry.
    fn submitted(self, ev: leptos::ev::SubmitEvent) {
        ev.prevent_default();
        let Some(form) = form_of(&ev) else { return };
        self.typing.cancel();
        self.go(&form, false);
    }

    /// Reads the form as the browser would submit it, normalises it with
    /// `JobQuery`, and navigates there (the first page of results).
    fn go(self, form: &web_sys::HtmlFormElement, replace: bool) {
        use wasm_bindgen::JsCast;
        let Ok(data) = web_sys::FormData::new_with_form(form) else {
            return;
        };
        let Ok(params) =
            web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.unchecked_ref())
        else {
            return;
        };
        let raw: String = params.to_string().into();
        let mut next = JobQuery::parse(&raw).0.first_page();
        let search = window().location().search().unwrap_or_default();
        // "Search instead for …" holds only for the text it was offered for.
        if next.q != JobQuery::parse(search.trim_start_matches('?')).0.q {
            next.exact = false;
        }
        let href = next.href();
        if href == current_href() {
            return;
        }
        crate::browser::go(self.navigate, &href, replace);
    }
}

#[cfg(feature = "hydrate")]
fn form_of(ev: &web_sys::Event) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    ev.current_target()?.dyn_into().ok()
}

#[cfg(feature = "hydrate")]
fn input_of(ev: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into().ok()
}
