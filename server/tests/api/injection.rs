//! Text from visitors and staff never becomes markup. Each payload goes
//! into every field that is echoed (search, salary inputs, booking and
//! application forms, the manage page) or stored (a job's title, company,
//! place, description and how to apply), and the served page must parse,
//! with a real HTML parser, to the same element tree as the same text with
//! its markup characters blanked out.

use crate::booking::{calendar, first_slot, spawn_booking_app};
use crate::helpers::{TestApp, spawn_app};
use crate::jobs_helpers::{TestJob, spawn_with_jobs};
use scraper::{Html, Node, Selector};
use sqlx::PgPool;

const PAYLOADS: [&str; 10] = [
    "</title><h1>injected</h1>",
    "</textarea><h1>injected</h1>",
    "\"><svg onload=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!-- open comment",
    "]]><h1>cdata</h1>",
    "javascript:alert(document.domain)",
    "line\u{2028}separator\u{2029}end",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
];

/// The payload with the characters that make markup in HTML (`<`, `>`, `&`,
/// quotes) blanked out; words and other punctuation stay,
/// so searches and validation behave alike.
fn harmless(payload: &str) -> String {
    payload
        .chars()
        .map(|c| if "<>\"'&".contains(c) { ' ' } else { c })
        .collect()
}

/// Every element, in document order, as its depth, name and attribute
/// names: what an injection would change. Text and attribute values are
/// left out, since they legitimately differ.
fn element_tree(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut elements = Vec::new();
    for node in document.tree.root().descendants() {
        if let Node::Element(element) = node.value() {
            let depth = node.ancestors().count();
            let mut attributes: Vec<&str> = element.attrs().map(|(name, _)| name).collect();
            attributes.sort_unstable();
            elements.push(format!(
                "{depth} {} [{}]",
                element.name(),
                attributes.join(" ")
            ));
        }
    }
    elements
}

/// The text of the first element `selector` matches.
fn text_of(html: &str, selector: &str) -> Option<String> {
    let document = Html::parse_document(html);
    let selector = Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .map(|e| e.text().collect())
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A request one field of the site would echo, made with `text` in it.
type Probe = Box<dyn Fn(&TestApp, String) -> reqwest::RequestBuilder + Send + Sync>;

fn get(path: impl Fn(&str) -> String + Send + Sync + 'static) -> Probe {
    Box::new(move |app: &TestApp, text: String| {
        app.client.get(format!("{}{}", app.address, path(&text)))
    })
}

fn post_form(
    path: impl Fn() -> String + Send + Sync + 'static,
    fields: impl Fn(&str) -> Vec<(&'static str, String)> + Send + Sync + 'static,
) -> Probe {
    Box::new(move |app: &TestApp, text: String| {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields(&text))
            .finish();
        app.client
            .post(format!("{}{}", app.address, path()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
    })
}

/// Sends `probe` with the harmless text and with the payload, and checks
/// both pages have the same elements.
async fn assert_inert(app: &TestApp, name: &str, probe: &Probe) {
    for payload in PAYLOADS {
        let quiet = probe(app, harmless(payload)).send().await.unwrap();
        let loud = probe(app, payload.to_owned()).send().await.unwrap();

        assert_eq!(quiet.status(), loud.status(), "{name}: {payload:?}");
        assert!(
            loud.status().as_u16() < 500,
            "{name}: {payload:?}: {}",
            loud.status()
        );
        let (quiet, loud) = (quiet.text().await.unwrap(), loud.text().await.unwrap());
        let (quiet_tree, loud_tree) = (element_tree(&quiet), element_tree(&loud));
        if quiet_tree != loud_tree {
            let first = quiet_tree
                .iter()
                .zip(&loud_tree)
                .position(|(a, b)| a != b)
                .unwrap_or(quiet_tree.len().min(loud_tree.len()));
            panic!(
                "{name}: {payload:?} changed the page's elements at #{first}: {:?} became {:?}",
                quiet_tree.get(first),
                loud_tree.get(first)
            );
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn text_in_the_search_and_salary_urls_never_becomes_markup(pool: PgPool) {
    let app = spawn_app(pool).await;
    let probes: Vec<(&str, Probe)> = vec![
        ("job search text", get(|t| format!("/jobs?q={}", encode(t)))),
        (
            "job search filters",
            get(|t| {
                format!(
                    "/jobs?skill={0}&location={0}&salary_min={0}&sort={0}&type={0}&after={0}",
                    encode(t)
                )
            }),
        ),
        (
            "salary inputs",
            get(|t| {
                format!(
                    "/salary?location={0}&skill={0}&years={0}&type={0}&currency={0}",
                    encode(t)
                )
            }),
        ),
        (
            "booking zone and day",
            get(|t| format!("/book?tz={0}&day={0}", encode(t))),
        ),
        ("booking link", get(|t| format!("/booking/{}", encode(t)))),
        ("unknown page", get(|t| format!("/{}", encode(t)))),
    ];
    for (name, probe) in &probes {
        assert_inert(&app, name, probe).await;
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_page_title_shows_the_search_text_as_text(pool: PgPool) {
    let app = spawn_with_jobs(pool, &[TestJob::default()]).await;
    for payload in PAYLOADS {
        let html = app
            .get(&format!("/jobs?q={}", encode(payload)))
            .await
            .text()
            .await
            .unwrap();

        let title = text_of(&html, "head > title").expect("a title");
        assert!(title.contains(payload.trim()), "{payload:?}: {title:?}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn refused_forms_echo_what_was_typed_as_text(pool: PgPool) {
    let job = crate::jobs_helpers::seed_and_pick_open_job(&pool).await;
    let app = spawn_booking_app(pool.clone(), |c| c.booking.rate_limit = 1_000).await;
    let slot = first_slot(&calendar(&app, "UTC").await);
    let booking = post_form(
        || "/book".into(),
        move |t| {
            // No consent: refused with 422 whatever else is typed.
            vec![
                ("zone", "UTC".into()),
                ("slot", slot.clone()),
                ("key", "0123456789abcdef0123456789abcdef".into()),
                ("name", t.into()),
                ("email", t.into()),
                ("phone", t.into()),
                ("topic", t.into()),
            ]
        },
    );
    let application = post_form(
        move || format!("/jobs/{job}"),
        |t| {
            vec![
                ("name", t.into()),
                ("email", t.into()),
                ("message", t.into()),
                ("cv_url", t.into()),
            ]
        },
    );
    for (name, probe) in [
        ("booking form", &booking),
        ("application form", &application),
    ] {
        assert_inert(&app, name, probe).await;
    }

    // And the textarea holds exactly what was typed.
    for payload in PAYLOADS {
        let html = booking(&app, payload.to_owned())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(
            text_of(&html, "textarea#book-topic")
                .as_deref()
                .map(str::trim),
            Some(payload.trim()),
            "{payload:?}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_manage_action_echoes_nothing_as_markup(pool: PgPool) {
    let app = spawn_booking_app(pool.clone(), |c| c.booking.rate_limit = 1_000).await;
    let slot = first_slot(&calendar(&app, "UTC").await);
    let body = crate::booking::request(&slot, &crate::booking::key(77), &[]);
    let booked: serde_json::Value = app.call("booking/book", body).await.json().await.unwrap();
    let token = booked["token"].as_str().unwrap().to_owned();

    let probe = post_form(
        move || format!("/booking/{token}"),
        |t| {
            vec![
                ("action", "reschedule".into()),
                ("slot", t.into()),
                ("tz", t.into()),
                ("day", t.into()),
            ]
        },
    );
    assert_inert(&app, "manage page", &probe).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_text_on_a_job_never_becomes_markup_in_its_page_search_or_json_ld(pool: PgPool) {
    let app = spawn_with_jobs(pool.clone(), &[TestJob::default()]).await;
    let set = |text: String| {
        let pool = pool.clone();
        async move {
            sqlx::query("UPDATE companies SET name = $1")
                .bind(&text)
                .execute(&pool)
                .await
                .unwrap();
            // The description is Markdown, where staff may write HTML: it is
            // checked on its own below, against the sanitiser.
            sqlx::query("UPDATE jobs SET title = 'Job ' || $1, city = $1, how_to_apply = $1")
                .bind(&text)
                .execute(&pool)
                .await
                .unwrap();
        }
    };
    for payload in PAYLOADS {
        let mut pages = Vec::new();
        for text in [harmless(payload), payload.to_owned()] {
            set(text).await;
            let job = app.get("/jobs/job").await.text().await.unwrap();
            let list = app.get("/jobs").await.text().await.unwrap();
            pages.push((job, list));
        }
        let (quiet, loud) = (&pages[0], &pages[1]);

        assert_eq!(
            element_tree(&quiet.0),
            element_tree(&loud.0),
            "job page: {payload:?}"
        );
        assert_eq!(
            element_tree(&quiet.1),
            element_tree(&loud.1),
            "job list: {payload:?}"
        );
        let title = text_of(&loud.0, "head > title").unwrap();
        assert!(title.contains(payload.trim()), "{payload:?}: {title:?}");
        let json_ld = text_of(&loud.0, "script[type=\"application/ld+json\"]").unwrap();
        let json: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
        assert_eq!(json["title"], format!("Job {payload}"), "{payload:?}");
        assert_eq!(json["hiringOrganization"]["name"], payload, "{payload:?}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn markup_in_a_job_description_is_sanitised_to_inert_html(pool: PgPool) {
    let app = spawn_with_jobs(pool.clone(), &[TestJob::default()]).await;
    for payload in PAYLOADS {
        sqlx::query("UPDATE jobs SET description = $1")
            .bind(payload)
            .execute(&pool)
            .await
            .unwrap();

        let html = app.get("/jobs/job").await.text().await.unwrap();

        let document = Html::parse_document(&html);
        let section = Selector::parse(".job__description *").unwrap();
        let forbidden = [
            "script", "style", "meta", "iframe", "object", "embed", "svg", "form", "title",
        ];
        for element in document.select(&section) {
            let element = element.value();
            assert!(
                !forbidden.contains(&element.name()),
                "{payload:?}: <{}> survived",
                element.name()
            );
            for (name, value) in element.attrs() {
                assert!(!name.starts_with("on"), "{payload:?}: {name}={value}");
                assert!(
                    !value
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{payload:?}: {name}={value}"
                );
            }
        }
    }
}

/// The two elements the framework writes raw (see `app::ui::raw_text`)
/// are only ever written by that module, so no new page can forget to
/// escape them.
#[test]
fn only_the_ui_module_writes_titles_and_textareas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src");
    let mut offenders = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("ui/raw_text.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (n, line) in source.lines().enumerate() {
                // Markup inside string literals (test tables) is data, not a tag.
                let code: String = line
                    .split("//")
                    .next()
                    .unwrap_or("")
                    .replace("PageTitle", "")
                    .split('"')
                    .step_by(2)
                    .collect();
                let raw_element = [
                    "<textarea",
                    "<Title",
                    "Title}",
                    "Title;",
                    "Title,",
                    // tachys writes these children raw too.
                    "<noscript",
                    "<style",
                    "<script",
                ]
                .iter()
                .any(|needle| code.contains(needle));
                // The inner_html uses: sanitised Markdown (a job's, and the
                // editor's preview) and script-safe JSON.
                let known = code.contains("inner_html=job.json_ld")
                    || code.contains("inner_html=job.description_html")
                    || code.contains("inner_html=preview.description_html");
                let raw_html = code.contains("inner_html") && !known;
                let raw_element = raw_element && !known;
                if raw_element || raw_html {
                    offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "use ui::PageTitle / ui::TextArea:\n{}",
        offenders.join("\n")
    );
}
