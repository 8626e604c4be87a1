//! `/staff/jobs/new` and `/staff/jobs/:id`: the job editor. One plain form
//! (post/redirect/get): Save, or Preview, which shows the description as
//! the public page would (the same sanitiser) with what was typed kept.
//! A refused save shows every field to fix, or the conflict with another
//! editor's save, with the typed values.

use super::form::{JobPreview, JobStatusForm};
use super::{EditedJob, EditorChoices, JobForm, JobStatus, staff_job};
use crate::AppError;
use crate::common::{Currency, EmploymentType};
use crate::jobs::{Hours, PayPeriod, Seniority, Workplace};
use crate::staff::StaffMe;
use crate::staff::shell::StaffPage;
use crate::ui::ErrorPanel;
use crate::ui::form::{Echo, FormSummary, SelectField, TextAreaField, TextField};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewJobPage() -> impl IntoView {
    view! { <StaffPage title="New job".into() page="/staff/jobs/new".into() content=new_job /> }
}

fn new_job(_me: StaffMe) -> impl IntoView {
    editor_for(None)
}

#[component]
pub fn EditJobPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    view! { <StaffPage title="Edit job".into() page=format!("/staff/jobs/{id}") content=edit_job /> }
}

fn edit_job(_me: StaffMe) -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    match id {
        Some(id) => editor_for(Some(id)).into_any(),
        None => {
            #[cfg(feature = "ssr")]
            AppError::NotFound.set_response_status();
            view! { <ErrorPanel error=AppError::NotFound /> }.into_any()
        }
    }
}

fn editor_for(id: Option<i64>) -> impl IntoView {
    let data = OnceResource::new(staff_job(id));
    view! {
        <p class="breadcrumb"><a href="/staff/jobs">"← Jobs"</a></p>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((job, choices)) => view! { <Editor job choices /> }.into_any(),
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

fn options<T: Copy>(
    all: &[T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|o| (slug(*o).to_owned(), label(*o).to_owned()))
        .collect()
}

#[component]
fn Editor(job: Option<EditedJob>, choices: EditorChoices) -> impl IntoView {
    let echo = use_context::<Echo<JobForm>>();
    let preview = use_context::<JobPreview>();
    let error = echo.as_ref().map(|echo| {
        echo.set_status();
        echo.error.clone()
    });
    let typed = preview
        .as_ref()
        .map(|p| p.input.clone())
        .or(echo.map(|e| e.input))
        .or(job.as_ref().map(|j| j.form.clone()))
        .unwrap_or_else(|| JobForm {
            version: "0".into(),
            ..JobForm::default()
        });
    // After a conflict the form carries the version now stored: its editor
    // has been warned, so saving again replaces the other save knowingly.
    let version = match (&job, &error) {
        (Some(job), Some(AppError::Conflict(_))) => job.version.to_string(),
        _ => typed.version.clone(),
    };
    let action = job.as_ref().map_or_else(
        || "/staff/jobs".to_owned(),
        |j| format!("/staff/jobs/{}", j.id),
    );
    let m = {
        let error = error.clone();
        move |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)))
    };
    view! {
        {match job {
            Some(job) => view! { <JobHead job /> }.into_any(),
            None => view! { <header class="staff__head"><h1>"New job"</h1></header> }.into_any(),
        }}
        {preview.map(|preview| view! {
            <section class="card job-preview" aria-labelledby="preview-title">
                <h2 id="preview-title">"Preview of the description"</h2>
                <div class="job__description" inner_html=preview.description_html></div>
            </section>
        })}
        <form class="card staff-form job-editor" method="post" action=action novalidate>
            <FormSummary form="job" error=Signal::stored(error.clone()) />
            <input type="hidden" name="version" value=version />
            <TextField form="job" name="title" label="Title" kind="text" autocomplete="off" value=typed.title.clone() message=m("title") />
            <div class="job-editor__grid">
                <SelectField form="job" name="company" label="Company" options=choices.companies chosen=typed.company.clone() message=m("company") />
                <SelectField form="job" name="place" label="Place" options=choices.places.into_iter().map(|(city, country)| (city.clone(), format!("{city}, {country}"))).collect() chosen=typed.place.clone() message=m("place") />
                <SelectField form="job" name="employment_type" label="Kind of work" options=options(EmploymentType::ALL, EmploymentType::slug, EmploymentType::label) chosen=typed.employment_type.clone() message=m("employment_type") />
                <SelectField form="job" name="hours" label="Working time" options=options(Hours::ALL, Hours::slug, Hours::label) chosen=typed.hours.clone() message=m("hours") />
                <SelectField form="job" name="workplace" label="Workplace" options=options(Workplace::ALL, Workplace::slug, Workplace::label) chosen=typed.workplace.clone() message=m("workplace") />
                <SelectField form="job" name="seniority" label="Seniority" options=options(Seniority::ALL, Seniority::slug, Seniority::label) chosen=typed.seniority.clone() message=m("seniority") />
            </div>
            <PayFields typed=typed.clone() error=error.clone() />
            <TextField form="job" name="skills" label="Skills, separated by commas" kind="text" autocomplete="off" value=typed.skills.clone() message=m("skills") />
            <TextField form="job" name="closes" label="Closes on (UTC)" kind="date" autocomplete="off" value=typed.closes.clone() message=m("closes") />
            <TextAreaField id="job-description" name="description" label="Description (Markdown)" rows=14 maxlength=20000 hint="Headings (##), lists (-), **bold**, [links](https://…). Scripts and styles are removed.".into() value=typed.description.clone() message=m("description") />
            <TextAreaField id="job-how_to_apply" name="how_to_apply" label="After applying" rows=3 maxlength=1000 hint="Shown beside the application form: what happens next.".into() value=typed.how_to_apply.clone() message=m("how_to_apply") />
            <div class="job-editor__actions">
                <button type="submit" name="intent" value="save" class="button button--primary">"Save"</button>
                <button type="submit" name="intent" value="preview" class="button">"Preview description"</button>
            </div>
        </form>
    }
}

#[component]
fn PayFields(typed: JobForm, error: Option<AppError>) -> impl IntoView {
    let m = move |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)));
    let currencies = Currency::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_owned(),
                format!("{} ({})", c.code(), c.symbol()),
            )
        })
        .collect();
    view! {
        <fieldset class="job-editor__grid job-editor__pay">
            <legend>"Pay, as published"</legend>
            <TextField form="job" name="salary_min" label="From" kind="text" autocomplete="off" value=typed.salary_min message=m("salary_min") />
            <TextField form="job" name="salary_max" label="To" kind="text" autocomplete="off" value=typed.salary_max message=m("salary_max") />
            <SelectField form="job" name="currency" label="Currency" options=currencies chosen=typed.currency message=m("currency") />
            <SelectField form="job" name="period" label="Per" options=options(PayPeriod::ALL, PayPeriod::slug, PayPeriod::label) chosen=typed.period message=m("period") />
        </fieldset>
    }
}

fn done_notice() -> Option<&'static str> {
    let done = use_query_map().read_untracked().get("done")?;
    Some(match done.as_str() {
        "created" => "Draft saved. Publish it when it is ready.",
        "saved" => "Saved. The public page and search show it now.",
        "publish" => "Published: listed and searchable now.",
        "unpublish" => "Unpublished: off the list, and its page is not found.",
        "close" => "Closed: off the list; its page says it has closed.",
        _ => return None,
    })
}

/// The job's title, state and status buttons, each a form of its own.
#[component]
fn JobHead(job: EditedJob) -> impl IntoView {
    let status_echo = use_context::<Echo<JobStatusForm>>();
    let refusal = status_echo.map(|echo| {
        echo.set_status();
        echo.error
    });
    let buttons: &[(&str, &str)] = match job.status {
        JobStatus::Draft => &[("publish", "Publish")],
        JobStatus::Published => &[("unpublish", "Unpublish"), ("close", "Close now")],
        JobStatus::Unpublished => &[("publish", "Publish again")],
        JobStatus::Expired => &[("publish", "Publish again"), ("unpublish", "Unpublish")],
    };
    let action = format!("/staff/jobs/{}/status", job.id);
    let forms = buttons
        .iter()
        .map(|&(value, label)| {
            let primary = if value == "publish" {
                "button button--primary"
            } else {
                "button"
            };
            view! {
                <form method="post" action=action.clone()>
                    <input type="hidden" name="version" value=job.version.to_string() />
                    <button type="submit" name="action" value=value class=primary>{label}</button>
                </form>
            }
        })
        .collect_view();
    let public = (job.status != JobStatus::Draft && job.status != JobStatus::Unpublished)
        .then(|| view! { <a href=format!("/jobs/{}", job.slug)>"Public page"</a> });
    view! {
        <header class="staff__head">
            <div>
                <h1>{job.form.title.clone()}</h1>
                <p class="muted">
                    <span class=format!("chip chip--status-{}", job.status.slug())>{job.status.label()}</span>
                    {format!(" · version {} · updated {} UTC · ", job.version, job.updated)}
                    <a href=format!("/staff/applications?job={}", job.id)>{format!("{} applications", job.applications)}</a>
                    {public.map(|link| view! { " · " {link} })}
                </p>
            </div>
            <div class="staff__actions">{forms}</div>
        </header>
        {done_notice().map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
        {refusal.map(|error| view! { <p class="notice notice--error" role="alert">{refusal_text(&error)}</p> })}
    }
}

/// A refused status change in words: its field messages (a closing date
/// passed) or the error itself (a conflict).
fn refusal_text(error: &AppError) -> String {
    match error {
        AppError::Invalid(errors) => errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}
