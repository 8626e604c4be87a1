//! `/staff/admin/audit`: the whole audit log for admins, filtered by who,
//! what and which record, fifty rows to a page, each edit with its values
//! before and after.

use crate::AppError;
use crate::common::url_encode;
use crate::staff::StaffMe;
use crate::staff::shell::{Pager, StaffPage};
use crate::ui::{Art, EmptyState, ErrorPanel};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// One row of the log, its JSON values pretty-printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What the log is filtered by: words of the actor's email, the start of
/// the action (`jobs.`, `staff.login`), the record exactly (`job 12`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: String,
    pub action: String,
    pub record: String,
}

#[cfg(feature = "ssr")]
mod queries {
    use super::{AuditEntry, AuditFilter};
    use crate::AppError;
    use crate::common::text::like_literal;
    use crate::staff::shell::PAGE_SIZE;
    use sqlx::PgPool;

    pub async fn page(
        pool: &PgPool,
        filter: &AuditFilter,
        page: i64,
    ) -> Result<(Vec<AuditEntry>, i64), AppError> {
        let rows = sqlx::query!(
            r#"SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS "at!", actor, action, record,
                      jsonb_pretty(before) AS before, jsonb_pretty(after) AS after, count(*) OVER () AS "total!"
               FROM staff_audit
               WHERE actor ILIKE '%' || $1 || '%' AND action LIKE $2 || '%'
                 AND ($3 = '' OR record = $3)
               ORDER BY id DESC
               LIMIT $4 OFFSET $5"#,
            like_literal(&filter.actor),
            like_literal(&filter.action),
            filter.record.trim().replace('\0', ""),
            PAGE_SIZE,
            (page - 1) * PAGE_SIZE,
        )
        .fetch_all(pool)
        .await?;
        let total = rows.first().map_or(0, |r| r.total);
        let entries = rows
            .into_iter()
            .map(|r| AuditEntry {
                at: r.at,
                actor: r.actor,
                action: r.action,
                record: r.record,
                before: r.before,
                after: r.after,
            })
            .collect();
        Ok((entries, total))
    }
}

/// A page of the log, newest first; admins only.
#[server(endpoint = "staff/admin/audit")]
pub async fn audit_log(
    actor: String,
    action: String,
    record: String,
    page: i64,
) -> Result<(Vec<AuditEntry>, i64), AppError> {
    AppError::reply(crate::staff::auth::require(Some(crate::staff::Role::Admin)).await)?;
    let pool = AppError::reply(crate::state::AppState::current())?.pool;
    let filter = AuditFilter {
        actor,
        action,
        record,
    };
    let page = page.clamp(1, crate::staff::shell::MAX_PAGE);
    AppError::reply(queries::page(&pool, &filter, page).await)
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <StaffPage title="Audit log".into() page="/staff/admin/audit".into() admin=true content=audit /> }
}

fn audit(_me: StaffMe) -> impl IntoView {
    let query = use_query_map().read_untracked();
    let filter = AuditFilter {
        actor: query.get("actor").unwrap_or_default(),
        action: query.get("action").unwrap_or_default(),
        record: query.get("record").unwrap_or_default(),
    };
    let page: i64 = query
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let (actor, action, record) = (
        filter.actor.clone(),
        filter.action.clone(),
        filter.record.clone(),
    );
    let rows = OnceResource::new(audit_log(actor, action, record, page));
    view! {
        <header class="staff__head"><h1>"Audit log"</h1></header>
        <Filters filter=filter.clone() />
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    match rows.await {
                        Ok((entries, total)) => view! { <Entries entries total page filter /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Filters(filter: AuditFilter) -> impl IntoView {
    view! {
        <form class="staff-filters" method="get" action="/staff/admin/audit">
            <div class="field"><label for="audit-actor">"Who (email)"</label><input id="audit-actor" type="search" name="actor" value=filter.actor /></div>
            <div class="field"><label for="audit-action">"Action starts with"</label><input id="audit-action" type="search" name="action" value=filter.action placeholder="jobs." /></div>
            <div class="field"><label for="audit-record">"Record"</label><input id="audit-record" type="search" name="record" value=filter.record placeholder="job 12" /></div>
            <button type="submit" class="button">"Filter"</button>
        </form>
    }
}

#[component]
fn Entries(entries: Vec<AuditEntry>, total: i64, page: i64, filter: AuditFilter) -> impl IntoView {
    if entries.is_empty() {
        return view! { <EmptyState art=Art::Search title="No rows match"><p>"Loosen a filter."</p></EmptyState> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|e| {
            let change = (e.before.is_some() || e.after.is_some()).then(|| {
                view! {
                    <details>
                        <summary>"Before and after"</summary>
                        <div class="audit__change">
                            <pre>{e.before.unwrap_or_else(|| "(nothing)".into())}</pre>
                            <pre>{e.after.unwrap_or_else(|| "(nothing)".into())}</pre>
                        </div>
                    </details>
                }
            });
            view! {
                <tr>
                    <th scope="row">{e.at}</th>
                    <td>{e.actor}</td>
                    <td><code>{e.action}</code></td>
                    <td>{e.record.unwrap_or_default()}</td>
                    <td>{change}</td>
                </tr>
            }
        })
        .collect_view();
    let href = move |page: i64| {
        format!(
            "/staff/admin/audit?actor={}&action={}&record={}&page={page}",
            url_encode(&filter.actor),
            url_encode(&filter.action),
            url_encode(&filter.record)
        )
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Audit log">
            <table class="table">
                <caption class="visually-hidden">"Staff actions, newest first"</caption>
                <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"Action"</th><th scope="col">"Record"</th><th scope="col">"Change"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager total page noun="rows" href />
    }.into_any()
}
