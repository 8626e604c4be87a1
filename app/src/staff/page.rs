//! The staff area's own pieces: the newest audit rows (on the back
//! office's home, `dashboard.rs`), and changing one's password.

use super::shell::StaffPage;
use super::{AuditRow, PasswordChangeForm, StaffMe, recent_audit};
use crate::ui::ErrorPanel;
use crate::ui::form::{Echo, FormSummary, TextField, use_echo};
use leptos::prelude::*;

/// For admins: the newest rows of the audit log.
#[component]
pub fn RecentActivity() -> impl IntoView {
    let rows = OnceResource::new(recent_audit());
    view! {
        <section class="staff__section" aria-labelledby="activity-title">
            <h2 id="activity-title">"Recent activity"</h2>
            <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) => view! { <AuditTable rows /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AuditTable(rows: Vec<AuditRow>) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.at}</th>
                    <td>{row.actor}</td>
                    <td><code>{row.action}</code></td>
                    <td>{row.record.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Focusable, so a keyboard can scroll it sideways on a phone.
        <div class="table-wrap" tabindex="0" role="region" aria-label="The newest staff actions">
            <table class="table">
                <caption class="visually-hidden">"The newest staff actions"</caption>
                <thead>
                    <tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th><th scope="col">"Record"</th></tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// `/staff/password`: one's own password. Without a session, the login.
#[component]
pub fn StaffPasswordPage() -> impl IntoView {
    view! { <StaffPage title="Change your password".into() page="/staff/password".into() content=password /> }
}

fn password(_me: StaffMe) -> impl IntoView {
    let echo = use_echo::<PasswordChangeForm>();
    view! { <Suspense>{move || Suspend::new(async move { view! { <PasswordForm echo=echo.await /> } })}</Suspense> }
}

#[component]
fn PasswordForm(echo: Option<Echo<PasswordChangeForm>>) -> impl IntoView {
    if let Some(echo) = &echo {
        echo.set_status();
    }
    let error = echo.map(|echo| echo.error);
    let message = |field: &str| Signal::stored(error.as_ref().and_then(|e| e.field_message(field)));
    view! {
        <div class="card staff-login__card">
            <h1>"Change your password"</h1>
            <form method="post" action="/staff/password" novalidate>
                <FormSummary form="password" error=Signal::stored(error.clone()) />
                <TextField form="password" name="current" label="Current password" kind="password" autocomplete="current-password" value=String::new() message=message("current") />
                <TextField form="password" name="new" label="New password" kind="password" autocomplete="new-password" value=String::new() message=message("new") />
                <TextField form="password" name="repeat" label="New password, again" kind="password" autocomplete="new-password" value=String::new() message=message("repeat") />
                <p class="hint">"At least 12 characters. A few unrelated words make a strong one. Your other sessions end."</p>
                <button type="submit" class="button button--primary button--block">"Change password"</button>
            </form>
        </div>
    }
}
