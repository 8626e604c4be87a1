//! Staff: housekeeping, the bookings list and the staff commands.

use super::*;

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
        ("confirmed", "only a pending booking can be confirmed"),
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
