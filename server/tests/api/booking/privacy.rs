//! Personal data: erasure, and what never reaches the log or the database.

use super::*;

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
