//! `/staff/applications` (every job's, or `?job=ID` for one) and
//! `/staff/applications/:id`. The applicant's words are text, never
//! markup; the CV link opens in a new tab without access to this one.

use super::{
    ApplicationSort, ApplicationStatus, ApplicationView, Inbox, ReviewForm, staff_application,
    staff_applications,
};
use crate::staff::StaffMe;
use crate::staff::shell::{Pager, SortHeader, StaffPage, StatusTabs, record_page, status_tabs};
use crate::ui::form::{Echo, FormSummary, SelectField, TextAreaField};
use crate::ui::{Art, EmptyState, ErrorPanel};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InboxPage() -> impl IntoView {
    view! { <StaffPage title="Applications".into() page="/staff/applications".into() content=inbox /> }
}

fn inbox(_me: StaffMe) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let status = query
        .get("status")
        .filter(|s| ApplicationStatus::from_slug(s).is_some())
        .unwrap_or_default();
    let job: i64 = query.get("job").and_then(|j| j.parse().ok()).unwrap_or(0);
    let page: i64 = query
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let sort = query
        .get("sort")
        .and_then(|s| ApplicationSort::from_slug(&s));
    let slug = sort.map_or("", ApplicationSort::slug).to_owned();
    let list = OnceResource::new(staff_applications(status.clone(), job, slug, page));
    view! {
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || {
                let status = status.clone();
                Suspend::new(async move {
                    match list.await {
                        Ok(inbox) => view! { <Listing inbox status sort page /> }.into_any(),
                        Err(error) => {
                            #[cfg(feature = "ssr")]
                            error.set_response_status();
                            view! { <ErrorPanel error /> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Listing(
    inbox: Inbox,
    status: String,
    sort: Option<ApplicationSort>,
    page: i64,
) -> impl IntoView {
    let job = inbox.job.as_ref().map(|(id, _)| *id);
    let current = sort.map_or("", ApplicationSort::slug);
    let sorted = move |status: &str, sort: &str, page: i64| {
        let mut href = format!("/staff/applications?status={status}");
        if let Some(job) = job {
            href.push_str(&format!("&job={job}"));
        }
        if !sort.is_empty() {
            href.push_str(&format!("&sort={sort}"));
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    };
    let href = move |status: &str, page: i64| sorted(status, current, page);
    let tabs = status_tabs(
        ApplicationStatus::ALL,
        &inbox.counts,
        &status,
        |s| (s.slug(), s.label()),
        |slug| href(slug, 1),
    );
    let heading = match &inbox.job {
        Some((id, title)) => view! { <h1>"Applications: " {title.clone()}</h1><p><a href=format!("/staff/jobs/{id}")>"The job"</a> " · " <a href="/staff/applications">"Every job's"</a></p> }.into_any(),
        None => view! { <h1>"Applications"</h1> }.into_any(),
    };
    let total = inbox.total;
    let body = if inbox.rows.is_empty() {
        view! { <EmptyState art=Art::Search title="No applications here"><p>"Try another tab."</p></EmptyState> }.into_any()
    } else {
        let rows = inbox.rows.into_iter().map(|row| view! {
            <tr>
                <th scope="row"><a href=format!("/staff/applications/{}", row.id)>{row.name}</a></th>
                <td><a href=format!("/staff/applications?job={}", row.job_id)>{row.job_title}</a></td>
                <td>{row.received}</td>
                <td><span class=format!("chip chip--application-{}", row.status.slug())>{row.status.label()}</span></td>
            </tr>
        }).collect_view();
        let by = {
            let status = status.clone();
            move |sort: &str| sorted(&status, sort, 1)
        };
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Applications">
                <table class="table">
                    <caption class="visually-hidden">{sort.map_or("Applications, newest first", ApplicationSort::label)}</caption>
                    <thead><tr>
                        <SortHeader label="Applicant" up="name" down="-name" current href=by.clone() />
                        <th scope="col">"Job"</th>
                        <SortHeader label="Received (UTC)" up="received" down="-received" current href=by />
                        <th scope="col">"Status"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }.into_any()
    };
    view! {
        <header class="staff__head"><div>{heading}</div></header>
        <StatusTabs label="Applications by status" tabs />
        {body}
        <Pager total page noun="applications" href=move |page| href(&status, page) />
    }
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    view! { <StaffPage title="Application".into() page=format!("/staff/applications/{id}") content=application /> }
}

fn application(_me: StaffMe) -> impl IntoView {
    record_page(
        ("/staff/applications", "← Applications"),
        staff_application,
        |application| view! { <Application application /> },
    )
}

fn done() -> bool {
    use_query_map()
        .read_untracked()
        .get("done")
        .is_some_and(|d| d == "saved")
}

#[component]
fn Application(application: ApplicationView) -> impl IntoView {
    let a = application;
    // The address is checked at the door (http or https only); a new tab
    // that cannot reach this one, and no referrer.
    let cv = a.cv_url.clone().map(|url| view! {
        <p><a href=url target="_blank" rel="noopener noreferrer nofollow">"Open the CV (new tab)"</a></p>
    });
    view! {
        <header class="staff__head">
            <div>
                <h1>{a.name.clone()}</h1>
                <p class="muted">"For " <a href=format!("/staff/applications?job={}", a.job_id)>{a.job_title.clone()}</a> " · received " {a.received.clone()} " UTC · " {a.status.label()}</p>
            </div>
        </header>
        {done().then(|| view! { <p class="notice notice--success" role="status">"Saved."</p> })}
        <div class="staff-columns">
            <article class="card">
                <p><a href=format!("mailto:{}", a.email)>{a.email.clone()}</a></p>
                {cv}
                <h2 class="visually-hidden">"Their message"</h2>
                <p class="application__message">{a.message.clone()}</p>
            </article>
            <Review application=a />
        </div>
    }
}

#[component]
fn Review(application: ApplicationView) -> impl IntoView {
    let echo = use_context::<Echo<ReviewForm>>();
    let error = echo.as_ref().map(|echo| {
        echo.set_status();
        echo.error.clone()
    });
    let typed = echo.map(|e| e.input).unwrap_or_else(|| ReviewForm {
        status: application.status.slug().into(),
        notes: application.notes.clone(),
    });
    let m = {
        let error = error.clone();
        move |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)))
    };
    let options = ApplicationStatus::ALL
        .iter()
        .map(|s| (s.slug().to_owned(), s.label().to_owned()))
        .collect();
    view! {
        <form class="card staff-form" method="post" action=format!("/staff/applications/{}", application.id) novalidate>
            <h2>"Review"</h2>
            <FormSummary form="review" error=Signal::stored(error) />
            <SelectField form="review" name="status" label="Status" options chosen=typed.status message=m("status") />
            <TextAreaField id="review-notes" name="notes" label="Notes (staff only)" rows=6 maxlength=super::MAX_NOTES hint="Never shown to the applicant.".into() value=typed.notes message=m("notes") />
            <button type="submit" class="button button--primary">"Save"</button>
        </form>
    }
}
