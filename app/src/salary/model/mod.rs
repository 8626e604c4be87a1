//! The salary model and the one function that turns it into an estimate
//! (`estimate`, in five steps), with how amounts are written (`format`).
//!
//! Compiled into the server and the WASM alike: the page computes in the
//! browser on every input change, and the server renders the same numbers
//! for the same URL. The arithmetic uses only `+ − × ÷` and rounding, which
//! IEEE 754 defines exactly, so both give identical results.
//!
//! # How we estimate
//!
//! 1. **Location.** Start from the place's yearly 25th percentile, median
//!    and 75th percentile, in its currency. A place without figures falls
//!    back to its country, said so on the page; with no figures at all, there
//!    is no estimate.
//! 2. **Experience.** Multiply by the experience curve at your years,
//!    interpolated between whole years. The curve never falls, and it is
//!    flat from [`PLATEAU_YEARS`] on.
//! 3. **Skills.** Premiums do not add up. The largest counts in full, the
//!    next at half, the next at a quarter, and so on ([`DECAY`]). That sum
//!    `r` then meets a ceiling smoothly: the total premium is
//!    `r × cap / (r + cap)`, which is never more than [`PREMIUM_CAP`] (+40 %)
//!    however many skills you add. Adding a skill never lowers the total.
//! 4. **Type of work.** Multiply by the freelance, agency or temporary factor.
//! 5. **Currency and period.** Convert at the newest reference rate, and
//!    divide the year by 12 months or 2,080 working hours.

use crate::common::{Currency, EmploymentType};
use serde::{Deserialize, Serialize};

/// The total skill premium never exceeds this fraction (+40 %).
pub const PREMIUM_CAP: f64 = 0.40;
/// Each further skill, in falling order of premium, counts this much of the one before.
pub const DECAY: f64 = 0.5;
/// From here on, experience adds nothing more.
pub const PLATEAU_YEARS: u8 = 20;
/// Years of experience the estimator accepts; beyond, it clamps with a note.
pub const MAX_YEARS: f64 = 50.0;
/// Below this many salaries, a measured figure is called thin.
pub const THIN_SAMPLE: i32 = 30;
/// Working hours in a year: 40 × 52, as the job search uses.
pub const HOURS_PER_YEAR: f64 = 2080.0;
/// Where the estimator starts when the URL names no place.
pub const DEFAULT_LOCATION: &str = "united-states";
/// The experience the estimator starts from.
pub const DEFAULT_YEARS: f64 = 5.0;

/// What an estimate is shown per.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    #[default]
    Year,
    Month,
    Hour,
}

impl Period {
    pub const ALL: &'static [Period] = &[Period::Year, Period::Month, Period::Hour];

    pub fn slug(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
            Period::Hour => "hour",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.slug() == slug)
    }

    /// "a year", "a month", "an hour".
    pub fn per(self) -> &'static str {
        match self {
            Period::Year => "a year",
            Period::Month => "a month",
            Period::Hour => "an hour",
        }
    }

    fn per_year(self) -> f64 {
        match self {
            Period::Year => 1.0,
            Period::Month => 12.0,
            Period::Hour => HOURS_PER_YEAR,
        }
    }
}

/// How far a figure can be trusted, by where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(
    feature = "ssr",
    sqlx(type_name = "salary_source_kind", rename_all = "snake_case")
)]
pub enum SourceKind {
    /// Published by a statistics office or survey, with its year.
    Published,
    /// Our own round estimate, labelled as such.
    Illustrative,
    /// A number the seed article states without a source.
    ArticleClaim,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Published => "published figure",
            SourceKind::Illustrative => "illustrative estimate",
            SourceKind::ArticleClaim => "the article's claim, unverified",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub year: i16,
    pub kind: SourceKind,
    pub note: String,
}

/// A place's yearly pay, in its own currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
    pub year: i16,
    pub sample_size: Option<i32>,
    pub basis: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub country_code: String,
    pub is_city: bool,
    pub currency: Currency,
    /// The nearest place whose figures may stand in: a city's country.
    pub parent: Option<String>,
    pub figures: Option<Figures>,
}

impl Location {
    /// "Berlin, Germany" or "Germany".
    pub fn label(&self) -> String {
        if self.is_city {
            format!("{}, {}", self.name, self.country)
        } else {
            self.name.clone()
        }
    }

    /// How the job search names this place: the city, or the country code.
    pub fn jobs_location(&self) -> String {
        if self.is_city {
            self.name.clone()
        } else {
            self.country_code.clone()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperiencePoint {
    pub years: u8,
    pub multiplier: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillPremium {
    pub slug: String,
    pub name: String,
    /// A fraction: 0.09 is +9 %.
    pub premium: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmploymentAdjustment {
    pub employment: EmploymentType,
    pub multiplier: f64,
    pub note: String,
    pub source: String,
}

/// US dollars per unit of a currency, the newest rate we have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub currency: Currency,
    pub usd_per_unit: f64,
}

/// Everything the estimate needs, loaded once from Postgres and sent to the
/// browser whole (a few kilobytes).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub sources: Vec<Source>,
    /// In picker order.
    pub locations: Vec<Location>,
    /// By years, 0 to [`PLATEAU_YEARS`].
    pub experience: Vec<ExperiencePoint>,
    /// In toggle order.
    pub skills: Vec<SkillPremium>,
    pub employment: Vec<EmploymentAdjustment>,
    pub rates: Vec<Rate>,
    /// The source of the exchange rates.
    pub rates_source: Option<String>,
}

impl Model {
    /// The model as the page carries it to the estimator's island: postcard
    /// (a compact binary serde format), in hex, in an attribute. Read in
    /// the WASM by [`Model::decode`]; a JSON or JS-value reader there was
    /// measured to cost several times the code (issue 13's note).
    pub fn encode(&self) -> String {
        postcard::to_allocvec(self)
            .map(hex::encode)
            .unwrap_or_default()
    }

    /// The model [`Model::encode`] wrote, or `None` if it is not one.
    pub fn decode(encoded: &str) -> Option<Model> {
        let bytes = hex::decode(encoded).ok()?;
        postcard::from_bytes(&bytes).ok()
    }

    pub fn location(&self, slug: &str) -> Option<&Location> {
        self.locations.iter().find(|l| l.slug == slug)
    }

    pub fn skill(&self, slug: &str) -> Option<&SkillPremium> {
        self.skills.iter().find(|s| s.slug == slug)
    }

    pub fn source(&self, slug: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.slug == slug)
    }

    fn source_kind(&self, slug: &str) -> Option<SourceKind> {
        self.source(slug).map(|s| s.kind)
    }

    fn usd_per_unit(&self, currency: Currency) -> Option<f64> {
        self.rates
            .iter()
            .find(|r| r.currency == currency)
            .map(|r| r.usd_per_unit)
            .filter(|rate| rate.is_finite() && *rate > 0.0)
    }

    /// Converts `amount` between currencies through their dollar rates.
    pub fn convert(&self, amount: f64, from: Currency, to: Currency) -> Option<f64> {
        if from == to {
            return Some(amount);
        }
        Some(amount * self.usd_per_unit(from)? / self.usd_per_unit(to)?)
    }

    /// The curve at `years`, interpolated between whole years, flat past
    /// the last point. `None` when the model has no curve.
    pub fn experience_multiplier(&self, years: f64) -> Option<(f64, &ExperiencePoint)> {
        let points = &self.experience;
        let first = points.first()?;
        let last = points.last()?;
        if years <= f64::from(first.years) {
            return Some((first.multiplier, first));
        }
        if years >= f64::from(last.years) {
            return Some((last.multiplier, last));
        }
        let upper = points.iter().position(|p| f64::from(p.years) >= years)?;
        let (a, b) = (&points[upper - 1], &points[upper]);
        let span = f64::from(b.years) - f64::from(a.years);
        let along = (years - f64::from(a.years)) / span;
        Some((a.multiplier + (b.multiplier - a.multiplier) * along, a))
    }

    /// What is wrong with this model, if anything: the promises the
    /// estimate makes (a rising curve, premiums that only add, ordered
    /// figures) rest on these. The server refuses to serve a model with
    /// problems.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for pair in self.experience.windows(2) {
            if pair[1].years <= pair[0].years || pair[1].multiplier < pair[0].multiplier {
                problems.push(format!(
                    "the experience curve falls or repeats between {} and {} years",
                    pair[0].years, pair[1].years
                ));
            }
        }
        if self.experience.last().map(|p| p.years) != Some(PLATEAU_YEARS) {
            problems.push(format!(
                "the experience curve must end at {PLATEAU_YEARS} years"
            ));
        }
        for skill in &self.skills {
            if !(skill.premium >= 0.0 && skill.premium.is_finite()) {
                problems.push(format!(
                    "the premium for {} is not a positive number",
                    skill.slug
                ));
            }
        }
        for location in &self.locations {
            if let Some(f) = &location.figures
                && !(f.p25 > 0.0 && f.p25 <= f.median && f.median <= f.p75)
            {
                problems.push(format!("the figures for {} are not ordered", location.slug));
            }
            if self.usd_per_unit(location.currency).is_none() {
                problems.push(format!("no exchange rate for {}", location.currency.code()));
            }
        }
        problems
    }
}

/// What a person tells the estimator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub location: String,
    pub years: f64,
    /// Skill slugs.
    pub skills: Vec<String>,
    pub employment: EmploymentType,
    /// `None` shows the location's own currency.
    pub currency: Option<Currency>,
    pub period: Period,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            location: DEFAULT_LOCATION.to_owned(),
            years: DEFAULT_YEARS,
            skills: Vec::new(),
            employment: EmploymentType::Employee,
            currency: None,
            period: Period::Year,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
}

impl Range {
    pub(super) fn map(self, f: impl Fn(f64) -> f64) -> Range {
        Range {
            p25: f(self.p25),
            median: f(self.median),
            p75: f(self.p75),
        }
    }
}

/// How one factor moved the estimate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// The starting median, per year, in the location's currency.
    Base { median: f64, currency: Currency },
    /// Multiplies the estimate.
    Times(f64),
    /// Adds this fraction (0.12 = +12 %), after diminishing returns.
    Plus(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// "Berlin, Germany", "5 years of experience", "Python", "Freelance".
    pub label: String,
    pub effect: Effect,
    pub source: Option<String>,
    pub kind: Option<SourceKind>,
    /// What else to know: the basis and year of a place's figures, the
    /// premium a skill is claimed to add, what a type of work means.
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    High,
    Medium,
    Low,
    /// No estimate at all.
    NoData,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "High confidence",
            Confidence::Medium => "Medium confidence",
            Confidence::Low => "Low confidence",
            Confidence::NoData => "No estimate",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// `None` when we do not know: no figures for the place or its country.
    pub range: Option<Range>,
    pub currency: Currency,
    pub period: Period,
    /// The place asked about, and the one whose figures were used when different.
    pub location: Option<String>,
    pub fallback: Option<String>,
    /// The years the estimate used, after clamping.
    pub years: f64,
    pub factors: Vec<Factor>,
    /// The sources behind every figure used, each once.
    pub sources: Vec<Source>,
    pub confidence: Confidence,
    /// Why the confidence is what it is.
    pub reasons: Vec<String>,
    pub warnings: Vec<String>,
    /// With no figures, places in the same currency that have some:
    /// (slug, label).
    pub suggestions: Vec<(String, String)>,
}

mod estimate;
mod format;
#[cfg(test)]
pub(crate) mod tests;

pub use estimate::{combined_premium, estimate};
pub use format::{format_amount, format_percent, format_years, round_for_display};
