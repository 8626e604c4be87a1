//! Text placed in the two elements whose content the framework writes raw.
//!
//! HTML parses `<title>` and `<textarea>` as RCDATA: `<` starts no tag
//! there, but `</title>` or `</textarea>` ends the element, and whatever
//! follows is markup. The framework does not escape either:
//! - leptos_meta 0.8 builds `<title>` by pushing `TitleContext::as_string()`
//!   into the head unescaped (`ServerMetaContextOutput::inject_meta_context`);
//! - tachys 0.2 marks `textarea` with `ESCAPE_CHILDREN = false`, like
//!   `script` and `style`, so its text children are written as they are.
//!
//! No upstream issue tracks either yet. Every title and textarea goes
//! through this module, and a test (`server/tests/api/injection.rs`)
//! checks that no other code uses `Title` or writes a `<textarea>`.
//! Attributes, `<meta content>` and ordinary text nodes are escaped by
//! tachys itself.

use leptos::prelude::*;
use leptos_meta::Title;

/// Text made safe for the content of `<title>` or `<textarea>` in the
/// server's HTML. In the browser it is left as it is: there it becomes
/// `document.title` or a text node, never markup, and escaping would show
/// `&lt;` to the visitor.
#[cfg(feature = "ssr")]
pub fn raw_text(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// See the server's version: the browser needs no escaping.
#[cfg(not(feature = "ssr"))]
pub fn raw_text(text: &str) -> String {
    text.to_owned()
}

/// A textarea's text as the server writes it: escaped, after a newline,
/// because HTML drops one newline right after `<textarea>`, and a value
/// that began with one would lose it.
#[cfg(feature = "ssr")]
fn initial_text(value: &str) -> String {
    format!("\n{}", raw_text(value))
}

/// In the browser the text becomes a text node as it is.
#[cfg(not(feature = "ssr"))]
fn initial_text(value: &str) -> String {
    value.to_owned()
}

/// The page's `<title>`, with any text in it escaped.
#[component]
pub fn PageTitle(#[prop(into)] text: TextProp) -> impl IntoView {
    view! { <Title text=move || raw_text(&text.get()) /> }
}

/// A `<textarea>` whose initial text (what the visitor typed before a
/// refused submission) can never end the element.
#[component]
pub fn TextArea(
    id: &'static str,
    name: &'static str,
    rows: u32,
    maxlength: usize,
    /// The ids of the hint and error lines that describe the field.
    #[prop(into)]
    describedby: String,
    #[prop(into)] invalid: Signal<bool>,
    /// What the field holds when the page is rendered.
    value: String,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            name=name
            rows=rows
            maxlength=maxlength
            aria-invalid=move || invalid.get().to_string()
            aria-describedby=describedby
        >
            {initial_text(&value)}
        </textarea>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::raw_text;

    #[test]
    fn text_that_would_end_the_element_is_escaped_on_the_server() {
        let cases = [
            ("</title><h1>x</h1>", "&lt;/title&gt;&lt;h1&gt;x&lt;/h1&gt;"),
            (
                "</textarea><svg onload=alert(1)>",
                "&lt;/textarea&gt;&lt;svg onload=alert(1)&gt;",
            ),
            ("Tom & Jerry", "Tom &amp; Jerry"),
            ("plain words", "plain words"),
        ];
        for (text, escaped) in cases {
            assert_eq!(raw_text(text), escaped, "{text}");
        }
    }
}
