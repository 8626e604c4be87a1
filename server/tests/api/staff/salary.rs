//! The salary model's editor, through the real server: a saved figure is
//! what the public estimator serves on the next request, bad figures are
//! refused on their fields with the typed values kept, and no save may
//! leave a model the estimator would refuse.

use super::*;
use app::salary::Model;
use reqwest::header::LOCATION;

fn body(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

async fn public_model(app: &TestApp) -> Model {
    let response = app.call("salary/model", "").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn toronto(median: &str) -> String {
    body(&[
        ("p25", "90,000"),
        ("median", median),
        ("p75", "140000"),
        ("year", "2024"),
        ("sample", "1200"),
        (
            "basis",
            "Software developers in Toronto, full-time, gross yearly.",
        ),
        ("source", "backline-illustrative-2026"),
    ])
}

/// Every row the editor could change, as one fingerprint.
async fn stored(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "SELECT concat_ws('|',
            (SELECT md5(string_agg(l::text, ',' ORDER BY slug)) FROM salary_locations l),
            (SELECT md5(string_agg(e::text, ',' ORDER BY years)) FROM salary_experience e),
            (SELECT md5(string_agg(p::text, ',' ORDER BY skill)) FROM salary_skill_premiums p),
            (SELECT md5(string_agg(a::text, ',' ORDER BY employment)) FROM salary_employment_adjustments a),
            (SELECT md5(string_agg(r::text, ',' ORDER BY currency, valid_on)) FROM fx_rates r),
            (SELECT md5(string_agg(s::text, ',' ORDER BY slug)) FROM salary_sources s))",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_saved_figure_is_what_the_public_estimator_serves_next_and_the_audit_has_both(
    pool: PgPool,
) {
    // Arrange
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;

    // Act
    let response = post(
        &app,
        "/staff/salary/places/toronto",
        toronto("111 500"),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/staff/salary?done=saved");
    let model = public_model(&app).await;
    let figures = model.location("toronto").unwrap().figures.clone().unwrap();
    assert_eq!(
        (
            figures.p25,
            figures.median,
            figures.p75,
            figures.year,
            figures.sample_size
        ),
        (90000.0, 111500.0, 140000.0, 2024, Some(1200))
    );
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "SELECT before, after FROM staff_audit WHERE action = 'salary.place' AND record = 'salary place toronto'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(before["median"], 103000.0);
    assert_eq!(after["median"], 111500.0);
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_salary_input_is_refused_on_its_field_with_422_keeping_what_was_typed(pool: PgPool) {
    // Arrange
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;
    let before = stored(&pool).await;
    let mut falling: Vec<(String, String)> = (0..=20)
        .map(|y| (format!("y{y}"), format!("{:.2}", 0.7 + f64::from(y) * 0.03)))
        .collect();
    falling[9].1 = "0.42".into();
    falling.push(("source".into(), "backline-illustrative-2026".into()));
    let falling = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(falling)
        .finish();
    let cases = [
        (
            "/staff/salary/places/toronto",
            toronto("95000<b>"),
            "95000&lt;b&gt;",
            "the median as a number",
        ),
        (
            "/staff/salary/places/toronto",
            toronto("85000"),
            "value=\"85000\"",
            "cannot be below the 25th percentile",
        ),
        ("/staff/salary/curve", falling, "0.42", "may not fall"),
        (
            "/staff/salary/premium",
            body(&[
                ("skill", "rust"),
                ("percent", "-5"),
                ("source", "backline-illustrative-2026"),
            ]),
            "value=\"-5\"",
            "cannot be negative",
        ),
        (
            "/staff/salary/rates",
            body(&[
                ("currency", "EUR"),
                ("valid_on", "2026-02-30"),
                ("usd_per_unit", "1.1"),
                ("source", "ECB"),
            ]),
            "2026-02-30",
            "not a date like",
        ),
        (
            "/staff/salary/places/toronto",
            body(&[
                ("p25", "90000"),
                ("median", "100000"),
                ("p75", "140000"),
                ("year", "2024"),
                ("sample", ""),
                ("basis", "x"),
                ("source", "no-such-source"),
            ]),
            "value=\"100000\"",
            "no such source",
        ),
        (
            "/staff/salary/sources",
            body(&[
                ("slug", "bls-software-developers-2023"),
                ("title", "Copy"),
                ("publisher", "Me"),
                ("url", ""),
                ("year", "2024"),
                ("kind", "published"),
                ("note", "A copy"),
            ]),
            "bls-software-developers-2023",
            "A source with this name exists",
        ),
    ];

    for (path, form, kept, expected) in cases {
        // Act
        let response = post(&app, path, form, Some(&cookie)).await;

        // Assert
        assert_eq!(response.status(), 422, "{path}: {expected}");
        let page = response.text().await.unwrap();
        assert!(page.contains(kept), "{expected}: {kept} kept");
        assert!(page.contains(expected), "{expected}: {page}");
    }
    assert_eq!(stored(&pool).await, before, "nothing changed");
}

#[sqlx::test(migrations = "../migrations")]
async fn while_the_stored_model_is_broken_only_a_save_that_mends_it_goes_through(pool: PgPool) {
    // Arrange: a curve that falls, written past the editor.
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;
    sqlx::query("UPDATE salary_experience SET multiplier = 0.5 WHERE years = 10")
        .execute(&pool)
        .await
        .unwrap();
    let board = get(&app, "/staff/salary", &cookie).await;
    assert!(
        board
            .text()
            .await
            .unwrap()
            .contains("refuses this model until it is mended"),
        "the board says so"
    );

    // Act
    let place = post(
        &app,
        "/staff/salary/places/toronto",
        toronto("100000"),
        Some(&cookie),
    )
    .await;
    let mut curve: Vec<(String, String)> = (0..=20)
        .map(|y| (format!("y{y}"), format!("{:.2}", 0.7 + f64::from(y) * 0.03)))
        .collect();
    curve.push(("source".into(), "backline-illustrative-2026".into()));
    let mended = post(
        &app,
        "/staff/salary/curve",
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(curve)
            .finish(),
        Some(&cookie),
    )
    .await;
    let place_again = post(
        &app,
        "/staff/salary/places/toronto",
        toronto("100000"),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(place.status(), 409);
    assert!(
        place
            .text()
            .await
            .unwrap()
            .contains("the experience curve falls")
    );
    assert_eq!(mended.status(), 303);
    assert_eq!(place_again.status(), 303);
    let model = public_model(&app).await;
    assert_eq!(
        model
            .location("toronto")
            .unwrap()
            .figures
            .as_ref()
            .unwrap()
            .median,
        100000.0
    );
    assert!(model.problems().is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_source_and_rate_and_removed_figures_reach_the_public_model(pool: PgPool) {
    // Arrange
    let (app, pool) = with_account(pool).await;
    let cookie = log_in(&app).await;

    // Act
    let source = post(
        &app,
        "/staff/salary/sources",
        body(&[
            ("slug", "statcan-2024"),
            ("title", "Table 14-10-0417-01 Employee wages by occupation"),
            ("publisher", "Statistics Canada"),
            (
                "url",
                "https://www150.statcan.gc.ca/t1/tbl1/en/tv.action?pid=1410041701",
            ),
            ("year", "2024"),
            ("kind", "published"),
            ("note", "Full-time employees, gross annual wages."),
        ]),
        Some(&cookie),
    )
    .await;
    let rate = post(
        &app,
        "/staff/salary/rates",
        body(&[
            ("currency", "CAD"),
            ("valid_on", "2026-11-30"),
            ("usd_per_unit", "0.7125"),
            ("source", "Bank of Canada daily rate"),
        ]),
        Some(&cookie),
    )
    .await;
    let none = post(
        &app,
        "/staff/salary/places/toronto",
        body(&[
            ("p25", ""),
            ("median", ""),
            ("p75", ""),
            ("year", ""),
            ("sample", ""),
            ("basis", ""),
            ("source", ""),
        ]),
        Some(&cookie),
    )
    .await;

    // Assert
    for response in [source, rate, none] {
        assert_eq!(response.status(), 303);
    }
    let model = public_model(&app).await;
    assert_eq!(
        model.source("statcan-2024").unwrap().publisher,
        "Statistics Canada"
    );
    let cad = model
        .rates
        .iter()
        .find(|r| r.currency.code() == "CAD")
        .unwrap();
    assert_eq!(cad.usd_per_unit, 0.7125);
    assert_eq!(model.location("toronto").unwrap().figures, None);
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM staff_audit WHERE action LIKE 'salary.%'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 3);
}
