//! The text part of a search: what Postgres is given to build its `tsquery`.

use sqlx::PgConnection;

/// The text part of a search, prepared for SQL.
#[derive(Debug, Default, PartialEq)]
pub struct TextQuery {
    /// Everything typed, for `websearch_to_tsquery` ('' for no text filter).
    pub full: String,
    /// Everything before the last word.
    pub head: String,
    /// The last word, to match as a prefix while someone types ('' for none).
    pub prefix: String,
}

impl TextQuery {
    pub fn new(text: &str) -> Self {
        let full = text.trim();
        if full.is_empty() {
            return TextQuery::default();
        }
        let (head, last) = match full.rfind(char::is_whitespace) {
            Some(at) => (full[..at].trim_end(), &full[at..]),
            None => ("", full),
        };
        let last = last.trim();
        // No prefix for an exclusion, an operator, a word inside quotes, or
        // the second half of an "or" (the prefix is and-ed with the head).
        let in_quotes = full.matches('"').count() % 2 == 1 || last.ends_with('"');
        let after_or = head
            .split_whitespace()
            .last()
            .is_some_and(|word| word.eq_ignore_ascii_case("or"));
        let prefix =
            if last.starts_with('-') || last.eq_ignore_ascii_case("or") || in_quotes || after_or {
                String::new()
            } else {
                prefix_term(last)
            };
        TextQuery {
            full: full.to_owned(),
            head: head.to_owned(),
            prefix,
        }
    }
}

/// Letters, digits and inner dots ("node.js"); nothing `to_tsquery` could
/// read as an operator. Shorter than two characters means no prefix.
fn prefix_term(word: &str) -> String {
    let kept: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_lowercase();
    let kept = kept.split("..").next().unwrap_or_default().to_owned();
    if kept.chars().count() >= 2 {
        kept
    } else {
        String::new()
    }
}

/// The `tsquery` for what was typed, as Postgres writes it; `None` when
/// there is no text, or only words too common to search for ("the").
pub(super) async fn text_query(
    conn: &mut PgConnection,
    text: &str,
) -> Result<Option<String>, sqlx::Error> {
    let text = TextQuery::new(text);
    if text.full.is_empty() {
        return Ok(None);
    }
    let tsq = sqlx::query_scalar!(
        "SELECT search_tsquery($1, $2, $3)::text",
        text.full,
        text.head,
        text.prefix
    )
    .fetch_one(conn)
    .await?;
    Ok(tsq.filter(|tsq| !tsq.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::TextQuery;

    #[test]
    fn the_last_word_becomes_a_safe_prefix_unless_it_is_syntax() {
        let cases = [
            ("", "", ""),
            ("pyth", "", "pyth"),
            ("senior pyth", "senior", "pyth"),
            ("  node.js  ", "", "node.js"),
            ("python -djan", "python", ""),
            ("\"data engin", "\"data", ""),
            ("\"data engineer\"", "\"data", ""),
            ("flask or", "flask", ""),
            ("python or dja", "python or", ""),
            ("go x", "go", ""),
            ("a:*&|!(b)", "", "ab"),
            ("c++", "", ""),
            ("rust'); drop", "rust');", "drop"),
        ];
        for (typed, head, prefix) in cases {
            let query = TextQuery::new(typed);
            assert_eq!(
                (query.head.as_str(), query.prefix.as_str()),
                (head, prefix),
                "{typed:?}"
            );
            assert_eq!(query.full, typed.trim());
        }
    }
}
