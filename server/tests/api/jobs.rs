use crate::helpers::spawn_app;
use crate::jobs_helpers::{Group, TestJob, insert_job, passes, spawn_with_jobs, visible_jobs};
use app::jobs::{FacetGroup, JobQuery, Sort};
use sqlx::PgPool;
use std::collections::HashSet;

#[sqlx::test(migrations = "../migrations")]
async fn every_filter_alone_and_combined_gives_the_brute_force_total_and_facet_counts(
    pool: PgPool,
) {
    // Arrange: the demo data, a few hundred varied jobs.
    let app = spawn_app(pool.clone()).await;
    let jobs = visible_jobs(&pool).await;
    let urls = [
        "",
        "type=freelance",
        "type=agency&type=temporary",
        "hours=part_time",
        "workplace=remote",
        "seniority=senior&seniority=lead",
        "skill=python",
        "skill=linux&skill=mysql",
        "salary_min=90000",
        "posted=7",
        "location=india",
        "location=Bangalore",
        "location=DE",
        "type=freelance&workplace=remote&skill=python",
        "type=employee&hours=full_time&seniority=mid&skill=sql&posted=30&salary_min=50000",
        "workplace=onsite&workplace=hybrid&location=united+states&skill=go&skill=rust",
    ];
    let groups = [
        (
            Group::Type,
            FacetGroup::Type,
            app::common::EmploymentType::ALL
                .iter()
                .map(|o| o.slug().to_owned())
                .collect::<Vec<_>>(),
        ),
        (
            Group::Hours,
            FacetGroup::Hours,
            app::jobs::Hours::ALL
                .iter()
                .map(|o| o.slug().to_owned())
                .collect(),
        ),
        (
            Group::Workplace,
            FacetGroup::Workplace,
            app::jobs::Workplace::ALL
                .iter()
                .map(|o| o.slug().to_owned())
                .collect(),
        ),
        (
            Group::Seniority,
            FacetGroup::Seniority,
            app::jobs::Seniority::ALL
                .iter()
                .map(|o| o.slug().to_owned())
                .collect(),
        ),
    ];

    for url in urls {
        // Act
        let page = app.search(url).await;

        // Assert: the total, then each option's disjunctive count.
        let (query, notes) = JobQuery::parse(url);
        assert!(notes.is_empty(), "{url}: {notes:?}");
        let expected = jobs
            .iter()
            .filter(|job| passes(job, &query, Group::None))
            .count() as i64;
        assert_eq!(page.total, expected, "total for {url:?}");
        let counted = app::jobs::queries::count(&pool, url).await.unwrap();
        assert_eq!(counted, expected, "count alone for {url:?}");
        for (group, facet, options) in &groups {
            for option in options {
                let brute = jobs
                    .iter()
                    .filter(|job| passes(job, &query, *group))
                    .filter(|job| {
                        let value = match group {
                            Group::Type => &job.employment_type,
                            Group::Hours => &job.hours,
                            Group::Workplace => &job.workplace,
                            _ => &job.seniority,
                        };
                        value == option
                    })
                    .count() as i64;
                assert_eq!(page.count(*facet, option), brute, "{url:?}: {option}");
            }
        }
        for skill in ["python", "linux", "mysql", "go", "aws"] {
            let brute = jobs
                .iter()
                .filter(|job| {
                    passes(job, &query, Group::Skill) && job.skills.iter().any(|s| s == skill)
                })
                .count() as i64;
            assert_eq!(
                page.count(FacetGroup::Skill, skill),
                brute,
                "{url:?}: skill {skill}"
            );
        }
        for days in [1, 7, 14, 30] {
            let brute = jobs
                .iter()
                .filter(|job| {
                    passes(job, &query, Group::Posted) && job.age_secs <= f64::from(days) * 86_400.0
                })
                .count() as i64;
            assert_eq!(
                page.count(FacetGroup::Posted, &days.to_string()),
                brute,
                "{url:?}: posted {days}"
            );
        }
        assert_eq!(
            page.jobs.len() as i64,
            expected.min(20),
            "page size for {url:?}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_minimum_salary_compares_in_the_jobs_own_currency_or_at_todays_rate(pool: PgPool) {
    let eur = |slug, min, max, period| TestJob {
        slug,
        salary: (min, max, "EUR", period),
        ..TestJob::default()
    };
    let app = spawn_with_jobs(
        pool,
        &[
            eur("low", 40_000, 50_000, "year"),
            eur("high", 90_000, 100_000, "year"),
            // 60 × 2,080 = 124,800 EUR a year.
            eur("hourly", 50, 60, "hour"),
            // Posted under the older, lower EUR rate: still €80,000.
            TestJob {
                days_old: 700,
                valid_days: 800,
                ..eur("old-rate", 70_000, 80_000, "year")
            },
            TestJob {
                slug: "usd-enough",
                salary: (90_000, 100_000, "USD", "year"),
                ..TestJob::default()
            },
            TestJob {
                slug: "usd-short",
                salary: (80_000, 90_000, "USD", "year"),
                ..TestJob::default()
            },
        ],
    )
    .await;

    // 80,000 EUR is 92,800 USD at today's rate (1.16).
    let page = app.search("salary_min=80000&currency=EUR").await;

    let slugs: HashSet<&str> = page.jobs.iter().map(|j| j.slug.as_str()).collect();
    assert_eq!(
        slugs,
        HashSet::from(["high", "hourly", "old-rate", "usd-enough"])
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_prefix_finds_what_is_being_typed_and_a_typo_is_corrected(pool: PgPool) {
    let app = spawn_app(pool).await;

    let typing = app.search("q=pyth").await;
    let typo = app.search("q=pyhton").await;
    let exact = app.search("q=pyhton&exact=1").await;

    assert!(typing.total > 0, "pyth finds jobs");
    assert!(
        typing
            .jobs
            .iter()
            .all(|j| j.title.contains("Python") || j.skills.iter().any(|s| s == "python"))
    );
    assert_eq!(typing.corrected, None);
    assert_eq!(typo.corrected.as_deref(), Some("python"));
    assert!(typo.total > 0);
    assert!(
        typo.jobs
            .iter()
            .all(|j| j.title.contains("Python") || j.skills.iter().any(|s| s == "python"))
    );
    assert_eq!(
        (exact.total, exact.corrected),
        (0, None),
        "the original query, one click away"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn phrases_exclusions_and_or_follow_web_search_syntax(pool: PgPool) {
    let app = spawn_with_jobs(
        pool,
        &[
            TestJob {
                slug: "data-engineer",
                title: "Senior Data Engineer",
                ..TestJob::default()
            },
            TestJob {
                slug: "engineer-data",
                title: "Engineer for Data Platforms",
                ..TestJob::default()
            },
            TestJob {
                slug: "python-django",
                title: "Python Developer",
                description: "Django and Celery.",
                skills: &["python"],
                ..TestJob::default()
            },
            TestJob {
                slug: "python-flask",
                title: "Python Developer",
                description: "Flask services.",
                skills: &["python"],
                ..TestJob::default()
            },
            TestJob {
                slug: "go-dev",
                title: "Go Developer",
                skills: &["go"],
                ..TestJob::default()
            },
        ],
    )
    .await;
    let cases: [(&str, &[&str]); 5] = [
        ("q=%22data+engineer%22", &["data-engineer"]),
        ("q=data+engineer", &["data-engineer", "engineer-data"]),
        ("q=python+-django", &["python-flask"]),
        ("q=flask+or+celery", &["python-django", "python-flask"]),
        ("q=go+developer", &["go-dev"]),
    ];
    for (url, expected) in cases {
        let page = app.search(url).await;

        let found: HashSet<&str> = page.jobs.iter().map(|j| j.slug.as_str()).collect();
        assert_eq!(found, expected.iter().copied().collect(), "{url}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn following_next_visits_every_result_exactly_once_in_every_order(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;
    for url in [
        "",
        "sort=salary",
        "q=developer",
        "q=engineer&sort=newest",
        "workplace=remote&sort=salary",
    ] {
        let first = app.search(url).await;
        let mut seen = Vec::new();
        let mut page = first.clone();
        loop {
            seen.extend(page.jobs.iter().map(|j| j.id));
            let Some(cursor) = page.next else { break };
            let next = JobQuery {
                after: Some(cursor),
                ..page.query.clone()
            };
            page = app.search(&next.render()).await;
        }
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(unique.len(), seen.len(), "no job twice for {url:?}");
        assert_eq!(seen.len() as i64, first.total, "every job once for {url:?}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_job_posted_between_pages_does_not_shift_the_next_page(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;
    let first = app.search("").await;
    let cursor = first.next.expect("more than one page");
    let expected_second = app
        .search(
            &JobQuery {
                after: Some(cursor),
                ..JobQuery::default()
            }
            .render(),
        )
        .await;

    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("INSERT INTO companies (slug, name) VALUES ('acme', 'Acme')")
        .execute(&mut *conn)
        .await
        .unwrap();
    insert_job(
        &mut conn,
        &TestJob {
            slug: "brand-new",
            days_old: 0,
            ..TestJob::default()
        },
    )
    .await
    .unwrap();
    let second = app
        .search(
            &JobQuery {
                after: Some(cursor),
                ..JobQuery::default()
            }
            .render(),
        )
        .await;

    let ids = |page: &app::jobs::SearchPage| page.jobs.iter().map(|j| j.id).collect::<Vec<_>>();
    assert_eq!(ids(&second), ids(&expected_second));
    assert_eq!(
        app.search("").await.jobs[0].slug.as_str(),
        "brand-new",
        "the new job leads the first page"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn hostile_or_huge_queries_are_searched_safely_and_never_fail(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;
    let huge = "python ".repeat(1500);
    let cases = [
        "'; DROP TABLE jobs; --",
        "a & b | !c",
        "python:*",
        "<-> (( ))",
        "\\",
        "%_%",
        "\"unterminated phrase",
        "-",
        "or or or",
        "the",
        "node.js",
        "c++ c#",
        "日本語 エンジニア",
        huge.as_str(),
    ];
    for text in cases {
        let url = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", text)
            .finish();

        let page = app.search(&url).await;

        assert!(page.query.q.chars().count() <= 200, "{text:.20}: capped");
        assert!(page.total >= 0);
    }
    let page = app.search(&format!("q={}", huge.replace(' ', "+"))).await;
    assert!(
        page.notes.iter().any(|n| n.contains("shortened")),
        "{:?}",
        page.notes
    );
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(jobs > 0, "the table is still there");
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_and_invalid_url_values_render_the_page_with_notes(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app
        .get("/jobs?type=fulltime&skill=cobol&sort=random&after=zz&salary_min=lots&colour=red")
        .await;

    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    for note in [
        "Ignored the type of work “fulltime”",
        "Ignored the skill “cobol”",
        "Ignored the sort order “random”",
        "page position that was not valid",
        "Ignored the minimum salary “lots”",
        "Ignored the unknown parameter “colour”",
    ] {
        assert!(html.contains(note), "missing note {note:?}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_server_renders_the_same_results_as_the_server_function(pool: PgPool) {
    let app = spawn_app(pool).await;
    let url = "q=developer&workplace=remote&sort=salary";

    let page = app.search(url).await;
    let html = app.get(&format!("/jobs?{url}")).await.text().await.unwrap();

    let body_end = html.find("</body>").unwrap();
    let mut at = 0;
    for job in &page.jobs {
        let link = format!("href=\"/jobs/{}\"", job.slug);
        let found = html[at..body_end]
            .find(&link)
            .unwrap_or_else(|| panic!("{} in order", job.slug));
        at += found + link.len();
    }
    assert!(html.contains(&format!("{} jobs", page.total)), "the total");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_effective_sort_follows_the_query(pool: PgPool) {
    let app = spawn_app(pool).await;

    let newest = app.search("").await;
    let relevance = app.search("q=python").await;
    let salary = app.search("sort=salary").await;

    assert_eq!(newest.query.effective_sort(), Sort::Newest);
    assert!(
        newest
            .jobs
            .windows(2)
            .all(|w| w[0].posted_on >= w[1].posted_on)
    );
    assert_eq!(relevance.query.effective_sort(), Sort::Relevance);
    assert!(
        salary
            .jobs
            .windows(2)
            .all(|w| w[0].salary.max_usd_year >= w[1].salary.max_usd_year)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_rare_but_real_word_is_not_corrected_into_another(pool: PgPool) {
    let app = spawn_with_jobs(
        pool,
        &[
            TestJob {
                slug: "celery",
                title: "Python Developer",
                description: "Queues with Celery.",
                ..TestJob::default()
            },
            TestJob {
                slug: "plain",
                title: "Python Developer",
                ..TestJob::default()
            },
        ],
    )
    .await;

    let rare = app.search("q=celery").await;
    let typo = app.search("q=pyhton").await;

    assert_eq!(
        (rare.total, rare.corrected),
        (1, None),
        "a word only a description has"
    );
    assert_eq!(typo.corrected.as_deref(), Some("python"));
}

#[sqlx::test(migrations = "../migrations")]
async fn control_characters_in_links_never_reach_postgres(pool: PgPool) {
    let app = spawn_app(pool).await;

    let search = app.get("/jobs?q=py%00thon&location=Ber%00lin").await;
    let job = app.get("/jobs/%00").await;
    let function = app.search("q=%00").await;

    assert_eq!(search.status(), 200);
    assert!(
        search
            .text()
            .await
            .unwrap()
            .contains("control characters, which were removed")
    );
    assert_eq!(job.status(), 404);
    assert_eq!(function.query.q, "");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_seed_command_adds_jobs_after_the_existing_ones_and_they_are_searchable(pool: PgPool) {
    let config = crate::helpers::test_config(&pool);
    let args = server::seed::SeedArgs { jobs: 250, seed: 7 };

    server::seed::run(&config, &args)
        .await
        .expect("first seeding");
    server::seed::run(&config, &args)
        .await
        .expect("second seeding");

    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        count,
        300 + 250 + 250,
        "the demo jobs, then two runs numbered after them"
    );
    let vocabulary: i64 = sqlx::query_scalar("SELECT count(*) FROM search_terms")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(vocabulary > 0, "the typo vocabulary was refreshed");
}
