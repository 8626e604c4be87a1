//! The salary editor's forms, with the rules both builds run: figures in
//! order (p25 ≤ median ≤ p75), a curve that never falls, no negative
//! premium, factors and rates in the ranges the tables' CHECKs allow. The
//! server then loads the edited model inside the same transaction and
//! refuses it if `Model::problems` finds anything (a missing rate, say).

use crate::AppError;
use crate::common::parse_decimal;
use crate::salary::model::PLATEAU_YEARS;
use crate::ui::form::{FieldCheck, FormInput};
use serde::{Deserialize, Serialize};

/// A positive amount as people type one: "132270", "132,270" or
/// "132 270" (separators dropped), with an optional decimal point.
fn amount(text: &str, what: &str, max: f64) -> Result<f64, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}'))
        .collect();
    match parse_decimal(&cleaned) {
        Some(n) if n > 0.0 && n < max => Ok(n),
        Some(_) => Err(format!("Give {what} above 0 and below {max}.")),
        None => Err(format!("Give {what} as a number, like 52000.")),
    }
}

/// Words of at most `max` characters, required, without control
/// characters.
fn words(text: &str, what: &str, max: usize) -> Result<String, String> {
    let text = text.trim();
    let n = text.chars().count();
    if text.is_empty() {
        Err(format!("Give {what}."))
    } else if n > max {
        Err(format!("Shorten {what} to {max} characters (now {n})."))
    } else if text.chars().any(char::is_control) {
        Err("Remove the invisible control characters (pasted from elsewhere?).".to_owned())
    } else {
        Ok(text.to_owned())
    }
}

fn year(text: &str) -> Result<i16, String> {
    text.trim()
        .parse::<i16>()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
        .ok_or_else(|| "Give the year the figures describe, like 2024.".to_owned())
}

fn source(text: &str) -> Result<String, String> {
    let text = text.trim();
    if crate::common::is_slug(text, 60) {
        Ok(text.to_owned())
    } else {
        Err("Choose the source.".to_owned())
    }
}

/// A place's figures as checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidFigures {
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
    pub year: i16,
    pub sample: Option<i32>,
    pub basis: String,
    pub source: String,
}

/// A place's yearly figures, as typed. Every field blank removes them: the
/// page then says "not enough data" and offers the nearest place with some.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceForm {
    pub p25: String,
    pub median: String,
    pub p75: String,
    pub year: String,
    pub sample: String,
    pub basis: String,
    pub source: String,
}

impl FormInput for PlaceForm {
    type Valid = Option<ValidFigures>;
    const FIELDS: &'static [&'static str] =
        &["p25", "median", "p75", "year", "sample", "basis", "source"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        PlaceForm {
            p25: field("p25"),
            median: field("median"),
            p75: field("p75"),
            year: field("year"),
            sample: field("sample"),
            basis: field("basis"),
            source: field("source"),
        }
    }

    fn validate(&self) -> Result<Option<ValidFigures>, AppError> {
        let typed = [
            &self.p25,
            &self.median,
            &self.p75,
            &self.year,
            &self.sample,
            &self.basis,
        ];
        if typed.iter().all(|t| t.trim().is_empty()) {
            return Ok(None);
        }
        let mut check = FieldCheck::default();
        let p25 = check.field("p25", amount(&self.p25, "the 25th percentile", 1e10));
        let median = check.field("median", amount(&self.median, "the median", 1e10));
        let p75 = check.field("p75", amount(&self.p75, "the 75th percentile", 1e10));
        if let (Some(p25), Some(median)) = (p25, median)
            && p25 > median
        {
            check.field::<()>(
                "median",
                Err("The median cannot be below the 25th percentile.".into()),
            );
        }
        if let (Some(median), Some(p75)) = (median, p75)
            && median > p75
        {
            check.field::<()>(
                "p75",
                Err("The 75th percentile cannot be below the median.".into()),
            );
        }
        let year = check.field("year", year(&self.year));
        let sample = check.field(
            "sample",
            match self.sample.trim() {
                "" => Ok(None),
                n => n
                    .parse::<i32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(Some)
                    .ok_or_else(|| {
                        "Give how many salaries, a whole number, or leave it empty.".to_owned()
                    }),
            },
        );
        let basis = check.field("basis", words(&self.basis, "what the figures are", 400));
        let source = check.field("source", source(&self.source));
        match (p25, median, p75, year, sample, basis, source) {
            (
                Some(p25),
                Some(median),
                Some(p75),
                Some(year),
                Some(sample),
                Some(basis),
                Some(source),
            ) if check.is_empty() => Ok(Some(ValidFigures {
                p25,
                median,
                p75,
                year,
                sample,
                basis,
                source,
            })),
            _ => Err(check.into_error()),
        }
    }
}

/// The curve's fields: `y0` … `y20`.
pub const CURVE_FIELDS: [&str; PLATEAU_YEARS as usize + 2] = [
    "y0", "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9", "y10", "y11", "y12", "y13", "y14",
    "y15", "y16", "y17", "y18", "y19", "y20", "source",
];

/// The experience curve, as typed: a multiplier of the median for each
/// whole year, 0 to 20 (and more), and its source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CurveForm {
    pub years: Vec<String>,
    pub source: String,
}

impl FormInput for CurveForm {
    type Valid = (Vec<f64>, String);
    const FIELDS: &'static [&'static str] = &CURVE_FIELDS;

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        CurveForm {
            years: CURVE_FIELDS[..=PLATEAU_YEARS as usize]
                .iter()
                .map(|f| field(f))
                .collect(),
            source: field("source"),
        }
    }

    fn validate(&self) -> Result<(Vec<f64>, String), AppError> {
        let mut check = FieldCheck::default();
        let mut points = Vec::new();
        let mut before: Option<(usize, f64)> = None;
        for (year, name) in CURVE_FIELDS[..=PLATEAU_YEARS as usize].iter().enumerate() {
            let typed = self.years.get(year).map_or("", String::as_str);
            let point = check.field(name, amount(typed, "a factor", 5.0));
            if let (Some(m), Some((y, b))) = (point, before)
                && m < b
            {
                check.field::<()>(
                    name,
                    Err(format!(
                        "Lower than at {y} years ({b}): the curve may not fall."
                    )),
                );
            }
            if let Some(m) = point {
                before = Some((year, m));
            }
            points.push(point);
        }
        let source = check.field("source", source(&self.source));
        match (points.into_iter().collect::<Option<Vec<f64>>>(), source) {
            (Some(points), Some(source)) if check.is_empty() => Ok((points, source)),
            _ => Err(check.into_error()),
        }
    }
}

/// One skill's premium, as typed: percent (9 is +9 %) and its source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PremiumForm {
    pub skill: String,
    pub percent: String,
    pub source: String,
}

impl FormInput for PremiumForm {
    /// The premium as a fraction, and its source.
    type Valid = (f64, String);
    const FIELDS: &'static [&'static str] = &["percent", "source"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        PremiumForm {
            skill: field("skill"),
            percent: field("percent"),
            source: field("source"),
        }
    }

    fn validate(&self) -> Result<(f64, String), AppError> {
        let mut check = FieldCheck::default();
        let percent = check.field(
            "percent",
            match parse_decimal(self.percent.trim().trim_end_matches('%')) {
                Some(p) if (0.0..=200.0).contains(&p) => Ok(p / 100.0),
                Some(p) if p < 0.0 => {
                    Err("A premium cannot be negative: adding a skill never lowers pay.".to_owned())
                }
                _ => Err("Give a percentage from 0 to 200.".to_owned()),
            },
        );
        let source = check.field("source", source(&self.source));
        percent.zip(source).ok_or_else(|| check.into_error())
    }
}

/// One type of work's factor against employment, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmploymentForm {
    pub employment: String,
    pub multiplier: String,
    pub note: String,
    pub source: String,
}

impl FormInput for EmploymentForm {
    type Valid = (f64, String, String);
    const FIELDS: &'static [&'static str] = &["multiplier", "note", "source"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        EmploymentForm {
            employment: field("employment"),
            multiplier: field("multiplier"),
            note: field("note"),
            source: field("source"),
        }
    }

    fn validate(&self) -> Result<(f64, String, String), AppError> {
        let mut check = FieldCheck::default();
        let multiplier = check.field("multiplier", amount(&self.multiplier, "a factor", 3.0));
        let note = check.field("note", words(&self.note, "the note", 300));
        let source = check.field("source", source(&self.source));
        match (multiplier, note, source) {
            (Some(m), Some(n), Some(s)) => Ok((m, n, s)),
            _ => Err(check.into_error()),
        }
    }
}

/// A dated exchange rate, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RateForm {
    pub currency: String,
    pub valid_on: String,
    pub usd_per_unit: String,
    pub source: String,
}

/// A rate as checked: currency code, date, dollars per unit, source.
pub type ValidRate = (String, (i32, u32, u32), f64, String);

impl FormInput for RateForm {
    type Valid = ValidRate;
    const FIELDS: &'static [&'static str] = &["currency", "valid_on", "usd_per_unit", "source"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        RateForm {
            currency: field("currency"),
            valid_on: field("valid_on"),
            usd_per_unit: field("usd_per_unit"),
            source: field("source"),
        }
    }

    fn validate(&self) -> Result<ValidRate, AppError> {
        let mut check = FieldCheck::default();
        let currency = check.field(
            "currency",
            crate::common::Currency::from_code(self.currency.trim())
                .map(|c| c.code().to_owned())
                .ok_or_else(|| "Choose a currency.".to_owned()),
        );
        let day = check.field("valid_on", crate::common::date::parse_date(&self.valid_on));
        let rate = check.field(
            "usd_per_unit",
            amount(&self.usd_per_unit, "dollars per unit", 1000.0),
        );
        let source = check.field(
            "source",
            words(&self.source, "where the rate comes from", 200),
        );
        match (currency, day, rate, source) {
            (Some(c), Some(d), Some(r), Some(s)) => Ok((c, d, r, s)),
            _ => Err(check.into_error()),
        }
    }
}

/// A source, as typed; its slug is fixed once made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceForm {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub year: String,
    pub kind: String,
    pub note: String,
}

/// A source as checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSource {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub year: i16,
    pub kind: &'static str,
    pub note: String,
}

/// The kinds of source, as the table's enum spells them, with labels.
pub const SOURCE_KINDS: [(&str, &str); 3] = [
    ("published", "Published statistic or survey"),
    ("illustrative", "Our own estimate (shown as such)"),
    ("article_claim", "The article's claim, unverified"),
];

impl FormInput for SourceForm {
    type Valid = ValidSource;
    const FIELDS: &'static [&'static str] =
        &["slug", "title", "publisher", "url", "year", "kind", "note"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        SourceForm {
            slug: field("slug"),
            title: field("title"),
            publisher: field("publisher"),
            url: field("url"),
            year: field("year"),
            kind: field("kind"),
            note: field("note"),
        }
    }

    fn validate(&self) -> Result<ValidSource, AppError> {
        let mut check = FieldCheck::default();
        let slug = self.slug.trim();
        let slug = check.field(
            "slug",
            if crate::common::is_slug(slug, 60) && slug != "new" {
                Ok(slug.to_owned())
            } else {
                Err("Give a short name of lowercase words and digits joined by hyphens, like ons-ashe-2024.".to_owned())
            },
        );
        let title = check.field("title", words(&self.title, "the title", 200));
        let publisher = check.field("publisher", words(&self.publisher, "the publisher", 120));
        let url = self.url.trim();
        let url = check.field(
            "url",
            if url.is_empty() {
                Ok(None)
            } else if url.starts_with("https://")
                && url.len() <= 300
                && !url.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                Ok(Some(url.to_owned()))
            } else {
                Err("Give an https:// address without spaces, or leave it empty.".to_owned())
            },
        );
        let year = check.field("year", year(&self.year));
        let kind = check.field(
            "kind",
            SOURCE_KINDS
                .iter()
                .find(|(k, _)| *k == self.kind.trim())
                .map(|(k, _)| *k)
                .ok_or_else(|| "Choose what kind of source it is.".to_owned()),
        );
        let note = check.field("note", words(&self.note, "what the figure covers", 600));
        match (slug, title, publisher, url, year, kind, note) {
            (
                Some(slug),
                Some(title),
                Some(publisher),
                Some(url),
                Some(year),
                Some(kind),
                Some(note),
            ) => Ok(ValidSource {
                slug,
                title,
                publisher,
                url,
                year,
                kind,
                note,
            }),
            _ => Err(check.into_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> PlaceForm {
        PlaceForm {
            p25: "101,850".into(),
            median: "132 270".into(),
            p75: "167980".into(),
            year: "2023".into(),
            sample: "".into(),
            basis: "Software developers, full-time, gross yearly.".into(),
            source: "bls-software-developers-2023".into(),
        }
    }

    #[test]
    fn a_place_takes_figures_in_order_or_none_at_all() {
        let figures = place().validate().unwrap().unwrap();
        assert_eq!(
            (figures.p25, figures.median, figures.p75),
            (101850.0, 132270.0, 167980.0)
        );
        assert_eq!(
            PlaceForm {
                source: "x".into(),
                ..PlaceForm::default()
            }
            .validate()
            .unwrap(),
            None
        );
        let refused = [
            (
                "median",
                PlaceForm {
                    median: "90000".into(),
                    ..place()
                },
            ),
            (
                "p75",
                PlaceForm {
                    p75: "120000".into(),
                    ..place()
                },
            ),
            (
                "p25",
                PlaceForm {
                    p25: "-5".into(),
                    ..place()
                },
            ),
            (
                "p25",
                PlaceForm {
                    p25: "1e9".into(),
                    ..place()
                },
            ),
            (
                "year",
                PlaceForm {
                    year: "23".into(),
                    ..place()
                },
            ),
            (
                "sample",
                PlaceForm {
                    sample: "0".into(),
                    ..place()
                },
            ),
            (
                "basis",
                PlaceForm {
                    basis: " ".into(),
                    ..place()
                },
            ),
            (
                "source",
                PlaceForm {
                    source: "".into(),
                    ..place()
                },
            ),
        ];
        for (field, form) in refused {
            let error = form.validate().unwrap_err();
            assert!(error.field_message(field).is_some(), "{field}: {error:?}");
        }
    }

    #[test]
    fn a_curve_that_falls_is_refused_at_the_year_it_falls() {
        let mut years: Vec<String> = (0..=20)
            .map(|y| format!("{:.2}", 0.7 + f64::from(y) * 0.03))
            .collect();
        let good = CurveForm {
            years: years.clone(),
            source: "backline-illustrative-2026".into(),
        };
        assert_eq!(good.validate().unwrap().0.len(), 21);
        years[7] = "0.5".into();
        let error = CurveForm {
            years,
            source: "backline-illustrative-2026".into(),
        }
        .validate()
        .unwrap_err();
        assert!(error.field_message("y7").unwrap().contains("may not fall"));
        assert!(error.field_message("y8").is_none(), "only where it falls");
    }

    #[test]
    fn premiums_factors_rates_and_sources_keep_to_their_ranges() {
        let premium = |p: &str| {
            PremiumForm {
                skill: "rust".into(),
                percent: p.into(),
                source: "article".into(),
            }
            .validate()
        };
        assert_eq!(premium("9").unwrap().0, 0.09);
        assert_eq!(premium("12.5%").unwrap().0, 0.125);
        assert!(
            premium("-1")
                .unwrap_err()
                .field_message("percent")
                .unwrap()
                .contains("negative")
        );
        assert!(premium("300").is_err());
        let factor = |m: &str| {
            EmploymentForm {
                employment: "freelance".into(),
                multiplier: m.into(),
                note: "n".into(),
                source: "s".into(),
            }
            .validate()
        };
        assert!(factor("1.25").is_ok());
        assert!(factor("3").is_err() && factor("0").is_err());
        let rate = |c: &str, d: &str, r: &str| {
            RateForm {
                currency: c.into(),
                valid_on: d.into(),
                usd_per_unit: r.into(),
                source: "ECB reference rate".into(),
            }
            .validate()
        };
        assert!(rate("EUR", "2026-12-01", "1.08").is_ok());
        for (c, d, r, field) in [
            ("XXX", "2026-12-01", "1", "currency"),
            ("EUR", "2026-13-01", "1", "valid_on"),
            ("EUR", "2026-12-01", "0", "usd_per_unit"),
        ] {
            assert!(
                rate(c, d, r).unwrap_err().field_message(field).is_some(),
                "{field}"
            );
        }
        let source = SourceForm {
            slug: "ons-ashe-2024".into(),
            title: "ASHE table 14".into(),
            publisher: "ONS".into(),
            url: "http://example.com".into(),
            year: "2024".into(),
            kind: "published".into(),
            note: "Full-time gross".into(),
        };
        assert!(
            source
                .validate()
                .unwrap_err()
                .field_message("url")
                .is_some()
        );
        assert!(
            SourceForm {
                url: String::new(),
                ..source.clone()
            }
            .validate()
            .is_ok()
        );
        assert!(
            SourceForm {
                slug: "New Source".into(),
                url: String::new(),
                ..source
            }
            .validate()
            .unwrap_err()
            .field_message("slug")
            .is_some()
        );
    }
}
