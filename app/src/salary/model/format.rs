//! How the estimator writes years, amounts and percentages.

use crate::common::{Currency, fixed};

/// Whole years as "5", others to one decimal: "2.5".
pub fn format_years(years: f64) -> String {
    fixed(years, if years.fract() == 0.0 { 0 } else { 1 })
}

/// An amount rounded to three significant figures, for display: an
/// estimate is not precise to the dollar, and should not look it.
pub fn round_for_display(amount: f64) -> f64 {
    if !amount.is_finite() || amount <= 0.0 {
        return 0.0;
    }
    // Whole units from 100 up; below that, tenths or hundredths.
    let (mut unit, mut per_unit) = (1.0, 1.0);
    while amount >= unit * 1000.0 {
        unit *= 10.0;
    }
    while amount * per_unit < 100.0 && per_unit < 100.0 {
        per_unit *= 10.0;
    }
    (amount * per_unit / unit).round() * unit / per_unit
}

/// "$132,000", "₹1,300,000", "€31.4", "$4.27": three significant digits,
/// with the currency's symbol.
pub fn format_amount(amount: f64, currency: Currency) -> String {
    let rounded = round_for_display(amount);
    if rounded >= 100.0 {
        return crate::common::format_money(rounded as i64, currency);
    }
    let decimals = if rounded >= 10.0 { 1 } else { 2 };
    format!("{}{}", currency.symbol(), fixed(rounded, decimals))
}

/// A fraction as a percentage without needless decimals: 0.91 → "91",
/// 0.125 → "12.5".
pub fn format_percent(fraction: f64) -> String {
    let percent = (fraction * 1000.0).round() / 10.0;
    fixed(percent, if percent.fract() == 0.0 { 0 } else { 1 })
}
