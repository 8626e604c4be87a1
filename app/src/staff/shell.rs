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
    ("/staff/admin/accounts", "Accounts", true),
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
