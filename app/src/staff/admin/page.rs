//! The accounts pages: the list with the form for a new account, and one
//! account with its role, status and password forms. Server-rendered
//! forms (no island): they work the same with and without JavaScript, and
//! add nothing to any bundle.

use super::{
    AccountRow, ActiveForm, NewAccountForm, ResetForm, RoleForm, staff_account, staff_accounts,
};
use crate::AppError;
use crate::staff::shell::StaffPage;
use crate::staff::{Role, StaffMe};
use crate::ui::ErrorPanel;
use crate::ui::form::{Echo, FormSummary, SelectField, TextField, use_echo};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/staff/admin/accounts`
#[component]
pub fn AccountsPage() -> impl IntoView {
    view! { <StaffPage title="Accounts".into() page="/staff/admin/accounts".into() admin=true content=accounts /> }
}

fn accounts(_me: StaffMe) -> impl IntoView {
    let rows = OnceResource::new(staff_accounts());
    let echo = use_echo::<NewAccountForm>();
    view! {
        <header class="staff__head"><h1>"Accounts"</h1></header>
        <div class="staff-columns">
            <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) => view! { <AccountTable rows /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
            <Suspense>
                {move || Suspend::new(async move { view! { <NewAccount echo=echo.await /> } })}
            </Suspense>
        </div>
    }
}

#[component]
fn AccountTable(rows: Vec<AccountRow>) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|row| {
            let status = if row.active { "Active" } else { "Deactivated" };
            view! {
                <tr>
                    <th scope="row"><a href=format!("/staff/admin/accounts/{}", row.id)>{row.email}</a></th>
                    <td>{row.role.label()}</td>
                    <td>{status}</td>
                    <td>{row.last_login.unwrap_or_else(|| "Never".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Staff accounts">
            <table class="table">
                <caption class="visually-hidden">"Staff accounts"</caption>
                <thead>
                    <tr><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Status"</th><th scope="col">"Last login (UTC)"</th></tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// The messages of a refused form, by field.
fn messages(error: &Option<AppError>) -> impl Fn(&str) -> Signal<Option<String>> + '_ {
    move |field| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)))
}

fn error_of<F>(echo: &Option<Echo<F>>) -> Option<AppError> {
    echo.as_ref().map(|echo| {
        echo.set_status();
        echo.error.clone()
    })
}

#[component]
fn NewAccount(echo: Option<Echo<NewAccountForm>>) -> impl IntoView {
    let error = error_of(&echo);
    let typed = echo.map(|echo| echo.input).unwrap_or_default();
    let message = messages(&error);
    view! {
        <form class="card staff-form" method="post" action="/staff/admin/accounts" novalidate>
            <h2>"New account"</h2>
            <FormSummary form="account" error=Signal::stored(error.clone()) />
            <TextField form="account" name="email" label="Email" kind="email" autocomplete="off" value=typed.email message=message("email") />
            <RoleSelect form="account" chosen=typed.role message=message("role") />
            <TextField form="account" name="new" label="First password" kind="password" autocomplete="new-password" value=String::new() message=message("new") />
            <TextField form="account" name="repeat" label="First password, again" kind="password" autocomplete="new-password" value=String::new() message=message("repeat") />
            <p class="hint">"At least 12 characters. Pass it on in person or by phone; they can change it once logged in."</p>
            <button type="submit" class="button button--primary">"Create account"</button>
        </form>
    }
}

#[component]
fn RoleSelect(
    form: &'static str,
    chosen: String,
    message: Signal<Option<String>>,
) -> impl IntoView {
    let options = Role::ALL
        .iter()
        .map(|role| (role.slug().to_owned(), role.label().to_owned()))
        .collect();
    let hint = "Admins also manage accounts and read the audit log.";
    view! { <SelectField form name="role" label="Role" options chosen hint message /> }
}

/// `/staff/admin/accounts/:id`
#[component]
pub fn AccountPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    view! { <StaffPage title="Account".into() page=format!("/staff/admin/accounts/{id}") admin=true content=account /> }
}

fn account(me: StaffMe) -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let row = OnceResource::new(async move {
        match id {
            Some(id) => staff_account(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let echoes = (
        use_echo::<RoleForm>(),
        use_echo::<ActiveForm>(),
        use_echo::<ResetForm>(),
    );
    view! {
        <p class="breadcrumb"><a href="/staff/admin/accounts">"← Accounts"</a></p>
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || {
                let me = me.clone();
                Suspend::new(async move {
                    let (role, active, reset) = (echoes.0.await, echoes.1.await, echoes.2.await);
                    match row.await {
                        Ok(row) if row.email == me.email => {
                            let refusal = error_of(&role).or(error_of(&active)).or(error_of(&reset));
                            view! { <Own row refusal /> }.into_any()
                        }
                        Ok(row) => view! { <Account row role active reset /> }.into_any(),
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

fn done_notice() -> Option<&'static str> {
    let done = use_query_map().read_untracked().get("done")?;
    Some(match done.as_str() {
        "created" => "Account created. Pass on its first password.",
        "role" => "Role changed. Their sessions have ended.",
        "deactivated" => "Account deactivated. Its sessions have ended and it cannot log in.",
        "reactivated" => "Account reactivated. It can log in again.",
        "password" => "Password reset. Their sessions have ended.",
        _ => return None,
    })
}

#[component]
fn Head(row: AccountRow) -> impl IntoView {
    let status = if row.active { "Active" } else { "Deactivated" };
    view! {
        <header class="staff__head">
            <div>
                <h1>{row.email}</h1>
                <p class="muted">{row.role.label()} " · " {status} " · created " {row.created}
                    " · last login " {row.last_login.map_or_else(|| "never".into(), |at| format!("{at} UTC"))}</p>
            </div>
        </header>
        {done_notice().map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
    }
}

/// One's own account: changed elsewhere, by another admin or on the
/// Password page, so the last admin can never lock everyone out.
#[component]
fn Own(row: AccountRow, refusal: Option<AppError>) -> impl IntoView {
    view! {
        <Head row />
        {refusal.map(|error| view! { <p class="notice notice--error" role="alert">{error.to_string()}</p> })}
        <p>"This is your account. Another admin changes its role or status; change your password on the " <a href="/staff/password">"Password"</a> " page."</p>
    }
}

#[component]
fn Account(
    row: AccountRow,
    role: Option<Echo<RoleForm>>,
    active: Option<Echo<ActiveForm>>,
    reset: Option<Echo<ResetForm>>,
) -> impl IntoView {
    let base = format!("/staff/admin/accounts/{}", row.id);
    let (role_error, active_error, reset_error) =
        (error_of(&role), error_of(&active), error_of(&reset));
    let chosen = role
        .map(|echo| echo.input.role)
        .unwrap_or_else(|| row.role.slug().into());
    let (verb, set_to, class) = if row.active {
        ("Deactivate", "false", "button button--danger")
    } else {
        ("Reactivate", "true", "button")
    };
    let reset_message = messages(&reset_error);
    view! {
        <Head row=row.clone() />
        <div class="staff-cards">
            <form class="card staff-form" method="post" action=format!("{base}/role") novalidate>
                <h2>"Role"</h2>
                <FormSummary form="role" error=Signal::stored(role_error.clone()) />
                <RoleSelect form="role" chosen message=messages(&role_error)("role") />
                <button type="submit" class="button">"Change role"</button>
            </form>
            <form class="card staff-form" method="post" action=format!("{base}/active")>
                <h2>"Status"</h2>
                <FormSummary form="active" error=Signal::stored(active_error) />
                <p>{if row.active { "Deactivating ends its sessions at once and stops it logging in. Its audit rows stay." } else { "Deactivated: it cannot log in." }}</p>
                <input type="hidden" name="active" value=set_to />
                <button type="submit" class=class>{verb} " account"</button>
            </form>
            <form class="card staff-form" method="post" action=format!("{base}/password") novalidate>
                <h2>"Reset password"</h2>
                <FormSummary form="reset" error=Signal::stored(reset_error.clone()) />
                <TextField form="reset" name="new" label="New password" kind="password" autocomplete="new-password" value=String::new() message=reset_message("new") />
                <TextField form="reset" name="repeat" label="New password, again" kind="password" autocomplete="new-password" value=String::new() message=reset_message("repeat") />
                <p class="hint">"Their sessions end. Pass it on in person or by phone."</p>
                <button type="submit" class="button">"Reset password"</button>
            </form>
        </div>
    }
}
