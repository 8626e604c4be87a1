use crate::helpers::TestApp;
use crate::jobs_helpers::{TestJob, insert_job, spawn_with_jobs};
use sqlx::PgPool;

fn jobs() -> Vec<TestJob> {
    vec![
        TestJob {
            slug: "remote-rust",
            title: "Rust Engineer",
            description: "## The role\n\nBuild **fast** services.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>",
            employment_type: "freelance",
            workplace: "remote",
            skills: &["rust", "linux"],
            salary: (500, 700, "EUR", "day"),
            ..TestJob::default()
        },
        TestJob {
            slug: "onsite-go",
            title: "Go Engineer",
            workplace: "onsite",
            skills: &["go", "linux"],
            ..TestJob::default()
        },
        TestJob {
            slug: "recently-expired",
            title: "Old Engineer",
            days_old: 40,
            valid_days: 35,
            ..TestJob::default()
        },
        TestJob {
            slug: "long-expired",
            title: "Ancient Engineer",
            days_old: 120,
            valid_days: 30,
            ..TestJob::default()
        },
        TestJob {
            slug: "a-draft",
            title: "Draft Engineer",
            status: "draft",
            ..TestJob::default()
        },
    ]
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD present")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_job_page_carries_complete_job_posting_data(pool: PgPool) {
    let app = spawn_with_jobs(pool, &jobs()).await;

    let remote = app.get("/jobs/remote-rust").await.text().await.unwrap();
    let onsite = app.get("/jobs/onsite-go").await.text().await.unwrap();

    let posting = json_ld(&remote);
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], "Rust Engineer");
    for field in [
        "description",
        "datePosted",
        "validThrough",
        "hiringOrganization",
        "baseSalary",
        "employmentType",
    ] {
        assert!(!posting[field].is_null(), "missing {field}");
    }
    assert_eq!(posting["hiringOrganization"]["name"], "Acme Data");
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert_eq!(posting["applicantLocationRequirements"]["name"], "Germany");
    assert_eq!(posting["baseSalary"]["currency"], "EUR");
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "DAY");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 500);
    assert_eq!(
        posting["employmentType"],
        serde_json::json!(["FULL_TIME", "CONTRACTOR"])
    );
    let posting = json_ld(&onsite);
    assert_eq!(
        posting["jobLocation"]["address"]["addressLocality"],
        "Berlin"
    );
    assert_eq!(posting["jobLocation"]["address"]["addressCountry"], "DE");
    assert!(posting["jobLocationType"].is_null());
}

#[sqlx::test(migrations = "../migrations")]
async fn markdown_is_rendered_and_scripts_in_it_are_inert(pool: PgPool) {
    let app = spawn_with_jobs(pool, &jobs()).await;

    let html = app.get("/jobs/remote-rust").await.text().await.unwrap();

    assert!(html.contains("<h2>The role</h2>"));
    assert!(html.contains("<strong>fast</strong>"));
    assert!(!html.contains("<script>alert"), "no live script");
    assert!(!html.contains("onerror"), "no event handler");
}

#[sqlx::test(migrations = "../migrations")]
async fn similar_jobs_share_skills(pool: PgPool) {
    let app = spawn_with_jobs(pool, &jobs()).await;

    let html = app.get("/jobs/remote-rust").await.text().await.unwrap();

    assert!(html.contains("Similar jobs"));
    assert!(html.contains("href=\"/jobs/onsite-go\""), "shares linux");
}

#[sqlx::test(migrations = "../migrations")]
async fn similar_jobs_put_the_same_role_before_a_newer_job_sharing_one_skill(pool: PgPool) {
    // Arrange: both share one skill with "Rust Engineer"; only one is the
    // same role and kind of work, and it is the older.
    let mut jobs = jobs();
    jobs.push(TestJob {
        slug: "senior-rust",
        title: "Senior Rust Engineer",
        employment_type: "freelance",
        skills: &["rust"],
        days_old: 10,
        ..TestJob::default()
    });
    let app = spawn_with_jobs(pool, &jobs).await;

    // Act
    let html = app.get("/jobs/remote-rust").await.text().await.unwrap();

    // Assert
    let similar = &html[html.find("Similar jobs").expect("a similar jobs list")..];
    let same_role = similar
        .find("href=\"/jobs/senior-rust\"")
        .expect("the same role is listed");
    let one_skill = similar
        .find("href=\"/jobs/onsite-go\"")
        .expect("the one-skill job is listed");
    assert!(same_role < one_skill, "the same role comes first");
}

#[sqlx::test(migrations = "../migrations")]
async fn expired_jobs_say_so_then_are_gone_and_drafts_do_not_exist(pool: PgPool) {
    let app = spawn_with_jobs(pool, &jobs()).await;
    let cases = [
        ("/jobs/recently-expired", 200, "This job has expired"),
        ("/jobs/long-expired", 410, "no longer available"),
        ("/jobs/a-draft", 404, "could not find"),
        ("/jobs/no-such-job", 404, "could not find"),
    ];
    for (path, status, text) in cases {
        let response = app.get(path).await;

        assert_eq!(response.status(), status, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(text), "{path} says {text:?}");
        assert!(
            !html.contains("application/ld+json"),
            "{path}: no JobPosting for a closed job"
        );
    }
}

async fn apply_form(app: &TestApp, slug: &str, fields: [(&str, &str); 4]) -> reqwest::Response {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    app.client
        .post(format!("{}/jobs/{slug}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

const GOOD: [(&str, &str); 4] = [
    ("name", "Asha Rao"),
    ("email", "asha@example.in"),
    ("message", "Six years of Rust and Linux in production."),
    ("cv_url", "https://example.in/asha.pdf"),
];

#[sqlx::test(migrations = "../migrations")]
async fn an_application_is_stored_once_per_email_and_job(pool: PgPool) {
    let app = spawn_with_jobs(pool.clone(), &jobs()).await;

    let first = apply_form(&app, "remote-rust", GOOD).await;
    let mut shouting = GOOD;
    shouting[1] = ("email", "ASHA@example.in");
    let second = apply_form(&app, "remote-rust", shouting).await;

    assert_eq!(first.status(), 303);
    assert_eq!(second.status(), 409);
    assert!(second.text().await.unwrap().contains("already applied"));
    let stored: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT email, cv_url FROM applications")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        [(
            "asha@example.in".to_owned(),
            Some("https://example.in/asha.pdf".to_owned())
        )]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_applications_are_refused_with_a_message_per_field(pool: PgPool) {
    let app = spawn_with_jobs(pool.clone(), &jobs()).await;
    type Fields = [(&'static str, &'static str); 4];
    let cases: [(Fields, u16, &str); 5] = [
        (
            [("name", ""), GOOD[1], GOOD[2], GOOD[3]],
            422,
            "Please tell us your name",
        ),
        (
            [GOOD[0], ("email", "asha"), GOOD[2], GOOD[3]],
            422,
            "is not an email address",
        ),
        (
            [GOOD[0], GOOD[1], ("message", "Hi"), GOOD[3]],
            422,
            "at least 20 characters",
        ),
        (
            [GOOD[0], GOOD[1], GOOD[2], ("cv_url", "javascript:alert(1)")],
            422,
            "full web address",
        ),
        (GOOD, 409, "expired"),
    ];
    for (i, (fields, status, message)) in cases.into_iter().enumerate() {
        let slug = if i == 4 {
            "recently-expired"
        } else {
            "remote-rust"
        };

        let response = apply_form(&app, slug, fields).await;

        assert_eq!(response.status(), status, "case {i}");
        assert!(
            response.text().await.unwrap().contains(message),
            "case {i}: {message}"
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM applications")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing half-written");
}

#[sqlx::test(migrations = "../migrations")]
async fn without_javascript_success_redirects_and_an_error_keeps_what_was_typed(pool: PgPool) {
    let app = spawn_with_jobs(pool.clone(), &jobs()).await;

    let bad = apply_form(
        &app,
        "remote-rust",
        [GOOD[0], ("email", "asha-at-example"), GOOD[2], GOOD[3]],
    )
    .await;
    let good = apply_form(&app, "remote-rust", GOOD).await;
    let again = apply_form(&app, "remote-rust", GOOD).await;

    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(html.contains("is not an email address"));
    assert!(
        html.contains("value=\"asha-at-example\""),
        "the email as typed"
    );
    assert!(
        html.contains("Six years of Rust and Linux in production."),
        "the message as typed"
    );
    assert_eq!(good.status(), 303);
    assert_eq!(
        good.headers()["location"],
        "/jobs/remote-rust?applied=1#apply"
    );
    let after = app
        .get("/jobs/remote-rust?applied=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(after.contains("Your application is with Acme Data"));
    assert_eq!(again.status(), 409);
    assert!(again.text().await.unwrap().contains("already applied"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_database_refuses_jobs_and_applications_the_code_must_never_write(pool: PgPool) {
    let app = spawn_with_jobs(pool.clone(), &jobs()).await;
    let _ = app;
    let mut conn = pool.acquire().await.unwrap();
    let bad_jobs = [
        (
            TestJob {
                slug: "unknown-skill",
                skills: &["cobol"],
                ..TestJob::default()
            },
            "jobs_skills_exist",
        ),
        (
            TestJob {
                slug: "no-skills",
                skills: &[],
                ..TestJob::default()
            },
            "jobs_skills_check",
        ),
        (
            TestJob {
                slug: "upside-down",
                salary: (90_000, 80_000, "USD", "year"),
                ..TestJob::default()
            },
            "jobs_salary_range_ordered",
        ),
        (
            TestJob {
                slug: "free",
                salary: (0, 10, "USD", "year"),
                ..TestJob::default()
            },
            "jobs_salary_min_check",
        ),
        (
            TestJob {
                slug: "no-rate",
                salary: (1, 2, "XXX", "year"),
                ..TestJob::default()
            },
            "jobs_salary_rate_known",
        ),
        (
            TestJob {
                slug: "Bad Slug",
                ..TestJob::default()
            },
            "jobs_slug_check",
        ),
        (
            TestJob {
                slug: "remote-rust",
                ..TestJob::default()
            },
            "jobs_slug_key",
        ),
        (
            TestJob {
                slug: "never-valid",
                valid_days: 0,
                ..TestJob::default()
            },
            "jobs_valid_after_posting",
        ),
    ];
    for (job, constraint) in bad_jobs {
        let error = insert_job(&mut conn, &job).await.expect_err(job.slug);

        let database = error.as_database_error().expect("a database error");
        assert_eq!(database.constraint(), Some(constraint), "{}", job.slug);
    }
    let bad_applications = [
        (
            "",
            "a@b.co",
            "A long enough message here.",
            None,
            "applications_name_check",
        ),
        (
            "Asha",
            "not-an-email",
            "A long enough message here.",
            None,
            "applications_email_check",
        ),
        (
            "Asha",
            "a@b.co",
            "short",
            None,
            "applications_message_check",
        ),
        (
            "Asha",
            "a@b.co",
            "A long enough message here.",
            Some("ftp://x"),
            "applications_cv_url_check",
        ),
    ];
    for (name, email, message, cv, constraint) in bad_applications {
        let error = sqlx::query(
            "INSERT INTO applications (job_id, name, email, message, cv_url)
             VALUES ((SELECT id FROM jobs WHERE slug = 'remote-rust'), $1, $2, $3, $4)",
        )
        .bind(name)
        .bind(email)
        .bind(message)
        .bind(cv)
        .execute(&mut *conn)
        .await
        .expect_err(constraint);

        assert_eq!(
            error.as_database_error().and_then(|e| e.constraint()),
            Some(constraint)
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_code_and_the_database_agree_on_currencies_and_working_time(pool: PgPool) {
    let codes: Vec<String> = sqlx::query_scalar("SELECT code::text FROM currencies ORDER BY code")
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut known: Vec<String> = app::common::Currency::ALL
        .iter()
        .map(|c| c.code().to_owned())
        .collect();
    known.sort();
    assert_eq!(codes, known);

    for period in app::jobs::PayPeriod::ALL {
        let per_year: i32 = sqlx::query_scalar("SELECT periods_per_year($1::pay_period)")
            .bind(period.slug())
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(per_year as u32, period.per_year(), "{period:?}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_message_with_a_nul_byte_is_refused_not_a_server_error(pool: PgPool) {
    let app = spawn_with_jobs(pool, &jobs()).await;

    let response = apply_form(
        &app,
        "remote-rust",
        [
            GOOD[0],
            GOOD[1],
            ("message", "Six years of Rust\0 in production."),
            GOOD[3],
        ],
    )
    .await;
    let bad_slug = apply_form(&app, "remote%00rust", GOOD).await;

    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("characters we cannot store")
    );
    assert_eq!(bad_slug.status(), 404);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_application_posted_to_an_address_that_cannot_be_a_job_is_not_found_and_stores_nothing(
    pool: PgPool,
) {
    let app = spawn_with_jobs(pool.clone(), &jobs()).await;
    let cases: [(&str, [(&str, &str); 4]); 3] = [
        ("Remote-Rust", GOOD),
        ("remote%00rust", GOOD),
        // Checked before the form: a wrong address is not found, whatever was typed.
        ("..%2Fadmin", [("name", ""), GOOD[1], GOOD[2], GOOD[3]]),
    ];

    for (slug, fields) in cases {
        let response = apply_form(&app, slug, fields).await;

        assert_eq!(response.status(), 404, "{slug}");
    }
    for slug in ["Remote-Rust", "remote\0rust", "../admin"] {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("slug", slug)
            .finish();
        assert_eq!(app.call("jobs/get", body).await.status(), 404, "{slug}");
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM applications")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}
