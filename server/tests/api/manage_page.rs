//! The booking's own page as a visitor meets it after booking: what it
//! shows, what it keeps to "Your data", and a cancel that asks first.

use crate::booking::{active_bookings, book_first_slot, manage, spawn_booking_app};
use scraper::{Html, Selector};
use sqlx::PgPool;

fn texts(html: &str, selector: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    document
        .select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn cancelling_without_confirming_asks_first_and_changes_nothing(pool: PgPool) {
    // Arrange
    let app = spawn_booking_app(pool.clone(), |_| {}).await;
    let (token, _) = book_first_slot(&app).await;

    // Act: the first press, as an old page or a stray click sends it.
    let first = manage(&app, &token, &[("action", "cancel")]).await;

    // Assert: back to the page, which now asks.
    assert_eq!(first.status(), 303);
    let asking = first.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(asking, format!("/booking/{token}?cancel=1#cancel"));
    assert_eq!(active_bookings(&pool).await, 1, "nothing was cancelled");
    let page = app
        .get(asking.split('#').next().unwrap())
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Cancel this lesson?"), "{page}");
    assert_eq!(
        texts(&page, ".booking__cancel button"),
        ["Yes, cancel the lesson"]
    );
    let plain = app
        .get(&format!("/booking/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!plain.contains("Cancel this lesson?"));
    assert_eq!(texts(&plain, ".booking__cancel a"), ["Cancel the lesson"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_confirmation_shows_the_reference_and_calendar_links_but_no_internal_counter(
    pool: PgPool,
) {
    let app = spawn_booking_app(pool, |_| {}).await;
    let (token, _) = book_first_slot(&app).await;

    let page = app
        .get(&format!("/booking/{token}?booked=1"))
        .await
        .text()
        .await
        .unwrap();

    let card = texts(&page, ".booking__card").join(" ");
    assert!(card.contains("Reference BL-"), "{card}");
    assert!(
        !card.contains("SHA-256") && !card.contains(":00Z"),
        "internals on the card: {card}"
    );
    assert!(
        !page.contains("Booking number"),
        "the page tells how many bookings exist"
    );
    let links = Html::parse_document(&page);
    let hrefs: Vec<String> = links
        .select(&Selector::parse(".booking__calendars a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(hrefs.len(), 3, "{hrefs:?}");
    assert!(hrefs[0].ends_with("/lesson.ics"));
    assert!(hrefs[1].starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE"));
    assert!(
        hrefs[1].contains("&dates=") && hrefs[1].contains("Z/"),
        "{}",
        hrefs[1]
    );
    assert!(hrefs[2].starts_with("https://outlook.live.com/calendar/0/deeplink/compose"));
    // The internals are still there for the visitor, inside "Your data".
    let stored = texts(&page, ".your-data__stored").join(" ");
    assert!(stored.contains("SHA-256"), "{stored}");
}

#[sqlx::test(migrations = "../migrations")]
async fn after_erasing_your_data_no_email_is_said_to_keep_your_address(pool: PgPool) {
    let app = spawn_booking_app(pool, |_| {}).await;
    let (token, _) = book_first_slot(&app).await;
    let before = app
        .get(&format!("/booking/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(before.contains("your address is kept until it is"));

    manage(&app, &token, &[("action", "erase"), ("confirm", "on")]).await;

    let after = app
        .get(&format!("/booking/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!after.contains("your address is kept"), "{after}");
    assert!(
        after.contains("not sent: your address was erased"),
        "{after}"
    );
}
