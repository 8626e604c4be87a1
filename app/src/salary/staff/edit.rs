//! `/staff/salary/places/:slug` (a place's figures) and
//! `/staff/salary/sources/:slug` (a source; `new` for a blank one).

use super::forms::{PlaceForm, SOURCE_KINDS, SourceForm};
use super::{staff_salary_place, staff_salary_source};
use crate::common::fixed;
use crate::salary::model::{Location, Source};
use crate::staff::StaffMe;
use crate::staff::shell::StaffPage;
use crate::ui::ErrorPanel;
use crate::ui::form::{
    FormSummary, SelectField, TextAreaField, TextField, message_for as message, refused,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn slug() -> String {
    use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default()
}

#[component]
pub fn SalaryPlacePage() -> impl IntoView {
    view! { <StaffPage title="Salary figures".into() page=format!("/staff/salary/places/{}", slug()) content=place /> }
}

fn place(_me: StaffMe) -> impl IntoView {
    let one = OnceResource::new(staff_salary_place(slug()));
    view! {
        <p class="breadcrumb"><a href="/staff/salary">"← Salary model"</a></p>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match one.await {
                    Ok((place, sources)) => view! { <PlaceEditor place sources /> }.into_any(),
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        error.set_response_status();
                        view! { <ErrorPanel error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlaceEditor(place: Location, sources: Vec<Source>) -> impl IntoView {
    let (typed, error) = match refused::<PlaceForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (
            place
                .figures
                .as_ref()
                .map_or_else(PlaceForm::default, |f| PlaceForm {
                    p25: fixed(f.p25, 0),
                    median: fixed(f.median, 0),
                    p75: fixed(f.p75, 0),
                    year: f.year.to_string(),
                    sample: f.sample_size.map(|n| n.to_string()).unwrap_or_default(),
                    basis: f.basis.clone(),
                    source: f.source.clone(),
                }),
            None,
        ),
    };
    let options = sources
        .iter()
        .map(|s| {
            (
                s.slug.clone(),
                format!("{} ({}, {})", s.title, s.year, s.kind.label()),
            )
        })
        .collect();
    let currency = place.currency.code();
    let m = |field: &str| message(&error, field);
    view! {
        <header class="staff__head"><h1>{format!("Figures for {}", place.label())}</h1></header>
        <form class="card staff-form job-editor" method="post" action=format!("/staff/salary/places/{}", place.slug) novalidate>
            <p class="muted">{format!("Yearly, gross, in {currency}, across experience levels. Leave every figure empty to show “not enough data” and offer the nearest place with figures.")}</p>
            <FormSummary form="place" error=Signal::stored(error.clone()) />
            <div class="job-editor__grid">
                <TextField form="place" name="p25" label="25th percentile" kind="text" autocomplete="off" value=typed.p25 message=m("p25") />
                <TextField form="place" name="median" label="Median" kind="text" autocomplete="off" value=typed.median message=m("median") />
                <TextField form="place" name="p75" label="75th percentile" kind="text" autocomplete="off" value=typed.p75 message=m("p75") />
                <TextField form="place" name="year" label="Year described" kind="text" autocomplete="off" value=typed.year message=m("year") />
                <TextField form="place" name="sample" label="Salaries behind them (optional)" kind="text" autocomplete="off" value=typed.sample message=m("sample") />
            </div>
            <TextAreaField id="place-basis" name="basis" label="What the figures are" rows=3 maxlength=400 hint="One line a visitor reads under the estimate.".into() value=typed.basis message=m("basis") />
            <SelectField form="place" name="source" label="Source" options chosen=typed.source message=m("source") />
            <button type="submit" class="button button--primary">"Save the figures"</button>
        </form>
    }
}

#[component]
pub fn SalarySourcePage() -> impl IntoView {
    view! { <StaffPage title="Salary source".into() page=format!("/staff/salary/sources/{}", slug()) content=source /> }
}

fn source(_me: StaffMe) -> impl IntoView {
    let one = OnceResource::new(staff_salary_source(slug()));
    view! {
        <p class="breadcrumb"><a href="/staff/salary">"← Salary model"</a></p>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match one.await {
                    Ok(source) => view! { <SourceEditor source /> }.into_any(),
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        error.set_response_status();
                        view! { <ErrorPanel error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn SourceEditor(source: Option<Source>) -> impl IntoView {
    let existing = source.as_ref().map(|s| s.slug.clone());
    let (typed, error) = match refused::<SourceForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (
            source.map_or_else(SourceForm::default, |s| SourceForm {
                slug: s.slug,
                title: s.title,
                publisher: s.publisher,
                url: s.url.unwrap_or_default(),
                year: s.year.to_string(),
                kind: kind_slug(s.kind).into(),
                note: s.note,
            }),
            None,
        ),
    };
    let action = existing.as_ref().map_or_else(
        || "/staff/salary/sources".to_owned(),
        |slug| format!("/staff/salary/sources/{slug}"),
    );
    let heading = existing
        .as_ref()
        .map_or_else(|| "New source".to_owned(), |slug| format!("Source {slug}"));
    let kinds = SOURCE_KINDS
        .iter()
        .map(|(k, label)| ((*k).to_owned(), (*label).to_owned()))
        .collect();
    let m = |field: &str| message(&error, field);
    let slug_field = match &existing {
        Some(slug) => view! { <input type="hidden" name="slug" value=slug.clone() /> }.into_any(),
        None => view! { <TextField form="source" name="slug" label="Short name (like ons-ashe-2024)" kind="text" autocomplete="off" value=typed.slug.clone() message=m("slug") /> }.into_any(),
    };
    view! {
        <header class="staff__head"><h1>{heading}</h1></header>
        <form class="card staff-form job-editor" method="post" action=action novalidate>
            <FormSummary form="source" error=Signal::stored(error.clone()) />
            {slug_field}
            <TextField form="source" name="title" label="Title (table or series)" kind="text" autocomplete="off" value=typed.title message=m("title") />
            <TextField form="source" name="publisher" label="Publisher" kind="text" autocomplete="off" value=typed.publisher message=m("publisher") />
            <TextField form="source" name="url" label="Address (https, optional)" kind="url" autocomplete="off" value=typed.url message=m("url") />
            <div class="job-editor__grid">
                <TextField form="source" name="year" label="Year" kind="text" autocomplete="off" value=typed.year message=m("year") />
                <SelectField form="source" name="kind" label="Kind" options=kinds chosen=typed.kind message=m("kind") />
            </div>
            <TextAreaField id="source-note" name="note" label="What it covers, and what not" rows=4 maxlength=600 value=typed.note message=m("note") />
            <button type="submit" class="button button--primary">"Save the source"</button>
        </form>
    }
}

fn kind_slug(kind: crate::salary::model::SourceKind) -> &'static str {
    use crate::salary::model::SourceKind;
    match kind {
        SourceKind::Published => "published",
        SourceKind::Illustrative => "illustrative",
        SourceKind::ArticleClaim => "article_claim",
    }
}
