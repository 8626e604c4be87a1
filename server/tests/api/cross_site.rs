//! Every endpoint that takes a POST (each server function, each plain
//! form), enumerated from the code rather than listed by hand: refused when
//! another site sends it, or when its body is not a form, with nothing
//! changed; accepted from our own pages; and never a 5xx for a body it
//! cannot read.

use crate::booking::{calendar, free_slots, key, request, spawn_booking_app};
use crate::helpers::TestApp;
use reqwest::header::CONTENT_TYPE;
use sqlx::PgPool;

/// What the test server's `BACKLINE_PUBLIC_URL` is (the default).
const OUR_ORIGIN: &str = "http://127.0.0.1:3000";

/// Every path that takes a POST: server functions as registered, plain
/// routes as the router adds them.
fn state_changing_endpoints() -> Vec<String> {
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _method)| path.to_owned())
        .chain(
            server::startup::plain_routes()
                .into_iter()
                .filter(|route| route.changes_state())
                .map(|route| route.path.to_owned()),
        )
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

struct Site {
    app: TestApp,
    /// An open job's slug.
    job: String,
    token: String,
    slots: Vec<String>,
}

async fn site(pool: &PgPool) -> Site {
    let job = crate::jobs_helpers::seed_and_pick_open_job(pool).await;
    let app = spawn_booking_app(pool.clone(), |c| c.booking.rate_limit = 1_000).await;
    let calendar = calendar(&app, "UTC").await;
    let slots = free_slots(&calendar);
    let booked: serde_json::Value = app
        .call("booking/book", request(&slots[0], &key(1), &[]))
        .await
        .json()
        .await
        .unwrap();
    let token = booked["token"].as_str().expect("booked").to_owned();
    Site {
        app,
        job,
        token,
        slots,
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A request each endpoint accepts, with the path's parameters filled in.
/// A new endpoint fails the test until it has one here.
fn sample(site: &Site, endpoint: &str) -> (String, String) {
    let token = site.token.as_str();
    match endpoint {
        "/api/booking/book" => (endpoint.into(), request(&site.slots[1], &key(2), &[])),
        "/api/booking/calendar" => (endpoint.into(), form(&[("zone", "UTC")])),
        "/api/booking/view" => (endpoint.into(), form(&[("token", token)])),
        "/api/jobs/search" => (endpoint.into(), form(&[("query", "q=rust")])),
        "/api/jobs/get" => (endpoint.into(), form(&[("slug", &site.job)])),
        "/api/salary/model" | "/api/guide" => (endpoint.into(), String::new()),
        "/api/salary/page" => (endpoint.into(), form(&[("search", "")])),
        "/api/salary/jobs" => (endpoint.into(), form(&[("query", "")])),
        "/book" => (
            endpoint.into(),
            form(&[
                ("zone", "UTC"),
                ("slot", &site.slots[2]),
                ("key", &key(3)),
                ("website", ""),
                ("name", "Noa Script"),
                ("email", "noa@example.com"),
                ("phone", ""),
                ("topic", ""),
                ("consent", "on"),
            ]),
        ),
        "/jobs/{slug}" => (
            format!("/jobs/{}", site.job),
            form(&[
                ("name", "Noa Script"),
                ("email", "noa@example.com"),
                ("message", "Five years of Go and Postgres at scale."),
                ("cv_url", ""),
            ]),
        ),
        "/booking/{token}" => (
            format!("/booking/{token}"),
            form(&[("action", "cancel"), ("confirm", "yes")]),
        ),
        "/api/staff/me"
        | "/api/staff/audit"
        | "/api/staff/admin/accounts"
        | "/api/staff/dashboard"
        | "/api/staff/availability"
        | "/api/staff/salary"
        | "/staff/logout" => (endpoint.into(), String::new()),
        "/api/staff/salary/place" | "/api/staff/salary/source" => {
            (endpoint.into(), form(&[("slug", "toronto")]))
        }
        "/staff/salary/places/{slug}" => (
            "/staff/salary/places/toronto".into(),
            form(&[
                ("p25", ""),
                ("median", ""),
                ("p75", ""),
                ("year", ""),
                ("basis", ""),
                ("source", ""),
            ]),
        ),
        "/staff/salary/curve" => (endpoint.into(), form(&[("y0", "1"), ("source", "x")])),
        "/staff/salary/premium" => (
            endpoint.into(),
            form(&[("skill", "rust"), ("percent", "1"), ("source", "x")]),
        ),
        "/staff/salary/employment" => (
            endpoint.into(),
            form(&[
                ("employment", "freelance"),
                ("multiplier", "2"),
                ("note", "n"),
                ("source", "x"),
            ]),
        ),
        "/staff/salary/rates" => (
            endpoint.into(),
            form(&[
                ("currency", "EUR"),
                ("valid_on", "2026-12-01"),
                ("usd_per_unit", "2"),
                ("source", "x"),
            ]),
        ),
        "/staff/salary/sources" | "/staff/salary/sources/{slug}" => (
            endpoint.replace("{slug}", "approximate-fx-2026"),
            form(&[
                ("slug", "x-y"),
                ("title", "t"),
                ("publisher", "p"),
                ("year", "2024"),
                ("kind", "published"),
                ("note", "n"),
            ]),
        ),
        "/api/staff/admin/account"
        | "/api/staff/job"
        | "/api/staff/application"
        | "/api/staff/booking" => (endpoint.into(), form(&[("id", "1")])),
        "/api/staff/applications" => (
            endpoint.into(),
            form(&[("status", ""), ("job", "0"), ("sort", ""), ("page", "1")]),
        ),
        "/staff/applications/{id}" => (
            "/staff/applications/1".into(),
            form(&[("status", "hired"), ("notes", "x")]),
        ),
        "/api/staff/admin/audit" => (
            endpoint.into(),
            form(&[("actor", ""), ("action", ""), ("record", ""), ("page", "1")]),
        ),
        "/api/staff/bookings" => (
            endpoint.into(),
            form(&[("status", ""), ("q", ""), ("sort", ""), ("page", "1")]),
        ),
        "/staff/bookings/{id}/status" => (
            "/staff/bookings/1/status".into(),
            form(&[("action", "cancel"), ("revision", "0")]),
        ),
        "/staff/bookings/{id}/notes" => ("/staff/bookings/1/notes".into(), form(&[("notes", "x")])),
        "/staff/availability/week" => (
            endpoint.into(),
            form(&["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(|day| (day, "closed"))),
        ),
        "/staff/availability/exceptions" => (
            endpoint.into(),
            form(&[("day", "2030-12-24"), ("hours", "closed")]),
        ),
        "/staff/availability/exceptions/remove" => {
            (endpoint.into(), form(&[("day", "2030-12-24")]))
        }
        "/staff/availability/settings" => (
            endpoint.into(),
            form(&[
                ("zone", "UTC"),
                ("slot", "45"),
                ("buffer", "0"),
                ("notice", "0"),
                ("horizon", "365"),
                ("retention", "1"),
            ]),
        ),
        "/api/staff/outbox" => (endpoint.into(), form(&[("state", ""), ("page", "1")])),
        "/staff/outbox/{id}/retry" => ("/staff/outbox/1/retry".into(), String::new()),
        "/api/staff/jobs" => (
            endpoint.into(),
            form(&[("status", ""), ("q", ""), ("sort", ""), ("page", "1")]),
        ),
        "/staff/jobs" => (
            endpoint.into(),
            form(&[("intent", "save"), ("version", "0"), ("title", "A job")]),
        ),
        "/staff/jobs/{id}" => (
            "/staff/jobs/1".into(),
            form(&[("intent", "save"), ("version", "1")]),
        ),
        "/staff/jobs/{id}/status" => (
            "/staff/jobs/1/status".into(),
            form(&[("action", "publish"), ("version", "1")]),
        ),
        "/staff/admin/accounts" => (
            endpoint.into(),
            form(&[
                ("email", "new@example.com"),
                ("role", "staff"),
                ("new", "a new long password"),
                ("repeat", "a new long password"),
            ]),
        ),
        "/staff/admin/accounts/{id}/role" => (
            "/staff/admin/accounts/1/role".into(),
            form(&[("role", "admin")]),
        ),
        "/staff/admin/accounts/{id}/active" => (
            "/staff/admin/accounts/1/active".into(),
            form(&[("active", "false")]),
        ),
        "/staff/admin/accounts/{id}/password" => (
            "/staff/admin/accounts/1/password".into(),
            form(&[
                ("new", "a new long password"),
                ("repeat", "a new long password"),
            ]),
        ),
        "/staff/password" => (
            endpoint.into(),
            form(&[
                ("current", "not a password"),
                ("new", "a new long password"),
                ("repeat", "a new long password"),
            ]),
        ),
        "/staff/login" => (
            endpoint.into(),
            form(&[
                ("email", "nobody@example.com"),
                ("password", "not a password"),
            ]),
        ),
        other => panic!("no sample request for {other}: add one so it is tested"),
    }
}

/// Everything a POST could change, as one fingerprint.
async fn fingerprint(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "SELECT concat_ws('|',
            (SELECT md5(coalesce(string_agg(b::text, ',' ORDER BY b.id), '')) FROM bookings b),
            (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY a.id), '')) FROM applications a),
            (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) FROM outbox o),
            (SELECT count(*) FROM staff_sessions),
            (SELECT count(*) FROM staff_audit),
            (SELECT count(*) FROM staff_login_failures),
            (SELECT md5(coalesce(string_agg(j.id || ':' || j.version || j.status, ',' ORDER BY j.id), '')) FROM jobs j),
            (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM staff_accounts s),
            (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM availability_rules r),
            (SELECT md5(coalesce(string_agg(e::text, ',' ORDER BY e.id), '')) FROM availability_exceptions e),
            (SELECT md5(s::text) FROM booking_settings s),
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

fn post(app: &TestApp, path: &str, body: String) -> reqwest::RequestBuilder {
    app.client
        .post(format!("{}{path}", app.address))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
}

#[sqlx::test(migrations = "../migrations")]
async fn every_endpoint_refuses_other_sites_and_unreadable_bodies_changing_nothing(pool: PgPool) {
    // Arrange
    let site = site(&pool).await;
    let endpoints = state_changing_endpoints();
    assert!(endpoints.len() >= 12, "{endpoints:?}");
    let before = fingerprint(&pool).await;
    let cross_site: [&[(&str, &str)]; 4] = [
        &[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ],
        &[("sec-fetch-site", "cross-site")],
        &[
            ("sec-fetch-site", "same-site"),
            ("origin", "http://evil.127.0.0.1:3000"),
        ],
        &[("origin", "https://evil.example")],
    ];

    for endpoint in &endpoints {
        let (path, body) = sample(&site, endpoint);
        for headers in cross_site {
            // Act
            let mut request = post(&site.app, &path, body.clone());
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let response = request.send().await.unwrap();

            // Assert
            assert_eq!(response.status(), 403, "{path} with {headers:?}");
            let text = response.text().await.unwrap();
            assert!(text.contains("another website"), "{path}: {text}");
        }
        for content_type in [
            "text/plain",
            "application/json",
            "multipart/form-data; boundary=x",
        ] {
            let response = site
                .app
                .client
                .post(format!("{}{path}", site.app.address))
                .header(CONTENT_TYPE, content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 415, "{path} as {content_type}");
        }
    }

    assert_eq!(
        fingerprint(&pool).await,
        before,
        "a refused request changed the database"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn every_endpoint_accepts_our_own_pages(pool: PgPool) {
    let site = site(&pool).await;
    let same_origin: [&[(&str, &str)]; 3] = [
        &[("sec-fetch-site", "same-origin"), ("origin", OUR_ORIGIN)],
        &[("origin", OUR_ORIGIN)],
        &[],
    ];
    for endpoint in state_changing_endpoints() {
        let (path, body) = sample(&site, &endpoint);
        for headers in same_origin {
            let mut request = post(&site.app, &path, body.clone());
            for (name, value) in headers {
                request = request.header(*name, *value);
            }

            let response = request.send().await.unwrap();

            let status = response.status().as_u16();
            // A repeat may be refused for its own reasons (one application
            // per email and job is 409; the staff area asks to log in,
            // 401), never by the cross-site layer.
            let staff = path.starts_with("/staff") || path.starts_with("/api/staff");
            assert!(
                status < 400 || status == 409 || (staff && status == 401),
                "{path} with {headers:?}: {status} {}",
                response.text().await.unwrap()
            );
        }
    }
    let counts: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM bookings WHERE status = 'cancelled'),
                (SELECT count(*) FROM applications)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counts, (1, 1), "the cancel and the application took effect");
}

#[sqlx::test(migrations = "../migrations")]
async fn unreadable_bodies_are_the_clients_fault_never_a_server_error(pool: PgPool) {
    let site = site(&pool).await;
    let long_key = "k".repeat(60_000);
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("invalid UTF-8", vec![0xff, 0xfe, 0xfd, b'=', 0xc3, 0x28]),
        ("binary", (0..=255u8).collect()),
        ("NUL bytes", b"zone=\0\0\0&token=\0".to_vec()),
        (
            "percent-encoded invalid UTF-8",
            b"zone=%FF%FE&slug=%C3%28&query=%80".to_vec(),
        ),
        ("bad percent escape", b"zone=%&slug=%G1&query=%".to_vec()),
        ("only separators", b"=&=&&==".to_vec()),
        (
            "deep nesting",
            b"request[form][a][b][c][d][e][f][g][h][i][j]=1".to_vec(),
        ),
        (
            "wrong shape",
            b"request=1&form=2&slug[]=3&query[x]=4".to_vec(),
        ),
        (
            "huge number",
            b"request[slot]=99999999999999999999999999999999".to_vec(),
        ),
        ("long key", format!("{long_key}=1").into_bytes()),
    ];
    let functions: Vec<String> = state_changing_endpoints()
        .into_iter()
        .filter(|path| path.starts_with("/api/"))
        .collect();
    assert!(functions.len() >= 9, "{functions:?}");
    let before = fingerprint(&pool).await;

    for path in &functions {
        for (what, body) in &bodies {
            let response = post(&site.app, path, String::new())
                .body(body.clone())
                .header("accept", "application/json")
                .send()
                .await
                .unwrap();

            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            assert!(status < 500, "{path}, {what}: {status} {text}");
            if *what == "invalid UTF-8" || *what == "binary" {
                assert_eq!(status, 400, "{path}, {what}: {text}");
                assert!(text.contains("not understood"), "{path}, {what}: {text}");
            }
        }
    }
    assert_eq!(fingerprint(&pool).await, before);
}
