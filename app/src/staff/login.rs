//! The login page, and the login form that stands in for any staff page
//! asked for without a session. Private: never cached, never indexed.

use super::LoginForm;
use crate::ui::form::{Echo, FormSummary, TextField, use_echo};
use crate::ui::{PageTitle, private_page};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffLoginPage() -> impl IntoView {
    private_page();
    let query = use_query_map().read_untracked();
    let next = query.get("next").unwrap_or_else(|| "/staff".into());
    let out = query.get("out").is_some();
    let echo = use_echo::<LoginForm>();
    view! {
        <PageTitle text="Staff login — Backline" />
        <Meta name="robots" content="noindex" />
        <section class="page staff-login">
            <Suspense>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        let echo = echo.await;
                        view! { <LoginPanel next echo out /> }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The login form, on its page and in place of a staff page asked for
/// without a session (with that page as `next`).
#[component]
pub fn LoginPanel(
    next: String,
    echo: Option<Echo<LoginForm>>,
    #[prop(optional)] out: bool,
) -> impl IntoView {
    if let Some(echo) = &echo {
        echo.set_status();
    }
    let (typed, error) = match echo {
        Some(echo) => (echo.input, Some(echo.error)),
        None => (LoginForm::default(), None),
    };
    let message = |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)));
    view! {
        <div class="card staff-login__card">
            <h1>"Staff login"</h1>
            {out.then(|| view! { <p class="notice notice--success" role="status">"You are logged out."</p> })}
            <form method="post" action="/staff/login" novalidate>
                <FormSummary form="login" error=Signal::stored(error.clone()) />
                <input type="hidden" name="next" value=next />
                <TextField form="login" name="email" label="Email" kind="email" autocomplete="username" value=typed.email message=message("email") />
                <TextField form="login" name="password" label="Password" kind="password" autocomplete="current-password" value=String::new() message=message("password") />
                <button type="submit" class="button button--primary button--block">"Log in"</button>
            </form>
            <p class="hint">"Accounts are made by an admin. Forgot your password? Ask an admin to reset it."</p>
        </div>
    }
}
