//! The back office's home: what needs attention, from each capability.

use super::*;
use crate::booking::{calendar, free_slots, key, request, spawn_booking_app};
use app::dashboard::Dashboard;
use app::staff::Role;
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn the_home_lists_the_weeks_lessons_new_applications_waiting_mail_and_jobs_closing_soon(
    pool: PgPool,
) {
    // Arrange: a lesson in the next days (its confirmation email waits,
    // SMTP being off), an application, and a job closing in three days.
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let (_, cookie) = account_logged_in(&app, &pool, EMAIL, Role::Staff).await;
    let slots = free_slots(&calendar(&app, "UTC").await);
    let booked: serde_json::Value = app
        .call("booking/book", request(&slots[0], &key(9), &[]))
        .await
        .json()
        .await
        .unwrap();
    let reference = booked["reference"].as_str().expect("booked").to_owned();
    let slug = crate::jobs_helpers::seed_and_pick_open_job(&pool).await;
    sqlx::query("UPDATE jobs SET valid_through = now() + interval '3 days' WHERE slug = $1")
        .bind(&slug)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO applications (job_id, name, email, message)
         SELECT id, 'Ada', 'ada@example.com', 'Twenty years of SQL and queues.' FROM jobs WHERE slug = $1",
    )
    .bind(&slug)
    .execute(&pool)
    .await
    .unwrap();

    // Act
    let response = post(&app, "/api/staff/dashboard", String::new(), Some(&cookie)).await;

    // Assert
    assert_eq!(response.status(), 200);
    let board: Dashboard = response.json().await.unwrap();
    // The first free time is a day or so ahead (12 hours' notice).
    assert!(
        board.lessons.iter().any(|l| l.reference == reference),
        "{board:?}"
    );
    assert!(board.new_applications >= 1);
    assert!(board.mail_waiting >= 1, "the confirmation waits: {board:?}");
    let title: String = sqlx::query_scalar("SELECT title FROM jobs WHERE slug = $1")
        .bind(&slug)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        board.closing.iter().any(|(_, t, _)| *t == title),
        "{board:?}"
    );
    let html = get(&app, "/staff", &cookie).await.text().await.unwrap();
    assert!(html.contains("Lessons today") && html.contains(&title));
}
