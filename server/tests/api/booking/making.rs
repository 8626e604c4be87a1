//! Booking a time: one booking per slot however many try, idempotent
//! submits, field errors, opening hours, the honeypot and the rate limit.

use super::*;

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
