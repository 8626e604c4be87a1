//! The bookings as CSV for a spreadsheet. A cell a spreadsheet would take
//! for a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first;
//! OWASP's "CSV Injection") is written with a leading apostrophe, so a
//! visitor's name like `=HYPERLINK(…)` stays text. Quoting is the `csv`
//! crate's. Server only.

/// The cell as a spreadsheet may safely read it.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The header and rows as CSV bytes (UTF-8 with a byte-order mark, which
/// spreadsheets need to read accents right).
pub fn write(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    // Every cell quoted: a spreadsheet whose list separator is `;` (German
    // Excel) would otherwise split `Ada;=1+1` and run its second half.
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    out.into_inner().map_err(|error| error.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_kept_as_text() {
        let cases = [
            (
                "=HYPERLINK(\"http://evil\")",
                "'=HYPERLINK(\"http://evil\")",
            ),
            ("+4930123456", "'+4930123456"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\r=1", "'\r=1"),
            ("Ada Lovelace", "Ada Lovelace"),
            ("ada@example.com", "ada@example.com"),
            ("", ""),
        ];
        for (cell, expected) in cases {
            assert_eq!(neutralise(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn the_file_quotes_every_cell_so_no_separator_splits_one_and_neutralises_each() {
        let bytes = write(
            &["name", "topic", "note"],
            &[vec![
                "=1+1".into(),
                "Rust, \"async\"\nand Postgres".into(),
                "Ada;=1+1".into(),
            ]],
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}\"name\",\"topic\",\"note\"\n\"'=1+1\",\"Rust, \"\"async\"\"\nand Postgres\",\"Ada;=1+1\"\n"
        );
    }
}
