//! Job descriptions: Markdown in, safe HTML out. Server only.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and keeps only harmless HTML: no scripts, styles,
/// event handlers or `javascript:` links survive, whatever staff typed.
/// Links open safely (`rel="noopener noreferrer nofollow"`).
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("## Role\n\n- **Rust**\n- [docs](https://example.com)");
        assert!(html.contains("<h2>Role</h2>"), "{html}");
        assert!(html.contains("<strong>Rust</strong>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.com" rel="noopener noreferrer nofollow">docs</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn dangerous_html_is_removed() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
        ];
        for markdown in cases {
            let html = to_safe_html(markdown);
            for bad in ["<script", "onerror", "javascript:", "<iframe", "<style"] {
                assert!(!html.contains(bad), "{markdown} gave {html}");
            }
        }
    }
}
