//! The `/salary` page.
//!
//! The inputs are one GET form whose fields are the URL, so without
//! JavaScript "Update estimate" asks the server for the page that URL
//! describes. The server renders the form and the estimate; the island
//! around them (`Estimator`, the model as its props) renders nothing of its
//! own: after each change it re-reads the form through the same
//! `SalaryQuery`, computes in the browser at once and draws the estimate
//! with the same functions the server used (`live.rs`); the URL
//! follows a moment later (replace, so a slider drag is one history entry).

use super::form::estimator_form;
use super::model::estimate;
use super::output::{HowWeEstimate, estimate_output, live_summary, merge_notes, notes};
use super::query::SalaryQuery;
use super::{SalaryPageData, get_salary_page};
use crate::ui::{ErrorPanel, PageTitle};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_location;

#[component]
pub fn SalaryPage() -> impl IntoView {
    let search = use_location().search.get_untracked();
    let data = OnceResource::new(get_salary_page(search.clone()));
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
                            Ok(data) => estimator_page(data, &search).into_any(),
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The form and the estimate for the URL's query, inside the island.
fn estimator_page(data: SalaryPageData, search: &str) -> impl IntoView + use<> {
    let SalaryPageData {
        model,
        matching_jobs,
    } = data;
    let (query, url_notes) = SalaryQuery::parse(search);
    let (inputs, input_notes) = query.inputs(&model);
    let estimate = estimate(&inputs, &model);
    let summary = live_summary(&estimate);
    let form = estimator_form(&model, &inputs);
    let output = estimate_output(estimate, &inputs, &model, matching_jobs);
    let notes = notes(merge_notes(url_notes, input_notes));
    // For the island, in an attribute: no island props (and so no props
    // decoder) ship.
    let encoded = model.encode();
    view! {
        <Estimator>
            <div id="salary-model" hidden data-model=encoded></div>
            {form}
            <div class="salary__output">
                <p id="salary-announce" class="visually-hidden" aria-live="polite">{summary}</p>
                <div id="salary-notes">{notes}</div>
                <div id="salary-estimate">{output}</div>
                <HowWeEstimate />
            </div>
        </Estimator>
    }
}

/// The estimator, live: the model is in the page (`#salary-model`), and
/// every estimate after a change is computed in the browser. Without it
/// (it could not be read) the form stays a plain GET form.
#[island(lazy)]
fn Estimator(children: Children) -> impl IntoView {
    crate::browser::island_hydrated();
    let live = super::live::Live::new();
    view! {
        <div
            class="salary__layout"
            on:input=move |ev| { if let Some(live) = live { live.changed(ev) } }
            on:change=move |ev| { if let Some(live) = live { live.changed(ev) } }
            on:submit=move |ev| { if let Some(live) = live { live.submitted(ev) } }
        >
            {children()}
        </div>
    }
}
