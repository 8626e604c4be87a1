//! The outbox: mail waits for SMTP, and gives up cleanly when it must.

use super::*;

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
