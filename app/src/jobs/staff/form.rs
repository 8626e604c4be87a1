//! The job editor's form as typed, and its rules (both builds). What only
//! the database knows (the company, the place, the skills, today's date)
//! is checked by `queries::resolve`, with messages on the same fields.

use crate::AppError;
use crate::common::{Currency, EmploymentType};
use crate::jobs::{Hours, PayPeriod, Seniority, Workplace};
use crate::ui::form::{FieldCheck, FormInput};
use serde::{Deserialize, Serialize};

/// The highest figure a salary field takes. The yearly sum in US dollars
/// is checked on the server (`queries::resolve`), where the rate is known.
pub const MAX_PAY: i32 = 10_000_000;
/// At most this many skills per job (the database's check).
pub const MAX_SKILLS: usize = 12;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobForm {
    pub title: String,
    pub company: String,
    pub place: String,
    pub employment_type: String,
    pub hours: String,
    pub workplace: String,
    pub seniority: String,
    pub salary_min: String,
    pub salary_max: String,
    pub currency: String,
    pub period: String,
    /// Skill names or slugs, separated by commas.
    pub skills: String,
    /// The closing date, `YYYY-MM-DD` (UTC, end of day).
    pub closes: String,
    pub description: String,
    pub how_to_apply: String,
    /// The version the editor started from; `0` for a new job.
    pub version: String,
}

/// A job form that passed every rule this side of the database.
#[derive(Clone, Debug, PartialEq)]
pub struct JobDraft {
    pub title: String,
    pub company: String,
    pub place: String,
    pub employment_type: EmploymentType,
    pub hours: Hours,
    pub workplace: Workplace,
    pub seniority: Seniority,
    pub salary_min: i32,
    pub salary_max: i32,
    pub currency: Currency,
    pub period: PayPeriod,
    pub skills: Vec<String>,
    pub closes: (i32, u32, u32),
    pub description: String,
    pub how_to_apply: String,
    pub version: i32,
}

/// Trimmed text of `min..=max` characters, without control characters
/// other than line breaks and tabs (Postgres refuses NUL).
fn text(value: &str, min: usize, max: usize, what: &str) -> Result<String, String> {
    let value = value.trim();
    if crate::common::text::has_stray_control(value) {
        return Err("Remove the invisible control characters (pasted from elsewhere?).".to_owned());
    }
    match value.chars().count() {
        0 => Err(format!("Enter {what}.")),
        n if n < min => Err(format!("Use at least {min} characters.")),
        n if n > max => Err(format!("Use at most {max} characters (now {n}).")),
        _ => Ok(value.to_owned()),
    }
}

fn option<T>(value: Option<T>, what: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("Choose {what}."))
}

fn pay(value: &str) -> Result<i32, String> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    match digits.parse::<i32>() {
        Ok(n) if (1..=MAX_PAY).contains(&n) => Ok(n),
        Ok(_) => Err(format!("Enter a whole amount from 1 to {MAX_PAY}.")),
        Err(_) if value.trim().is_empty() => Err("Enter an amount.".to_owned()),
        Err(_) => Err("Enter a whole amount in digits, like 65000.".to_owned()),
    }
}

/// `YYYY-MM-DD` with a plausible month and day; the calendar (30 February)
/// and "in the future" are the server's to check.
pub fn date(value: &str) -> Result<(i32, u32, u32), String> {
    let wrong = || "Enter a date as YYYY-MM-DD.".to_owned();
    if value.trim().is_empty() {
        return Err("Enter the closing date.".to_owned());
    }
    let mut parts = value.trim().split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(wrong());
    };
    let (y, m, d) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>());
    match (y, m, d) {
        (Ok(y @ 2000..=2100), Ok(m @ 1..=12), Ok(d @ 1..=31)) => Ok((y, m, d)),
        _ => Err(wrong()),
    }
}

/// The skills as typed: names or slugs, comma-separated, each once.
pub fn skill_list(value: &str) -> Result<Vec<String>, String> {
    let mut skills: Vec<String> = Vec::new();
    for skill in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !skills.iter().any(|s| s.eq_ignore_ascii_case(skill)) {
            skills.push(skill.to_owned());
        }
    }
    match skills.len() {
        0 => Err("Name at least one skill, like Rust or PostgreSQL.".to_owned()),
        n if n > MAX_SKILLS => Err(format!("Name at most {MAX_SKILLS} skills (now {n}).")),
        _ => Ok(skills),
    }
}

impl FormInput for JobForm {
    type Valid = JobDraft;
    const FIELDS: &'static [&'static str] = &[
        "title",
        "company",
        "place",
        "employment_type",
        "hours",
        "workplace",
        "seniority",
        "salary_min",
        "salary_max",
        "currency",
        "period",
        "skills",
        "closes",
        "description",
        "how_to_apply",
    ];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        JobForm {
            title: field("title"),
            company: field("company"),
            place: field("place"),
            employment_type: field("employment_type"),
            hours: field("hours"),
            workplace: field("workplace"),
            seniority: field("seniority"),
            salary_min: field("salary_min"),
            salary_max: field("salary_max"),
            currency: field("currency"),
            period: field("period"),
            skills: field("skills"),
            closes: field("closes"),
            description: field("description"),
            how_to_apply: field("how_to_apply"),
            version: field("version"),
        }
    }

    fn validate(&self) -> Result<JobDraft, AppError> {
        let mut c = FieldCheck::default();
        let title = c.field("title", text(&self.title, 3, 120, "the job's title"));
        let company = c.field(
            "company",
            text(&self.company, 1, 80, "").map_err(|_| "Choose the company.".into()),
        );
        let place = c.field(
            "place",
            text(&self.place, 1, 80, "").map_err(|_| "Choose where the job is.".into()),
        );
        let employment_type = c.field(
            "employment_type",
            option(
                EmploymentType::from_slug(&self.employment_type),
                "the kind of work",
            ),
        );
        let hours = c.field(
            "hours",
            option(Hours::from_slug(&self.hours), "the working time"),
        );
        let workplace = c.field(
            "workplace",
            option(Workplace::from_slug(&self.workplace), "the workplace"),
        );
        let seniority = c.field(
            "seniority",
            option(Seniority::from_slug(&self.seniority), "the seniority"),
        );
        let salary_min = c.field("salary_min", pay(&self.salary_min));
        let salary_max = c.field(
            "salary_max",
            pay(&self.salary_max).and_then(|max| match salary_min {
                Some(min) if max < min => {
                    Err("The top of the range is below its bottom.".to_owned())
                }
                _ => Ok(max),
            }),
        );
        let currency = c.field(
            "currency",
            option(Currency::from_code(&self.currency), "the currency"),
        );
        let period = c.field(
            "period",
            option(PayPeriod::from_slug(&self.period), "what the pay is per"),
        );
        let skills = c.field("skills", skill_list(&self.skills));
        let closes = c.field("closes", date(&self.closes));
        let description = c.field(
            "description",
            text(&self.description, 1, 20_000, "the description"),
        );
        let how_to_apply = c.field(
            "how_to_apply",
            text(&self.how_to_apply, 1, 1000, "what happens after applying"),
        );
        let version = self.version.parse::<i32>().ok().filter(|v| *v >= 0);
        let Some(version) = version else {
            return Err(AppError::BadRequest(
                "The form lost track of the job's version: open the job again.".into(),
            ));
        };
        let draft = move || {
            Some(JobDraft {
                title: title?,
                company: company?,
                place: place?,
                employment_type: employment_type?,
                hours: hours?,
                workplace: workplace?,
                seniority: seniority?,
                salary_min: salary_min?,
                salary_max: salary_max?,
                currency: currency?,
                period: period?,
                skills: skills?,
                closes: closes?,
                description: description?,
                how_to_apply: how_to_apply?,
                version,
            })
        };
        draft().ok_or_else(|| c.into_error())
    }
}

/// What a status button asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChange {
    Publish,
    Unpublish,
    Close,
}

/// A status button's form: the change and the version it was seen at.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobStatusForm {
    pub action: String,
    pub version: String,
}

impl FormInput for JobStatusForm {
    type Valid = (StatusChange, i32);
    const FIELDS: &'static [&'static str] = &["action"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        JobStatusForm {
            action: field("action"),
            version: field("version"),
        }
    }

    fn validate(&self) -> Result<(StatusChange, i32), AppError> {
        let change = match self.action.as_str() {
            "publish" => StatusChange::Publish,
            "unpublish" => StatusChange::Unpublish,
            "close" => StatusChange::Close,
            _ => {
                return Err(AppError::BadRequest(
                    "Publish, unpublish or close: nothing else.".into(),
                ));
            }
        };
        let version = self.version.parse::<i32>().map_err(|_| {
            AppError::BadRequest(
                "The form lost track of the job's version: open the job again.".into(),
            )
        })?;
        Ok((change, version))
    }
}

/// A preview asked for from the editor: what was typed, and the
/// description as the public page would show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobPreview {
    pub input: JobForm,
    /// `jobs::markdown::to_safe_html` of the typed description.
    pub description_html: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn filled() -> JobForm {
        JobForm {
            title: "Senior Rust Engineer".into(),
            company: "kestrel-bank".into(),
            place: "Berlin".into(),
            employment_type: "employee".into(),
            hours: "full_time".into(),
            workplace: "hybrid".into(),
            seniority: "senior".into(),
            salary_min: "70,000".into(),
            salary_max: "90000".into(),
            currency: "EUR".into(),
            period: "year".into(),
            skills: "Rust, postgresql, rust".into(),
            closes: "2030-01-31".into(),
            description: "## The role\n\nBuild payments.".into(),
            how_to_apply: "We answer within a week.".into(),
            version: "0".into(),
        }
    }

    fn wrong_fields(form: &JobForm) -> Vec<String> {
        match form.validate() {
            Err(AppError::Invalid(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_filled_in_job_parses_with_figures_read_and_skills_listed_once() {
        let draft = filled().validate().unwrap();
        assert_eq!((draft.salary_min, draft.salary_max), (70_000, 90_000));
        assert_eq!(draft.skills, ["Rust", "postgresql"]);
        assert_eq!(draft.closes, (2030, 1, 31));
        assert_eq!(draft.version, 0);
    }

    #[test]
    fn each_wrong_field_is_named_at_once() {
        type Change = fn(&mut JobForm);
        let cases: [(Change, &[&str]); 10] = [
            (|f| f.title = "  ".into(), &["title"]),
            (|f| f.title = "QA".into(), &["title"]),
            (
                |f| f.employment_type = "intern".into(),
                &["employment_type"],
            ),
            (|f| f.salary_min = "lots".into(), &["salary_min"]),
            (|f| f.salary_max = "60000".into(), &["salary_max"]),
            (|f| f.salary_max = "99999999999".into(), &["salary_max"]),
            (|f| f.skills = " , ".into(), &["skills"]),
            (|f| f.closes = "31/01/2030".into(), &["closes"]),
            (|f| f.how_to_apply = "Call\0us".into(), &["how_to_apply"]),
            (
                |f| {
                    f.description = String::new();
                    f.currency = "XYZ".into();
                },
                &["currency", "description"],
            ),
        ];
        for (change, expected) in cases {
            let mut form = filled();
            change(&mut form);
            assert_eq!(wrong_fields(&form), expected, "{form:?}");
        }
    }

    #[test]
    fn a_form_without_its_version_is_refused_whole() {
        let mut form = filled();
        form.version = "x".into();
        assert!(matches!(form.validate(), Err(AppError::BadRequest(_))));
    }

    #[test]
    fn thirteen_skills_are_too_many() {
        let many: Vec<String> = (0..13).map(|n| format!("skill{n}")).collect();
        assert!(skill_list(&many.join(",")).is_err());
        assert_eq!(skill_list(&many[..12].join(",")).unwrap().len(), 12);
    }
}
