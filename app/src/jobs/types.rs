//! The job search's vocabulary: the options people filter by, and money.
//!
//! Compiled for the server and the browser alike, so the URL, the form and
//! the database agree on one spelling of every option.

use serde::{Deserialize, Serialize};

/// Defines a closed set of options with the slug used in URLs and in
/// Postgres (the enum's labels are the same slugs), and a human label.
macro_rules! options {
    ($(#[$meta:meta])* $name:ident, $pg:literal, $what:literal { $($variant:ident = $slug:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type))]
        #[cfg_attr(feature = "ssr", sqlx(type_name = $pg, rename_all = "snake_case"))]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What this group of options is called in messages.
            pub const WHAT: &'static str = $what;

            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }

            /// "employee, freelance, agency or temporary", for error notes.
            pub fn choices() -> String {
                let slugs: Vec<&str> = Self::ALL.iter().map(|o| o.slug()).collect();
                match slugs.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                    _ => slugs.join(""),
                }
            }
        }
    };
}

options!(
    /// How someone is engaged.
    EmploymentType, "employment_type", "type of work" {
        Employee = "employee", "Employee";
        Freelance = "freelance", "Freelance";
        Agency = "agency", "Through an agency";
        Temporary = "temporary", "Temporary";
    }
);

options!(Hours, "work_hours", "working time" {
    FullTime = "full_time", "Full-time";
    PartTime = "part_time", "Part-time";
});

options!(Workplace, "workplace", "workplace" {
    Remote = "remote", "Remote";
    Hybrid = "hybrid", "Hybrid";
    Onsite = "onsite", "On-site";
});

options!(Seniority, "seniority", "seniority" {
    Junior = "junior", "Junior";
    Mid = "mid", "Mid-level";
    Senior = "senior", "Senior";
    Lead = "lead", "Lead";
});

options!(
    /// The period a published salary is quoted for.
    PayPeriod, "pay_period", "pay period" {
        Hour = "hour", "hour";
        Day = "day", "day";
        Month = "month", "month";
        Year = "year", "year";
    }
);

options!(
    /// Result orders. Relevance only applies when there is a query.
    Sort, "job_sort", "sort order" {
        Relevance = "relevance", "Best match";
        Newest = "newest", "Newest first";
        Salary = "salary", "Highest salary";
    }
);

impl PayPeriod {
    /// How many of this period make a working year: 40 hours × 52 weeks,
    /// 5 days × 52 weeks, 12 months. The database's `periods_per_year`
    /// uses the same figures; a test keeps them equal.
    pub fn per_year(self) -> u32 {
        match self {
            PayPeriod::Hour => 2080,
            PayPeriod::Day => 260,
            PayPeriod::Month => 12,
            PayPeriod::Year => 1,
        }
    }
}

/// Currencies salaries are published and shown in. The `currencies` table
/// holds the same codes (a test checks it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    Usd,
    Eur,
    Gbp,
    Inr,
    Cad,
    Aud,
    Chf,
    Pln,
    Sgd,
    Brl,
    Jpy,
}

impl Currency {
    pub const ALL: &'static [Currency] = &[
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Inr,
        Currency::Cad,
        Currency::Aud,
        Currency::Chf,
        Currency::Pln,
        Currency::Sgd,
        Currency::Brl,
        Currency::Jpy,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Inr => "INR",
            Currency::Cad => "CAD",
            Currency::Aud => "AUD",
            Currency::Chf => "CHF",
            Currency::Pln => "PLN",
            Currency::Sgd => "SGD",
            Currency::Brl => "BRL",
            Currency::Jpy => "JPY",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Inr => "₹",
            Currency::Cad => "CA$",
            Currency::Aud => "A$",
            Currency::Chf => "CHF ",
            Currency::Pln => "zł ",
            Currency::Sgd => "S$",
            Currency::Brl => "R$",
            Currency::Jpy => "¥",
        }
    }

    /// Accepts the ISO code in any case.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

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

/// An amount of money in whole units, shown with the currency's symbol and
/// thousands separators: "€65,000", "₹1,800,000".
pub fn format_money(amount: i64, currency: Currency) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!(
        "{sign}{}{}",
        currency.symbol(),
        format_number(amount.unsigned_abs())
    )
}

/// A count with thousands separators: "12,345".
pub fn format_number(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A yearly figure rounded for scanning a list: "$92k", "₹1.8M".
pub fn format_compact(amount: i64, currency: Currency) -> String {
    let symbol = currency.symbol();
    let amount = amount.max(0) as f64;
    if amount >= 1_000_000.0 {
        let millions = amount / 1_000_000.0;
        if millions >= 100.0 {
            format!("{symbol}{millions:.0}M")
        } else {
            format!("{symbol}{millions:.1}M")
        }
    } else if amount >= 1_000.0 {
        format!("{symbol}{:.0}k", amount / 1_000.0)
    } else {
        format!("{symbol}{amount:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_by_thousands_with_the_symbol() {
        let cases = [
            (0, Currency::Usd, "$0"),
            (999, Currency::Eur, "€999"),
            (65_000, Currency::Eur, "€65,000"),
            (1_800_000, Currency::Inr, "₹1,800,000"),
            (-1_234, Currency::Gbp, "-£1,234"),
        ];
        for (amount, currency, expected) in cases {
            assert_eq!(format_money(amount, currency), expected);
        }
    }

    #[test]
    fn compact_amounts_round_to_thousands_or_millions() {
        let cases = [
            (950, "$950"),
            (92_400, "$92k"),
            (1_840_000, "$1.8M"),
            (250_000_000, "$250M"),
        ];
        for (amount, expected) in cases {
            assert_eq!(format_compact(amount, Currency::Usd), expected);
        }
    }

    #[test]
    fn option_slugs_round_trip_and_list_their_choices() {
        for option in EmploymentType::ALL {
            assert_eq!(EmploymentType::from_slug(option.slug()), Some(*option));
        }
        assert_eq!(
            EmploymentType::choices(),
            "employee, freelance, agency or temporary"
        );
        assert_eq!(Currency::from_code("eur"), Some(Currency::Eur));
    }
}
