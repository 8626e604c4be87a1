use crate::helpers::{spawn_app, spawn_with_config, test_config};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn an_unknown_page_is_a_real_404_page(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("We could not find that page"));
    assert!(
        html.contains("<nav"),
        "the page keeps the site's navigation"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_carry_the_security_headers(pool: PgPool) {
    let app = spawn_app(pool).await;

    for path in ["/", "/guide", "/no/such/page", "/healthz"] {
        let response = app.get(path).await;

        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let csp = header("content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'"),
            "{path}: CSP {csp:?}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(!header("x-request-id").is_empty(), "{path}: no request id");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_page_policy_allows_our_wasm_and_only_the_nonced_inline_script(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/").await;

    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("'unsafe-inline'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    let html = response.text().await.unwrap();
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "a script without the nonce: <script{tag}>"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn each_response_gets_its_own_nonce(pool: PgPool) {
    let app = spawn_app(pool).await;

    let first = app.get("/").await.headers()["content-security-policy"].clone();
    let second = app.get("/").await.headers()["content-security-policy"].clone();

    assert_ne!(first, second);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_server_function_body_over_64_kib_is_refused_with_413(pool: PgPool) {
    let app = spawn_app(pool).await;
    let cases = [(64 * 1024 + 1, 413), (200 * 1024, 413), (1024, 200)];

    for (size, expected) in cases {
        let response = app
            .call("guide", "x=".to_string() + &"a".repeat(size - 2))
            .await;

        assert_eq!(response.status(), expected, "a body of {size} bytes");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_chunked_body_over_64_kib_is_refused_with_413_too(pool: PgPool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app(pool).await;
    let address = app.address.trim_start_matches("http://");
    let cases = [(100 * 1024, "413"), (1024, "200")];

    for (size, expected) in cases {
        // reqwest always declares a length; a raw request can stream without one.
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        let head = "POST /api/guide HTTP/1.1\r\nHost: test\r\nAccept: application/json\r\n\
                    Content-Type: application/x-www-form-urlencoded\r\n\
                    Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        let body = format!("x={}", "a".repeat(size - 2));
        for chunk in body.as_bytes().chunks(8 * 1024) {
            let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
            if stream.write_all(&framed).await.is_err() {
                break; // the server may answer and close before reading it all
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n").await;
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response).await;

        let status = response.split_whitespace().nth(1).unwrap_or("no response");
        assert_eq!(status, expected, "a chunked body of {size} bytes");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn html_is_compressed_for_browsers_that_accept_it(pool: PgPool) {
    let app = spawn_app(pool).await;

    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(format!("{}/guide", app.address))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();

        assert_eq!(response.headers()["content-encoding"], encoding);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_request_id_from_upstream_is_kept(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "from-the-load-balancer")
        .send()
        .await
        .unwrap();

    assert_eq!(response.headers()["x-request-id"], "from-the-load-balancer");
}

/// leptos_axum's file handler looked up `ResponseOptions` through whatever
/// reactive owner the worker thread last had, so a static file answered while
/// a page was rendering could take that page's headers: the page then went out
/// without its script nonce and never hydrated. Many pages and files at once
/// show whether each response keeps its own headers.
#[sqlx::test(migrations = "../migrations")]
async fn static_files_and_pages_rendered_at_once_keep_their_own_headers(pool: PgPool) {
    let site = std::env::temp_dir().join(format!("backline-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(
        site.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let mut config = test_config(&pool);
    config.leptos.site_root = site.to_string_lossy().into_owned().into();
    app::seed::seed_if_empty(&pool).await.unwrap();
    let app = spawn_with_config(config, pool).await;
    let csp_of = |response: &reqwest::Response| {
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned()
    };

    let (app, csp_of) = (&app, &csp_of);
    let requests = (0..100).flat_map(|_| ["/guide", "/favicon.svg"]);
    let responses = futures::future::join_all(requests.map(|path| async move {
        let response = app.get(path).await;
        (path, response.status(), csp_of(&response))
    }))
    .await;

    for (path, status, csp) in responses {
        assert_eq!(status, 200, "{path}");
        if path == "/guide" {
            assert!(csp.contains("'nonce-"), "a page lost its policy: {csp}");
        } else {
            assert!(
                csp.starts_with("default-src 'none'"),
                "a file took a page's policy: {csp}"
            );
        }
    }
    std::fs::remove_dir_all(&site).ok();
}

/// `cargo leptos build --release -P` writes `.br` and `.gz` beside every
/// bundle; they go out as they are (quality 11, compressed once), not
/// compressed again for each request.
#[sqlx::test(migrations = "../migrations")]
async fn bundles_are_served_from_their_precompressed_files_and_cached_for_good(pool: PgPool) {
    // Arrange: a site with a bundle and its precompressed copies, whose
    // bytes differ from anything the compression layer would produce.
    let site = std::env::temp_dir().join(format!("backline-precompressed-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let wasm = site.join("pkg/backline.0123abcd.wasm");
    std::fs::write(&wasm, vec![b'w'; 4096]).unwrap();
    std::fs::write(
        wasm.with_extension("wasm.br"),
        b"brotli bytes made at build time",
    )
    .unwrap();
    std::fs::write(
        wasm.with_extension("wasm.gz"),
        b"gzip bytes made at build time",
    )
    .unwrap();
    let mut config = test_config(&pool);
    config.leptos.site_root = site.to_string_lossy().into_owned().into();
    let app = spawn_with_config(config, pool).await;
    let cases = [
        ("br", "br", &b"brotli bytes made at build time"[..]),
        ("gzip", "gzip", &b"gzip bytes made at build time"[..]),
        (
            "br;q=1, gzip;q=0.5",
            "br",
            &b"brotli bytes made at build time"[..],
        ),
    ];

    for (accept, encoding, body) in cases {
        // Act
        let response = app
            .client
            .get(format!("{}/pkg/backline.0123abcd.wasm", app.address))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();

        // Assert
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(response.headers()["content-encoding"], encoding, "{accept}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{accept}"
        );
        assert_eq!(&response.bytes().await.unwrap()[..], body, "{accept}");
    }
    std::fs::remove_dir_all(&site).ok();
}
