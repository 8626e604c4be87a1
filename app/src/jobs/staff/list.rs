//! `/staff/jobs`: every job, by status (tabs with counts), searched by
//! title or company, sorted by title, closing date or last update, fifty
//! to a page. Links and a GET form only, so it
//! works the same without JavaScript.

use super::{JobSort, JobStatus, StaffJobList, StaffJobRow, staff_jobs};
use crate::common::url_encode;
use crate::staff::StaffMe;
use crate::staff::shell::{Pager, SortHeader, StaffPage, StatusTabs, status_tabs};
use crate::ui::{Art, EmptyState, ErrorPanel};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffJobsPage() -> impl IntoView {
    view! { <StaffPage title="Jobs".into() page="/staff/jobs".into() content=jobs /> }
}

/// The list's place: status slug (empty for all), words, order, page.
#[derive(Clone)]
struct At {
    status: String,
    q: String,
    sort: Option<JobSort>,
    page: i64,
}

impl At {
    fn href(&self, status: &str, page: i64) -> String {
        self.sorted(status, self.sort.map_or("", JobSort::slug), page)
    }

    fn sorted(&self, status: &str, sort: &str, page: i64) -> String {
        let mut href = format!("/staff/jobs?status={status}");
        if !self.q.is_empty() {
            href.push_str(&format!("&q={}", url_encode(&self.q)));
        }
        if !sort.is_empty() {
            href.push_str(&format!("&sort={sort}"));
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    }
}

fn jobs(_me: StaffMe) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let status = query
        .get("status")
        .filter(|s| JobStatus::from_slug(s).is_some())
        .unwrap_or_default();
    let at = At {
        status,
        q: query.get("q").unwrap_or_default(),
        sort: query.get("sort").and_then(|s| JobSort::from_slug(&s)),
        page: query
            .get("page")
            .and_then(|p| p.parse().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1),
    };
    let (status, q, page) = (at.status.clone(), at.q.clone(), at.page);
    let sort = at.sort.map_or("", JobSort::slug).to_owned();
    let list = OnceResource::new(staff_jobs(status, q, sort, page));
    view! {
        <header class="staff__head">
            <h1>"Jobs"</h1>
            <a class="button button--primary" href="/staff/jobs/new">"New job"</a>
        </header>
        <form class="staff-search" method="get" action="/staff/jobs" role="search">
            <input type="hidden" name="status" value=at.status.clone() />
            {at.sort.map(|sort| view! { <input type="hidden" name="sort" value=sort.slug() /> })}
            <label for="staff-jobs-q" class="visually-hidden">"Title or company"</label>
            <input id="staff-jobs-q" type="search" name="q" value=at.q.clone() placeholder="Title or company" />
            <button type="submit" class="button">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || {
                let at = at.clone();
                Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <Listing list at /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Listing(list: StaffJobList, at: At) -> impl IntoView {
    let tabs = status_tabs(
        JobStatus::ALL,
        &list.counts,
        &at.status,
        |s| (s.slug(), s.label()),
        |slug| at.href(slug, 1),
    );
    let body = if list.rows.is_empty() {
        view! { <EmptyState art=Art::Search title="No jobs here"><p>"Try another tab or fewer words."</p></EmptyState> }.into_any()
    } else {
        view! { <JobsTable rows=list.rows at=at.clone() /> }.into_any()
    };
    let (total, page) = (list.total, at.page);
    view! {
        <StatusTabs label="Jobs by status" tabs />
        {body}
        <Pager total page noun="jobs" href=move |page| at.href(&at.status, page) />
    }
}

#[component]
fn JobsTable(rows: Vec<StaffJobRow>, at: At) -> impl IntoView {
    let current = at.sort.map_or("", JobSort::slug);
    let caption = at.sort.map_or("Jobs, newest first", JobSort::label);
    let sorted = move |sort: &str| at.sorted(&at.status, sort, 1);
    let body = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/staff/jobs/{}", row.id)>{row.title}</a></th>
                    <td>{row.company}</td>
                    <td>{row.place}</td>
                    <td><span class=format!("chip chip--status-{}", row.status.slug())>{row.status.label()}</span></td>
                    <td>{row.closes}</td>
                    <td class="num">{row.applications}</td>
                    <td>{row.updated}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Jobs">
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <SortHeader label="Title" up="title" down="-title" current href=sorted.clone() />
                        <th scope="col">"Company"</th><th scope="col">"Place"</th><th scope="col">"Status"</th>
                        <SortHeader label="Closes" up="closes" down="-closes" current href=sorted.clone() />
                        <th scope="col" class="num">"Applications"</th>
                        <SortHeader label="Updated (UTC)" up="updated" down="-updated" current href=sorted />
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
