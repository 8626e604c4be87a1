//! The job editor from outside, as staff use it without JavaScript: a
//! draft written, previewed, published and found by public search at once;
//! refusals that keep what was typed; two editors' conflict; statuses and
//! closing dates as the public sees them; staff markup inert in public.

use super::*;
use crate::jobs_helpers::spawn_with_jobs;
use app::staff::Role;
use reqwest::header::LOCATION;
use sqlx::PgPool;

/// A server with the guide's skills and the company `acme`, and a staff
/// account logged in: the app, the pool and its cookie.
async fn with_editor(pool: PgPool) -> (TestApp, PgPool, String) {
    let app = spawn_with_jobs(pool.clone(), &[]).await;
    let (_, cookie) = account_logged_in(&app, &pool, EMAIL, Role::Staff).await;
    (app, pool, cookie)
}

/// A job form as the editor sends it, with `changes` over sensible values.
fn job_form(changes: &[(&str, &str)]) -> String {
    let closes = (chrono::Utc::now() + chrono::Duration::days(60))
        .format("%Y-%m-%d")
        .to_string();
    let mut fields: Vec<(&str, String)> = [
        ("intent", "save"),
        ("version", "0"),
        ("title", "Quokka Platform Engineer"),
        ("company", "acme"),
        ("place", "Berlin"),
        ("employment_type", "freelance"),
        ("hours", "full_time"),
        ("workplace", "remote"),
        ("seniority", "senior"),
        ("salary_min", "600"),
        ("salary_max", "800"),
        ("currency", "EUR"),
        ("period", "day"),
        ("skills", "SQL"),
        ("closes", closes.as_str()),
        ("description", "## The work\n\nKeep the queues moving."),
        ("how_to_apply", "We reply within five days."),
    ]
    .map(|(name, value)| (name, value.to_owned()))
    .into();
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push((name, (*value).to_owned())),
        }
    }
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// Creates a draft through the editor; answers its id.
async fn create_draft(app: &TestApp, cookie: &str, changes: &[(&str, &str)]) -> i64 {
    let response = post(app, "/staff/jobs", job_form(changes), Some(cookie)).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    location
        .trim_start_matches("/staff/jobs/")
        .trim_end_matches("?done=created")
        .parse()
        .unwrap()
}

async fn set_status(
    app: &TestApp,
    cookie: &str,
    id: i64,
    action: &str,
    version: i32,
) -> reqwest::Response {
    let body = format!("action={action}&version={version}");
    post(app, &format!("/staff/jobs/{id}/status"), body, Some(cookie)).await
}

async fn slug_of(pool: &PgPool, id: i64) -> String {
    sqlx::query_scalar("SELECT slug FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_draft_is_private_until_published_then_public_search_finds_it_at_once(pool: PgPool) {
    // Arrange
    let (app, pool, cookie) = with_editor(pool).await;

    // Act: a draft, then published.
    let id = create_draft(&app, &cookie, &[]).await;
    let slug = slug_of(&pool, id).await;
    let while_draft = app.get(&format!("/jobs/{slug}")).await.status();
    let found_as_draft = app.search("q=quokka").await.total;
    let suggested_as_draft = app.search("q=quokkka").await.corrected;
    let published = set_status(&app, &cookie, id, "publish", 1).await;

    // Assert
    assert_eq!(slug, format!("quokka-platform-engineer-berlin-{id}"));
    assert_eq!(
        (while_draft, found_as_draft),
        (reqwest::StatusCode::NOT_FOUND, 0)
    );
    assert_eq!(
        suggested_as_draft, None,
        "a draft's title is never suggested"
    );
    assert_eq!(published.status(), 303);
    let found = app.search("q=quokka").await;
    assert_eq!(found.total, 1);
    assert_eq!(found.jobs[0].title, "Quokka Platform Engineer");
    let typo = app.search("q=quokkka").await;
    assert_eq!(
        typo.corrected.as_deref(),
        Some("quokka"),
        "the vocabulary knows the new title"
    );
    let page = app
        .get(&format!("/jobs/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<h2>The work</h2>") && page.contains("Berlin"));
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM staff_audit WHERE record = $1 ORDER BY id")
            .bind(format!("job {id}"))
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(actions, ["jobs.created", "jobs.published"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_edit_shows_in_search_at_once_and_the_audit_keeps_before_and_after(pool: PgPool) {
    // Arrange: a published job.
    let (app, pool, cookie) = with_editor(pool).await;
    let id = create_draft(&app, &cookie, &[]).await;
    assert_eq!(
        set_status(&app, &cookie, id, "publish", 1).await.status(),
        303
    );

    // Act: renamed, from version 2.
    let edit = job_form(&[("version", "2"), ("title", "Wombat Reliability Engineer")]);
    let saved = post(&app, &format!("/staff/jobs/{id}"), edit, Some(&cookie)).await;

    // Assert
    assert_eq!(saved.status(), 303);
    assert_eq!(app.search("q=quokka").await.total, 0);
    assert_eq!(app.search("q=wombat").await.total, 1);
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("SELECT before, after FROM staff_audit WHERE action = 'jobs.edited'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(before["title"], "Quokka Platform Engineer");
    assert_eq!(after["title"], "Wombat Reliability Engineer");
    assert_eq!(after["version"], 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn two_editors_saving_from_one_version_get_a_conflict_and_the_first_save_stays(pool: PgPool) {
    // Arrange: both opened version 1.
    let (app, pool, cookie) = with_editor(pool).await;
    let id = create_draft(&app, &cookie, &[]).await;
    let path = format!("/staff/jobs/{id}");

    // Act
    let first = post(
        &app,
        &path,
        job_form(&[("version", "1"), ("title", "First Editor Title")]),
        Some(&cookie),
    )
    .await;
    let second = post(
        &app,
        &path,
        job_form(&[("version", "1"), ("title", "Second Editor Title")]),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(first.status(), 303);
    assert_eq!(second.status(), 409);
    let html = second.text().await.unwrap();
    assert!(
        html.contains("Someone saved this job while you were editing it"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Second Editor Title\""),
        "the second editor's typing is kept"
    );
    assert!(
        html.contains(r#"name="version" value="2""#),
        "saving again, now warned, starts from the stored version"
    );
    let title: String = sqlx::query_scalar("SELECT title FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(title, "First Editor Title");
    let stale = set_status(&app, &cookie, id, "publish", 1).await;
    assert_eq!(
        stale.status(),
        409,
        "a status button from the old page conflicts too"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_refused_job_names_each_field_keeps_what_was_typed_and_writes_nothing(pool: PgPool) {
    let (app, pool, cookie) = with_editor(pool).await;
    let cases: [(&str, &str, &str); 8] = [
        (
            "salary_max",
            "5000000",
            "more than a billion US dollars a year",
        ),
        ("how_to_apply", "Call\u{0}us", "control characters"),
        (
            "skills",
            "SQL, Cobolscript",
            "Not a skill we know: Cobolscript",
        ),
        ("closes", "2020-01-01", "Choose a closing date after today."),
        ("closes", "2031-02-30", "That day is not in the calendar."),
        ("place", "Atlantis", "Choose one of the places listed."),
        (
            "company",
            "no-such-company",
            "Choose one of the companies listed.",
        ),
        (
            "salary_max",
            "500",
            "The top of the range is below its bottom.",
        ),
    ];
    for (field, typed, says) in cases {
        // Act
        let response = post(
            &app,
            "/staff/jobs",
            job_form(&[(field, typed), ("title", "Kept Title Here")]),
            Some(&cookie),
        )
        .await;

        // Assert
        assert_eq!(response.status(), 422, "{field}={typed}");
        let html = response.text().await.unwrap();
        assert!(html.contains(says), "{field}={typed}: {says}");
        assert!(
            html.contains("value=\"Kept Title Here\""),
            "{field}: the title is kept"
        );
    }
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(jobs, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_preview_shows_the_description_as_the_public_page_would_and_writes_nothing(pool: PgPool) {
    // Arrange
    let (app, pool, cookie) = with_editor(pool).await;
    let markdown =
        "## Hello\n\n**bold**\n\n<script>alert('x')</script><img src=x onerror=alert(1)>";

    // Act
    let response = post(
        &app,
        "/staff/jobs",
        job_form(&[("intent", "preview"), ("description", markdown)]),
        Some(&cookie),
    )
    .await;

    // Assert
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Preview of the description") && html.contains("<h2>Hello</h2>"),
        "{html}"
    );
    let start = html.find("Preview of the description").unwrap();
    let preview = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(preview.contains("<strong>bold</strong>"), "{preview}");
    assert!(
        !preview.contains("<script") && !preview.contains("onerror"),
        "sanitised: {preview}"
    );
    assert!(
        !html.contains("<script>alert('x')"),
        "and the typed text is escaped in its box"
    );
    assert!(
        html.contains("Quokka Platform Engineer"),
        "the typed form is kept"
    );
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(jobs, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn markup_typed_by_staff_is_text_on_the_public_page_and_in_search(pool: PgPool) {
    // Arrange: a job whose every text carries a payload.
    let (app, _, cookie) = with_editor(pool).await;
    let payload = "<script>alert(1)</script>";
    let title = format!("Quokka {payload} Engineer");
    let id = create_draft(
        &app,
        &cookie,
        &[
            ("title", &title),
            ("how_to_apply", &format!("Call us {payload}")),
        ],
    )
    .await;
    set_status(&app, &cookie, id, "publish", 1).await;

    // Act
    let found = app.search("q=quokka").await;
    let page = app
        .get(&format!("/jobs/{}", found.jobs[0].slug.as_str()))
        .await
        .text()
        .await
        .unwrap();

    // Assert
    assert_eq!(found.jobs[0].title, title, "search sends it as data");
    assert!(!page.contains(payload), "never markup on the page");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn statuses_and_closing_dates_are_what_the_public_sees(pool: PgPool) {
    // Arrange: one job, published.
    let (app, pool, cookie) = with_editor(pool).await;
    let id = create_draft(&app, &cookie, &[]).await;
    set_status(&app, &cookie, id, "publish", 1).await;
    let slug = slug_of(&pool, id).await;

    // Act and assert: unpublished is not found; published again is listed.
    assert_eq!(
        set_status(&app, &cookie, id, "unpublish", 2).await.status(),
        303
    );
    assert_eq!(app.get(&format!("/jobs/{slug}")).await.status(), 404);
    assert_eq!(app.search("q=quokka").await.total, 0);
    assert_eq!(
        set_status(&app, &cookie, id, "publish", 3).await.status(),
        303
    );
    assert_eq!(app.search("q=quokka").await.total, 1);

    // Past its closing date it is expired everywhere, and cannot be
    // published again until the date moves.
    sqlx::query("UPDATE jobs SET valid_through = now() - interval '1 hour', posted_at = now() - interval '2 days' WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(app.search("q=quokka").await.total, 0);
    let expired = get(&app, "/staff/jobs?status=expired", &cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        expired.contains("Quokka Platform Engineer"),
        "listed as expired"
    );
    let listed_published = get(&app, "/staff/jobs?status=published", &cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(!listed_published.contains("Quokka Platform Engineer"));
    let later = (chrono::Utc::now() + chrono::Duration::days(20))
        .format("%Y-%m-%d")
        .to_string();
    let saved = post(
        &app,
        &format!("/staff/jobs/{id}"),
        job_form(&[("version", "4"), ("closes", &later)]),
        Some(&cookie),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        app.search("q=quokka").await.total,
        0,
        "a new date alone does not list it again"
    );
    assert_eq!(
        set_status(&app, &cookie, id, "publish", 5).await.status(),
        303
    );
    assert_eq!(app.search("q=quokka").await.total, 1, "publishing does");
    sqlx::query("UPDATE jobs SET valid_through = now() - interval '1 hour' WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let again = set_status(&app, &cookie, id, "publish", 6).await;
    assert_eq!(again.status(), 422);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("Its closing date has passed")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_application_is_read_as_text_with_a_safe_cv_link_then_reviewed_and_audited(
    pool: PgPool,
) {
    // Arrange: a published job and an application full of markup.
    let (app, pool, cookie) = with_editor(pool).await;
    let job = create_draft(&app, &cookie, &[]).await;
    set_status(&app, &cookie, job, "publish", 1).await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO applications (job_id, name, email, message, cv_url)
         VALUES ($1, '<b>Eve</b>', 'eve@example.com', 'Hello <script>alert(1)</script>, twenty years of SQL.', 'https://cv.example/eve')
         RETURNING id",
    )
    .bind(job)
    .fetch_one(&pool)
    .await
    .unwrap();

    // Act
    let inbox = get(&app, &format!("/staff/applications?job={job}"), &cookie)
        .await
        .text()
        .await
        .unwrap();
    let one = get(&app, &format!("/staff/applications/{id}"), &cookie)
        .await
        .text()
        .await
        .unwrap();
    let review = "status=interview&notes=Call+on+Monday+%3Cb%3E";
    let saved = post(
        &app,
        &format!("/staff/applications/{id}"),
        review.into(),
        Some(&cookie),
    )
    .await;

    // Assert
    assert!(inbox.contains("&lt;b&gt;Eve&lt;/b&gt;") && inbox.contains("Quokka Platform Engineer"));
    assert!(
        !one.contains("<script>alert(1)") && one.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(
        one.contains(
            r#"href="https://cv.example/eve" target="_blank" rel="noopener noreferrer nofollow""#
        ),
        "{one}"
    );
    assert_eq!(saved.status(), 303);
    let (status, notes): (String, String) =
        sqlx::query_as("SELECT status::text, notes FROM applications WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), notes.as_str()),
        ("interview", "Call on Monday <b>")
    );
    let reread = get(&app, &format!("/staff/applications/{id}"), &cookie)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        reread.contains("Call on Monday &lt;b&gt;</textarea>"),
        "the notes come back as text"
    );
    let (before, after): (serde_json::Value, serde_json::Value) = sqlx::query_as(
        "SELECT before, after FROM staff_audit WHERE action = 'applications.reviewed'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (before["status"].as_str(), after["status"].as_str()),
        (Some("new"), Some("interview"))
    );
    let refused = post(
        &app,
        &format!("/staff/applications/{id}"),
        "status=maybe&notes=x".into(),
        Some(&cookie),
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Choose a status."));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_long_or_non_latin_title_still_gets_an_address_and_odd_list_queries_are_answered(
    pool: PgPool,
) {
    let (app, pool, cookie) = with_editor(pool).await;
    let long = "Senior Distributed Systems Engineer for Payments Infrastructure and Ledger Reconciliation Platform Teams Worldwide";
    for title in [long, "バックエンドエンジニア"] {
        let id = create_draft(&app, &cookie, &[("title", title)]).await;
        let slug = slug_of(&pool, id).await;
        assert!(
            slug.len() <= 120 && slug.ends_with(&format!("-berlin-{id}")),
            "{slug}"
        );
    }
    for query in [
        "q=%00",
        "page=9223372036854775807",
        "status=nonsense&q=%25_%5C",
    ] {
        let response = get(&app, &format!("/staff/jobs?{query}"), &cookie).await;
        assert_eq!(response.status(), 200, "{query}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn markup_typed_into_a_refused_job_comes_back_escaped_in_its_fields(pool: PgPool) {
    // Arrange: a payload that would close the value attribute or the textarea.
    let (app, _, cookie) = with_editor(pool).await;
    let title = r#"Q"><img src=x onerror=alert(1)>"#;
    let description = "</textarea><script>alert(2)</script>";

    // Act: refused for its skills, so the page echoes everything typed.
    let typed = job_form(&[
        ("title", title),
        ("description", description),
        ("skills", "Cobolscript"),
    ]);
    let response = post(&app, "/staff/jobs", typed, Some(&cookie)).await;

    // Assert
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("<img src=x onerror") && !html.contains("<script>alert(2)"),
        "{html}"
    );
    assert!(
        html.contains("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>"),
        "{html}"
    );
    assert!(
        html.contains(r#"value="Q&quot;&gt;&lt;img src=x onerror=alert(1)&gt;""#),
        "the title stays inside its attribute"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_jobs_list_sorts_by_the_column_asked_and_ignores_an_unknown_order(pool: PgPool) {
    // Arrange: three drafts written out of alphabetical order.
    let (app, _, cookie) = with_editor(pool).await;
    for title in ["Mango Engineer", "Apricot Engineer", "Zucchini Engineer"] {
        create_draft(&app, &cookie, &[("title", title)]).await;
    }

    // Act and assert: each order as its URL says, newest first by default.
    for (query, expected, aria) in [
        ("sort=title", ["Apricot", "Mango", "Zucchini"], "ascending"),
        (
            "sort=-title",
            ["Zucchini", "Mango", "Apricot"],
            "descending",
        ),
        ("sort=nonsense", ["Zucchini", "Apricot", "Mango"], "none"),
        ("", ["Zucchini", "Apricot", "Mango"], "none"),
    ] {
        let page = get(&app, &format!("/staff/jobs?status=draft&{query}"), &cookie)
            .await
            .text()
            .await
            .unwrap();
        let got = order_of(
            &page,
            &["Mango Engineer", "Apricot Engineer", "Zucchini Engineer"],
        );
        let got: Vec<&str> = got
            .iter()
            .map(|t| t.trim_end_matches(" Engineer"))
            .collect();
        assert_eq!(got, expected, "{query}");
        assert_sorted_header(&page, aria, query);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_inbox_sorts_by_applicant_or_received_either_way(pool: PgPool) {
    // Arrange: three applications to one job, received Ben, Ada, Cy.
    let (app, pool, cookie) = with_editor(pool).await;
    let job = create_draft(&app, &cookie, &[]).await;
    for name in ["Ben", "Ada", "Cy"] {
        sqlx::query(
            "INSERT INTO applications (job_id, name, email, message) VALUES ($1, $2, $3, 'Hello, I would like to apply for this role.')",
        )
        .bind(job)
        .bind(format!("{name} Applicant"))
        .bind(format!("{name}@example.com"))
        .execute(&pool)
        .await
        .unwrap();
    }

    // Act and assert
    for (query, expected, aria) in [
        ("sort=name", ["Ada", "Ben", "Cy"], "ascending"),
        ("sort=-name", ["Cy", "Ben", "Ada"], "descending"),
        ("sort=received", ["Ben", "Ada", "Cy"], "ascending"),
        ("sort=-received", ["Cy", "Ada", "Ben"], "descending"),
        ("", ["Cy", "Ada", "Ben"], "none"),
    ] {
        let page = get(
            &app,
            &format!("/staff/applications?job={job}&{query}"),
            &cookie,
        )
        .await
        .text()
        .await
        .unwrap();
        let got = order_of(&page, &["Ben Applicant", "Ada Applicant", "Cy Applicant"]);
        let got: Vec<&str> = got
            .iter()
            .map(|t| t.trim_end_matches(" Applicant"))
            .collect();
        assert_eq!(got, expected, "{query}");
        assert_sorted_header(&page, aria, query);
    }
}

/// `names` in the order they appear on `page`.
fn order_of<'a>(page: &str, names: &[&'a str]) -> Vec<&'a str> {
    let mut at: Vec<(usize, &str)> = names
        .iter()
        .map(|name| (page.find(name).expect(name), *name))
        .collect();
    at.sort();
    at.into_iter().map(|(_, name)| name).collect()
}

/// One header says the list is sorted `aria` ("none": no header does).
fn assert_sorted_header(page: &str, aria: &str, query: &str) {
    for said in ["ascending", "descending"] {
        assert_eq!(
            page.contains(&format!(r#"aria-sort="{said}""#)),
            said == aria,
            "{query}: a header says {said}"
        );
    }
}
