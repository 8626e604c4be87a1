//! Small text helpers for messages, slugs and URLs.

/// At most `max` characters of a rejected value, to quote it back to the
/// user in a message ("…" marks a cut).
pub fn quote(value: &str, max: usize) -> String {
    let mut short: String = value.chars().take(max).collect();
    if value.chars().count() > max {
        short.push('…');
    }
    short
}

/// Lowercase words of letters and digits joined by single hyphens, at most
/// `max` bytes: the shape of every slug in the database (its CHECKs agree).
pub fn is_slug(value: &str, max: usize) -> bool {
    !value.is_empty()
        && value.len() <= max
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `value` as one component of a query string (`form_urlencoded`, so a
/// space is `+`), safe to place after `=` in any URL we write.
pub fn url_encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// `text` as a LIKE pattern that matches it literally: trimmed, control
/// characters (which Postgres refuses, NUL above all) dropped, and `%`,
/// `_` and `\` escaped (backslash is LIKE's default escape).
pub fn like_literal(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Staff's notes on a record, trimmed: at most `max` characters, no stray
/// control characters. The rule of every notes field.
pub fn staff_notes(text: &str, max: usize) -> Result<String, String> {
    // Browsers send a line break as CRLF but count it as one character.
    let notes = text.replace("\r\n", "\n");
    let notes = notes.trim();
    let n = notes.chars().count();
    if has_stray_control(notes) {
        Err("Remove the invisible control characters (pasted from elsewhere?).".to_owned())
    } else if n > max {
        Err(format!("Shorten the notes to {max} characters (now {n})."))
    } else {
        Ok(notes.to_owned())
    }
}

/// Whether `text` holds a control character other than a line break or a
/// tab: what a pasted text may carry invisibly, and Postgres refuses (NUL).
/// Every multi-line field's rule uses it.
pub fn has_stray_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}
