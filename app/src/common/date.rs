//! Calendar dates as people type them, checked the same in both builds
//! (the browser build has no chrono).

/// A calendar date as `2026-12-24`: (year, month, day), the day checked
/// against its month.
pub fn parse_date(text: &str) -> Result<(i32, u32, u32), String> {
    let refused = || format!("“{}” is not a date like 2026-12-24.", text.trim());
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(refused());
    };
    let digits = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return Err(refused());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(refused()),
    };
    if d == 0 || d > days {
        return Err(refused());
    }
    Ok((y as i32, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_their_month() {
        assert_eq!(parse_date("2028-02-29"), Ok((2028, 2, 29)));
        for text in [
            "2027-02-29",
            "2026-13-01",
            "2026-04-31",
            "24/12/2026",
            "2026-1-1",
            "",
        ] {
            assert!(parse_date(text).is_err(), "{text}");
        }
    }
}
