//! Login and sessions (OWASP ASVS level 2, V2 and V3): the cookie, a new
//! session id at login, the same answer for an unknown email and a wrong
//! password, lockout per account and per address, logout, idle and
//! absolute expiry, deactivation, and the audit log.

use super::*;
use app::common::Email;
use app::staff::{Password, Role, accounts};
use reqwest::header::{CACHE_CONTROL, LOCATION, SET_COOKIE};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn logging_in_sets_a_strict_host_cookie_with_a_new_id_and_opens_the_back_office(
    pool: PgPool,
) {
    // Arrange: an attacker has planted a session id of their choosing.
    let (app, _) = with_account(pool).await;
    let planted = format!("{COOKIE_NAME}=AAAAAAAAAAAAAAAAAAAAAA");

    // Act
    let response = post(&app, "/staff/login", form(EMAIL, PASSWORD), Some(&planted)).await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/staff");
    let cookie = staff_cookie(&response).expect("a session cookie");
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(
        !cookie.contains("Domain"),
        "a __Host- cookie names no domain"
    );
    assert_ne!(
        pair(&cookie),
        planted,
        "the id is the server's, not the planted one"
    );
    let home = get(&app, "/staff", &pair(&cookie)).await;
    assert_eq!(home.status(), 200);
    assert_eq!(home.headers()[CACHE_CONTROL], "no-store");
    assert!(home.text().await.unwrap().contains(EMAIL));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_password_and_an_unknown_email_get_the_same_401_and_keep_only_the_email(
    pool: PgPool,
) {
    let (app, _) = with_account(pool).await;
    let cases = [
        (EMAIL, "not the password"),
        ("nobody@example.com", PASSWORD),
    ];
    for (email, password) in cases {
        let response = post(&app, "/staff/login", form(email, password), None).await;

        assert_eq!(response.status(), 401, "{email}");
        assert!(staff_cookie(&response).is_none(), "no session for {email}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains("That email and password do not match an active staff account."),
            "{email}"
        );
        assert!(
            html.contains(&format!("value=\"{email}\"")),
            "the email is kept"
        );
        assert!(!html.contains(password), "the password is never sent back");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn five_failed_logins_lock_the_account_even_for_its_right_password(pool: PgPool) {
    let (app, _) = with_account(pool).await;
    for _ in 0..5 {
        let response = post(&app, "/staff/login", form(EMAIL, "not the password"), None).await;
        assert_eq!(response.status(), 401);
    }

    let response = post(&app, "/staff/login", form(EMAIL, PASSWORD), None).await;

    assert_eq!(response.status(), 429);
    assert!(staff_cookie(&response).is_none());
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Too many failed logins")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn five_failures_from_one_address_lock_it_for_every_account_and_say_nothing_of_which_exist(
    pool: PgPool,
) {
    let (app, _) = with_account(pool).await;
    for n in 0..5 {
        let response = post(
            &app,
            "/staff/login",
            form(&format!("guess{n}@example.com"), "x"),
            None,
        )
        .await;
        assert_eq!(response.status(), 401);
    }

    let known = post(&app, "/staff/login", form(EMAIL, PASSWORD), None).await;
    let unknown = post(
        &app,
        "/staff/login",
        form("nobody@example.com", PASSWORD),
        None,
    )
    .await;

    assert_eq!(
        (known.status(), unknown.status()),
        (429.try_into().unwrap(), 429.try_into().unwrap())
    );
    let (known, unknown) = (known.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(
        known.contains("Too many failed logins"),
        unknown.contains("Too many failed logins"),
        "the same words whether the account exists or not"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn after_logout_the_old_cookie_opens_nothing_and_its_row_is_gone(pool: PgPool) {
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;

    let response = post(&app, "/staff/logout", String::new(), Some(&cookie)).await;

    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/staff/login?out=1");
    let replayed = get(&app, "/staff", &cookie).await;
    assert_eq!(replayed.status(), 401);
    assert!(!replayed.text().await.unwrap().contains(EMAIL));
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM staff_sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn without_a_session_the_back_office_is_a_401_login_form_and_its_server_function_a_401(
    pool: PgPool,
) {
    let (app, _) = with_account(pool).await;

    let page = app.get("/staff").await;
    let function = app.call("staff/me", "").await;

    assert_eq!(page.status(), 401);
    assert_eq!(page.headers()[CACHE_CONTROL], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("Staff login") && html.contains("action=\"/staff/login\""));
    assert_eq!(function.status(), 401);
}

#[sqlx::test(migrations = "../migrations")]
async fn sessions_end_when_idle_too_long_past_twelve_hours_or_when_the_account_is_deactivated(
    pool: PgPool,
) {
    let (app, pool) = with_account(pool).await;
    let ends: [(&str, &str); 3] = [
        (
            "idle",
            "UPDATE staff_sessions SET expiry_date = now() - interval '1 second'",
        ),
        (
            "absolute",
            "UPDATE staff_sessions SET data = jsonb_set(data, '{staff.logged_in_at}', to_jsonb(extract(epoch FROM now())::bigint - 12 * 3600 - 60))",
        ),
        ("deactivated", "UPDATE staff_accounts SET active = false"),
    ];
    for (why, change) in ends {
        sqlx::query("UPDATE staff_accounts SET active = true")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("DELETE FROM staff_login_failures")
            .execute(&pool)
            .await
            .unwrap();
        let cookie = log_in(&app).await;
        assert_eq!(
            get(&app, "/staff", &cookie).await.status(),
            200,
            "{why}: live at first"
        );

        sqlx::query(change).execute(&pool).await.unwrap();

        assert_eq!(get(&app, "/staff", &cookie).await.status(), 401, "{why}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn logging_in_and_out_is_in_the_audit_log(pool: PgPool) {
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;
    post(&app, "/staff/logout", String::new(), Some(&cookie)).await;

    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT actor, action FROM staff_audit ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();

    assert_eq!(
        rows,
        [
            (EMAIL.to_owned(), "staff.login".to_owned()),
            (EMAIL.to_owned(), "staff.logout".to_owned())
        ]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_email_already_taken_in_any_case_is_refused(pool: PgPool) {
    let (_, pool) = with_account(pool).await;

    let again = accounts::create(
        &pool,
        &Email::parse("ADA@example.com", "").unwrap(),
        Role::Admin,
        &Password::parse(PASSWORD).unwrap(),
    )
    .await;

    assert!(
        matches!(again, Err(app::AppError::Conflict(_))),
        "{again:?}"
    );
}

/// The median time of `runs` refused logins for `email`.
async fn median_refusal(
    app: &TestApp,
    pool: &PgPool,
    email: &str,
    runs: usize,
) -> std::time::Duration {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        // Failures would lock the address after five; this measures the
        // password check, not the lockout.
        sqlx::query("DELETE FROM staff_login_failures")
            .execute(pool)
            .await
            .unwrap();
        let started = std::time::Instant::now();
        let response = post(app, "/staff/login", form(email, "not the password"), None).await;
        times.push(started.elapsed());
        assert_eq!(response.status(), 401);
    }
    times.sort();
    times[runs / 2]
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unknown_email_takes_as_long_to_refuse_as_a_wrong_password(pool: PgPool) {
    // Arrange: without the dummy hash an unknown email would be refused
    // without any hashing, in well under a tenth of the time.
    let (app, pool) = with_account(pool).await;
    median_refusal(&app, &pool, EMAIL, 3).await;

    // Act: interleaved rounds, so load on the machine falls on both alike.
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..5 {
        known.push(median_refusal(&app, &pool, EMAIL, 5).await);
        unknown.push(median_refusal(&app, &pool, "nobody@example.com", 5).await);
    }
    known.sort();
    unknown.sort();
    let (known, unknown) = (known[2].as_secs_f64(), unknown[2].as_secs_f64());

    // Assert: within noise (a factor of 1.5 either way) of each other.
    let ratio = unknown / known;
    println!(
        "refusal medians: known email {:.1} ms, unknown {:.1} ms, ratio {ratio:.2}",
        known * 1e3,
        unknown * 1e3
    );
    assert!(
        (1.0 / 1.5..=1.5).contains(&ratio),
        "known {known:.4} s, unknown {unknown:.4} s"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn changing_the_password_keeps_this_session_under_a_new_id_and_ends_the_others(pool: PgPool) {
    // Arrange: two sessions of one account.
    let (app, pool) = with_account(pool).await;
    let here = log_in(&app).await;
    let elsewhere = log_in(&app).await;
    let new = "a brand new passphrase";
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("current", PASSWORD)
        .append_pair("new", new)
        .append_pair("repeat", new)
        .finish();

    // Act
    let response = post(&app, "/staff/password", body, Some(&here)).await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/staff?password=changed");
    let renewed = pair(&staff_cookie(&response).expect("a new session id"));
    assert_ne!(renewed, here);
    assert_eq!(
        get(&app, "/staff", &renewed).await.status(),
        200,
        "this session goes on"
    );
    assert_eq!(
        get(&app, "/staff", &here).await.status(),
        401,
        "its old id is gone"
    );
    assert_eq!(
        get(&app, "/staff", &elsewhere).await.status(),
        401,
        "the other session ended"
    );
    assert_eq!(
        post(&app, "/staff/login", form(EMAIL, PASSWORD), None)
            .await
            .status(),
        401,
        "the old password is refused"
    );
    assert_eq!(
        post(&app, "/staff/login", form(EMAIL, new), None)
            .await
            .status(),
        303
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM staff_audit WHERE action = 'staff.password_changed'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_refused_password_change_says_which_field_and_changes_nothing(pool: PgPool) {
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;
    let before: String = sqlx::query_scalar("SELECT password_hash FROM staff_accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    let cases = [
        (
            (
                "not my password",
                "a brand new passphrase",
                "a brand new passphrase",
            ),
            422,
            "That is not your current password.",
        ),
        (
            (PASSWORD, "sh0rt!", "sh0rt!"),
            422,
            "Use at least 12 characters",
        ),
        (
            (PASSWORD, "a brand new passphrase", "a brand new passphrasE"),
            422,
            "The two new passwords differ.",
        ),
    ];
    for ((current, new, repeat), status, message) in cases {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("current", current)
            .append_pair("new", new)
            .append_pair("repeat", repeat)
            .finish();

        let response = post(&app, "/staff/password", body, Some(&cookie)).await;

        assert_eq!(response.status(), status, "{message}");
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{message}");
        assert!(!html.contains(new), "no password is sent back");
    }
    let after: String = sqlx::query_scalar("SELECT password_hash FROM staff_accounts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(after, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_request_that_finishes_after_logout_does_not_bring_the_session_back(pool: PgPool) {
    // Arrange: a session that a slow request loaded, then a logout deleted.
    use tower_sessions::SessionStore;
    let store = app::staff::sessions::PgSessionStore::new(pool.clone());
    let mut record = tower_sessions::session::Record {
        id: tower_sessions::session::Id::default(),
        data: [("k".to_owned(), serde_json::json!(1))].into(),
        expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
            + tower_sessions::cookie::time::Duration::minutes(30),
    };
    store.create(&mut record).await.unwrap();
    store.delete(&record.id).await.unwrap();

    // Act: the slow request ends, and the layer saves what it loaded.
    store.save(&record).await.unwrap();

    // Assert
    assert_eq!(store.load(&record.id).await.unwrap(), None);
}

#[sqlx::test(migrations = "../migrations")]
async fn logging_in_over_another_accounts_session_still_gets_a_new_id(pool: PgPool) {
    // Arrange: someone left a session open in a shared browser.
    let (app, pool) = with_account(pool).await;
    let admin = Email::parse("grace@example.com", "").unwrap();
    accounts::create(
        &pool,
        &admin,
        Role::Admin,
        &Password::parse(PASSWORD).unwrap(),
    )
    .await
    .unwrap();
    let left_open = log_in(&app).await;

    // Act
    let response = post(
        &app,
        "/staff/login",
        form("grace@example.com", PASSWORD),
        Some(&left_open),
    )
    .await;

    // Assert
    let admins = pair(&staff_cookie(&response).expect("a cookie"));
    assert_ne!(admins, left_open);
    let with_old_id = get(&app, "/staff", &left_open).await.text().await.unwrap();
    assert!(
        !with_old_id.contains("grace@example.com"),
        "the old id does not carry the admin in"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_burst_of_simultaneous_guesses_gets_no_more_than_five_password_checks(pool: PgPool) {
    let (app, _) = with_account(pool).await;

    let guesses = (0..20).map(|n| {
        let app = &app;
        async move {
            post(
                app,
                "/staff/login",
                form(EMAIL, &format!("guess number {n}")),
                None,
            )
            .await
            .status()
            .as_u16()
        }
    });
    let statuses: Vec<u16> = futures::future::join_all(guesses).await;

    // Then more, one at a time: together no more than five are checked.
    let mut statuses = statuses;
    for n in 0..10 {
        let guess = form(EMAIL, &format!("later guess {n}"));
        statuses.push(
            post(&app, "/staff/login", guess, None)
                .await
                .status()
                .as_u16(),
        );
    }

    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert!(checked <= 5, "{checked} guesses were checked: {statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    assert_eq!(*statuses.last().unwrap(), 429, "locked in the end");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_next_page_a_header_cannot_hold_goes_to_the_back_office_never_a_500(pool: PgPool) {
    let (app, _) = with_account(pool).await;
    for next in [
        "/staff\u{7f}",
        "/staff\r\nSet-Cookie: x=1",
        "https://evil.example/staff",
        "//evil.example",
        "/jobs",
    ] {
        let body = format!(
            "{}&next={}",
            form(EMAIL, PASSWORD),
            app::common::url_encode(next)
        );

        let response = post(&app, "/staff/login", body, None).await;

        assert_eq!(response.status(), 303, "{next:?}");
        assert_eq!(response.headers()[LOCATION], "/staff", "{next:?}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn logout_tells_the_browser_to_drop_the_cookie_with_the_attributes_it_was_set_with(
    pool: PgPool,
) {
    let (app, _) = with_account(pool).await;
    let cookie = log_in(&app).await;

    let response = post(&app, "/staff/logout", String::new(), Some(&cookie)).await;

    let removals: Vec<&str> = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        removals
            .iter()
            .any(|c| c.starts_with(&format!("{COOKIE_NAME}=;"))
                && c.contains("Max-Age=0")
                && c.contains("Secure")
                && c.contains("Path=/")),
        "{removals:?}"
    );
}
