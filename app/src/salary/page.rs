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
    let data = OnceResource::new(load_page(use_location().search.get_untracked()));
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
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(SalaryPageData { model, matching_jobs }) => {
                            view! { <Estimator model matching_jobs /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The estimator once the model is here: state, inputs and output.
#[component]
fn Estimator(model: Model, matching_jobs: Option<i64>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    cache::keep(&model);
    let model = StoredValue::new(model);
    let search = use_location().search;
    let query = RwSignal::new(SalaryQuery::parse(&search.get_untracked()).0);
    let url_notes = Memo::new(move |_| SalaryQuery::parse(&search.get()).1);
    // Back and forward (or a link to another estimate) change the URL
    // under us: follow it, unless it is the URL we just wrote.
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

/// The estimate, timed in the browser.
fn timed_estimate(inputs: &Inputs, model: &Model) -> Estimate {
    timed("salary-estimate", || estimate(inputs, model))
}

/// The page's data: from the server on the first visit; on later visits in
/// this tab, the remembered model and a fresh count; offline, the model
/// kept in local storage.
async fn load_page(search: String) -> Result<SalaryPageData, crate::AppError> {
    #[cfg(feature = "hydrate")]
    if let Some(model) = cache::get() {
        // The count follows once the page shows (see `MatchingJobs`).
        let _ = search;
        return Ok(SalaryPageData {
            model,
            matching_jobs: None,
        });
    }
    match get_salary_page(search).await {
        Ok(data) => Ok(data),
        #[cfg(feature = "hydrate")]
        Err(error) => cache::stored()
            .map(|model| SalaryPageData {
                model,
                matching_jobs: None,
            })
            .ok_or(error),
        #[cfg(not(feature = "hydrate"))]
        Err(error) => Err(error),
    }
}

#[cfg(feature = "hydrate")]
mod cache {
    use super::Model;
    use std::cell::RefCell;

    const KEY: &str = "backline.salary-model.v1";

    thread_local! {
        static MODEL: RefCell<Option<Model>> = const { RefCell::new(None) };
    }

    pub fn get() -> Option<Model> {
        MODEL.with(|m| m.borrow().clone())
    }

    /// Remembers the model for this tab and, as JSON, for offline visits.
    pub fn keep(model: &Model) {
        MODEL.with(|m| *m.borrow_mut() = Some(model.clone()));
        if let (Some(storage), Ok(json)) = (local_storage(), serde_json_wasm(model)) {
            let _ = storage.set_item(KEY, &json);
        }
    }

    pub fn stored() -> Option<Model> {
        let json = local_storage()?.get_item(KEY).ok()??;
        serde_json::from_str(&json).ok()
    }

    fn serde_json_wasm(model: &Model) -> Result<String, serde_json::Error> {
        serde_json::to_string(model)
    }

    fn local_storage() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok()?
    }
}
