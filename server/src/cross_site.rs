//! Refusing requests that change state when another site sent them.
//!
//! One layer in front of every route, server function and plain form alike,
//! so a new endpoint cannot forget it. A request that is not GET, HEAD or
//! OPTIONS is refused with 403 when the browser says another site made it:
//! - `Sec-Fetch-Site: cross-site` always;
//! - `Sec-Fetch-Site: same-site` unless its `Origin` is ours (a sibling
//!   subdomain is another origin);
//! - without `Sec-Fetch-Site` (older browsers), an `Origin` that is neither
//!   ours nor the host the request was sent to (another name of this site,
//!   `localhost` beside `127.0.0.1`): a page elsewhere cannot make a
//!   browser send our `Host` with its own `Origin`.
//!
//! Requests with neither header (curl, scripts, very old browsers) pass:
//! they carry no visitor's cookies that another site could ride on.
//!
//! Then the body: every endpoint that changes state reads a url-encoded
//! form (server functions use `PostUrl`, plain forms post the same), so any
//! other type is refused with 415. That also closes the `text/plain` body a
//! cross-site page can send without a CORS preflight.

use app::AppError;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::error::FromServerFnError;
use std::sync::Arc;

/// Our own origin, `scheme://host[:port]`, from `BACKLINE_PUBLIC_URL`.
#[derive(Clone, Debug)]
pub struct SiteOrigin(Arc<str>);

impl SiteOrigin {
    /// The origin part of a public URL such as `https://backline.example/`.
    /// Default ports are dropped, as browsers drop them from `Origin`.
    pub fn from_public_url(url: &str) -> Self {
        let origin = match url.parse::<http::Uri>() {
            Ok(uri) => match (uri.scheme_str(), uri.host()) {
                (Some(scheme), Some(host)) => {
                    let scheme = scheme.to_ascii_lowercase();
                    let port = uri.port_u16().filter(|port| {
                        !matches!((scheme.as_str(), port), ("http", 80) | ("https", 443))
                    });
                    match port {
                        Some(port) => format!("{scheme}://{}:{port}", host.to_ascii_lowercase()),
                        None => format!("{scheme}://{}", host.to_ascii_lowercase()),
                    }
                }
                _ => url.trim_end_matches('/').to_owned(),
            },
            Err(_) => url.trim_end_matches('/').to_owned(),
        };
        Self(origin.into())
    }

    fn is(&self, origin: &str) -> bool {
        origin.eq_ignore_ascii_case(&self.0)
    }
}

/// Why a request is refused, if it is.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    CrossSite,
    MediaType,
}

/// The whole rule, as a function of the method and headers.
pub fn judge(method: &Method, headers: &HeaderMap, site: &SiteOrigin) -> Option<Refusal> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = text(header::ORIGIN);
    let host = text(header::HOST);
    let ours = origin.is_some_and(|origin| site.is(origin) || same_host(origin, host));
    let cross_site = match text(http::HeaderName::from_static("sec-fetch-site")) {
        Some(fetch_site) => match fetch_site.to_ascii_lowercase().as_str() {
            "same-origin" | "none" => false,
            "same-site" => !ours,
            // "cross-site", and any value a future browser may invent.
            _ => true,
        },
        None => origin.is_some() && !ours,
    };
    if cross_site {
        return Some(Refusal::CrossSite);
    }
    let form = text(header::CONTENT_TYPE).is_some_and(|value| {
        value.split(';').next().is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    (!form).then_some(Refusal::MediaType)
}

/// Whether `origin` (`scheme://host[:port]`) names the `Host` the request
/// was sent to. The scheme is not compared: behind a proxy we see plain
/// HTTP whatever the visitor used.
fn same_host(origin: &str, host: Option<&str>) -> bool {
    let Some(host) = host else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
}

/// The layer: refuses what [`judge`] refuses, before any handler runs.
pub async fn refuse_cross_site(
    State(site): State<SiteOrigin>,
    request: Request,
    next: Next,
) -> Response {
    match judge(request.method(), request.headers(), &site) {
        None => next.run(request).await,
        Some(refusal) => {
            tracing::warn!(?refusal, "state-changing request refused");
            let error = match refusal {
                Refusal::CrossSite => AppError::Forbidden(
                    "This request came from another website, so Backline did not act on it. \
                     If you meant to send it, open Backline itself and try again there."
                        .into(),
                ),
                Refusal::MediaType => AppError::UnsupportedMediaType(
                    "Backline reads forms sent as application/x-www-form-urlencoded only.".into(),
                ),
            };
            if request.uri().path().starts_with("/api/") {
                // What a server function's caller decodes as its error.
                let status = error.status_code();
                return (
                    status,
                    [(header::CONTENT_TYPE, "application/json")],
                    Body::from(error.ser()),
                )
                    .into_response();
            }
            refusal_page(&error)
        }
    }
}

/// A short page of its own: the app is not rendered for a request we refuse.
fn refusal_page(error: &AppError) -> Response {
    let title = match error.status_code() {
        StatusCode::FORBIDDEN => "Sent from another website",
        _ => "Not a form we can read",
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Backline</title></head><body><main>\
         <h1>{title}</h1><p>{}</p><p><a href=\"/\">Go to Backline</a></p>\
         </main></body></html>",
        html_escape::encode_text(&error.to_string())
    );
    (
        error.status_code(),
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

    /// Request headers, and what the layer should do with them.
    type Case = (&'static [(&'static str, &'static str)], Option<Refusal>);

    #[test]
    fn the_site_origin_is_the_public_urls_scheme_host_and_port() {
        let cases = [
            ("https://backline.example/", "https://backline.example"),
            ("https://Backline.example:443", "https://backline.example"),
            ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
            ("http://localhost:80/jobs", "http://localhost"),
        ];
        for (url, origin) in cases {
            assert_eq!(&*SiteOrigin::from_public_url(url).0, origin, "{url}");
        }
    }

    #[test]
    fn state_changing_requests_from_other_sites_are_refused() {
        let site = SiteOrigin::from_public_url("https://backline.example");
        let post = Method::POST;
        let cases: [Case; 13] = [
            (&[FORM], None),
            (&[FORM, ("sec-fetch-site", "same-origin")], None),
            (&[FORM, ("sec-fetch-site", "none")], None),
            (&[FORM, ("origin", "https://backline.example")], None),
            (
                &[
                    FORM,
                    ("sec-fetch-site", "same-site"),
                    ("origin", "https://backline.example"),
                ],
                None,
            ),
            (
                &[FORM, ("sec-fetch-site", "cross-site")],
                Some(Refusal::CrossSite),
            ),
            (
                &[
                    FORM,
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "https://backline.example"),
                ],
                Some(Refusal::CrossSite),
            ),
            (
                &[
                    FORM,
                    ("sec-fetch-site", "same-site"),
                    ("origin", "https://evil.backline.example"),
                ],
                Some(Refusal::CrossSite),
            ),
            (
                &[FORM, ("origin", "https://evil.example")],
                Some(Refusal::CrossSite),
            ),
            (&[FORM, ("origin", "null")], Some(Refusal::CrossSite)),
            (
                &[
                    FORM,
                    ("origin", "http://www.backline.example"),
                    ("host", "www.backline.example"),
                ],
                None,
            ),
            (
                &[
                    FORM,
                    ("origin", "https://evil.example"),
                    ("host", "backline.example"),
                ],
                Some(Refusal::CrossSite),
            ),
            (&[("content-type", "text/plain")], Some(Refusal::MediaType)),
        ];
        for (pairs, expected) in cases {
            assert_eq!(judge(&post, &headers(pairs), &site), expected, "{pairs:?}");
        }
    }

    #[test]
    fn reading_is_never_refused() {
        let site = SiteOrigin::from_public_url("https://backline.example");
        let cross = headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ]);
        for method in [Method::GET, Method::HEAD, Method::OPTIONS] {
            assert_eq!(judge(&method, &cross, &site), None, "{method}");
        }
    }

    #[test]
    fn only_url_encoded_bodies_are_read() {
        let site = SiteOrigin::from_public_url("https://backline.example");
        let cases = [
            ("application/x-www-form-urlencoded", None),
            ("Application/X-WWW-Form-Urlencoded; charset=UTF-8", None),
            ("text/plain", Some(Refusal::MediaType)),
            ("multipart/form-data; boundary=x", Some(Refusal::MediaType)),
            ("application/json", Some(Refusal::MediaType)),
            (
                "application/x-www-form-urlencodedx",
                Some(Refusal::MediaType),
            ),
        ];
        for (content_type, expected) in cases {
            let mut map = HeaderMap::new();
            map.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
            assert_eq!(
                judge(&Method::POST, &map, &site),
                expected,
                "{content_type}"
            );
        }
        assert_eq!(
            judge(&Method::DELETE, &HeaderMap::new(), &site),
            Some(Refusal::MediaType),
            "no content type at all"
        );
    }
}
