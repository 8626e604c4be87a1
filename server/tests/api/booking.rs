//! Booking a demo lesson, end to end through the real server and Postgres:
//! no double booking, idempotent submits, field errors, the manage link,
//! erasure, rate limits, and what reaches the log.

use crate::helpers::{TestApp, spawn_with_config, test_config};
use chrono::{DateTime, Utc};
use serde_json::Value;
use server::Config;
use sqlx::PgPool;
use std::sync::{Arc, Mutex};

/// Open every day 00:00–23:30 UTC with an hour's notice, so tests do not
/// depend on the weekday or the hour they run at.
pub async fn open_all_week(pool: &PgPool) {
    sqlx::query(
        "UPDATE booking_settings SET zone = 'UTC', notice_minutes = 60, buffer_minutes = 10",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM availability_rules")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO availability_rules (weekday, starts, ends)
         SELECT d, '00:00', '23:30' FROM generate_series(1, 7) d",
    )
    .execute(pool)
    .await
    .unwrap();
}

pub async fn spawn_booking_app(pool: PgPool, configure: impl FnOnce(&mut Config)) -> TestApp {
    open_all_week(&pool).await;
    let mut config = test_config(&pool);
    configure(&mut config);
    spawn_with_config(config, pool).await
}

/// The calendar the server offers, in `zone`.
pub async fn calendar(app: &TestApp, zone: &str) -> Value {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("zone", zone)
        .finish();
    let response = app.call("booking/calendar", body).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub fn first_slot(calendar: &Value) -> String {
    calendar["days"][0]["slots"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A booking request; `fields` override the defaults by name.
pub fn request(slot: &str, key: &str, fields: &[(&str, &str)]) -> String {
    let mut values = vec![
        ("slot", slot.to_owned()),
        ("zone", "Europe/Berlin".to_owned()),
        ("key", key.to_owned()),
        ("website", String::new()),
        ("form][name", "Asha Rao".to_owned()),
        ("form][email", "asha@example.com".to_owned()),
        ("form][phone", "+44 20 7946 0958".to_owned()),
        ("form][topic", "Rust and Postgres".to_owned()),
        ("form][consent", "on".to_owned()),
    ];
    for (name, value) in fields {
        match values
            .iter_mut()
            .find(|(n, _)| n.trim_start_matches("form][") == *name)
        {
            Some(entry) => entry.1 = (*value).to_owned(),
            None => panic!("no field {name}"),
        }
    }
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (name, value) in values {
        body.append_pair(&format!("request[{name}]"), &value);
    }
    body.finish()
}

pub fn key(n: u32) -> String {
    format!("{n:08x}{}", "0123456789abcdef01234567")
}

async fn book(app: &TestApp, body: String) -> (u16, Value) {
    let response = app.call("booking/book", body).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Rows in `table` (a fixed name from the test itself).
async fn count_rows(pool: &PgPool, table: &'static str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(pool)
        .await
        .unwrap()
}

pub async fn active_bookings(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM bookings WHERE status IN ('pending', 'confirmed')")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn fifty_concurrent_attempts_at_one_slot_give_one_booking_and_49_clear_refusals(
    pool: PgPool,
) {
    // Arrange
    let app = spawn_booking_app(pool.clone(), |c| {
        c.booking.rate_limit = 1_000;
        c.db_max_connections = 20;
    })
    .await;
    let slot = first_slot(&calendar(&app, "UTC").await);
    let app = Arc::new(app);

    // Act
    let attempts = (0..50).map(|n| {
        let (app, slot) = (app.clone(), slot.clone());
        tokio::spawn(async move {
            let email = format!("person{n}@example.com");
            book(&app, request(&slot, &key(n), &[("email", &email)])).await
        })
    });
    let results: Vec<(u16, Value)> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();

    // Assert
    let won = results.iter().filter(|(status, _)| *status == 200).count();
    let refused: Vec<&Value> = results
        .iter()
        .filter(|(status, _)| *status == 409)
        .map(|(_, body)| body)
        .collect();
    assert_eq!(won, 1, "{results:?}");
    assert_eq!(refused.len(), 49, "{results:?}");
    for body in refused {
        let message = body["SlotTaken"].as_str().unwrap();
        assert!(message.contains("that time was just taken"), "{message}");
    }
    assert_eq!(active_bookings(&pool).await, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_same_submission_sent_twice_makes_one_booking(pool: PgPool) {
    // Arrange
    let app = Arc::new(spawn_booking_app(pool.clone(), |_| {}).await);
    let slot = first_slot(&calendar(&app, "UTC").await);
    let body = request(&slot, &key(7), &[]);

    // Act: a double click, five times over at once, then a retry later.
    let sends = (0..5).map(|_| {
        let (app, body) = (app.clone(), body.clone());
        tokio::spawn(async move { book(&app, body).await })
    });
    let at_once: Vec<(u16, Value)> = futures::future::join_all(sends)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let (retry_status, retry) = book(&app, body).await;

    // Assert
    assert_eq!(retry_status, 200, "{retry}");
    let token = retry["token"].as_str().unwrap();
    assert!(
        token.len() == 32 && token != key(7),
        "the key is not the token: {token}"
    );
    for (status, answer) in &at_once {
        assert_eq!(
            (*status, &answer["reference"]),
            (200, &retry["reference"]),
            "{at_once:?}"
        );
    }
    let rows = count_rows(&pool, "bookings").await;
    let emails = count_rows(&pool, "outbox").await;
    assert_eq!((rows, emails), (1, 1));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_used_key_with_other_details_is_refused_without_revealing_the_booking(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let slot = first_slot(&calendar(&app, "UTC").await);
    assert_eq!(book(&app, request(&slot, &key(1), &[])).await.0, 200);

    let (status, body) = book(
        &app,
        request(&slot, &key(1), &[("email", "mallory@example.com")]),
    )
    .await;

    assert_eq!(status, 409);
    let text = body.to_string();
    assert!(text.contains("already used"), "{text}");
    assert!(!text.contains("BL-") && !text.contains("asha"), "{text}");
}

#[sqlx::test(migrations = "../migrations")]
async fn each_invalid_input_gets_its_field_error_and_stores_nothing(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |c| c.booking.rate_limit = 1_000).await;
    let slot = first_slot(&calendar(&app, "UTC").await);
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case; 9] = [
        (&[("name", "  ")], "name", "your name"),
        (&[("email", "")], "email", "for the confirmation"),
        (
            &[("email", "asha@localhost")],
            "email",
            "not an email address",
        ),
        (
            &[("phone", "020 7946 0958")],
            "phone",
            "international phone number",
        ),
        (&[("phone", "+12")], "phone", "international phone number"),
        (&[("topic", &"x".repeat(1001))], "topic", "1000 characters"),
        (&[("consent", "")], "consent", "agree"),
        (&[("slot", "")], "slot", "pick a time"),
        (&[("slot", "next tuesday")], "slot", "pick a time"),
    ];
    for (fields, field, expected) in cases {
        let (status, body) = book(&app, request(&slot, &key(3), fields)).await;

        assert_eq!(status, 422, "{field}: {body}");
        let errors = body["Invalid"]
            .as_array()
            .unwrap_or_else(|| panic!("{field}: {body}"));
        let message = errors
            .iter()
            .find(|e| e["field"] == field)
            .and_then(|e| e["message"].as_str())
            .unwrap_or_else(|| panic!("{field}: {body}"));
        assert!(
            message.to_lowercase().contains(expected),
            "{field}: {message}"
        );
    }
    let (status, body) = book(&app, request(&slot, "not-a-key", &[])).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(active_bookings(&pool).await, 0);
    let emails = count_rows(&pool, "outbox").await;
    assert_eq!(emails, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_time_outside_the_opening_hours_is_refused_with_the_nearest_free_ones(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let slot = first_slot(&calendar(&app, "UTC").await);
    // 23:30–00:00 is closed, and a slot must start on the half hour.
    let day = &slot[..10];
    for wanted in [format!("{day}T23:30Z"), format!("{day}T23:45Z")] {
        let (status, body) = book(&app, request(&wanted, &key(4), &[])).await;
        assert_eq!(status, 409, "{wanted}: {body}");
        assert!(
            body["SlotTaken"]
                .as_str()
                .unwrap()
                .contains("nearest free times"),
            "{body}"
        );
    }
    assert_eq!(active_bookings(&pool).await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_honeypot_looks_like_success_but_stores_and_sends_nothing(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let slot = first_slot(&calendar(&app, "UTC").await);

    let (status, body) = book(
        &app,
        request(&slot, &key(5), &[("website", "http://spam.example")]),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    assert!(body["reference"].as_str().unwrap().starts_with("BL-"));
    assert_eq!(body["next"], "/book/thanks");
    let posted = app
        .client
        .post(format!("{}/book", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("slot={slot}&key={}&website=x&name=&email=", key(6)))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    assert_eq!(posted.headers()["location"], "/book/thanks");
    let rows = count_rows(&pool, "bookings").await;
    let emails = count_rows(&pool, "outbox").await;
    assert_eq!((rows, emails), (0, 0));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_sixth_booking_from_one_address_in_ten_minutes_gets_a_429_with_a_human_message(
    pool: PgPool,
) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let calendar = calendar(&app, "UTC").await;
    let slots: Vec<String> = calendar["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["slots"].as_array().unwrap().iter().step_by(2))
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .take(6)
        .collect();

    let mut statuses = Vec::new();
    for (n, slot) in slots.iter().enumerate() {
        statuses.push(book(&app, request(slot, &key(n as u32 + 10), &[])).await);
    }

    let codes: Vec<u16> = statuses.iter().map(|(s, _)| *s).collect();
    assert_eq!(codes, [200, 200, 200, 200, 200, 429], "{statuses:?}");
    let message = statuses[5].1["TooManyRequests"].as_str().unwrap();
    assert!(
        message.contains("Please try again in 10 minutes"),
        "{message}"
    );
    assert_eq!(active_bookings(&pool).await, 5);
}

/// Books the first free slot through the server function; returns its token.
pub async fn book_first_slot(app: &TestApp) -> (String, String) {
    let slot = first_slot(&calendar(app, "UTC").await);
    let (status, body) = book(app, request(&slot, &key(42), &[])).await;
    assert_eq!(status, 200, "{body}");
    (body["token"].as_str().unwrap().to_owned(), slot)
}

#[sqlx::test(migrations = "../migrations")]
async fn the_calendar_file_parses_and_holds_the_lesson_in_utc(pool: PgPool) {
    let app = spawn_booking_app(pool, |_| {}).await;
    let (token, slot) = book_first_slot(&app).await;

    let response = app.get(&format!("/booking/{token}/lesson.ics")).await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = response.text().await.unwrap();
    let calendar = ical::IcalParser::new(text.as_bytes())
        .next()
        .expect("one calendar")
        .expect("parses");
    let event = &calendar.events[0];
    let property = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap()
    };
    let start = DateTime::parse_from_rfc3339(&slot.replace('Z', ":00Z"))
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        property("DTSTART"),
        start.format("%Y%m%dT%H%M%SZ").to_string()
    );
    let end = start + chrono::Duration::minutes(30);
    assert_eq!(property("DTEND"), end.format("%Y%m%dT%H%M%SZ").to_string());
    assert_eq!(property("STATUS"), "CONFIRMED");
    assert!(property("UID").starts_with("BL-"));
    assert!(property("DESCRIPTION").contains(&token));
}

#[sqlx::test(migrations = "../migrations")]
async fn erasing_removes_every_personal_field_and_cancels_the_lesson(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let (token, _) = book_first_slot(&app).await;

    let response = manage(&app, &token, &[("action", "erase"), ("confirm", "on")]).await;

    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("/booking/{token}?done=erased")
    );
    let row: (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    ) = sqlx::query_as("SELECT name, email, phone, topic, status::text FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(row, (None, None, None, None, "cancelled".to_owned()));
    let outbox: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT recipient, body FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(outbox, (None, None));
    let export: Value = app
        .get(&format!("/booking/{token}/data.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(export["booking"]["email"], Value::Null);
    assert_eq!(export["booking"]["name"], Value::Null);
    let page = app
        .get(&format!("/booking/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("asha@example.com") && !page.contains("Asha Rao"));
}

#[sqlx::test(migrations = "../migrations")]
async fn erasing_without_ticking_the_box_is_refused_and_changes_nothing(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let (token, _) = book_first_slot(&app).await;

    let response = manage(&app, &token, &[("action", "erase")]).await;

    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("tick the box"));
    let email: Option<String> = sqlx::query_scalar("SELECT email FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(email.as_deref(), Some("asha@example.com"));
}

pub async fn manage(app: &TestApp, token: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    app.client
        .post(format!("{}/booking/{token}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_token_gets_the_same_404_however_close_it_is(pool: PgPool) {
    let app = spawn_booking_app(pool, |_| {}).await;
    let (token, _) = book_first_slot(&app).await;
    let mut near = token.clone().into_bytes();
    near[31] = if near[31] == b'0' { b'1' } else { b'0' };
    let near = String::from_utf8(near).unwrap();
    let wrong = [
        near.as_str(),
        "00000000000000000000000000000000",
        "ffffffffffffffffffffffffffffffff",
        &token[..31],
        "BL-ABCD",
        "%27%20OR%201%3D1--",
    ];

    let mut bodies = Vec::new();
    for candidate in wrong {
        for path in ["", "/lesson.ics", "/data.json"] {
            let response = app.get(&format!("/booking/{candidate}{path}")).await;
            assert_eq!(response.status(), 404, "{candidate}{path}");
            if path.is_empty() {
                let body = response.text().await.unwrap();
                let main = &body[body.find("<main").unwrap()..body.find("</main>").unwrap()];
                bodies.push(main.to_owned());
            }
        }
        let response = manage(&app, candidate, &[("action", "cancel"), ("confirm", "yes")]).await;
        assert_eq!(response.status(), 404, "POST {candidate}");
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("token", candidate)
            .finish();
        let response = app.call("booking/view", body).await;
        assert_eq!(response.status(), 404, "server function, {candidate}");
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "404 pages differ");
    assert!(bodies[0].contains("This booking link does not work"));
    assert_eq!(app.get(&format!("/booking/{token}")).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn cancelling_frees_the_slot_and_queues_a_cancellation_email(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let (token, slot) = book_first_slot(&app).await;

    let first = manage(&app, &token, &[("action", "cancel"), ("confirm", "yes")]).await;
    let again = manage(&app, &token, &[("action", "cancel"), ("confirm", "yes")]).await;

    assert_eq!(
        (first.status().as_u16(), again.status().as_u16()),
        (303, 303)
    );
    assert_eq!(active_bookings(&pool).await, 0);
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM outbox ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(kinds, ["booking_confirmed", "booking_cancelled"]);
    assert_eq!(
        first_slot(&calendar(&app, "UTC").await),
        slot,
        "the slot is free again"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn moving_to_a_taken_time_keeps_the_old_one_and_moving_to_a_free_one_frees_it(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |c| c.booking.rate_limit = 100).await;
    let (mine, old) = book_first_slot(&app).await;
    let calendar = calendar(&app, "UTC").await;
    let free: Vec<String> = calendar["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["slots"].as_array().unwrap().clone())
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let (theirs, free_one) = (free[0].clone(), free[2].clone());
    assert_eq!(
        book(
            &app,
            request(&theirs, &key(99), &[("email", "bo@example.com")])
        )
        .await
        .0,
        200
    );

    let refused = manage(&app, &mine, &[("action", "reschedule"), ("slot", &theirs)]).await;

    assert_eq!(refused.status(), 409);
    assert!(refused.text().await.unwrap().contains("just taken"));
    let start_of = |token: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, DateTime<Utc>>(
                "SELECT lower(during) FROM bookings WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
            )
            .bind(token)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        start_of(mine.clone())
            .await
            .format("%Y-%m-%dT%H:%MZ")
            .to_string(),
        old
    );

    let moved = manage(
        &app,
        &mine,
        &[
            ("action", "reschedule"),
            ("slot", &free_one),
            ("tz", "UTC"),
            ("day", &free_one[..10]),
        ],
    )
    .await;

    assert_eq!(moved.status(), 303);
    assert_eq!(
        moved.headers()["location"],
        format!("/booking/{mine}?done=moved")
    );
    assert_eq!(
        start_of(mine).await.format("%Y-%m-%dT%H:%MZ").to_string(),
        free_one
    );
    let offered = first_slot(&crate::booking::calendar(&app, "UTC").await);
    assert_eq!(offered, old, "the old time is free again");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_database_refuses_overlapping_active_bookings_but_not_cancelled_ones(pool: PgPool) {
    let insert = |reference: &'static str, status: &'static str, hash: u8| {
        let pool = pool.clone();
        async move {
            sqlx::query(
                "INSERT INTO bookings (reference, during, blocks, status, name, email, visitor_zone, token_hash, idempotency_hash, consented_at)
                 VALUES ($1, tstzrange('2030-01-01 10:00Z', '2030-01-01 10:30Z'),
                         tstzrange('2030-01-01 09:55Z', '2030-01-01 10:35Z'), $2::booking_status,
                         'A', 'a@example.com', 'UTC', decode(repeat($3, 32), 'hex'), decode(repeat($3, 32), 'hex'), now())",
            )
            .bind(reference)
            .bind(status)
            .bind(format!("{hash:02x}"))
            .execute(&pool)
            .await
        }
    };
    insert("BL-AAAA", "confirmed", 1).await.unwrap();
    insert("BL-BBBB", "cancelled", 2).await.unwrap();

    let error = insert("BL-CCCC", "pending", 3).await.unwrap_err();

    let constraint = error
        .as_database_error()
        .and_then(|e| e.constraint().map(str::to_owned));
    assert_eq!(constraint.as_deref(), Some("bookings_no_overlap"));
}

#[sqlx::test(migrations = "../migrations")]
async fn housekeeping_completes_past_lessons_and_erases_details_after_the_retention_period(
    pool: PgPool,
) {
    for (reference, days_ago, hash) in [("BL-OLD2", 200, 1), ("BL-NEW2", 10, 2)] {
        sqlx::query(
            "INSERT INTO bookings (reference, during, blocks, name, email, phone, visitor_zone, token_hash, idempotency_hash, consented_at)
             VALUES ($1, tstzrange(now() - make_interval(days => $2), now() - make_interval(days => $2) + interval '30 min'),
                     tstzrange(now() - make_interval(days => $2), now() - make_interval(days => $2) + interval '30 min'),
                     'A', 'a@example.com', '+4915112345678', 'UTC', decode(repeat($3, 32), 'hex'), decode(repeat($3, 32), 'hex'), now())",
        )
        .bind(reference)
        .bind(days_ago)
        .bind(format!("{hash:02x}"))
        .execute(&pool)
        .await
        .unwrap();
    }

    let erased = app::booking::store::housekeeping(&pool, Utc::now())
        .await
        .unwrap();

    assert_eq!(erased, 1);
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT reference, status::text, email FROM bookings ORDER BY reference")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        [
            (
                "BL-NEW2".to_owned(),
                "completed".to_owned(),
                Some("a@example.com".to_owned())
            ),
            ("BL-OLD2".to_owned(), "completed".to_owned(), None),
        ]
    );
}

/// Collects everything the server logs on this test's thread.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn emails_phone_numbers_and_tokens_never_reach_the_log(pool: PgPool) {
    // Arrange: sqlx::test runs on one thread, so this subscriber sees the
    // server's request handling too.
    let captured = Captured::default();
    let writer = captured.clone();
    let _guard = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            // Everything the server says; the test's own HTTP client is not the server.
            .with_env_filter("trace,reqwest=off,hyper_util=off")
            .with_writer(move || writer.clone())
            .finish(),
    );
    let app = spawn_booking_app(pool.clone(), |_| {}).await;

    // Act: book, fail a booking, view, export, move and cancel.
    let (token, _) = book_first_slot(&app).await;
    let (status, _) = book(&app, request("2000-01-01T00:00Z", &key(8), &[])).await;
    assert_eq!(status, 409);
    app.get(&format!("/booking/{token}")).await;
    app.get(&format!("/booking/{token}/data.json")).await;
    manage(&app, &token, &[("action", "cancel"), ("confirm", "yes")]).await;

    // Assert
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("booking made"), "the capture works: {log}");
    for secret in [
        "asha@example.com",
        "+442079460958",
        // The national number as typed, with and without spaces (a
        // shorter canary would match random request ids by chance).
        "20 7946 0958",
        "2079460958",
        "Asha Rao",
        &token,
    ] {
        assert!(!log.contains(secret), "{secret} is in the log");
    }
}

/// A real SMTP server (aiosmtpd, installed by `./dev test`) that stores
/// what it receives in a Maildir. Stopped when dropped.
struct SmtpServer {
    child: std::process::Child,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    fn python() -> std::path::PathBuf {
        std::env::var_os("BACKLINE_TEST_SMTP_PYTHON")
            .map(Into::into)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../.data/smtp-venv/bin/python")
            })
    }

    async fn start(port: u16, maildir: std::path::PathBuf) -> Self {
        let python = Self::python();
        assert!(
            python.exists(),
            "{} is missing: `./dev test` installs aiosmtpd",
            python.display()
        );
        let mut child = std::process::Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpServer { child, maildir };
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not listen on {port} within 10 s");
    }

    fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|entries| {
                entries
                    .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 100 ms for up to `seconds`; fails the test after.
async fn eventually<T>(seconds: u64, what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..seconds * 10 {
        if let Some(value) = check().await {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what} did not happen within {seconds} s");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_confirmation_waits_while_smtp_is_down_and_arrives_once_it_is_back(pool: PgPool) {
    // Arrange: a port with nothing listening yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_booking_app(pool.clone(), |c| {
        c.smtp = Some(app::outbox::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            security: app::outbox::SmtpSecurity::None,
            credentials: None,
            from: "Backline <lessons@backline.example>".into(),
            retry_base: std::time::Duration::from_millis(200),
            poll: std::time::Duration::from_millis(100),
        });
    })
    .await;

    // Act 1: book while SMTP is down.
    let (token, _) = book_first_slot(&app).await;

    // Assert 1: the email is kept, with a failed attempt on record.
    let failed: (i32, String) = eventually(10, "a failed attempt", async || {
        sqlx::query_as::<_, (i32, Option<String>)>("SELECT attempts, last_error FROM outbox")
            .fetch_one(&pool)
            .await
            .ok()
            .and_then(|(attempts, error)| Some((attempts, error?)))
            .filter(|(attempts, _)| *attempts >= 1)
    })
    .await;
    assert!(!failed.1.contains('@'), "{}", failed.1);
    let reference: String = sqlx::query_scalar("SELECT reference FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();

    // Act 2: SMTP comes back.
    let maildir = std::env::temp_dir().join(format!("backline-mail-{port}-{}", std::process::id()));
    let smtp = SmtpServer::start(port, maildir.clone()).await;

    // Assert 2: it arrives, and the outbox forgets the address and the text.
    let message = eventually(20, "delivery", async || smtp.messages().into_iter().next()).await;
    assert!(message.contains("To: asha@example.com"), "{message}");
    assert!(
        message.contains(&format!(
            "Subject: Your Backline demo lesson is booked ({reference})"
        )),
        "{message}"
    );
    assert!(message.contains(&format!("/booking/{token}")), "{message}");
    let sent: (Option<DateTime<Utc>>, Option<String>, Option<String>) =
        eventually(5, "sent_at", async || {
            sqlx::query_as::<_, (Option<DateTime<Utc>>, Option<String>, Option<String>)>(
                "SELECT sent_at, recipient, body FROM outbox",
            )
            .fetch_one(&pool)
            .await
            .ok()
            .filter(|row| row.0.is_some())
        })
        .await;
    assert_eq!((sent.1, sent.2), (None, None));
    assert_eq!(smtp.messages().len(), 1, "sent once");
    drop(smtp);
    let _ = std::fs::remove_dir_all(maildir);
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_see_bookings_and_unsent_emails_and_move_statuses_only_forward(pool: PgPool) {
    // Arrange: one booking, its email unsent (no SMTP in this app).
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    book_first_slot(&app).await;
    let reference: String = sqlx::query_scalar("SELECT reference FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    use app::booking::staff;

    // Act and assert
    let listed = staff::bookings_from(&pool, Utc::now(), 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].reference.as_str(), listed[0].status.as_str()),
        (reference.as_str(), "confirmed")
    );
    assert_eq!(listed[0].email.as_deref(), Some("asha@example.com"));
    let waiting = app::outbox::unsent_emails(&pool).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].reference.as_deref(), Some(reference.as_str()));

    let refusals = [
        ("confirmed", "cannot become confirmed"),
        ("pending", "not a status staff can set"),
    ];
    let config = test_config(&pool);
    for (status, message) in refusals {
        let error = staff_command(&config, &["bookings", "set", &reference, status])
            .await
            .unwrap_err();
        assert!(error.contains(message), "{status}: {error}");
    }
    assert_eq!(
        staff::set_status(&pool, "BL-NONE", staff::StaffStatus::Cancelled).await,
        Err(app::AppError::NotFound)
    );
    let unknown = staff_command(&config, &["bookings", "set", "BL-NONE", "cancelled"])
        .await
        .unwrap_err();
    assert!(
        unknown.contains("No booking has that reference"),
        "{unknown}"
    );

    staff_command(&config, &["bookings", "set", &reference, "cancelled"])
        .await
        .unwrap();
    assert_eq!(active_bookings(&pool).await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn one_token_manages_only_its_own_booking(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let calendar = calendar(&app, "UTC").await;
    let slots: Vec<String> = calendar["days"][0]["slots"]
        .as_array()
        .unwrap()
        .iter()
        .step_by(2)
        .take(2)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let (status, mine) = book(&app, request(&slots[0], &key(1), &[])).await;
    assert_eq!(status, 200);
    let mine = mine["token"].as_str().unwrap().to_owned();
    assert_eq!(
        book(
            &app,
            request(&slots[1], &key(2), &[("email", "bo@example.com")])
        )
        .await
        .0,
        200
    );

    let response = manage(&app, &mine, &[("action", "cancel"), ("confirm", "yes")]).await;

    assert_eq!(response.status(), 303);
    let statuses: Vec<(String, String)> =
        sqlx::query_as("SELECT email, status::text FROM bookings ORDER BY email")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        statuses,
        [
            ("asha@example.com".to_owned(), "cancelled".to_owned()),
            ("bo@example.com".to_owned(), "confirmed".to_owned()),
        ]
    );
    let page = app
        .get(&format!("/booking/{mine}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("bo@example.com"));
}

#[sqlx::test(migrations = "../migrations")]
async fn after_the_buffer_shrinks_every_offered_time_can_still_be_booked(pool: PgPool) {
    // Arrange: a booking made with a 10-minute buffer, which then drops to 0.
    let app = spawn_booking_app(pool.clone(), |c| c.booking.rate_limit = 100).await;
    let (_, booked) = book_first_slot(&app).await;
    sqlx::query("UPDATE booking_settings SET buffer_minutes = 0")
        .execute(&pool)
        .await
        .unwrap();

    // Act
    let calendar = calendar(&app, "UTC").await;
    let offered: Vec<String> = calendar["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["slots"].as_array().unwrap().clone())
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .take(3)
        .collect();

    // Assert: the next half hour still touches the old booking's buffer, so
    // it is not offered; the first time that is offered can be booked.
    let start = DateTime::parse_from_rfc3339(&booked.replace('Z', ":00Z")).unwrap();
    let next = (start + chrono::Duration::minutes(30))
        .format("%Y-%m-%dT%H:%MZ")
        .to_string();
    assert!(
        !offered.contains(&booked) && !offered.contains(&next),
        "{offered:?}"
    );
    let (status, body) = book(
        &app,
        request(&offered[0], &key(77), &[("email", "bo@example.com")]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[sqlx::test(migrations = "../migrations")]
async fn neither_the_database_nor_the_forms_key_gives_away_a_manage_link(pool: PgPool) {
    // Arrange: no SMTP, so the confirmation waits in the outbox.
    let app = spawn_booking_app(pool.clone(), |_| {}).await;

    // Act
    let (token, _) = book_first_slot(&app).await;

    // Assert: the waiting email has a placeholder, no row holds the token,
    // and the form's key opens nothing.
    let body: String = sqlx::query_scalar("SELECT body FROM outbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(body.contains(app::booking::mail::MANAGE_LINK), "{body}");
    let dump: String = sqlx::query_scalar(
        "SELECT string_agg(b::text, ' ') || (SELECT string_agg(o::text, ' ') FROM outbox o) FROM bookings b",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!dump.contains(&token), "the token is stored in plain text");
    assert!(!dump.contains(&key(42)), "the key is stored in plain text");
    assert_eq!(
        app.get(&format!("/booking/{}", key(42))).await.status(),
        404
    );
    assert_eq!(app.get(&format!("/booking/{token}")).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_commands_change_opening_hours_and_settings_and_refuse_bad_input_unchanged(
    pool: PgPool,
) {
    let config = test_config(&pool);
    // What a person types after `backline`, run as the binary would.
    let run = |words: &[&str]| {
        let config = config.clone();
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        async move { staff_command(&config, &words).await }
    };

    // Act: good commands.
    run(&["availability", "hours", "sat", "10:00-12:00,13:00-14:30"])
        .await
        .unwrap();
    run(&["availability", "settings", "slot=45", "zone=Asia/Calcutta"])
        .await
        .unwrap();
    run(&["availability", "close", "2030-12-24"]).await.unwrap();

    // Assert
    let saturday: Vec<(String, String)> = sqlx::query_as(
        "SELECT starts::text, ends::text FROM availability_rules WHERE weekday = 6 ORDER BY starts",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        saturday,
        [
            ("10:00:00".to_owned(), "12:00:00".to_owned()),
            ("13:00:00".to_owned(), "14:30:00".to_owned())
        ]
    );
    let settings: (String, i32) = sqlx::query_as("SELECT zone, slot_minutes FROM booking_settings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(settings, ("Asia/Kolkata".to_owned(), 45));
    assert_eq!(count_rows(&pool, "availability_exceptions").await, 1);

    // Bad input: a usage message each, and nothing changes.
    let refusals: [(&[&str], &str); 6] = [
        (&["hours", "someday", "10:00-12:00"], "not a weekday"),
        (&["hours", "mon", "12:00-10:00"], "not a time range"),
        (
            &["settings", "slot=5"],
            "booking_settings_slot_minutes_check",
        ),
        (&["settings", "slot=lots"], "whole number"),
        (&["settings", "zone=Mars/Base"], "not an IANA time zone"),
        (&["close", "24/12/2030"], "not a date"),
    ];
    for (list, expected) in refusals {
        let words: Vec<&str> = ["availability"].iter().chain(list).copied().collect();
        let message = run(&words).await.expect_err(&format!("{list:?}"));
        assert!(message.contains(expected), "{list:?}: {message}");
    }
    let monday: i64 =
        sqlx::query_scalar("SELECT count(*) FROM availability_rules WHERE weekday = 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(monday, 2, "Monday's hours are untouched");
    let slot: i32 = sqlx::query_scalar("SELECT slot_minutes FROM booking_settings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(slot, 45);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_outbox_gives_up_on_a_permanent_refusal_or_too_many_attempts_and_forgets_the_address(
    pool: PgPool,
) {
    // Arrange: nothing listens on this port, so every send fails to connect.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp = app::outbox::SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: app::outbox::SmtpSecurity::None,
        credentials: None,
        from: "Backline <lessons@backline.example>".into(),
        retry_base: std::time::Duration::from_millis(10),
        poll: std::time::Duration::from_millis(10),
    };
    let booking = app::booking::BookingConfig::default();
    for (recipient, attempts) in [
        ("not an address", 0), // permanent: cannot be sent at all
        ("last.try@example.com", app::outbox::MAX_ATTEMPTS - 1), // the last attempt
        ("early.try@example.com", 0), // temporary: tried again later
    ] {
        sqlx::query(
            "INSERT INTO outbox (kind, recipient, subject, body, attempts) VALUES ('booking_confirmed', $1, 's', 'b', $2)",
        )
        .bind(recipient)
        .bind(attempts)
        .execute(&pool)
        .await
        .unwrap();
    }

    // Act
    let sent = app::outbox::deliver_due(
        &pool,
        &smtp,
        &|mail| app::booking::mail::with_manage_link(&booking, mail),
        10,
    )
    .await
    .unwrap();

    // Assert
    assert_eq!(sent, 0);
    /// attempts, given up, recipient, body, error recorded
    type OutboxState = (i32, bool, Option<String>, Option<String>, bool);
    let rows: Vec<OutboxState> = sqlx::query_as(
        "SELECT attempts, failed_at IS NOT NULL, recipient, body, last_error IS NOT NULL FROM outbox ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let max = app::outbox::MAX_ATTEMPTS;
    assert_eq!(
        rows,
        [
            (1, true, None, None, true),
            (max, true, None, None, true),
            (
                1,
                false,
                Some("early.try@example.com".to_owned()),
                Some("b".to_owned()),
                true
            ),
        ]
    );
    assert_eq!(app::outbox::unsent_emails(&pool).await.unwrap().len(), 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_sixth_change_to_bookings_from_one_address_gets_a_429_and_changes_nothing(
    pool: PgPool,
) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let (token, _) = book_first_slot(&app).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        // An unknown action counts, and changes nothing.
        statuses.push(
            manage(&app, &token, &[("action", "shuffle")])
                .await
                .status()
                .as_u16(),
        );
    }

    let sixth = manage(&app, &token, &[("action", "cancel"), ("confirm", "yes")]).await;

    assert_eq!(statuses, [400; 5]);
    assert_eq!(sixth.status(), 429);
    assert!(sixth.text().await.unwrap().contains("Please try again in"));
    assert_eq!(active_bookings(&pool).await, 1);
}

/// Runs `backline WORDS…` in-process: parsed by the real command line, run
/// by the real staff commands. A refusal's message, as the binary prints it.
async fn staff_command<S: AsRef<str>>(config: &server::Config, words: &[S]) -> Result<(), String> {
    use clap::Parser;
    use server::cli::{Cli, Command};
    let words = std::iter::once("backline").chain(words.iter().map(AsRef::as_ref));
    match Cli::try_parse_from(words).map_err(|error| error.to_string())? {
        Cli {
            command: Some(Command::Staff(command)),
        } => server::staff_cli::run(config, command)
            .await
            .map_err(|error| error.to_string()),
        other => Err(format!("not a staff command: {other:?}")),
    }
}
