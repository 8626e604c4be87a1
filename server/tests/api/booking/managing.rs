//! The manage link: the calendar file, cancelling, moving, wrong tokens
//! and the rate limit on changes.

use super::*;

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
async fn one_token_manages_only_its_own_booking(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let calendar = calendar(&app, "UTC").await;
    let slots: Vec<String> = super::free_slots(&calendar)
        .into_iter()
        .step_by(2)
        .take(2)
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
