//! Currencies and how amounts are written.

use serde::{Deserialize, Serialize};

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
        let places = if millions >= 100.0 { 0 } else { 1 };
        format!("{symbol}{}M", super::fixed(millions, places))
    } else if amount >= 1_000.0 {
        format!("{symbol}{}k", super::fixed(amount / 1_000.0, 0))
    } else {
        format!("{symbol}{}", super::fixed(amount, 0))
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
    fn currency_codes_are_read_in_any_case() {
        assert_eq!(Currency::from_code("eur"), Some(Currency::Eur));
    }
}
