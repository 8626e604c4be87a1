//! Decimal numbers as text, read and written with integer arithmetic.
//!
//! Why not `format!("{x:.1}")` and `str::parse::<f64>`: in the browser
//! build they link core's float printing (Grisu with a Dragon4 fallback)
//! and its float parser, with their tables, into the WASM that pages load.
//! The estimator only ever shows a few decimals and reads what people type
//! in a number box, which integers do exactly.

/// `value` rounded to `places` decimals (at most 6), without exponent:
/// `fixed(2.25, 1)` is "2.3", `fixed(-0.04, 1)` is "0.0", `fixed(12.0, 0)`
/// is "12". Non-finite values are written as "0".
pub fn fixed(value: f64, places: u8) -> String {
    let places = places.min(6);
    let scale = 10_i64.pow(u32::from(places));
    let scaled = value * scale as f64;
    if !scaled.is_finite() {
        return "0".to_owned();
    }
    // Saturating: far beyond anything shown.
    let units = scaled.round() as i64;
    let sign = if units < 0 { "-" } else { "" };
    let (whole, part) = (
        units.unsigned_abs() / scale as u64,
        units.unsigned_abs() % scale as u64,
    );
    match places {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{part:0width$}", width = usize::from(places)),
    }
}

/// A decimal as people type one: an optional sign, digits, and an optional
/// point with more digits ("3", "-2", "2.5", ".5", "7."). Anything else
/// (exponents, "inf", thousands separators, more than 15 digits) is `None`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, part) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let count = whole.len() + part.len();
    if count == 0 || count > 15 || !all_digits(whole) || !all_digits(part) {
        return None;
    }
    // Both exact in an f64 (under 2^53), so the quotient is correctly rounded.
    let mantissa: u64 = format!("{whole}{part}").parse().ok()?;
    let value = mantissa as f64 / 10_u64.pow(part.len() as u32) as f64;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rounds_to_its_places_as_format_would() {
        let cases = [
            (2.25, 1, "2.3"),
            (2.0, 1, "2.0"),
            (12.0, 0, "12"),
            (0.5, 0, "1"),
            (-1.25, 2, "-1.25"),
            (-0.04, 1, "0.0"),
            (1.005, 2, "1.00"),
            (91.0, 0, "91"),
            (1.0675, 2, "1.07"),
            (f64::NAN, 1, "0"),
            (f64::INFINITY, 0, "0"),
        ];
        for (value, places, shown) in cases {
            assert_eq!(fixed(value, places), shown, "{value} to {places}");
        }
        for value in [0.0, 0.1, 1.15, 3.3333, 47.95, 123.456, 640.0] {
            for places in 0..=2 {
                let ours = fixed(value, places);
                let core = format!("{value:.p$}", p = usize::from(places));
                // Ties may round differently (core rounds the exact binary
                // value); elsewhere they agree.
                let tie = (value * 10_f64.powi(places.into())).fract() == 0.5;
                assert!(tie || ours == core, "{value} to {places}: {ours} vs {core}");
            }
        }
    }

    #[test]
    fn parse_decimal_reads_typed_numbers_and_nothing_else() {
        let read = [
            ("3", 3.0),
            (" 2.5 ", 2.5),
            (".5", 0.5),
            ("7.", 7.0),
            ("-2", -2.0),
            ("+4", 4.0),
            ("0.1", 0.1),
            ("30", 30.0),
        ];
        for (text, value) in read {
            assert_eq!(parse_decimal(text), Some(value), "{text}");
            assert_eq!(
                parse_decimal(text),
                text.trim().parse::<f64>().ok(),
                "{text}"
            );
        }
        for text in [
            "",
            "-",
            ".",
            "1e3",
            "inf",
            "NaN",
            "1,5",
            "1.2.3",
            "--1",
            "٣",
            "1234567890123456",
        ] {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
    }
}
