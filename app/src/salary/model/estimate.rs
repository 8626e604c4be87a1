//! The estimate, in the five steps the module documentation describes:
//! each step is one method of [`Work`], which keeps what the page shows
//! about how the number came about (factors, sources, warnings, and the
//! reasons for the confidence).

use super::{
    Confidence, DECAY, Effect, Estimate, Factor, Figures, Inputs, Location, MAX_YEARS, Model,
    PLATEAU_YEARS, PREMIUM_CAP, Range, SkillPremium, SourceKind, THIN_SAMPLE, format_percent,
    format_years,
};
use crate::common::EmploymentType;

/// The whole estimate: see the module documentation for the method.
pub fn estimate(inputs: &Inputs, model: &Model) -> Estimate {
    let mut work = Work::new(inputs, model);
    let Some((basis, range)) = work.location() else {
        return work.finish(None);
    };
    let range = work.experience(range);
    let range = work.skills(range);
    let range = work.employment(range);
    let range = work.currency_and_period(basis, range);
    work.finish(Some(range))
}

/// An estimate being worked out.
struct Work<'m> {
    inputs: &'m Inputs,
    model: &'m Model,
    out: Estimate,
    warnings: Vec<String>,
    reasons: Vec<String>,
    /// Slugs of the sources cited so far, each once, in order.
    sources: Vec<String>,
    /// One for each reason to trust the figures less.
    penalty: u8,
}

impl<'m> Work<'m> {
    fn new(inputs: &'m Inputs, model: &'m Model) -> Self {
        let mut warnings = Vec::new();
        let years = clamp_years(inputs.years, &mut warnings);
        Work {
            inputs,
            model,
            out: Estimate {
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
            },
            warnings,
            reasons: Vec::new(),
            sources: Vec::new(),
            penalty: 0,
        }
    }

    fn cite(&mut self, slug: &str) {
        if !self.sources.iter().any(|s| s == slug) {
            self.sources.push(slug.to_owned());
        }
    }

    /// Cites `source` and shows how the factor moved the estimate.
    fn factor(&mut self, label: String, effect: Effect, source: &str, note: Option<String>) {
        self.cite(source);
        self.out.factors.push(Factor {
            label,
            effect,
            source: Some(source.to_owned()),
            kind: self.model.source_kind(source),
            note,
        });
    }

    /// Step 1: the place's yearly figures (or its country's), in its
    /// currency. `None` when there are none: no estimate, with the reason
    /// and, where we can, places that have figures.
    fn location(&mut self) -> Option<(&'m Location, Range)> {
        let (inputs, model) = (self.inputs, self.model);
        let Some(asked) = model.location(&inputs.location) else {
            self.warnings.push(format!(
                "We have no figures for \"{}\". Pick a place from the list.",
                inputs.location
            ));
            return None;
        };
        self.out.location = Some(asked.label());
        self.out.currency = inputs.currency.unwrap_or(asked.currency);
        let Some((basis, figures)) = figures_for(model, asked) else {
            let also = if asked.is_city {
                format!(", nor for {}", asked.country)
            } else {
                String::new()
            };
            self.warnings.push(format!(
                "Not enough data for {}{also} to estimate pay there.",
                asked.label()
            ));
            self.out.suggestions = model
                .locations
                .iter()
                .filter(|l| l.currency == asked.currency && l.figures.is_some() && !l.is_city)
                .take(3)
                .map(|l| (l.slug.clone(), l.label()))
                .collect();
            return None;
        };
        if basis.slug != asked.slug {
            self.warnings.push(format!(
                "Not enough data for {}: showing figures for {} instead.",
                asked.label(),
                basis.label()
            ));
            self.out.fallback = Some(basis.label());
            self.doubt(format!(
                "Figures for {}, not {} itself",
                basis.label(),
                asked.name
            ));
        }
        if model.source_kind(&figures.source) != Some(SourceKind::Published) {
            self.doubt(format!(
                "The figures for {} are an illustrative estimate",
                basis.label()
            ));
        }
        if figures.sample_size.is_some_and(|n| n < THIN_SAMPLE) {
            self.warnings.push(format!(
                "The figures for {} rest on few salaries; read them as a rough guide.",
                basis.label()
            ));
            self.doubt("Few salaries behind the figures".to_owned());
        }
        self.factor(
            basis.label(),
            Effect::Base {
                median: figures.median,
                currency: basis.currency,
            },
            &figures.source,
            Some(format!("{} ({})", figures.basis, figures.year)),
        );
        Some((
            basis,
            Range {
                p25: figures.p25,
                median: figures.median,
                p75: figures.p75,
            },
        ))
    }

    /// A reason to trust the estimate less.
    fn doubt(&mut self, reason: String) {
        self.reasons.push(reason);
        self.penalty += 1;
    }

    /// Step 2: the experience curve at the years given.
    fn experience(&mut self, range: Range) -> Range {
        let years = self.out.years;
        let Some((multiplier, point)) = self.model.experience_multiplier(years) else {
            return range;
        };
        self.cite(&point.source);
        if self.model.source_kind(&point.source) != Some(SourceKind::Published) {
            self.doubt("The experience curve is an illustrative estimate".to_owned());
        }
        self.factor(
            years_label(years),
            Effect::Times(multiplier),
            &point.source,
            None,
        );
        range.map(|v| v * multiplier)
    }

    /// Step 3: the skills' premiums, with diminishing returns and a ceiling.
    fn skills(&mut self, range: Range) -> Range {
        let model = self.model;
        let (total, shares) = skill_premiums(self.inputs, model, &mut self.warnings);
        if shares.is_empty() {
            return range;
        }
        let claimed = |skill: &SkillPremium| {
            model.source_kind(&skill.source) == Some(SourceKind::ArticleClaim)
        };
        if shares.iter().any(|(s, _)| claimed(s)) {
            self.doubt("Some skill premiums are the article's unverified claims".to_owned());
        }
        for (skill, share) in shares {
            let said = if claimed(skill) {
                "claimed"
            } else {
                "estimated"
            };
            self.factor(
                skill.name.clone(),
                Effect::Plus(share),
                &skill.source,
                Some(format!(
                    "{said} +{} % on its own; counted with diminishing returns",
                    format_percent(skill.premium)
                )),
            );
        }
        range.map(|v| v * (1.0 + total))
    }

    /// Step 4: the type of work (employees are the base).
    fn employment(&mut self, range: Range) -> Range {
        let employment = self.inputs.employment;
        let Some(adjustment) = self
            .model
            .employment
            .iter()
            .find(|a| a.employment == employment)
            .filter(|_| employment != EmploymentType::Employee)
        else {
            return range;
        };
        self.factor(
            employment.label().to_owned(),
            Effect::Times(adjustment.multiplier),
            &adjustment.source,
            Some(adjustment.note.clone()),
        );
        range.map(|v| v * adjustment.multiplier)
    }

    /// Step 5: the display currency at the newest reference rate, and the
    /// year divided into the period asked for.
    fn currency_and_period(&mut self, basis: &Location, range: Range) -> Range {
        let model = self.model;
        let range = match model.convert(1.0, basis.currency, self.out.currency) {
            Some(_) => {
                if self.out.currency != basis.currency
                    && let Some(slug) = &model.rates_source
                {
                    self.cite(slug);
                }
                let to = self.out.currency;
                range.map(|v| model.convert(v, basis.currency, to).unwrap_or(v))
            }
            None => {
                self.warnings.push(format!(
                    "No exchange rate for {}: showing {} instead.",
                    self.out.currency.code(),
                    basis.currency.code()
                ));
                self.out.currency = basis.currency;
                range
            }
        };
        let per_year = self.inputs.period.per_year();
        range.map(|v| v / per_year)
    }

    /// The estimate, with its confidence; `None` for no estimate at all.
    fn finish(mut self, range: Option<Range>) -> Estimate {
        if range.is_some() {
            self.out.confidence = match self.penalty {
                0 => Confidence::High,
                1 => Confidence::Medium,
                _ => Confidence::Low,
            };
            if self.reasons.is_empty() {
                self.reasons
                    .push("Published figures throughout, no unverified claims".to_owned());
            }
            self.out.sources = self
                .sources
                .iter()
                .filter_map(|slug| self.model.source(slug).cloned())
                .collect();
            self.out.reasons = self.reasons;
        }
        self.out.range = range;
        self.out.warnings = self.warnings;
        self.out
    }
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
