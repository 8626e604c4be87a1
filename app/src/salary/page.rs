//! The `/salary` page.
//!
//! The inputs are one GET form whose fields are the URL, so without
//! JavaScript "Update estimate" asks the server for the page that URL
//! describes. Once hydrated, every change re-reads the form through the same
//! `SalaryQuery` and recomputes in the browser at once; the URL follows a
//! moment later (replace, so a slider drag is one history entry).

use super::form::EstimatorForm;
use super::model::{Estimate, Inputs, Model, estimate};
use super::output::{EstimateView, MatchingJobs};
use super::query::SalaryQuery;
use super::{SalaryPageData, chart::Chart, get_salary_page};
use crate::ui::PageTitle;
use crate::ui::{ErrorPanel, timed};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

#[component]
pub fn SalaryPage() -> impl IntoView {
    // The URL as the page was opened; later changes are the estimator's own.
    let search = use_location().search.get_untracked();
    let data = OnceResource::new(load_page(search.clone()));
    view! {
        <PageTitle text="Salary estimator — Backline" />
        <Meta
            name="description"
            content="What a back-end developer earns by location, experience, skills and type of work: a range with its sources, not a single number."
        />
        <section class="page salary">
            <header class="page__header">
                <p class="eyebrow">"Salary"</p>
                <h1>"Salary estimator"</h1>
                <p class="lede">
                    "What a back-end developer earns, as a range, with where each figure comes from and how sure we are."
                </p>
            </header>
            <Suspense fallback=|| view! { <p class="loading">"Loading the salary model…"</p> }>
                {move || Suspend::new({
                    let search = search.clone();
                    async move {
                    match data.await {
                        Ok(SalaryPageData { model, matching_jobs }) => {
                            view! { <Estimator model matching_jobs search=search.clone() /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                }})}
            </Suspense>
        </section>
    }
}

/// The estimator once the model is here: state, inputs and output. An
/// island: the model comes as its props, and every estimate is computed
/// in the browser. `search` is the query string the page was opened with.
#[island(lazy)]
fn Estimator(model: Model, matching_jobs: Option<i64>, search: String) -> impl IntoView {
    crate::browser::island_hydrated();
    let model = StoredValue::new(model);
    let search = RwSignal::new(search);
    let query = RwSignal::new(SalaryQuery::parse(&search.get_untracked()).0);
    let url_notes = Memo::new(move |_| SalaryQuery::parse(&search.get()).1);
    // Back and forward change the URL under us: follow it, unless it is
    // the URL we just wrote.
    follow_history(search);
    Effect::new(move |_| {
        let from_url = SalaryQuery::parse(&search.get()).0;
        if from_url.render() != query.get_untracked().render() {
            query.set(from_url);
        }
    });
    let resolved = Memo::new(move |_| model.with_value(|m| query.get().inputs(m)));
    let inputs = Memo::new(move |_| resolved.get().0);
    let estimate = Memo::new(move |_| model.with_value(|m| timed_estimate(&inputs.get(), m)));
    // What the form's last change could not use (typed 60 years, say).
    let form_notes = RwSignal::new(Vec::<String>::new());
    let notes = Signal::derive(move || {
        let mut notes = url_notes.get();
        for note in form_notes.get().into_iter().chain(resolved.get().1) {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        notes
    });

    view! {
        <div class="salary__layout">
            <EstimatorForm model query inputs notes=form_notes />
            <div class="salary__output">
                <Notes notes />
                <EstimateView estimate model>
                    <MatchingJobs inputs model initial=matching_jobs />
                    <Chart inputs model />
                </EstimateView>
            </div>
        </div>
    }
}

#[component]
fn Notes(notes: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let notes = notes.get();
        (!notes.is_empty()).then(|| {
            view! {
                <div class="notice notice--warning" role="status">
                    <p>"Some of the link could not be used:"</p>
                    <ul>{notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// Keeps `search` equal to the address bar's query when the visitor goes
/// back or forward (there is no router inside an island).
fn follow_history(search: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let here = window().location().search().unwrap_or_default();
            let here = here.trim_start_matches('?');
            // A jump to `#main` is a history entry with the same query:
            // setting it again would undo a change the URL has not caught up with.
            if search.with_untracked(|search| search != here) {
                search.set(here.to_owned());
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = search;
}

/// The estimate, timed in the browser.
fn timed_estimate(inputs: &Inputs, model: &Model) -> Estimate {
    timed("salary-estimate", || estimate(inputs, model))
}

/// The page's data, loaded on the server for the URL it was opened with.
async fn load_page(search: String) -> Result<SalaryPageData, crate::AppError> {
    get_salary_page(search).await
}
