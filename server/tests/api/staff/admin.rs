//! The accounts pages, as an admin uses them without JavaScript: create,
//! change role, deactivate and reactivate, reset a password; each ends the
//! sessions it should, is audited with before and after, and never leaves
//! the back office without an active admin.

use super::*;
use app::staff::Role;
use app::staff::admin::queries;
use reqwest::header::LOCATION;
use sqlx::PgPool;

const ADMIN: &str = "grace@example.com";

/// A staff account (EMAIL, logged in) and an admin (ADMIN, logged in):
/// the app, the pool, the staff account's id and cookie, the admin's cookie.
async fn with_admin(pool: PgPool) -> (TestApp, PgPool, i64, String, String) {
    let (app, pool) = with_account(pool).await;
    let staff = log_in(&app).await;
    let staff_id: i64 = sqlx::query_scalar("SELECT id FROM staff_accounts WHERE email = $1")
        .bind(EMAIL)
        .fetch_one(&pool)
        .await
        .unwrap();
    let (_, admin) = account_logged_in(&app, &pool, ADMIN, Role::Admin).await;
    (app, pool, staff_id, staff, admin)
}

fn body(pairs: &[(&str, &str)]) -> String {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        body.append_pair(name, value);
    }
    body.finish()
}

/// The newest audit row's action, before and after.
async fn last_audit(
    pool: &PgPool,
) -> (String, Option<serde_json::Value>, Option<serde_json::Value>) {
    sqlx::query_as("SELECT action, before, after FROM staff_audit ORDER BY id DESC LIMIT 1")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn an_admin_creates_an_account_that_then_logs_in_and_the_audit_says_so(pool: PgPool) {
    // Arrange
    let (app, pool, _, _, admin) = with_admin(pool).await;
    let new = body(&[
        ("email", "Linus@Example.com"),
        ("role", "staff"),
        ("new", "a first password 1"),
        ("repeat", "a first password 1"),
    ]);

    // Act
    let response = post(&app, "/staff/admin/accounts", new, Some(&admin)).await;

    // Assert
    assert_eq!(response.status(), 303);
    let page = response.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(page.ends_with("?done=created"), "{page}");
    let shown = get(&app, &page, &admin).await.text().await.unwrap();
    assert!(shown.contains("Linus@Example.com") && shown.contains("Account created"));
    let login = post(
        &app,
        "/staff/login",
        form("linus@example.com", "a first password 1"),
        None,
    )
    .await;
    assert_eq!(login.status(), 303, "the new account logs in, in any case");
    let (action, before, after) = last_audit(&pool).await;
    assert_eq!(action, "staff.login");
    let created: (String, serde_json::Value) = sqlx::query_as(
        "SELECT actor, after FROM staff_audit WHERE action = 'staff.account_created'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(created.0, ADMIN);
    assert_eq!(created.1["role"], "staff");
    assert_eq!((before, after), (None, None));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_refused_new_account_keeps_what_was_typed_says_why_and_writes_nothing(pool: PgPool) {
    let (app, pool, _, _, admin) = with_admin(pool).await;
    let long = "a first password 1";
    let cases = [
        (
            "taken in another case",
            "ADA@example.com",
            "staff",
            long,
            long,
            "already exists",
        ),
        (
            "no role",
            "new@example.com",
            "",
            long,
            long,
            "Choose admin or staff",
        ),
        (
            "short password",
            "new@example.com",
            "staff",
            "short",
            "short",
            "at least 12",
        ),
        (
            "passwords differ",
            "new@example.com",
            "staff",
            long,
            "another one 123",
            "differ",
        ),
    ];
    let accounts_before: i64 = sqlx::query_scalar("SELECT count(*) FROM staff_accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    for (why, email, role, new, repeat, says) in cases {
        // Act
        let typed = body(&[
            ("email", email),
            ("role", role),
            ("new", new),
            ("repeat", repeat),
        ]);
        let response = post(&app, "/staff/admin/accounts", typed, Some(&admin)).await;

        // Assert
        assert_eq!(response.status(), 422, "{why}");
        let html = response.text().await.unwrap();
        assert!(html.contains(says), "{why}: {says}");
        assert!(
            html.contains(&format!("value=\"{email}\"")),
            "{why}: the email is kept"
        );
        assert!(
            !html.contains(new) || new == "short",
            "{why}: the password is not sent back"
        );
        assert!(
            html.contains("Staff accounts"),
            "{why}: the list is still there"
        );
    }
    let accounts_after: i64 = sqlx::query_scalar("SELECT count(*) FROM staff_accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(accounts_after, accounts_before);
}

/// How many session rows an account has.
async fn sessions_of(pool: &PgPool, id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM staff_sessions WHERE data -> 'axum-login.data' ->> 'user_id' = $1::text",
    )
    .bind(id.to_string())
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_change_of_role_ends_that_accounts_sessions_and_is_audited_before_and_after(
    pool: PgPool,
) {
    // Arrange
    let (app, pool, staff_id, staff, admin) = with_admin(pool).await;
    assert_eq!(sessions_of(&pool, staff_id).await, 1);

    // Act
    let path = format!("/staff/admin/accounts/{staff_id}/role");
    let response = post(&app, &path, body(&[("role", "admin")]), Some(&admin)).await;

    // Assert
    assert_eq!(response.status(), 303);
    assert!(
        response.headers()[LOCATION]
            .to_str()
            .unwrap()
            .ends_with("?done=role")
    );
    assert_eq!(sessions_of(&pool, staff_id).await, 0);
    assert_eq!(get(&app, "/staff", &staff).await.status(), 401);
    let (action, before, after) = last_audit(&pool).await;
    assert_eq!(action, "staff.account_role");
    assert_eq!(before.unwrap()["role"], "staff");
    assert_eq!(after.unwrap()["role"], "admin");
    let role: String = sqlx::query_scalar("SELECT role::text FROM staff_accounts WHERE id = $1")
        .bind(staff_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(role, "admin");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deactivated_account_loses_its_sessions_and_cannot_log_in_until_reactivated(
    pool: PgPool,
) {
    // Arrange
    let (app, pool, staff_id, staff, admin) = with_admin(pool).await;
    let path = format!("/staff/admin/accounts/{staff_id}/active");

    // Act
    let off = post(&app, &path, body(&[("active", "false")]), Some(&admin)).await;

    // Assert
    assert_eq!(off.status(), 303);
    assert_eq!(sessions_of(&pool, staff_id).await, 0);
    assert_eq!(get(&app, "/staff", &staff).await.status(), 401);
    let refused = post(&app, "/staff/login", form(EMAIL, PASSWORD), None).await;
    assert_eq!(refused.status(), 401, "a deactivated account cannot log in");
    assert_eq!(last_audit(&pool).await.0, "staff.account_deactivated");

    let on = post(&app, &path, body(&[("active", "true")]), Some(&admin)).await;
    assert_eq!(on.status(), 303);
    let login = post(&app, "/staff/login", form(EMAIL, PASSWORD), None).await;
    assert_eq!(login.status(), 303, "reactivated, it logs in");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reset_password_ends_their_sessions_and_only_the_new_one_logs_in(pool: PgPool) {
    // Arrange
    let (app, pool, staff_id, staff, admin) = with_admin(pool).await;
    let new = "a reset password 42";

    // Act
    let path = format!("/staff/admin/accounts/{staff_id}/password");
    let response = post(
        &app,
        &path,
        body(&[("new", new), ("repeat", new)]),
        Some(&admin),
    )
    .await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(get(&app, "/staff", &staff).await.status(), 401);
    assert_eq!(
        post(&app, "/staff/login", form(EMAIL, PASSWORD), None)
            .await
            .status(),
        401
    );
    assert_eq!(
        post(&app, "/staff/login", form(EMAIL, new), None)
            .await
            .status(),
        303
    );
    let logged: String = sqlx::query_scalar(
        "SELECT after::text FROM staff_audit WHERE action = 'staff.account_password_reset'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        !logged.contains(new),
        "the audit never holds the password: {logged}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_admin_cannot_demote_deactivate_or_reset_themselves_and_the_page_says_so(pool: PgPool) {
    let (app, pool, _, _, admin) = with_admin(pool).await;
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM staff_accounts WHERE email = $1")
        .bind(ADMIN)
        .fetch_one(&pool)
        .await
        .unwrap();
    let new = "a reset password 42";
    let cases = [
        ("role", body(&[("role", "staff")])),
        ("active", body(&[("active", "false")])),
        ("password", body(&[("new", new), ("repeat", new)])),
    ];
    for (form_name, typed) in cases {
        // Act
        let path = format!("/staff/admin/accounts/{admin_id}/{form_name}");
        let response = post(&app, &path, typed, Some(&admin)).await;

        // Assert
        assert_eq!(response.status(), 409, "{form_name}");
        let html = response.text().await.unwrap();
        assert!(html.contains("your own"), "{form_name}: {html}");
    }
    assert_eq!(
        get(&app, "/staff", &admin).await.status(),
        200,
        "still an admin, logged in"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn two_admins_demoting_each_other_at_once_leave_one_admin(pool: PgPool) {
    // Arrange: two admins, each about to demote the other.
    let (app, pool, staff_id, _, _) = with_admin(pool).await;
    sqlx::query("UPDATE staff_accounts SET role = 'admin' WHERE id = $1")
        .bind(staff_id)
        .execute(&pool)
        .await
        .unwrap();
    let admins: Vec<i64> = sqlx::query_scalar("SELECT id FROM staff_accounts ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let user = |id| app::staff::accounts::active_by_id(&pool, id);
    let (first, second) = (
        user(admins[0]).await.unwrap().unwrap(),
        user(admins[1]).await.unwrap().unwrap(),
    );

    // Act
    let (a, b) = tokio::join!(
        queries::set_role(&pool, &first, admins[1], Role::Staff),
        queries::set_role(&pool, &second, admins[0], Role::Staff),
    );

    // Assert
    assert!(a.is_ok() != b.is_ok(), "exactly one wins: {a:?} {b:?}");
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM staff_accounts WHERE role = 'admin' AND active")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(left, 1);
    drop(app);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_accounts_pages_are_for_admins_a_staff_account_gets_403(pool: PgPool) {
    let (app, _, staff_id, staff, admin) = with_admin(pool).await;
    for page in [
        "/staff/admin/accounts".to_owned(),
        format!("/staff/admin/accounts/{staff_id}"),
    ] {
        let as_staff = get(&app, &page, &staff).await;
        assert_eq!(as_staff.status(), 403, "{page}");
        assert!(
            !as_staff.text().await.unwrap().contains(ADMIN),
            "{page}: no account shown"
        );
        let as_admin = get(&app, &page, &admin).await;
        assert_eq!(as_admin.status(), 200, "{page}");
        assert!(as_admin.text().await.unwrap().contains(EMAIL), "{page}");
    }
    let missing = get(&app, "/staff/admin/accounts/999999", &admin).await;
    assert_eq!(missing.status(), 404);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_audit_log_filters_by_who_what_and_record_and_shows_an_edits_before_and_after(
    pool: PgPool,
) {
    // Arrange: a role change, the staff account's login and the admin's.
    let (app, _, staff_id, _, admin) = with_admin(pool).await;
    let path = format!("/staff/admin/accounts/{staff_id}/role");
    post(&app, &path, body(&[("role", "admin")]), Some(&admin)).await;

    // Act
    let page = async |query: String| {
        let path = format!("/staff/admin/audit?{query}");
        get(&app, &path, &admin).await.text().await.unwrap()
    };
    let by_action = page("action=staff.account".into()).await;
    let by_actor = page("actor=ADA%40".into()).await;
    let by_record = page(format!("record=account+{staff_id}")).await;
    let nothing = page("action=jobs.".into()).await;

    // Assert
    assert!(by_action.contains("staff.account_role") && !by_action.contains("staff.login"));
    assert!(by_action.contains("Before and after"));
    let quoted = |s: &str| {
        by_action.contains(&format!("\"{s}\"")) || by_action.contains(&format!("&quot;{s}&quot;"))
    };
    assert!(
        quoted("role") && quoted("staff") && quoted("admin"),
        "{by_action}"
    );
    assert!(by_actor.contains(EMAIL) && !by_actor.contains(&format!("<td>{ADMIN}</td>")));
    assert!(by_record.contains("staff.account_role") && !by_record.contains("staff.login"));
    assert!(nothing.contains("No rows match"));
}
