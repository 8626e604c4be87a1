//! The back office's bookings and opening hours, through the real server:
//! cancelling emails the visitor, a stale button is refused, notes go with
//! the visitor's details, the CSV cannot run formulas, and no change to the
//! hours may strand a booked lesson.

use super::*;
use crate::booking::{book_first_slot, manage, open_all_week};
use reqwest::header::LOCATION;

/// A staff account logged in, the hours open all week (UTC), and one
/// lesson booked: the app, the pool, the cookie, the booking's id and
/// its manage token.
async fn with_booking(pool: PgPool) -> (TestApp, PgPool, String, i64, String) {
    open_all_week(&pool).await;
    let (app, pool) = with_account(pool).await;
    let (token, _) = book_first_slot(&app).await;
    let cookie = log_in(&app).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    (app, pool, cookie, id, token)
}

fn body(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

async fn revision(pool: &PgPool, id: i64) -> String {
    let revision: i32 = sqlx::query_scalar("SELECT revision FROM bookings WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    revision.to_string()
}

async fn status(pool: &PgPool, id: i64) -> String {
    sqlx::query_scalar("SELECT status::text FROM bookings WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_cancel_a_booking_the_visitor_is_emailed_and_the_audit_log_says_who(pool: PgPool) {
    // Arrange
    let (app, pool, cookie, id, _) = with_booking(pool).await;
    let reference: String = sqlx::query_scalar("SELECT reference FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    let list = get(&app, "/staff/bookings?status=confirmed", &cookie).await;
    assert_eq!(list.status(), 200);
    assert!(list.text().await.unwrap().contains(&reference));
    let seen = revision(&pool, id).await;

    // Act
    let response = post(
        &app,
        &format!("/staff/bookings/{id}/status"),
        body(&[("action", "cancel"), ("revision", &seen)]),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()[LOCATION],
        format!("/staff/bookings/{id}?done=cancel").as_str()
    );
    assert_eq!(status(&pool, id).await, "cancelled");
    let email: (String, Option<String>) = sqlx::query_as(
        "SELECT kind, recipient FROM outbox WHERE booking_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        email,
        (
            "booking_cancelled".to_owned(),
            Some("asha@example.com".to_owned())
        )
    );
    let audit: (String, String, serde_json::Value) = sqlx::query_as(
        "SELECT actor, record, after FROM staff_audit WHERE action = 'bookings.cancel'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        audit,
        (
            EMAIL.to_owned(),
            format!("booking {reference}"),
            serde_json::json!({ "status": "cancelled" })
        )
    );
    let page = get(&app, &format!("/staff/bookings/{id}?done=cancel"), &cookie).await;
    let page = page.text().await.unwrap();
    assert!(page.contains("The visitor will be emailed"), "{page}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_status_button_that_no_longer_applies_is_refused_with_409_and_changes_nothing(
    pool: PgPool,
) {
    // Arrange: a confirmed lesson still ahead.
    let (app, pool, cookie, id, _) = with_booking(pool).await;
    let seen = revision(&pool, id).await;
    let stale = (seen.parse::<i32>().unwrap() - 1).to_string();
    let refusals = [
        ("cancel", stale.as_str(), "changed while you were looking"),
        (
            "confirm",
            seen.as_str(),
            "only a pending booking can be confirmed",
        ),
        ("complete", seen.as_str(), "has begun"),
    ];

    for (action, revision, expected) in refusals {
        // Act
        let response = post(
            &app,
            &format!("/staff/bookings/{id}/status"),
            body(&[("action", action), ("revision", revision)]),
            Some(&cookie),
        )
        .await;

        // Assert
        assert_eq!(response.status(), 409, "{action}");
        let page = response.text().await.unwrap();
        assert!(page.contains(expected), "{action}: {page}");
    }
    assert_eq!(status(&pool, id).await, "confirmed");
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM staff_audit WHERE action LIKE 'bookings.%'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn notes_are_kept_as_typed_when_refused_and_erased_with_the_visitors_details(pool: PgPool) {
    // Arrange
    let (app, pool, cookie, id, token) = with_booking(pool).await;
    let notes_url = format!("/staff/bookings/{id}/notes");

    // Act: too long, then fine.
    let long = format!("<b>{}</b>", "x".repeat(4000));
    let refused = post(&app, &notes_url, body(&[("notes", &long)]), Some(&cookie)).await;
    let saved = post(
        &app,
        &notes_url,
        body(&[("notes", "Wants async Rust <script>")]),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Shorten the notes"), "{page}");
    assert!(page.contains("&lt;b&gt;xxx"), "typed text kept, escaped");
    assert_eq!(saved.status(), 303);
    let stored: Option<String> = sqlx::query_scalar("SELECT staff_notes FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("Wants async Rust <script>"));
    let shown = get(&app, &format!("/staff/bookings/{id}"), &cookie).await;
    let shown = shown.text().await.unwrap();
    assert!(shown.contains("Wants async Rust &lt;script&gt;"), "{shown}");

    // Act: the visitor erases their details.
    let erased = manage(&app, &token, &[("action", "erase"), ("confirm", "on")]).await;
    assert!(erased.status().is_redirection(), "{}", erased.status());
    let after = post(&app, &notes_url, body(&[("notes", "again")]), Some(&cookie)).await;

    // Assert
    let stored: Option<String> = sqlx::query_scalar("SELECT staff_notes FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, None);
    assert_eq!(after.status(), 409);
    assert!(
        after
            .text()
            .await
            .unwrap()
            .contains("notes about the visitor with them")
    );
    let audited: Vec<serde_json::Value> =
        sqlx::query_scalar("SELECT after FROM staff_audit WHERE action = 'bookings.notes'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        audited,
        [serde_json::json!({ "notes_chars": 25 })],
        "lengths, never the text"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_csv_export_keeps_formulas_as_text_is_never_cached_and_needs_a_session(pool: PgPool) {
    // Arrange: a visitor whose name a spreadsheet would run.
    let (app, pool, cookie, _, _) = with_booking(pool).await;
    sqlx::query("UPDATE bookings SET name = '=HYPERLINK(\"http://evil.example\",\"x\")', topic = '@SUM(A1)'")
        .execute(&pool)
        .await
        .unwrap();

    // Act
    let response = get(&app, "/staff/bookings.csv?status=confirmed", &cookie).await;
    let anonymous = app
        .client
        .get(format!("{}/staff/bookings.csv", app.address))
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"bookings-")
    );
    let text = response.text().await.unwrap();
    let mut lines = text.lines();
    assert!(
        lines.next().unwrap().ends_with(
            r#""reference","starts","ends","zone","status","name","email","phone","topic","visitor_zone","booked","staff_notes""#
        )
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains(r#","'=HYPERLINK(""http://evil.example"",""x"")","#),
        "{row}"
    );
    assert!(row.contains(r#","'@SUM(A1)","#), "{row}");
    assert!(row.contains(r#","'+442079460958","#), "{row}");
    assert_eq!(lines.next(), None);
    assert_eq!(anonymous.status(), 401);
}

/// The week's hours as stored, for comparing before and after.
async fn hours(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "SELECT concat_ws('|',
            (SELECT string_agg(weekday || ' ' || starts || '-' || ends, ',' ORDER BY weekday, starts) FROM availability_rules),
            (SELECT string_agg(day::text, ',' ORDER BY day) FROM availability_exceptions),
            (SELECT zone || slot_minutes FROM booking_settings))",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

fn settings(slot: &str) -> String {
    body(&[
        ("zone", "UTC"),
        ("slot", slot),
        ("buffer", "10"),
        ("notice", "60"),
        ("horizon", "30"),
        ("retention", "180"),
    ])
}

#[sqlx::test(migrations = "../migrations")]
async fn a_change_that_would_strand_a_booked_lesson_is_refused_naming_it_and_changes_nothing(
    pool: PgPool,
) {
    // Arrange: a lesson booked on some day ahead.
    let (app, pool, cookie, _, _) = with_booking(pool).await;
    let (reference, day): (String, String) = sqlx::query_as(
        "SELECT reference, (lower(during) AT TIME ZONE 'UTC')::date::text FROM bookings",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let closed_week: Vec<(&str, &str)> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .map(|d| (d, "closed"))
        .collect();
    let before = hours(&pool).await;
    let changes = [
        (
            "/staff/availability/week",
            body(&closed_week),
            "closing every day",
        ),
        (
            "/staff/availability/exceptions",
            body(&[("day", &day), ("hours", "closed")]),
            "closing its day",
        ),
    ];

    for (path, form, what) in changes {
        // Act
        let response = post(&app, path, form, Some(&cookie)).await;

        // Assert
        assert_eq!(response.status(), 409, "{what}");
        let page = response.text().await.unwrap();
        assert!(page.contains(&reference), "{what} names the lesson: {page}");
        assert!(page.contains("would fall outside the hours"), "{what}");
    }
    assert_eq!(hours(&pool).await, before, "nothing changed");

    // Act: longer lessons from now on; the booked one keeps its time.
    let longer = post(
        &app,
        "/staff/availability/settings",
        settings("45"),
        Some(&cookie),
    )
    .await;
    assert_eq!(longer.status(), 303, "a booked lesson keeps its own length");

    // Act: a change that keeps the lesson, a date a year on closed.
    let year_on = (chrono::Utc::now() + chrono::Duration::days(365))
        .format("%Y-%m-%d")
        .to_string();
    let fine = post(
        &app,
        "/staff/availability/exceptions",
        body(&[("day", &year_on), ("hours", "")]),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(fine.status(), 303);
    assert_eq!(fine.headers()[LOCATION], "/staff/availability?done=saved");
    let audit: (String, serde_json::Value) = sqlx::query_as(
        "SELECT actor, after->'exceptions' FROM staff_audit WHERE action = 'availability.exception'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audit.0, EMAIL);
    assert_eq!(audit.1, serde_json::json!([[year_on, null, null]]));
}

#[sqlx::test(migrations = "../migrations")]
async fn availability_forms_refuse_bad_input_on_its_field_with_422_keeping_what_was_typed(
    pool: PgPool,
) {
    // Arrange
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;
    let before = hours(&pool).await;
    let mut week: Vec<(&str, &str)> = ["mon", "tue", "wed", "thu", "fri", "sat"]
        .into_iter()
        .map(|d| (d, "09:00-17:00"))
        .collect();
    week.push(("sun", "all day long"));
    let cases = [
        (
            "/staff/availability/week",
            body(&week),
            "all day long",
            "not a time range",
        ),
        (
            "/staff/availability/exceptions",
            body(&[("day", "2020-01-01"), ("hours", "")]),
            "2020-01-01",
            "today or a later date",
        ),
        (
            "/staff/availability/exceptions",
            body(&[("day", "2030-02-30"), ("hours", "10:00-12:00")]),
            "2030-02-30",
            "not a date like",
        ),
        (
            "/staff/availability/settings",
            body(&[
                ("zone", "Mars/Olympus_Mons"),
                ("slot", "30"),
                ("buffer", "10"),
                ("notice", "60"),
                ("horizon", "30"),
                ("retention", "180"),
            ]),
            "Mars/Olympus_Mons",
            "not an IANA time zone",
        ),
        (
            "/staff/availability/settings",
            settings("5"),
            "value=\"5\"",
            "from 10 to 240",
        ),
    ];

    for (path, form, kept, expected) in cases {
        // Act
        let response = post(&app, path, form, Some(&cookie)).await;

        // Assert
        assert_eq!(response.status(), 422, "{path} {kept}");
        let page = response.text().await.unwrap();
        assert!(page.contains(kept), "{kept} kept");
        assert!(page.contains(expected), "{expected}: {page}");
    }
    assert_eq!(hours(&pool).await, before, "nothing changed");
}

#[sqlx::test(migrations = "../migrations")]
async fn new_weekly_hours_change_the_times_visitors_are_offered_at_once(pool: PgPool) {
    // Arrange
    let (app, pool, cookie, _, _) = with_booking(pool).await;
    let before = crate::booking::free_slots(&crate::booking::calendar(&app, "UTC").await);
    assert!(before.iter().any(|s| s.contains("T08:00")), "{before:?}");

    // Act: every day from 12:00, keeping the booked lesson's day open.
    let booked_at: String = sqlx::query_scalar(
        "SELECT to_char(lower(during) AT TIME ZONE 'UTC', 'HH24:MI') FROM bookings",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let hours = format!("{booked_at}-23:30");
    let week: Vec<(&str, &str)> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .map(|d| (d, hours.as_str()))
        .collect();
    let response = post(&app, "/staff/availability/week", body(&week), Some(&cookie)).await;

    // Assert
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let after = crate::booking::free_slots(&crate::booking::calendar(&app, "UTC").await);
    assert!(!after.is_empty());
    assert!(
        after.iter().all(|s| s[11..16] >= booked_at[..]),
        "nothing before {booked_at}: {after:?}"
    );
}
