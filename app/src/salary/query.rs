//! The estimator's URL: `/salary?location=&years=&skill=&type=&currency=&period=`.
//!
//! One parser for the server and the browser. It never fails: each value it
//! cannot use becomes a note the page shows, and the rest still counts.

use super::model::{
    DEFAULT_LOCATION, DEFAULT_YEARS, Inputs, MAX_YEARS, Model, Period, format_years,
};
use crate::common::{Currency, EmploymentType, is_slug, quote};
use crate::jobs::JobQuery;

/// More skills than anyone has; more are ignored with a note.
pub const MAX_SKILLS: usize = 20;
const MAX_PARAMETERS: usize = 64;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SalaryQuery {
    pub location: Option<String>,
    pub years: Option<f64>,
    pub skills: Vec<String>,
    pub employment: Option<EmploymentType>,
    pub currency: Option<Currency>,
    pub period: Option<Period>,
}

impl SalaryQuery {
    /// Reads a query string (without the `?`). Unknown parameters are
    /// ignored; known ones with unusable values are noted.
    pub fn parse(query_string: &str) -> (SalaryQuery, Vec<String>) {
        let mut query = SalaryQuery::default();
        let mut notes = Vec::new();
        let mut skills_cut = false;
        let pairs = form_urlencoded::parse(query_string.trim_start_matches('?').as_bytes());
        for (i, (key, value)) in pairs.enumerate() {
            if i == MAX_PARAMETERS {
                notes.push(format!(
                    "Only the first {MAX_PARAMETERS} parameters were read."
                ));
                break;
            }
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match &*key {
                "location" if is_slug(value, 60) => query.location = Some(value.to_owned()),
                "location" => notes.push(format!(
                    "\"{}\" is not a place we know; ignored.",
                    quote(value, 40)
                )),
                "years" => match crate::common::parse_decimal(value) {
                    Some(years) => query.years = Some(clamp_years(years, &mut notes)),
                    _ => notes.push(format!(
                        "Years of experience must be a number, not \"{}\"; using {}.",
                        quote(value, 20),
                        format_years(DEFAULT_YEARS)
                    )),
                },
                "skill" if query.skills.iter().any(|s| s == value) => {}
                "skill" if query.skills.len() >= MAX_SKILLS => skills_cut = true,
                "skill" if is_slug(value, 40) => query.skills.push(value.to_owned()),
                "skill" => notes.push(format!(
                    "\"{}\" is not a skill we know; ignored.",
                    quote(value, 40)
                )),
                "type" => match EmploymentType::from_slug(value) {
                    Some(kind) => query.employment = Some(kind),
                    None => notes.push(format!(
                        "\"{}\" is not a type of work; use {}.",
                        quote(value, 20),
                        EmploymentType::choices()
                    )),
                },
                "currency" => match Currency::from_code(value) {
                    Some(currency) => query.currency = Some(currency),
                    None => notes.push(format!(
                        "\"{}\" is not a currency we show; ignored.",
                        quote(value, 20)
                    )),
                },
                "period" => match Period::from_slug(value) {
                    Some(period) => query.period = Some(period),
                    None => notes.push(format!(
                        "\"{}\" is not a period; use year, month or hour.",
                        quote(value, 20)
                    )),
                },
                _ => {}
            }
        }
        if skills_cut {
            notes.push(format!("Only the first {MAX_SKILLS} skills count."));
        }
        (query, notes)
    }

    /// The query string for these choices, in a fixed order, without the
    /// values that are defaults anyway.
    pub fn render(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(location) = &self.location {
            out.append_pair("location", location);
        }
        if let Some(years) = self.years {
            out.append_pair("years", &format_years(years));
        }
        for skill in &self.skills {
            out.append_pair("skill", skill);
        }
        if let Some(kind) = self.employment.filter(|k| *k != EmploymentType::Employee) {
            out.append_pair("type", kind.slug());
        }
        if let Some(currency) = self.currency {
            out.append_pair("currency", currency.code());
        }
        if let Some(period) = self.period.filter(|p| *p != Period::Year) {
            out.append_pair("period", period.slug());
        }
        out.finish()
    }

    pub fn href(&self) -> String {
        match self.render() {
            query if query.is_empty() => "/salary".to_owned(),
            query => format!("/salary?{query}"),
        }
    }

    pub fn from_inputs(inputs: &Inputs) -> SalaryQuery {
        SalaryQuery {
            location: Some(inputs.location.clone()),
            years: Some(inputs.years),
            skills: inputs.skills.clone(),
            employment: Some(inputs.employment),
            currency: inputs.currency,
            period: Some(inputs.period),
        }
    }

    /// The estimator's inputs, checked against the model: a place or skill
    /// the model does not know is left out, with a note.
    pub fn inputs(&self, model: &Model) -> (Inputs, Vec<String>) {
        let mut notes = Vec::new();
        let fallback = model
            .location(DEFAULT_LOCATION)
            .or(model.locations.first())
            .map(|l| l.slug.clone())
            .unwrap_or_default();
        let location = match &self.location {
            Some(slug) if model.location(slug).is_some() => slug.clone(),
            Some(slug) => {
                let shown = model
                    .location(&fallback)
                    .map(|l| l.label())
                    .unwrap_or_default();
                notes.push(format!(
                    "We have no place called \"{slug}\"; showing {shown}."
                ));
                fallback
            }
            None => fallback,
        };
        let mut skills = Vec::new();
        for slug in &self.skills {
            if model.skill(slug).is_some() {
                skills.push(slug.clone());
            } else {
                notes.push(format!(
                    "We have no pay figures for the skill \"{slug}\"; ignored."
                ));
            }
        }
        let inputs = Inputs {
            location,
            years: self.years.unwrap_or(DEFAULT_YEARS),
            skills,
            employment: self.employment.unwrap_or(EmploymentType::Employee),
            currency: self.currency,
            period: self.period.unwrap_or_default(),
        };
        (inputs, notes)
    }
}

fn clamp_years(years: f64, notes: &mut Vec<String>) -> f64 {
    if years < 0.0 {
        notes.push("Years of experience cannot be negative; using 0.".to_owned());
        0.0
    } else if years > MAX_YEARS {
        notes.push(format!(
            "Years of experience go up to {MAX_YEARS}; using {MAX_YEARS}."
        ));
        MAX_YEARS
    } else {
        // Tenths of a year are as fine as anyone means it.
        (years * 10.0).round() / 10.0
    }
}

/// The job search for what the estimate describes: the same place, skills
/// and type of work.
pub fn matching_jobs(inputs: &Inputs, model: &Model) -> JobQuery {
    JobQuery {
        location: model
            .location(&inputs.location)
            .map(|l| l.jobs_location())
            .unwrap_or_default(),
        skills: inputs.skills.clone(),
        types: vec![inputs.employment],
        ..JobQuery::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salary::model::tests::fixture;
    use proptest::prelude::*;

    #[test]
    fn a_full_url_reads_every_choice() {
        let (query, notes) = SalaryQuery::parse(
            "location=berlin&years=7.5&skill=python&skill=linux&type=freelance&currency=usd&period=month",
        );

        assert_eq!(notes, Vec::<String>::new());
        assert_eq!(
            query,
            SalaryQuery {
                location: Some("berlin".into()),
                years: Some(7.5),
                skills: vec!["python".into(), "linux".into()],
                employment: Some(EmploymentType::Freelance),
                currency: Some(Currency::Usd),
                period: Some(Period::Month),
            }
        );
        assert_eq!(
            query.render(),
            "location=berlin&years=7.5&skill=python&skill=linux&type=freelance&currency=USD&period=month"
        );
    }

    #[test]
    fn each_unusable_value_is_noted_and_ignored() {
        let cases = [
            ("years=abc", "must be a number"),
            ("years=NaN", "must be a number"),
            ("years=inf", "must be a number"),
            ("years=-4", "cannot be negative"),
            ("years=99", "go up to 50"),
            ("type=intern", "not a type of work"),
            ("currency=XYZ", "not a currency"),
            ("period=week", "not a period"),
            ("location=%3Cscript%3E", "not a place"),
            ("skill=C%2B%2B", "not a skill"),
        ];
        for (url, note) in cases {
            let (_, notes) = SalaryQuery::parse(url);

            assert_eq!(notes.len(), 1, "{url}: {notes:?}");
            assert!(notes[0].contains(note), "{url}: {notes:?}");
        }
    }

    #[test]
    fn out_of_range_years_are_clamped() {
        let cases = [
            ("years=-4", 0.0),
            ("years=99", MAX_YEARS),
            ("years=3.14159", 3.1),
        ];
        for (url, years) in cases {
            assert_eq!(SalaryQuery::parse(url).0.years, Some(years), "{url}");
        }
    }

    #[test]
    fn places_and_skills_the_model_lacks_fall_away_with_a_note() {
        let model = fixture();
        let (query, _) = SalaryQuery::parse("location=atlantis&skill=rust&skill=cobol");

        let (inputs, notes) = query.inputs(&model);

        assert_eq!(
            inputs.location, "germany",
            "the model's first place stands in"
        );
        assert_eq!(inputs.skills, vec!["rust".to_owned()]);
        assert_eq!(notes.len(), 2, "{notes:?}");
    }

    #[test]
    fn too_many_skills_are_cut_with_one_note() {
        let url: Vec<String> = (0..30).map(|i| format!("skill=s{i}")).collect();

        let (query, notes) = SalaryQuery::parse(&url.join("&"));

        assert_eq!(query.skills.len(), MAX_SKILLS);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn the_matching_job_search_uses_the_place_skills_and_type() {
        let model = fixture();
        let (query, _) = SalaryQuery::parse("location=berlin&skill=rust&type=agency");
        let (inputs, _) = query.inputs(&model);

        let jobs = matching_jobs(&inputs, &model);

        assert_eq!(jobs.render(), "type=agency&skill=rust&location=berlin");
    }

    proptest! {
        #[test]
        fn rendering_then_parsing_gives_the_same_choices(
            location in prop::option::of("[a-z]{1,10}"),
            tenths in prop::option::of(0u32..=500),
            skills in prop::collection::vec("[a-z]{1,8}", 0..5),
            employment in prop::option::of(prop::sample::select(EmploymentType::ALL.to_vec())),
            currency in prop::option::of(prop::sample::select(Currency::ALL.to_vec())),
            period in prop::option::of(prop::sample::select(Period::ALL.to_vec())),
        ) {
            let mut skills = skills;
            skills.dedup();
            let query = SalaryQuery {
                location,
                years: tenths.map(|t| f64::from(t) / 10.0),
                skills: { let mut seen = Vec::new(); for s in skills { if !seen.contains(&s) { seen.push(s) } } seen },
                employment: employment.filter(|k| *k != EmploymentType::Employee),
                currency,
                period: period.filter(|p| *p != Period::Year),
            };

            let (parsed, notes) = SalaryQuery::parse(&query.render());

            prop_assert!(notes.is_empty(), "{:?}", notes);
            prop_assert_eq!(parsed, query);
        }

        #[test]
        fn any_query_string_parses_without_panicking(raw in ".{0,200}") {
            let (query, _) = SalaryQuery::parse(&raw);
            let _ = query.inputs(&fixture());
        }
    }
}
