use crate::helpers::spawn_app;
use app::common::Currency;
use app::salary::model::{SourceKind, format_amount};
use app::salary::{Inputs, Model, SalaryQuery, estimate};
use sqlx::PgPool;

async fn model_from(app: &crate::helpers::TestApp) -> Model {
    let response = app.call("salary/model", "").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn page(app: &crate::helpers::TestApp, url: &str) -> String {
    let response = app.get(url).await;
    assert_eq!(response.status(), 200, "{url}");
    response.text().await.unwrap()
}

/// The text of the first element carrying `marker` (an attribute such as
/// `data-median=""`).
fn marked(html: &str, marker: &str) -> String {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find('<').unwrap();
    rest[open..close].replace("&#x27;", "'")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_model_server_function_returns_the_seeded_data(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;

    let model = model_from(&app).await;

    let count = |table: &str| {
        let pool = pool.clone();
        let sql = format!("SELECT count(*) FROM {table}");
        async move {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
                .fetch_one(&pool)
                .await
                .unwrap() as usize
        }
    };
    assert_eq!(model.locations.len(), count("salary_locations").await);
    assert_eq!(model.skills.len(), count("salary_skill_premiums").await);
    assert_eq!(model.experience.len(), 21, "0 to 20 years");
    assert_eq!(model.employment.len(), 4);
    assert_eq!(model.rates.len(), Currency::ALL.len());
    assert_eq!(model.problems(), Vec::<String>::new());
    let us = model
        .location("united-states")
        .unwrap()
        .figures
        .clone()
        .unwrap();
    assert_eq!(us.median, 132_270.0);
    assert_eq!(
        model.source(&us.source).unwrap().kind,
        SourceKind::Published
    );
    let linux = model.skill("linux").unwrap();
    assert_eq!(linux.premium, 0.91);
    assert_eq!(
        model.source(&linux.source).unwrap().kind,
        SourceKind::ArticleClaim
    );
    let first_five: Vec<&str> = model.skills[..5].iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(
        first_five,
        ["linux", "python", "javascript", "nodejs", "mysql"]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_page_for_the_reference_case_shows_the_bls_median(pool: PgPool) {
    let app = spawn_app(pool).await;

    let html = page(&app, "/salary?location=united-states&years=5").await;

    // 5 years is the curve's reference (×1.00), an employee, no skills:
    // the seeded figures, rounded to three significant digits.
    assert_eq!(marked(&html, "data-median=\"\""), "$132,000");
    assert_eq!(marked(&html, "data-p25=\"\""), "$102,000");
    assert_eq!(marked(&html, "data-p75=\"\""), "$168,000");
    assert!(html.contains("US Bureau of Labor Statistics"));
    assert!(html.contains("How we estimate"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_server_renders_exactly_what_the_estimate_function_gives(pool: PgPool) {
    let app = spawn_app(pool).await;
    let model = model_from(&app).await;
    let urls = [
        "/salary?location=berlin&years=7.5&skill=python&skill=rust&type=freelance&currency=USD&period=month",
        "/salary?location=bangalore&years=2&skill=linux&skill=python&skill=javascript&skill=nodejs&skill=mysql",
        "/salary?location=krakow&years=12&type=agency&period=hour",
        "/salary?location=tokyo&years=40&currency=EUR",
    ];

    for url in urls {
        let html = page(&app, url).await;

        let (inputs, _) = SalaryQuery::parse(url.split_once('?').unwrap().1)
            .0
            .inputs(&model);
        let expected = estimate(&inputs, &model);
        let range = expected.range.unwrap();
        assert_eq!(
            marked(&html, "data-median=\"\""),
            format_amount(range.median, expected.currency),
            "{url}"
        );
        assert_eq!(
            marked(&html, "data-p25=\"\""),
            format_amount(range.p25, expected.currency),
            "{url}"
        );
        assert_eq!(
            marked(&html, "data-p75=\"\""),
            format_amount(range.p75, expected.currency),
            "{url}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn five_claimed_skills_add_less_than_the_cap_never_211_percent(pool: PgPool) {
    let app = spawn_app(pool).await;
    let model = model_from(&app).await;
    let base = Inputs {
        location: "united-states".into(),
        ..Inputs::default()
    };
    let all_five = Inputs {
        skills: ["linux", "python", "javascript", "nodejs", "mysql"]
            .map(String::from)
            .to_vec(),
        ..base.clone()
    };

    let plain = estimate(&base, &model).range.unwrap().median;
    let with = estimate(&all_five, &model).range.unwrap().median;

    let premium = with / plain - 1.0;
    assert!(
        premium > 0.0 && premium < app::salary::model::PREMIUM_CAP,
        "+{:.1} %",
        premium * 100.0
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn places_without_data_say_so_instead_of_inventing_a_number(pool: PgPool) {
    let app = spawn_app(pool).await;

    let krakow = page(&app, "/salary?location=krakow").await;
    let lisbon = page(&app, "/salary?location=lisbon").await;

    assert!(
        krakow.contains("Not enough data for Kraków, Poland: showing figures for Poland instead.")
    );
    assert!(lisbon.contains("No estimate for "), "no range for Lisbon");
    assert!(!lisbon.contains("data-median"), "no number for Lisbon");
    assert!(lisbon.contains("Not enough data for Lisbon, Portugal, nor for Portugal"));
    assert!(
        lisbon.contains("href=\"/salary?location=germany\""),
        "a place in the same currency is offered"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn invalid_urls_render_the_page_with_notes(pool: PgPool) {
    let app = spawn_app(pool).await;
    let cases = [
        ("/salary?years=-3", "cannot be negative"),
        ("/salary?years=500", "go up to 50"),
        ("/salary?years=lots", "must be a number"),
        ("/salary?location=atlantis", "We have no place called"),
        ("/salary?skill=cobol", "no pay figures for the skill"),
        ("/salary?skill=%3Cscript%3E", "is not a skill we know"),
        ("/salary?type=intern", "not a type of work"),
        ("/salary?currency=DOGE", "not a currency"),
        ("/salary?period=fortnight", "not a period"),
        (
            "/salary?location=%00%FF&years=%E2%82",
            "not a place we know",
        ),
    ];

    for (url, note) in cases {
        let html = page(&app, url).await;

        assert!(html.contains(note), "{url}: no note {note:?}");
        assert!(html.contains("data-median"), "{url}: still an estimate");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_matching_jobs_count_is_the_job_searchs_total(pool: PgPool) {
    let app = spawn_app(pool).await;
    let model = model_from(&app).await;
    let (inputs, _) = SalaryQuery::parse("location=united-states&skill=python")
        .0
        .inputs(&model);
    let jobs = app::salary::query::matching_jobs(&inputs, &model);

    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", &jobs.render())
        .finish();
    let count: i64 = app
        .call("salary/jobs", body.clone())
        .await
        .json()
        .await
        .unwrap();
    let search: serde_json::Value = app.call("jobs/search", body).await.json().await.unwrap();

    assert!(count > 0, "the demo data has Python jobs in the US");
    assert_eq!(serde_json::json!(count), search["total"]);
    let html = page(&app, "/salary?location=united-states&skill=python").await;
    assert!(
        html.contains(&format!("See {count} matching jobs")),
        "the page shows the count"
    );
    assert!(html.contains("href=\"/jobs?type=employee&amp;skill=python&amp;location=US\""));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_database_refuses_figures_that_would_break_the_estimate(pool: PgPool) {
    app::seed::seed_if_empty(&pool).await.unwrap();
    let cases = [
        (
            "UPDATE salary_locations SET p25 = median + 1 WHERE slug = 'berlin'",
            "salary_locations_figures_ordered",
        ),
        (
            "UPDATE salary_locations SET basis = NULL WHERE slug = 'berlin'",
            "salary_locations_figures_whole",
        ),
        (
            "UPDATE salary_locations SET parent = 'germany' WHERE slug = 'france'",
            "salary_locations_parent_of_city",
        ),
        (
            "UPDATE salary_skill_premiums SET premium = -0.1 WHERE skill = 'rust'",
            "salary_skill_premiums_premium_check",
        ),
        (
            "UPDATE salary_experience SET multiplier = 0 WHERE years = 3",
            "salary_experience_multiplier_check",
        ),
    ];

    for (sql, constraint) in cases {
        let error = sqlx::query(sql).execute(&pool).await.unwrap_err();

        let refused = error
            .as_database_error()
            .and_then(|e| e.constraint())
            .map(str::to_owned);
        assert_eq!(refused.as_deref(), Some(constraint), "{sql}");
    }
}
