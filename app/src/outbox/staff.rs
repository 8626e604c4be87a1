//! `/staff/outbox`: every email, waiting, sent or given up on, with the
//! address (to staff only, and only while it is kept: a sent email's
//! address and text are erased) and the last error; a given-up email whose
//! text is still kept can be sent again. The route is in `routes()`.

use crate::AppError;
use crate::common::options::options;
use crate::staff::StaffMe;
use crate::staff::shell::{Pager, StaffPage, StatusTabs, status_tabs};
use crate::ui::form::FormInput;
use crate::ui::{Art, EmptyState, ErrorPanel};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

options!(
    /// Where an email is.
    MailState, "mail_state", "state" {
        Waiting = "waiting", "Waiting";
        Sent = "sent", "Sent";
        Failed = "failed", "Given up";
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    pub id: i64,
    pub kind: String,
    pub reference: Option<String>,
    pub recipient: Option<String>,
    pub state: MailState,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created: String,
    /// Whether its text is still kept, so it can be sent again.
    pub retryable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailList {
    pub rows: Vec<MailRow>,
    pub total: i64,
    pub counts: Vec<(MailState, i64)>,
}

/// A retry button's form: nothing to type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetryForm {}

impl FormInput for RetryForm {
    type Valid = ();
    const FIELDS: &'static [&'static str] = &[];

    fn from_fields(_field: impl Fn(&str) -> String) -> Self {
        RetryForm {}
    }

    fn validate(&self) -> Result<(), AppError> {
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::{MailList, MailRow, MailState};
    use crate::AppError;
    use crate::staff::accounts::{StaffUser, audit_change};
    use crate::staff::shell::{MAX_PAGE, PAGE_SIZE};
    use serde_json::json;
    use sqlx::PgPool;

    /// A page of emails, newest first, in one state or all.
    pub async fn list(
        pool: &PgPool,
        state: Option<MailState>,
        page: i64,
    ) -> Result<MailList, AppError> {
        let page = page.clamp(1, MAX_PAGE);
        let rows = sqlx::query!(
            r#"SELECT o.id, o.kind, b.reference AS "reference?", o.recipient, o.attempts, o.last_error,
                      (CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.failed_at IS NOT NULL THEN 'failed' ELSE 'waiting' END) AS "state!",
                      to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "created!",
                      (o.failed_at IS NOT NULL AND o.body IS NOT NULL AND o.recipient IS NOT NULL) AS "retryable!",
                      count(*) OVER () AS "total!"
               FROM outbox o LEFT JOIN bookings b ON b.id = o.booking_id
               WHERE $1::text IS NULL
                  OR $1 = (CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.failed_at IS NOT NULL THEN 'failed' ELSE 'waiting' END)
               ORDER BY o.id DESC
               LIMIT $2 OFFSET $3"#,
            state.map(MailState::slug),
            PAGE_SIZE,
            (page - 1) * PAGE_SIZE,
        )
        .fetch_all(pool)
        .await?;
        let counts = sqlx::query!(
            r#"SELECT (CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'waiting' END) AS "state!",
                      count(*) AS "n!"
               FROM outbox GROUP BY 1"#
        )
        .fetch_all(pool)
        .await?;
        Ok(MailList {
            total: rows.first().map_or(0, |r| r.total),
            rows: rows
                .into_iter()
                .filter_map(|r| {
                    Some(MailRow {
                        id: r.id,
                        kind: r.kind,
                        reference: r.reference,
                        recipient: r.recipient,
                        state: MailState::from_slug(&r.state)?,
                        attempts: r.attempts,
                        last_error: r.last_error,
                        created: r.created,
                        retryable: r.retryable,
                    })
                })
                .collect(),
            counts: counts
                .into_iter()
                .filter_map(|r| Some((MailState::from_slug(&r.state)?, r.n)))
                .collect(),
        })
    }

    /// Sends a given-up email again: due now, its attempts from zero.
    /// Only one still holding its address and text; audited.
    pub async fn retry(pool: &PgPool, staff: &StaffUser, id: i64) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        let before = sqlx::query!(
            r#"SELECT last_error,
                      (failed_at IS NOT NULL AND sent_at IS NULL AND body IS NOT NULL AND recipient IS NOT NULL) AS "retryable!"
               FROM outbox WHERE id = $1 FOR NO KEY UPDATE"#,
            id
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        if !before.retryable {
            return Err(AppError::Conflict(
                "Only an email given up on, whose text is still kept, can be sent again.".into(),
            ));
        }
        sqlx::query!(
            "UPDATE outbox SET failed_at = NULL, attempts = 0, next_attempt_at = now(), last_error = NULL WHERE id = $1",
            id
        )
        .execute(&mut *tx)
        .await?;
        let (before, after) = (
            json!({ "state": "failed", "last_error": before.last_error }),
            json!({ "state": "waiting" }),
        );
        audit_change(
            &mut *tx,
            staff,
            "outbox.retried",
            &format!("email {id}"),
            before,
            after,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A page of the outbox: `state` a slug or empty for all, `page` from 1.
#[server(endpoint = "staff/outbox")]
pub async fn staff_outbox(state: String, page: i64) -> Result<MailList, AppError> {
    AppError::reply(crate::staff::auth::require(None).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    AppError::reply(queries::list(&pool, MailState::from_slug(&state), page).await)
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! { <StaffPage title="Mail".into() page="/staff/outbox".into() content=outbox /> }
}

fn outbox(_me: StaffMe) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let state = query
        .get("state")
        .filter(|s| MailState::from_slug(s).is_some())
        .unwrap_or_default();
    let page: i64 = query
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let done = query.get("done").is_some_and(|d| d == "retried");
    let list = OnceResource::new(staff_outbox(state.clone(), page));
    let refusal = use_context::<crate::ui::form::Echo<RetryForm>>().map(|echo| {
        echo.set_status();
        echo.error
    });
    view! {
        <header class="staff__head"><h1>"Mail"</h1></header>
        {done.then(|| view! { <p class="notice notice--success" role="status">"It will be sent again within a few seconds."</p> })}
        {refusal.map(|error| view! { <p class="notice notice--error" role="alert">{error.to_string()}</p> })}
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <Listing list state page /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Listing(list: MailList, state: String, page: i64) -> impl IntoView {
    let href = |state: &str, page: i64| {
        if page > 1 {
            format!("/staff/outbox?state={state}&page={page}")
        } else {
            format!("/staff/outbox?state={state}")
        }
    };
    let tabs = status_tabs(
        MailState::ALL,
        &list.counts,
        &state,
        |s| (s.slug(), s.label()),
        |slug| href(slug, 1),
    );
    let total = list.total;
    let body = if list.rows.is_empty() {
        view! { <EmptyState art=Art::Search title="No emails here"><p>"Try another tab."</p></EmptyState> }.into_any()
    } else {
        let rows = list
            .rows
            .into_iter()
            .map(|row| view! { <MailLine row /> })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Emails">
                <table class="table">
                    <caption class="visually-hidden">"Emails, newest first"</caption>
                    <thead><tr>
                        <th scope="col">"Queued (UTC)"</th><th scope="col">"What"</th><th scope="col">"To"</th>
                        <th scope="col">"State"</th><th scope="col" class="num">"Attempts"</th><th scope="col">"Last error"</th><th scope="col">"Action"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }.into_any()
    };
    view! {
        <StatusTabs label="Emails by state" tabs />
        {body}
        <Pager total page noun="emails" href=move |page| href(&state, page) />
    }
}

#[component]
fn MailLine(row: MailRow) -> impl IntoView {
    let what = match &row.reference {
        Some(reference) => format!("{} · {reference}", row.kind.replace('_', " ")),
        None => row.kind.replace('_', " "),
    };
    let retry = row.retryable.then(|| {
        view! {
            <form method="post" action=format!("/staff/outbox/{}/retry", row.id)>
                <button type="submit" class="button button--small">"Send again"</button>
            </form>
        }
    });
    view! {
        <tr>
            <th scope="row">{row.created}</th>
            <td>{what}</td>
            <td>{row.recipient.unwrap_or_else(|| "(erased)".into())}</td>
            <td>{row.state.label()}</td>
            <td class="num">{row.attempts}</td>
            <td>{row.last_error.unwrap_or_default()}</td>
            <td>{retry}</td>
        </tr>
    }
}

#[cfg(feature = "ssr")]
pub fn routes() -> crate::routes::Routes {
    use axum::extract::{Form, Path, State};
    use axum::response::Response;

    async fn retry(
        State(state): State<crate::state::AppState>,
        session: crate::staff::auth::StaffSession,
        Path(id): Path<i64>,
        Form(fields): Form<crate::ui::form::post::Fields>,
    ) -> Response {
        let pool = state.pool.clone();
        crate::staff::routes::staff_post::<RetryForm>(
            state,
            session,
            None,
            fields,
            async |staff, _| {
                queries::retry(&pool, staff, id).await?;
                Ok("/staff/outbox?state=waiting&done=retried".into())
            },
            |_| "/staff/outbox".into(),
        )
        .await
    }
    crate::routes::Routes::new().post("/staff/outbox/{id}/retry", retry)
}
