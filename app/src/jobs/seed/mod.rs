//! Realistic demo jobs, generated deterministically. Server only.
//!
//! Job number `n` of seed `s` is always the same job (apart from dates,
//! which are relative to now), whatever the batch size, so a benchmark or a
//! bug report can be reproduced with `backline seed --jobs N --seed S`.

use super::types::{Hours, PayPeriod, Seniority, Workplace};
use crate::common::{Currency, EmploymentType};
mod insert;
mod rng;

pub use insert::{ensure_companies, insert_batch, job_count, seed_if_empty};
use rng::Rng;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How many jobs `./dev run` puts in an empty database.
pub const DEMO_JOBS: usize = 300;
pub const DEMO_SEED: u64 = 42;
/// Rows per INSERT … SELECT FROM unnest(…) statement.
pub const BATCH: usize = 2_000;

/// The generator's raw material, from `data.json` (compiled in).
#[derive(Deserialize)]
pub(super) struct Data {
    cities: Vec<City>,
    pub(super) companies: Vec<Company>,
    roles: Vec<Role>,
    /// The guide's names for the skills, for the descriptions' prose.
    skill_names: BTreeMap<String, String>,
    /// Skills a job may ask for besides its role's.
    extra_skills: Vec<String>,
    /// What an offer lists under "What we offer", by kind of work: a
    /// freelancer is not offered a pension.
    perks: BTreeMap<EmploymentType, Vec<String>>,
}

/// A city jobs are placed in, as the job editor offers it.
pub struct Place {
    pub name: &'static str,
    pub country: &'static str,
    pub code: &'static str,
    pub lat: f64,
    pub lon: f64,
}

/// The cities of `data.json`: where the demo jobs are, and the places the
/// job editor offers (so the location filter and distances keep working).
pub fn places() -> impl Iterator<Item = Place> {
    DATA.cities.iter().map(|city| Place {
        name: &city.name,
        country: &city.country,
        code: &city.code,
        lat: city.lat,
        lon: city.lon,
    })
}

#[derive(Deserialize)]
struct City {
    name: String,
    country: String,
    code: String,
    lat: f64,
    lon: f64,
    #[serde(deserialize_with = "currency_code")]
    currency: Currency,
    /// A typical yearly salary for a mid-level back-end developer, in the
    /// local currency. Illustrative: it only shapes the demo data.
    mid_salary: f64,
}

#[derive(Deserialize)]
pub(super) struct Company {
    pub(super) slug: String,
    pub(super) name: String,
}

/// A kind of back-end role: its title and the skills it always asks for.
#[derive(Deserialize)]
struct Role {
    title: String,
    core: Vec<String>,
    focus: String,
}

fn currency_code<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
    let code = String::deserialize(deserializer)?;
    Currency::from_code(&code)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown currency {code}")))
}

/// Read once; a test reads it, so a broken file fails the tests, not a server.
pub(super) static DATA: LazyLock<Data> = LazyLock::new(|| {
    serde_json::from_str(include_str!("data.json")).expect("jobs/seed/data.json is valid")
});

/// One generated job, ready to insert.
pub struct NewJob {
    pub slug: String,
    pub company_slug: &'static str,
    pub title: String,
    pub description: String,
    pub employment_type: EmploymentType,
    pub hours: Hours,
    pub workplace: Workplace,
    pub seniority: Seniority,
    pub city: &'static str,
    pub country: &'static str,
    pub country_code: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    pub salary_min: i32,
    pub salary_max: i32,
    pub currency: Currency,
    pub period: PayPeriod,
    pub skills: Vec<String>,
    pub status: &'static str,
    /// Seconds before now.
    pub posted_ago_secs: i64,
    /// Seconds after posting.
    pub valid_for_secs: i64,
    pub how_to_apply: String,
}

/// Job number `n` of seed `seed`.
pub fn generate(seed: u64, n: u64) -> NewJob {
    let mut rng = Rng::new(seed, n);
    let data: &'static Data = &DATA;
    let role = rng.pick(&data.roles);
    let place = rng.pick(&data.cities);
    let company = rng.pick(&data.companies);
    let (company_slug, company) = (company.slug.as_str(), company.name.as_str());
    let seniority = rng.weighted(&[
        (Seniority::Junior, 2),
        (Seniority::Mid, 4),
        (Seniority::Senior, 3),
        (Seniority::Lead, 1),
    ]);
    let employment_type = rng.weighted(&[
        (EmploymentType::Employee, 10),
        (EmploymentType::Freelance, 4),
        (EmploymentType::Agency, 3),
        (EmploymentType::Temporary, 3),
    ]);
    let hours = rng.weighted(&[(Hours::FullTime, 4), (Hours::PartTime, 1)]);
    let workplace = rng.weighted(&[
        (Workplace::Remote, 7),
        (Workplace::Hybrid, 7),
        (Workplace::Onsite, 6),
    ]);

    let mut skills: Vec<String> = role.core.clone();
    for _ in 0..rng.below(4) {
        let extra = rng.pick(&data.extra_skills);
        if !skills.iter().any(|s| s == extra) {
            skills.push(extra.to_owned());
        }
    }

    // Yearly pay for this job, shaped by seniority; contractors charge more
    // per unit of time, since they carry their own costs.
    let level = match seniority {
        Seniority::Junior => 0.7,
        Seniority::Mid => 1.0,
        Seniority::Senior => 1.3,
        Seniority::Lead => 1.55,
    };
    let yearly = place.mid_salary * level * rng.between(0.85, 1.15);
    let (period, per_period) = match employment_type {
        EmploymentType::Employee => (PayPeriod::Year, yearly),
        EmploymentType::Agency => (PayPeriod::Month, yearly / 12.0),
        EmploymentType::Freelance => (PayPeriod::Day, yearly * 1.35 / 260.0),
        EmploymentType::Temporary => (PayPeriod::Hour, yearly * 1.2 / 2080.0),
    };
    let part_time = if hours == Hours::PartTime && period == PayPeriod::Year {
        0.6
    } else {
        1.0
    };
    let round_to = |amount: f64| -> i32 {
        let step = match amount {
            a if a >= 100_000.0 => 1_000.0,
            a if a >= 10_000.0 => 500.0,
            a if a >= 1_000.0 => 50.0,
            a if a >= 100.0 => 5.0,
            _ => 1.0,
        };
        ((amount / step).round() * step).max(1.0) as i32
    };
    let salary_min = round_to(per_period * part_time * 0.9);
    let salary_max = round_to(per_period * part_time * 1.15).max(salary_min);

    let prefix = match seniority {
        Seniority::Junior => "Junior ",
        Seniority::Mid => "",
        Seniority::Senior => "Senior ",
        Seniority::Lead => "Lead ",
    };
    let title = format!("{prefix}{}", role.title);
    let slug = format!("{}-{}-{n}", slugify(&title), slugify(&place.name));

    let posted_ago_secs = rng.below(45 * 86_400) as i64;
    let valid_for_secs = (30 + rng.below(60)) as i64 * 86_400;
    let status = match rng.below(100) {
        0..=2 => "draft",
        3..=5 => "expired",
        _ => "published",
    };
    let description = describe(
        &mut rng,
        role,
        company,
        place,
        (employment_type, workplace),
        &skills,
    );
    let how_to_apply = format!(
        "Apply with the form on this page. {company}'s hiring team reads every application and replies within {} working days.",
        3 + rng.below(8)
    );

    NewJob {
        slug,
        company_slug,
        title,
        description,
        employment_type,
        hours,
        workplace,
        seniority,
        city: &place.name,
        country: &place.country,
        country_code: &place.code,
        latitude: place.lat,
        longitude: place.lon,
        salary_min,
        salary_max,
        currency: place.currency,
        period,
        skills,
        status,
        posted_ago_secs,
        valid_for_secs,
        how_to_apply,
    }
}

fn describe(
    rng: &mut Rng,
    role: &Role,
    company: &str,
    place: &City,
    (kind, workplace): (EmploymentType, Workplace),
    skills: &[String],
) -> String {
    let where_ = match workplace {
        Workplace::Remote => format!("fully remote, for people living in {}", place.country),
        Workplace::Hybrid => format!(
            "hybrid: two or three days a week in our {} office",
            place.name
        ),
        Workplace::Onsite => format!("on-site in {}", place.name),
    };
    let mut perks: Vec<&str> = Vec::new();
    while perks.len() < 3 {
        let perk = rng.pick(&DATA.perks[&kind]).as_str();
        if !perks.contains(&perk) {
            perks.push(perk);
        }
    }
    let skill_list: Vec<String> = skills
        .iter()
        .map(|slug| {
            let name = DATA.skill_names.get(slug).unwrap_or(slug);
            format!("- Experience with **{name}**")
        })
        .collect();
    format!(
        "## About the role\n\n\
         {company} is looking for someone to work on {focus}. The job is {where_}.\n\n\
         You will design, build and run back-end services: the APIs, databases and \
         background jobs behind what our users see.\n\n\
         ## What you will do\n\n\
         - Build and maintain APIs that other teams rely on\n\
         - Design database schemas and keep queries fast\n\
         - Review code, write tests and improve our tooling\n\
         - Take part in a calm, well-documented on-call rotation\n\n\
         ## What you bring\n\n\
         {skills}\n\
         - Clear written communication\n\n\
         ## What we offer\n\n\
         - {p0}\n- {p1}\n- {p2}\n",
        focus = role.focus,
        skills = skill_list.join("\n"),
        p0 = perks[0],
        p1 = perks[1],
        p2 = perks[2],
    )
}

/// "Senior Python Developer" → "senior-python-developer".
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        let c = match c {
            'ã' | 'á' | 'à' | 'â' => 'a',
            'é' | 'è' | 'ê' => 'e',
            'ó' | 'ô' | 'õ' => 'o',
            'ú' | 'ü' => 'u',
            'í' => 'i',
            'ç' => 'c',
            _ => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_reads_and_every_currency_and_skill_in_it_is_known() {
        let data: &Data = &DATA;
        assert!(
            !data.cities.is_empty()
                && !data.roles.is_empty()
                && EmploymentType::ALL
                    .iter()
                    .all(|kind| data.perks[kind].len() >= 3)
        );
        for skill in data
            .roles
            .iter()
            .flat_map(|r| &r.core)
            .chain(&data.extra_skills)
        {
            assert!(data.skill_names.contains_key(skill), "{skill}");
        }
    }

    #[test]
    fn an_offer_lists_what_fits_its_kind_of_work_so_no_freelancer_is_offered_a_pension() {
        let jobs: Vec<NewJob> = (0..DEMO_JOBS as u64)
            .map(|n| generate(DEMO_SEED, n))
            .collect();
        for job in jobs
            .iter()
            .filter(|j| j.employment_type != EmploymentType::Employee)
        {
            assert!(
                !job.description.contains("Pension"),
                "{}: {}",
                job.slug,
                job.description
            );
        }
        assert!(
            jobs.iter()
                .any(|j| j.employment_type == EmploymentType::Freelance
                    && j.description.contains("Invoices paid"))
        );
    }

    #[test]
    fn the_same_seed_and_number_give_the_same_job() {
        let (a, b) = (generate(7, 123), generate(7, 123));
        assert_eq!(
            (a.slug, a.title, a.salary_min, a.skills),
            (b.slug, b.title, b.salary_min, b.skills)
        );
        assert_ne!(generate(7, 123).slug, generate(7, 124).slug);
    }

    #[test]
    fn demo_data_spans_every_option_and_the_articles_cities_and_skills() {
        let jobs: Vec<NewJob> = (0..DEMO_JOBS as u64)
            .map(|n| generate(DEMO_SEED, n))
            .collect();
        for option in EmploymentType::ALL {
            assert!(
                jobs.iter().any(|j| j.employment_type == *option),
                "{option:?}"
            );
        }
        for option in Workplace::ALL {
            assert!(jobs.iter().any(|j| j.workplace == *option), "{option:?}");
        }
        for option in Seniority::ALL {
            assert!(jobs.iter().any(|j| j.seniority == *option), "{option:?}");
        }
        for city in ["New Delhi", "Bangalore"] {
            assert!(jobs.iter().any(|j| j.city == city), "{city}");
        }
        for skill in ["linux", "python", "javascript", "nodejs", "mysql"] {
            assert!(
                jobs.iter().any(|j| j.skills.iter().any(|s| s == skill)),
                "{skill}"
            );
        }
        assert!(
            jobs.iter()
                .all(|j| j.salary_min > 0 && j.salary_max >= j.salary_min)
        );
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slugify("Senior Back-end Engineer (Python)"),
            "senior-back-end-engineer-python"
        );
        assert_eq!(slugify("São Paulo"), "sao-paulo");
        assert_eq!(slugify("Kraków"), "krakow");
    }
}
