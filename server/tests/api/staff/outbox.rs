//! The back office's mail: every email by state, addresses to staff only,
//! and sending a given-up one again.

use super::*;
use app::staff::Role;
use reqwest::header::LOCATION;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn a_given_up_email_is_listed_with_its_error_and_can_be_sent_again_but_a_sent_one_cannot(
    pool: PgPool,
) {
    // Arrange: one email given up on, one sent (its address erased).
    let app = crate::helpers::spawn_app(pool.clone()).await;
    let (_, cookie) = account_logged_in(&app, &pool, EMAIL, Role::Staff).await;
    let failed: i64 = sqlx::query_scalar(
        "INSERT INTO outbox (kind, recipient, subject, body, attempts, failed_at, last_error)
         VALUES ('booking_confirmed', 'eve@example.com', 'Your lesson', 'Hello', 12, now(),
                 'permanent error (550): [address] mailbox unavailable')
         RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let sent: i64 = sqlx::query_scalar(
        "INSERT INTO outbox (kind, subject, attempts, sent_at) VALUES ('booking_cancelled', 'Cancelled', 1, now()) RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();

    // Act
    let listed = get(&app, "/staff/outbox?state=failed", &cookie)
        .await
        .text()
        .await
        .unwrap();
    let retried = post(
        &app,
        &format!("/staff/outbox/{failed}/retry"),
        String::new(),
        Some(&cookie),
    )
    .await;
    let refused = post(
        &app,
        &format!("/staff/outbox/{sent}/retry"),
        String::new(),
        Some(&cookie),
    )
    .await;

    // Assert
    assert!(listed.contains("eve@example.com") && listed.contains("mailbox unavailable"));
    assert!(
        listed.contains(&format!("/staff/outbox/{failed}/retry")),
        "a Send again button"
    );
    assert!(!listed.contains(&format!("/staff/outbox/{sent}/retry")));
    assert_eq!(retried.status(), 303);
    assert_eq!(
        retried.headers()[LOCATION],
        "/staff/outbox?state=waiting&done=retried"
    );
    let (attempts, failed_at): (i32, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("SELECT attempts, failed_at FROM outbox WHERE id = $1")
            .bind(failed)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (attempts, failed_at),
        (0, None),
        "due again, from zero attempts"
    );
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Only an email given up on")
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM staff_audit WHERE action = 'outbox.retried'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}
