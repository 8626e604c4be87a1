//! What every back-office page shares: the session check, the sections'
//! navigation, and the login form (401) or the refusal (403) in place of a
//! page the visitor may not see. Capabilities build their staff screens
//! inside [`StaffPage`].

use super::login::LoginPanel;
use super::{Role, StaffMe, current_staff};
use crate::AppError;
use crate::ui::{ErrorPanel, PageTitle, private_page};
use leptos::prelude::*;
use leptos_meta::Meta;

/// The back office's sections, in the navigation's order: where each is,
/// what it is called, and whether only admins see it.
pub const SECTIONS: &[(&str, &str, bool)] = &[
    ("/staff", "Overview", false),
    ("/staff/jobs", "Jobs", false),
    ("/staff/applications", "Applications", false),
    ("/staff/bookings", "Bookings", false),
    ("/staff/availability", "Availability", false),
    ("/staff/salary", "Salary", false),
    ("/staff/outbox", "Mail", false),
    ("/staff/admin/accounts", "Accounts", true),
    ("/staff/admin/audit", "Audit log", true),
];

/// A back-office page: private (never cached, never indexed), and shown
/// only to a logged-in account with the role (`admin`: admins only).
/// `page` is this page's path, for the navigation and for the login's
/// way back.
#[component]
pub fn StaffPage<V>(
    title: String,
    page: String,
    #[prop(optional)] admin: bool,
    content: fn(StaffMe) -> V,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    private_page();
    let me = OnceResource::new(current_staff());
    view! {
        <PageTitle text=format!("{title} — Backline staff") />
        <Meta name="robots" content="noindex" />
        <section class="page staff">
            <Suspense>
                {move || {
                    let page = page.clone();
                    Suspend::new(async move {
                        match me.await {
                            Ok(me) if admin && me.role != Role::Admin => {
                                let error = AppError::Forbidden("Only an admin may see this page.".into());
                                #[cfg(feature = "ssr")]
                                error.set_response_status();
                                view! { <StaffNav me page /> <ErrorPanel error /> }.into_any()
                            }
                            Ok(me) => view! { <StaffNav me=me.clone() page /> {content(me)} }.into_any(),
                            Err(AppError::Unauthorized(_)) => {
                                #[cfg(feature = "ssr")]
                                AppError::Unauthorized(String::new()).set_response_status();
                                view! { <LoginPanel next=page echo=None /> }.into_any()
                            }
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The sections this account may open, the current one marked, and who is
/// logged in with the way out.
#[component]
fn StaffNav(me: StaffMe, page: String) -> impl IntoView {
    let links = SECTIONS
        .iter()
        .filter(|(_, _, admin)| !admin || me.role == Role::Admin)
        .map(|&(href, label, _)| {
            let current = page == href || (href != "/staff" && page.starts_with(href));
            view! { <li><a href=href aria-current=current.then_some("page")>{label}</a></li> }
        })
        .collect_view();
    view! {
        <div class="staff-bar">
            <nav class="staff-bar__nav" aria-label="Back office">
                <ul class="tabs">{links}</ul>
            </nav>
            <div class="staff-bar__me">
                <span class="muted">{me.email} " · " {me.role.label()}</span>
                <a href="/staff/password">"Password"</a>
                <form method="post" action="/staff/logout">
                    <button type="submit" class="button button--small">"Log out"</button>
                </form>
            </div>
        </div>
    }
}

/// How many rows a page of a back-office list shows.
pub const PAGE_SIZE: i64 = 50;
/// The last page a list answers, so `(page - 1) * PAGE_SIZE` stays small.
pub const MAX_PAGE: i64 = 100_000;

/// One tab of a list filtered by status: where it goes, its name, how
/// many rows it holds, and whether it is the one shown.
pub struct Tab {
    pub href: String,
    pub label: &'static str,
    pub count: i64,
    pub current: bool,
}

/// A list's status tabs, links that work without JavaScript.
#[component]
pub fn StatusTabs(
    /// What the tabs filter, for screen readers ("Jobs by status").
    label: &'static str,
    tabs: Vec<Tab>,
) -> impl IntoView {
    let tabs = tabs
        .into_iter()
        .map(|tab| {
            view! { <li><a href=tab.href aria-current=tab.current.then_some("page")>{tab.label} <span class="muted">{tab.count}</span></a></li> }
        })
        .collect_view();
    view! { <nav aria-label=label><ul class="tabs">{tabs}</ul></nav> }
}

/// Where a list is ("300 jobs · page 1 of 6"), with links to the newer
/// and older pages. `href(page)` is the list's address at that page.
#[component]
pub fn Pager(
    total: i64,
    page: i64,
    noun: &'static str,
    href: impl Fn(i64) -> String,
) -> impl IntoView {
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let newer = (page > 1)
        .then(|| view! { <a class="button button--small" href=href(page - 1)>"← Newer"</a> });
    let older = (page < pages)
        .then(|| view! { <a class="button button--small" href=href(page + 1)>"Older →"</a> });
    view! {
        <p class="staff-pager">
            {newer}
            <span class="muted">{format!("{total} {noun} · page {page} of {pages}")}</span>
            {older}
        </p>
    }
}

/// The tabs of a list by status: "All" and one per status, each with its
/// count from `counts`; `current` is the slug shown ("" for all), `href`
/// a tab's address from its slug.
pub fn status_tabs<S: Copy + PartialEq>(
    all: &[S],
    counts: &[(S, i64)],
    current: &str,
    name: fn(S) -> (&'static str, &'static str),
    href: impl Fn(&str) -> String,
) -> Vec<Tab> {
    let count = |want: Option<S>| -> i64 {
        counts
            .iter()
            .filter(|(s, _)| want.is_none_or(|w| *s == w))
            .map(|(_, n)| n)
            .sum()
    };
    let tab = |slug: &'static str, label: &'static str, count: i64| Tab {
        href: href(slug),
        label,
        count,
        current: current == slug,
    };
    std::iter::once(tab("", "All", count(None)))
        .chain(all.iter().map(|s| {
            let (slug, label) = name(*s);
            tab(slug, label, count(Some(*s)))
        }))
        .collect()
}

/// A column header that sorts its list: a link to the list sorted by this
/// column (ascending first, then the other way), with `aria-sort` saying
/// how it is sorted now.
#[component]
pub fn SortHeader(
    label: &'static str,
    /// The sort slugs for this column, ascending and descending.
    up: &'static str,
    down: &'static str,
    /// The list's sort now.
    current: &'static str,
    href: impl Fn(&str) -> String,
) -> impl IntoView {
    let (sort, arrow) = match current {
        c if c == up => ("ascending", " ↑"),
        c if c == down => ("descending", " ↓"),
        _ => ("none", ""),
    };
    let next = if current == up { down } else { up };
    view! {
        <th scope="col" aria-sort=sort>
            <a href=href(next)>{label}<span aria-hidden="true">{arrow}</span></a>
        </th>
    }
}

/// The body of one record's page (`/staff/…/:id`): a link back to its
/// list, then the record `load`ed by the path's id and `show`n. An id that
/// is not a number is a 404 like an unknown one; each error sets its status.
pub fn record_page<T, Fut, V>(
    back: (&'static str, &'static str),
    load: fn(i64) -> Fut,
    show: fn(T) -> V,
) -> impl IntoView
where
    T: Clone + serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let id = leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let one = OnceResource::new(async move {
        match id {
            Some(id) => load(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let (href, label) = back;
    view! {
        <p class="breadcrumb"><a href=href>{label}</a></p>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match one.await {
                    Ok(record) => show(record).into_any(),
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
