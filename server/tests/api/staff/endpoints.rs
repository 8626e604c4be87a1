//! Every staff endpoint, read from the code, held to its role: 401
//! without a session, 403 for a staff account on an admin one (every path
//! under `/staff/admin/` and `/api/staff/admin/`, and the audit log), and
//! nothing written either way. Cross-site posts to them are refused by
//! `cross_site.rs`, which enumerates every state-changing endpoint.

use super::*;
use app::staff::Role;
use reqwest::header::LOCATION;
use sqlx::PgPool;

/// Every staff endpoint, from the code: the server functions registered
/// under `/api/staff/` and the plain routes under `/staff`, with `{id}`
/// standing for the account `id` (a real one, so a missing check would
/// change it).
fn staff_endpoints(id: i64) -> Vec<(bool, String)> {
    let mut paths: Vec<(bool, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| (true, path.to_owned()))
        .filter(|(_, path)| path.starts_with("/api/staff/"))
        .chain(
            server::startup::plain_routes()
                .into_iter()
                .map(|route| (route.changes_state(), route.path.to_owned()))
                .filter(|(_, path)| path.starts_with("/staff")),
        )
        .map(|(posts, path)| (posts, path.replace("{id}", &id.to_string())))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Where a session begins and ends: the only staff endpoints open to a
/// visitor without one (logging in; logging out changes nothing then).
const SESSION_DOORS: [&str; 2] = ["/staff/login", "/staff/logout"];

/// Whether only admins may use this endpoint: its path says so.
fn admins_only(path: &str) -> bool {
    path.starts_with("/staff/admin/")
        || path.starts_with("/api/staff/admin/")
        || path == "/api/staff/audit"
}

/// Everything a staff endpoint could write, summed with a fingerprint of
/// the accounts, so any change shows.
const WRITTEN: &str = "SELECT (SELECT count(*) FROM staff_sessions) || ' ' || \
     (SELECT count(*) FROM staff_audit) || ' ' || \
     (SELECT string_agg(email || role || active || password_hash, ',' ORDER BY id) FROM staff_accounts) || ' ' || \
     (SELECT count(*) || ' ' || coalesce(sum(version), 0) FROM jobs) || ' ' || \
     (SELECT count(*) FILTER (WHERE status <> 'new' OR notes <> '') FROM applications) || ' ' || \
     (SELECT count(*) || ' ' || count(failed_at) FROM outbox) || ' ' || \
     (SELECT coalesce(string_agg(status::text || revision || coalesce(staff_notes, ''), ',' ORDER BY id), '') FROM bookings) || ' ' || \
     (SELECT coalesce(string_agg(weekday || starts::text || ends::text, ',' ORDER BY id), '') FROM availability_rules) || ' ' || \
     (SELECT count(*) FROM availability_exceptions) || ' ' || \
     (SELECT zone || slot_minutes || buffer_minutes || notice_minutes || horizon_days || retention_days FROM booking_settings) || ' ' || \
     (SELECT md5(string_agg(l::text, ',' ORDER BY slug)) FROM salary_locations l) || \
     (SELECT md5(string_agg(e::text, ',' ORDER BY years)) FROM salary_experience e) || \
     (SELECT md5(string_agg(p::text, ',' ORDER BY skill)) FROM salary_skill_premiums p) || \
     (SELECT md5(string_agg(a::text, ',' ORDER BY employment)) FROM salary_employment_adjustments a) || \
     (SELECT md5(string_agg(r::text, ',' ORDER BY currency, valid_on)) FROM fx_rates r) || \
     (SELECT md5(string_agg(s::text, ',' ORDER BY slug)) FROM salary_sources s)";

/// A body that every form would accept, were its check missing: a role,
/// a status, a new password twice, a new account, a status button, and
/// the arguments of the server functions.
fn willing_body(id: i64) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("id", &id.to_string())
        .append_pair("status", "")
        .append_pair("q", "")
        .append_pair("page", "1")
        .append_pair("job", "0")
        .append_pair("actor", "")
        .append_pair("state", "")
        .append_pair("record", "")
        .append_pair("notes", "written by mallory")
        .append_pair("intent", "save")
        .append_pair("action", "publish")
        .append_pair("version", "1")
        .append_pair("role", "admin")
        .append_pair("active", "false")
        .append_pair("email", "mallory@example.com")
        .append_pair("new", "a password mallory knows")
        .append_pair("repeat", "a password mallory knows")
        .append_pair("revision", "0")
        .append_pair("sort", "")
        .append_pair("day", "2030-12-24")
        .append_pair("hours", "closed")
        .extend_pairs(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(|day| (day, "closed")))
        .append_pair("zone", "UTC")
        .append_pair("slot", "45")
        .append_pair("buffer", "0")
        .append_pair("notice", "0")
        .append_pair("horizon", "365")
        .append_pair("retention", "1")
        .extend_pairs([
            ("slug", "toronto"),
            ("p25", "1"),
            ("median", "2"),
            ("p75", "3"),
            ("year", "2024"),
            ("sample", ""),
            ("basis", "mallory's"),
            ("source", "backline-illustrative-2026"),
            ("skill", "rust"),
            ("percent", "150"),
            ("employment", "freelance"),
            ("multiplier", "2.5"),
            ("currency", "EUR"),
            ("valid_on", "2026-12-01"),
            ("usd_per_unit", "9"),
            ("title", "t"),
            ("publisher", "p"),
            ("url", ""),
            ("kind", "published"),
        ])
        .extend_pairs((0..=20).map(|y| (format!("y{y}"), "1")))
        .finish()
}

#[sqlx::test(migrations = "../migrations")]
async fn every_staff_endpoint_refuses_a_visitor_without_a_session_with_401_and_changes_nothing(
    pool: PgPool,
) {
    // Arrange
    let (app, pool) = with_account(pool).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff_accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    let endpoints = staff_endpoints(id);
    assert!(
        endpoints.iter().any(|(_, e)| e.starts_with("/api/staff/"))
            && endpoints.iter().any(|(posts, _)| !posts),
        "{endpoints:?}"
    );
    let before: String = sqlx::query_scalar(WRITTEN).fetch_one(&pool).await.unwrap();

    for (posts, endpoint) in endpoints
        .iter()
        .filter(|(_, e)| !SESSION_DOORS.contains(&e.as_str()))
    {
        // Act: a download is a GET, with the same fields as its query.
        let response = if *posts {
            post(&app, endpoint, willing_body(id), None).await
        } else {
            app.client
                .get(format!("{}{endpoint}?{}", app.address, willing_body(id)))
                .send()
                .await
                .unwrap()
        };

        // Assert
        assert_eq!(response.status(), 401, "{endpoint}");
    }
    let anonymous_logout = post(&app, "/staff/logout", String::new(), None).await;
    assert_eq!(anonymous_logout.headers()[LOCATION], "/staff/login");
    let after: String = sqlx::query_scalar(WRITTEN).fetch_one(&pool).await.unwrap();
    assert_eq!(after, before, "nothing was written");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_admin_endpoint_refuses_a_staff_account_with_403_and_changes_nothing(pool: PgPool) {
    // Arrange: a staff account, logged in, and an admin it might target.
    let (app, pool) = with_account(pool).await;
    let staff = log_in(&app).await;
    let (admin_id, _) = account_logged_in(&app, &pool, "grace@example.com", Role::Admin).await;
    let endpoints: Vec<String> = staff_endpoints(admin_id)
        .into_iter()
        .map(|(_, path)| path)
        .filter(|path| admins_only(path))
        .collect();
    assert!(
        endpoints.len() >= 6,
        "the accounts pages' posts and functions: {endpoints:?}"
    );
    let before: String = sqlx::query_scalar(WRITTEN).fetch_one(&pool).await.unwrap();

    for endpoint in &endpoints {
        // Act
        let response = post(&app, endpoint, willing_body(admin_id), Some(&staff)).await;

        // Assert
        assert_eq!(response.status(), 403, "{endpoint}");
    }
    let after: String = sqlx::query_scalar(WRITTEN).fetch_one(&pool).await.unwrap();
    assert_eq!(after, before, "nothing was written");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_audit_log_is_for_admins_only_staff_get_403_and_admins_see_their_login(pool: PgPool) {
    // Arrange: EMAIL is a staff account; add an admin.
    let (app, pool) = with_account(pool).await;
    let staff = log_in(&app).await;
    let (_, admin) = account_logged_in(&app, &pool, "grace@example.com", Role::Admin).await;

    // Act
    let as_staff = post(&app, "/api/staff/audit", String::new(), Some(&staff)).await;
    let as_admin = post(&app, "/api/staff/audit", String::new(), Some(&admin)).await;

    // Assert
    assert_eq!(as_staff.status(), 403);
    assert_eq!(as_admin.status(), 200);
    let rows = as_admin.text().await.unwrap();
    assert!(
        rows.contains("grace@example.com") && rows.contains("staff.login"),
        "{rows}"
    );
}
