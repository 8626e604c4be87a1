//! The salary model and the one function that turns it into an estimate.
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
    fn map(self, f: impl Fn(f64) -> f64) -> Range {
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

/// The whole estimate: see the module documentation for the method.
pub fn estimate(inputs: &Inputs, model: &Model) -> Estimate {
    let mut warnings = Vec::new();
    let mut reasons = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut cite = |slug: &str| {
        if !sources.iter().any(|s| s == slug) {
            sources.push(slug.to_owned());
        }
    };
    let years = clamp_years(inputs.years, &mut warnings);
    let mut out = Estimate {
        range: None,
        currency: inputs.currency.unwrap_or_default(),
        period: inputs.period,
        location: None,
        fallback: None,
        years,
        factors: Vec::new(),
        sources: Vec::new(),
        confidence: Confidence::NoData,
        reasons: Vec::new(),
        warnings: Vec::new(),
        suggestions: Vec::new(),
    };

    let Some(asked) = model.location(&inputs.location) else {
        warnings.push(format!(
            "We have no figures for \"{}\". Pick a place from the list.",
            inputs.location
        ));
        out.warnings = warnings;
        return out;
    };
    out.location = Some(asked.label());
    out.currency = inputs.currency.unwrap_or(asked.currency);
    let Some((basis, figures)) = figures_for(model, asked) else {
        let also = if asked.is_city {
            format!(", nor for {}", asked.country)
        } else {
            String::new()
        };
        warnings.push(format!(
            "Not enough data for {}{also} to estimate pay there.",
            asked.label()
        ));
        out.suggestions = model
            .locations
            .iter()
            .filter(|l| l.currency == asked.currency && l.figures.is_some() && !l.is_city)
            .take(3)
            .map(|l| (l.slug.clone(), l.label()))
            .collect();
        out.warnings = warnings;
        return out;
    };
    let mut penalty = 0;
    if basis.slug != asked.slug {
        warnings.push(format!(
            "Not enough data for {}: showing figures for {} instead.",
            asked.label(),
            basis.label()
        ));
        out.fallback = Some(basis.label());
        reasons.push(format!(
            "Figures for {}, not {} itself",
            basis.label(),
            asked.name
        ));
        penalty += 1;
    }
    match model.source_kind(&figures.source) {
        Some(SourceKind::Published) => {}
        _ => {
            reasons.push(format!(
                "The figures for {} are an illustrative estimate",
                basis.label()
            ));
            penalty += 1;
        }
    }
    if figures.sample_size.is_some_and(|n| n < THIN_SAMPLE) {
        warnings.push(format!(
            "The figures for {} rest on few salaries; read them as a rough guide.",
            basis.label()
        ));
        reasons.push("Few salaries behind the figures".to_owned());
        penalty += 1;
    }
    cite(&figures.source);
    out.factors.push(Factor {
        label: basis.label(),
        effect: Effect::Base {
            median: figures.median,
            currency: basis.currency,
        },
        source: Some(figures.source.clone()),
        kind: model.source_kind(&figures.source),
        note: Some(format!("{} ({})", figures.basis, figures.year)),
    });
    let mut range = Range {
        p25: figures.p25,
        median: figures.median,
        p75: figures.p75,
    };

    if let Some((multiplier, point)) = model.experience_multiplier(years) {
        range = range.map(|v| v * multiplier);
        cite(&point.source);
        if model.source_kind(&point.source) != Some(SourceKind::Published) {
            reasons.push("The experience curve is an illustrative estimate".to_owned());
            penalty += 1;
        }
        out.factors.push(Factor {
            label: years_label(years),
            effect: Effect::Times(multiplier),
            source: Some(point.source.clone()),
            kind: model.source_kind(&point.source),
            note: None,
        });
    }

    let (total, shares) = skill_premiums(inputs, model, &mut warnings);
    if !shares.is_empty() {
        range = range.map(|v| v * (1.0 + total));
        if shares
            .iter()
            .any(|(s, _)| model.source_kind(&s.source) == Some(SourceKind::ArticleClaim))
        {
            reasons.push("Some skill premiums are the article's unverified claims".to_owned());
            penalty += 1;
        }
        for (skill, share) in shares {
            cite(&skill.source);
            let said = if model.source_kind(&skill.source) == Some(SourceKind::ArticleClaim) {
                "claimed"
            } else {
                "estimated"
            };
            out.factors.push(Factor {
                label: skill.name.clone(),
                effect: Effect::Plus(share),
                source: Some(skill.source.clone()),
                kind: model.source_kind(&skill.source),
                note: Some(format!(
                    "{said} +{} % on its own; counted with diminishing returns",
                    format_percent(skill.premium)
                )),
            });
        }
    }

    if let Some(adjustment) = model
        .employment
        .iter()
        .find(|a| a.employment == inputs.employment)
        && inputs.employment != EmploymentType::Employee
    {
        range = range.map(|v| v * adjustment.multiplier);
        cite(&adjustment.source);
        out.factors.push(Factor {
            label: inputs.employment.label().to_owned(),
            effect: Effect::Times(adjustment.multiplier),
            source: Some(adjustment.source.clone()),
            kind: model.source_kind(&adjustment.source),
            note: Some(adjustment.note.clone()),
        });
    }

    match model.convert(1.0, basis.currency, out.currency) {
        Some(_) => {
            range = range.map(|v| model.convert(v, basis.currency, out.currency).unwrap_or(v));
            if out.currency != basis.currency
                && let Some(slug) = &model.rates_source
            {
                cite(slug);
            }
        }
        None => {
            warnings.push(format!(
                "No exchange rate for {}: showing {} instead.",
                out.currency.code(),
                basis.currency.code()
            ));
            out.currency = basis.currency;
        }
    }
    let per_year = inputs.period.per_year();
    out.range = Some(range.map(|v| v / per_year));
    out.confidence = match penalty {
        0 => Confidence::High,
        1 => Confidence::Medium,
        _ => Confidence::Low,
    };
    if reasons.is_empty() {
        reasons.push("Published figures throughout, no unverified claims".to_owned());
    }
    out.sources = sources
        .iter()
        .filter_map(|slug| model.source(slug).cloned())
        .collect();
    out.reasons = reasons;
    out.warnings = warnings;
    out
}

/// The place's own figures, or its parent's: (the place used, its figures).
fn figures_for<'m>(model: &'m Model, asked: &'m Location) -> Option<(&'m Location, &'m Figures)> {
    if let Some(figures) = &asked.figures {
        return Some((asked, figures));
    }
    let parent = model.location(asked.parent.as_deref()?)?;
    Some((parent, parent.figures.as_ref()?))
}

fn clamp_years(years: f64, warnings: &mut Vec<String>) -> f64 {
    if years.is_nan() {
        warnings.push("Years of experience must be a number; using 0.".to_owned());
        0.0
    } else if years < 0.0 {
        warnings.push("Years of experience cannot be negative; using 0.".to_owned());
        0.0
    } else if years > MAX_YEARS {
        warnings.push(format!(
            "Years of experience go up to {MAX_YEARS}; using {MAX_YEARS}."
        ));
        MAX_YEARS
    } else {
        years
    }
}

fn years_label(years: f64) -> String {
    let shown = format_years(years);
    if years >= f64::from(PLATEAU_YEARS) {
        format!("{shown} years of experience (the curve is flat from {PLATEAU_YEARS})")
    } else if shown == "1" {
        "1 year of experience".to_owned()
    } else {
        format!("{shown} years of experience")
    }
}

/// Whole years as "5", others to one decimal: "2.5".
pub fn format_years(years: f64) -> String {
    if years.fract() == 0.0 {
        format!("{years:.0}")
    } else {
        format!("{years:.1}")
    }
}

/// The combined premium and each known skill's share of it, largest first.
fn skill_premiums<'m>(
    inputs: &Inputs,
    model: &'m Model,
    warnings: &mut Vec<String>,
) -> (f64, Vec<(&'m SkillPremium, f64)>) {
    let mut chosen: Vec<&SkillPremium> = Vec::new();
    for slug in &inputs.skills {
        match model.skill(slug) {
            Some(skill) if !chosen.iter().any(|c| c.slug == skill.slug) => chosen.push(skill),
            Some(_) => {}
            None => warnings.push(format!(
                "We have no premium for the skill \"{slug}\"; ignored."
            )),
        }
    }
    let premium = |s: &SkillPremium| {
        if s.premium.is_finite() && s.premium > 0.0 {
            s.premium
        } else {
            0.0
        }
    };
    // Largest first; ties by slug, so the order never depends on input order.
    chosen.sort_by(|a, b| premium(b).total_cmp(&premium(a)).then(a.slug.cmp(&b.slug)));
    let mut weight = 1.0;
    let weighted: Vec<f64> = chosen
        .iter()
        .map(|s| {
            let w = premium(s) * weight;
            weight *= DECAY;
            w
        })
        .collect();
    let raw: f64 = weighted.iter().sum();
    if raw <= 0.0 {
        return (0.0, chosen.into_iter().map(|s| (s, 0.0)).collect());
    }
    let total = combined_premium(raw);
    let shares = chosen
        .into_iter()
        .zip(weighted)
        .map(|(s, w)| (s, total * w / raw))
        .collect();
    (total, shares)
}

/// The decayed sum of premiums, brought under the cap smoothly: close to
/// the sum while it is small, never reaching [`PREMIUM_CAP`].
pub fn combined_premium(raw: f64) -> f64 {
    if raw.is_nan() || raw <= 0.0 {
        return 0.0;
    }
    if raw.is_infinite() {
        return PREMIUM_CAP;
    }
    raw * PREMIUM_CAP / (raw + PREMIUM_CAP)
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
    format!("{}{rounded:.decimals$}", currency.symbol())
}

/// A fraction as a percentage without needless decimals: 0.91 → "91",
/// 0.125 → "12.5".
pub fn format_percent(fraction: f64) -> String {
    let percent = (fraction * 1000.0).round() / 10.0;
    if percent.fract() == 0.0 {
        format!("{percent:.0}")
    } else {
        format!("{percent:.1}")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn source(slug: &str, kind: SourceKind) -> Source {
        Source {
            slug: slug.to_owned(),
            title: slug.to_owned(),
            publisher: "test".to_owned(),
            url: None,
            year: 2026,
            kind,
            note: "test".to_owned(),
        }
    }

    fn place(
        slug: &str,
        parent: Option<&str>,
        median: Option<f64>,
        sample: Option<i32>,
    ) -> Location {
        Location {
            slug: slug.to_owned(),
            name: slug.to_owned(),
            country: parent.unwrap_or(slug).to_owned(),
            country_code: "XX".to_owned(),
            is_city: parent.is_some(),
            currency: Currency::Eur,
            parent: parent.map(str::to_owned),
            figures: median.map(|m| Figures {
                p25: m * 0.8,
                median: m,
                p75: m * 1.25,
                year: 2026,
                sample_size: sample,
                basis: "test".to_owned(),
                source: "stats".to_owned(),
            }),
        }
    }

    /// A model shaped like the seeded one, with a place for every case.
    pub(crate) fn fixture() -> Model {
        let curve = [
            0.68, 0.74, 0.80, 0.87, 0.94, 1.00, 1.05, 1.09, 1.13, 1.16, 1.19, 1.21, 1.23, 1.25,
            1.265, 1.28, 1.285, 1.29, 1.295, 1.30, 1.30,
        ];
        let skills = [
            ("linux", 0.91, "claims"),
            ("python", 0.77, "claims"),
            ("javascript", 0.23, "claims"),
            ("nodejs", 0.11, "claims"),
            ("mysql", 0.09, "claims"),
            ("rust", 0.08, "ours"),
            ("git", 0.01, "ours"),
        ];
        Model {
            sources: vec![
                source("stats", SourceKind::Published),
                source("ours", SourceKind::Illustrative),
                source("claims", SourceKind::ArticleClaim),
                source("fx", SourceKind::Illustrative),
            ],
            locations: vec![
                place("germany", None, Some(60_000.0), Some(400)),
                place("berlin", Some("germany"), Some(66_000.0), Some(120)),
                place("leipzig", Some("germany"), None, None),
                place("tiny", Some("germany"), Some(50_000.0), Some(12)),
                place("nowhere", None, None, None),
                place("village", Some("nowhere"), None, None),
            ],
            experience: curve
                .iter()
                .enumerate()
                .map(|(years, multiplier)| ExperiencePoint {
                    years: years as u8,
                    multiplier: *multiplier,
                    source: "stats".to_owned(),
                })
                .collect(),
            skills: skills
                .iter()
                .map(|(slug, premium, source)| SkillPremium {
                    slug: (*slug).to_owned(),
                    name: slug.to_uppercase(),
                    premium: *premium,
                    source: (*source).to_owned(),
                })
                .collect(),
            employment: [
                (EmploymentType::Employee, 1.0),
                (EmploymentType::Freelance, 1.25),
                (EmploymentType::Agency, 1.1),
                (EmploymentType::Temporary, 0.95),
            ]
            .into_iter()
            .map(|(employment, multiplier)| EmploymentAdjustment {
                employment,
                multiplier,
                note: "test".to_owned(),
                source: "ours".to_owned(),
            })
            .collect(),
            rates: vec![
                Rate {
                    currency: Currency::Usd,
                    usd_per_unit: 1.0,
                },
                Rate {
                    currency: Currency::Eur,
                    usd_per_unit: 1.16,
                },
                Rate {
                    currency: Currency::Gbp,
                    usd_per_unit: 1.33,
                },
                Rate {
                    currency: Currency::Inr,
                    usd_per_unit: 0.0113,
                },
                Rate {
                    currency: Currency::Jpy,
                    usd_per_unit: 0.0066,
                },
            ],
            rates_source: Some("fx".to_owned()),
        }
    }

    fn inputs(location: &str, years: f64, skills: &[&str]) -> Inputs {
        Inputs {
            location: location.to_owned(),
            years,
            skills: skills.iter().map(|s| (*s).to_owned()).collect(),
            ..Inputs::default()
        }
    }

    fn median(estimate: &Estimate) -> f64 {
        estimate.range.expect("a range").median
    }

    #[test]
    fn at_the_curves_reference_year_an_employee_without_skills_gets_the_places_figures() {
        let model = fixture();

        let estimate = estimate(&inputs("berlin", 5.0, &[]), &model);

        let range = estimate.range.unwrap();
        assert_eq!(
            (range.p25, range.median, range.p75),
            (52_800.0, 66_000.0, 82_500.0)
        );
        assert_eq!(estimate.currency, Currency::Eur);
        assert_eq!(estimate.confidence, Confidence::High);
        assert!(estimate.warnings.is_empty(), "{:?}", estimate.warnings);
    }

    #[test]
    fn the_articles_five_skills_never_add_up_to_211_percent() {
        let model = fixture();
        let five = ["linux", "python", "javascript", "nodejs", "mysql"];

        let with = estimate(&inputs("berlin", 5.0, &five), &model);

        let premium = median(&with) / 66_000.0 - 1.0;
        assert!(premium < PREMIUM_CAP, "+{:.0} %", premium * 100.0);
        assert!(
            premium > 0.3,
            "the claims still count: +{:.0} %",
            premium * 100.0
        );
        assert_eq!(with.confidence, Confidence::Medium, "{:?}", with.reasons);
        let shares: f64 = with
            .factors
            .iter()
            .filter_map(|f| match f.effect {
                Effect::Plus(share) => Some(share),
                _ => None,
            })
            .sum();
        assert!(
            (shares - premium).abs() < 1e-9,
            "the shares add up to the total"
        );
    }

    #[test]
    fn a_place_without_figures_falls_back_to_its_country_and_says_so() {
        let model = fixture();

        let estimate = estimate(&inputs("leipzig", 5.0, &[]), &model);

        assert_eq!(median(&estimate), 60_000.0);
        assert_eq!(estimate.fallback.as_deref(), Some("germany"));
        assert!(
            estimate.warnings[0].contains("Not enough data for leipzig"),
            "{:?}",
            estimate.warnings
        );
        assert_eq!(estimate.confidence, Confidence::Medium);
    }

    #[test]
    fn with_no_figures_anywhere_there_is_no_number_only_an_explanation() {
        let model = fixture();

        for place in ["nowhere", "village", "atlantis"] {
            let estimate = estimate(&inputs(place, 5.0, &[]), &model);

            assert_eq!(estimate.range, None, "{place}");
            assert_eq!(estimate.confidence, Confidence::NoData);
            assert_eq!(
                estimate.warnings.len(),
                1,
                "{place}: {:?}",
                estimate.warnings
            );
        }
    }

    #[test]
    fn an_illustrative_experience_curve_lowers_the_confidence_and_says_so() {
        let mut model = fixture();
        for point in &mut model.experience {
            point.source = "ours".to_owned();
        }

        let estimate = estimate(&inputs("berlin", 5.0, &[]), &model);

        assert_eq!(estimate.confidence, Confidence::Medium);
        assert!(
            estimate
                .reasons
                .iter()
                .any(|r| r.contains("experience curve"))
        );
    }

    #[test]
    fn with_no_figures_places_in_the_same_currency_are_suggested() {
        let model = fixture();

        let estimate = estimate(&inputs("village", 5.0, &[]), &model);

        assert_eq!(
            estimate.suggestions,
            vec![("germany".to_owned(), "germany".to_owned())]
        );
    }

    #[test]
    fn thin_figures_lower_the_confidence_with_a_warning() {
        let model = fixture();

        let estimate = estimate(&inputs("tiny", 5.0, &[]), &model);

        assert_eq!(estimate.confidence, Confidence::Medium);
        assert!(estimate.warnings[0].contains("few salaries"));
    }

    #[test]
    fn bad_years_are_clamped_with_a_note() {
        let model = fixture();
        let cases = [
            (f64::NAN, 0.0, "must be a number"),
            (-3.0, 0.0, "cannot be negative"),
            (f64::NEG_INFINITY, 0.0, "cannot be negative"),
            (80.0, MAX_YEARS, "go up to"),
            (f64::INFINITY, MAX_YEARS, "go up to"),
        ];
        for (years, used, note) in cases {
            let estimate = estimate(&inputs("berlin", years, &[]), &model);

            assert_eq!(estimate.years, used, "{years}");
            assert!(
                estimate.warnings.iter().any(|w| w.contains(note)),
                "{years}: {:?}",
                estimate.warnings
            );
            assert!(estimate.range.is_some());
        }
    }

    #[test]
    fn unknown_and_repeated_skills_are_ignored() {
        let model = fixture();

        let with_junk = estimate(&inputs("berlin", 5.0, &["rust", "cobol", "rust"]), &model);
        let plain = estimate(&inputs("berlin", 5.0, &["rust"]), &model);

        assert_eq!(with_junk.range, plain.range);
        assert_eq!(with_junk.warnings.len(), 1, "{:?}", with_junk.warnings);
    }

    #[test]
    fn periods_divide_the_year_and_currencies_convert() {
        let model = fixture();
        let mut asked = inputs("berlin", 5.0, &[]);
        asked.period = Period::Month;
        asked.currency = Some(Currency::Usd);

        let estimate = estimate(&asked, &model);

        assert!((median(&estimate) - 66_000.0 * 1.16 / 12.0).abs() < 1e-6);
        assert_eq!(estimate.currency, Currency::Usd);
        assert!(
            estimate.sources.iter().any(|s| s.slug == "fx"),
            "the rate is cited"
        );
    }

    #[test]
    fn a_currency_without_a_rate_falls_back_to_the_places_own() {
        let model = fixture();
        let mut asked = inputs("berlin", 5.0, &[]);
        asked.currency = Some(Currency::Brl);

        let estimate = estimate(&asked, &model);

        assert_eq!(estimate.currency, Currency::Eur);
        assert_eq!(median(&estimate), 66_000.0);
        assert!(estimate.warnings[0].contains("No exchange rate for BRL"));
    }

    #[test]
    fn a_model_with_a_falling_curve_or_disordered_figures_has_problems() {
        let mut model = fixture();
        assert_eq!(model.problems(), Vec::<String>::new());

        model.experience[7].multiplier = 0.5;
        model.locations[0].figures.as_mut().unwrap().p25 = 1e6;
        model.skills[0].premium = -0.1;

        assert_eq!(model.problems().len(), 3, "{:?}", model.problems());
    }

    #[test]
    fn display_rounding_keeps_three_significant_figures() {
        let cases = [
            (132_270.0, 132_000.0),
            (66.49, 66.5),
            (4.2713, 4.27),
            (1_349_999.0, 1_350_000.0),
            (999.6, 1_000.0),
            (0.4, 0.4),
            (f64::NAN, 0.0),
            (-5.0, 0.0),
        ];
        for (amount, expected) in cases {
            assert_eq!(round_for_display(amount), expected, "{amount}");
        }
        assert_eq!(format_amount(132_270.0, Currency::Usd), "$132,000");
        assert_eq!(format_amount(31.42, Currency::Eur), "€31.4");
        assert_eq!(format_amount(4.2713, Currency::Usd), "$4.27");
    }

    fn any_inputs() -> impl Strategy<Value = Inputs> {
        let places = prop::sample::select(vec![
            "germany", "berlin", "leipzig", "tiny", "nowhere", "village", "atlantis",
        ]);
        let skill = prop::sample::select(vec![
            "linux",
            "python",
            "javascript",
            "nodejs",
            "mysql",
            "rust",
            "git",
            "cobol",
        ]);
        let years = prop_oneof![
            -100.0..100.0f64,
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            0.0..=20.0f64,
        ];
        (
            places,
            years,
            prop::collection::vec(skill, 0..8),
            prop::sample::select(EmploymentType::ALL.to_vec()),
            prop::option::of(prop::sample::select(Currency::ALL.to_vec())),
            prop::sample::select(Period::ALL.to_vec()),
        )
            .prop_map(
                |(location, years, skills, employment, currency, period)| Inputs {
                    location: location.to_owned(),
                    years,
                    skills: skills.into_iter().map(str::to_owned).collect(),
                    employment,
                    currency,
                    period,
                },
            )
    }

    proptest! {
        #[test]
        fn the_estimate_is_deterministic(inputs in any_inputs()) {
            let model = fixture();
            prop_assert_eq!(estimate(&inputs, &model), estimate(&inputs, &model));
        }

        #[test]
        fn the_range_is_ordered_and_finite(inputs in any_inputs()) {
            let model = fixture();
            if let Some(range) = estimate(&inputs, &model).range {
                prop_assert!(range.p25.is_finite() && range.p25 > 0.0);
                prop_assert!(range.p25 <= range.median && range.median <= range.p75, "{:?}", range);
            }
        }

        #[test]
        fn more_experience_never_lowers_the_estimate(inputs in any_inputs(), a in 0.0..=MAX_YEARS, b in 0.0..=MAX_YEARS) {
            let model = fixture();
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            let at = |years| estimate(&Inputs { years, ..inputs.clone() }, &model).range;
            if let (Some(low), Some(high)) = (at(low), at(high)) {
                prop_assert!(low.median <= high.median, "{} → {}", low.median, high.median);
            }
        }

        #[test]
        fn past_the_plateau_experience_changes_nothing(inputs in any_inputs(), years in f64::from(PLATEAU_YEARS)..=MAX_YEARS) {
            let model = fixture();
            let at = |years| estimate(&Inputs { years, ..inputs.clone() }, &model).range;
            prop_assert_eq!(at(years), at(f64::from(PLATEAU_YEARS)));
        }

        #[test]
        fn adding_a_skill_never_lowers_the_estimate(inputs in any_inputs(), extra in prop::sample::select(vec!["linux", "python", "javascript", "nodejs", "mysql", "rust", "git"])) {
            let model = fixture();
            let before = estimate(&inputs, &model).range;
            let mut more = inputs.clone();
            more.skills.push(extra.to_owned());
            let after = estimate(&more, &model).range;
            if let (Some(before), Some(after)) = (before, after) {
                prop_assert!(before.median <= after.median * (1.0 + 1e-12), "{} → {}", before.median, after.median);
            }
        }

        #[test]
        fn the_total_premium_stays_under_the_cap(premiums in prop::collection::vec(0.0..10.0f64, 0..30)) {
            let mut model = fixture();
            model.skills = premiums.iter().enumerate().map(|(i, premium)| SkillPremium {
                slug: format!("s{i}"), name: format!("S{i}"), premium: *premium, source: "ours".to_owned(),
            }).collect();
            let everything = Inputs { skills: model.skills.iter().map(|s| s.slug.clone()).collect(), ..inputs("germany", 5.0, &[]) };
            let estimate = estimate(&everything, &model);
            let premium = estimate.range.unwrap().median / 60_000.0 - 1.0;
            prop_assert!(premium <= PREMIUM_CAP + 1e-12, "+{}", premium);
            prop_assert!(premium >= 0.0);
        }

        #[test]
        fn converting_there_and_back_returns_the_amount(amount in 1.0..1e9f64, a in prop::sample::select(Currency::ALL.to_vec()), b in prop::sample::select(Currency::ALL.to_vec())) {
            let model = fixture();
            if let Some(there) = model.convert(amount, a, b) {
                let back = model.convert(there, b, a).unwrap();
                prop_assert!((back - amount).abs() <= amount * 1e-12, "{} → {} → {}", amount, there, back);
            }
        }
    }
}
