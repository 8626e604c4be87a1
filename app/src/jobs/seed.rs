//! Realistic demo jobs, generated deterministically. Server only.
//!
//! Job number `n` of seed `s` is always the same job (apart from dates,
//! which are relative to now), whatever the batch size, so a benchmark or a
//! bug report can be reproduced with `backline seed --jobs N --seed S`.

use super::types::{Hours, PayPeriod, Seniority, Workplace};
use crate::common::{Currency, EmploymentType};
use sqlx::PgConnection;

/// How many jobs `./dev run` puts in an empty database.
pub const DEMO_JOBS: usize = 300;
pub const DEMO_SEED: u64 = 42;
/// Rows per INSERT … SELECT FROM unnest(…) statement.
pub const BATCH: usize = 2_000;

/// SplitMix64: tiny, fast, and good enough to make varied demo data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, n: u64) -> Self {
        let mut rng = Rng(seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A number in `low..high`.
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (high - low)
    }

    /// An item chosen with the given weights.
    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total as usize) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[0].0
    }
}

struct City {
    name: &'static str,
    country: &'static str,
    code: &'static str,
    lat: f64,
    lon: f64,
    currency: Currency,
    /// A typical yearly salary for a mid-level back-end developer, in the
    /// local currency. Illustrative: it only shapes the demo data.
    mid_salary: f64,
}

const fn city(
    name: &'static str,
    country: &'static str,
    code: &'static str,
    lat: f64,
    lon: f64,
    currency: Currency,
    mid_salary: f64,
) -> City {
    City {
        name,
        country,
        code,
        lat,
        lon,
        currency,
        mid_salary,
    }
}

const CITIES: &[City] = &[
    city(
        "New Delhi",
        "India",
        "IN",
        28.6139,
        77.2090,
        Currency::Inr,
        1_200_000.0,
    ),
    city(
        "Bangalore",
        "India",
        "IN",
        12.9716,
        77.5946,
        Currency::Inr,
        1_500_000.0,
    ),
    city(
        "Hyderabad",
        "India",
        "IN",
        17.3850,
        78.4867,
        Currency::Inr,
        1_300_000.0,
    ),
    city(
        "Pune",
        "India",
        "IN",
        18.5204,
        73.8567,
        Currency::Inr,
        1_200_000.0,
    ),
    city(
        "New York",
        "United States",
        "US",
        40.7128,
        -74.0060,
        Currency::Usd,
        150_000.0,
    ),
    city(
        "San Francisco",
        "United States",
        "US",
        37.7749,
        -122.4194,
        Currency::Usd,
        165_000.0,
    ),
    city(
        "Austin",
        "United States",
        "US",
        30.2672,
        -97.7431,
        Currency::Usd,
        130_000.0,
    ),
    city(
        "Seattle",
        "United States",
        "US",
        47.6062,
        -122.3321,
        Currency::Usd,
        150_000.0,
    ),
    city(
        "Toronto",
        "Canada",
        "CA",
        43.6532,
        -79.3832,
        Currency::Cad,
        110_000.0,
    ),
    city(
        "Vancouver",
        "Canada",
        "CA",
        49.2827,
        -123.1207,
        Currency::Cad,
        115_000.0,
    ),
    city(
        "London",
        "United Kingdom",
        "GB",
        51.5074,
        -0.1278,
        Currency::Gbp,
        70_000.0,
    ),
    city(
        "Manchester",
        "United Kingdom",
        "GB",
        53.4808,
        -2.2426,
        Currency::Gbp,
        55_000.0,
    ),
    city(
        "Dublin",
        "Ireland",
        "IE",
        53.3498,
        -6.2603,
        Currency::Eur,
        70_000.0,
    ),
    city(
        "Berlin",
        "Germany",
        "DE",
        52.5200,
        13.4050,
        Currency::Eur,
        65_000.0,
    ),
    city(
        "Munich",
        "Germany",
        "DE",
        48.1351,
        11.5820,
        Currency::Eur,
        72_000.0,
    ),
    city(
        "Amsterdam",
        "Netherlands",
        "NL",
        52.3676,
        4.9041,
        Currency::Eur,
        65_000.0,
    ),
    city(
        "Paris",
        "France",
        "FR",
        48.8566,
        2.3522,
        Currency::Eur,
        55_000.0,
    ),
    city(
        "Lisbon",
        "Portugal",
        "PT",
        38.7223,
        -9.1393,
        Currency::Eur,
        38_000.0,
    ),
    city(
        "Madrid",
        "Spain",
        "ES",
        40.4168,
        -3.7038,
        Currency::Eur,
        42_000.0,
    ),
    city(
        "Warsaw",
        "Poland",
        "PL",
        52.2297,
        21.0122,
        Currency::Pln,
        200_000.0,
    ),
    city(
        "Kraków",
        "Poland",
        "PL",
        50.0647,
        19.9450,
        Currency::Pln,
        185_000.0,
    ),
    city(
        "Zurich",
        "Switzerland",
        "CH",
        47.3769,
        8.5417,
        Currency::Chf,
        120_000.0,
    ),
    city(
        "Sydney",
        "Australia",
        "AU",
        -33.8688,
        151.2093,
        Currency::Aud,
        140_000.0,
    ),
    city(
        "Melbourne",
        "Australia",
        "AU",
        -37.8136,
        144.9631,
        Currency::Aud,
        130_000.0,
    ),
    city(
        "Singapore",
        "Singapore",
        "SG",
        1.3521,
        103.8198,
        Currency::Sgd,
        100_000.0,
    ),
    city(
        "São Paulo",
        "Brazil",
        "BR",
        -23.5505,
        -46.6333,
        Currency::Brl,
        180_000.0,
    ),
    city(
        "Tokyo",
        "Japan",
        "JP",
        35.6762,
        139.6503,
        Currency::Jpy,
        8_000_000.0,
    ),
];

const COMPANIES: &[(&str, &str)] = &[
    ("northwind-logistics", "Northwind Logistics"),
    ("kestrel-bank", "Kestrel Bank"),
    ("bluepeak-health", "Bluepeak Health"),
    ("tidewater-energy", "Tidewater Energy"),
    ("lumen-retail", "Lumen Retail"),
    ("orbital-maps", "Orbital Maps"),
    ("quarry-insurance", "Quarry Insurance"),
    ("fernhill-games", "Fernhill Games"),
    ("saffron-payments", "Saffron Payments"),
    ("harbour-telecom", "Harbour Telecom"),
    ("pinecone-analytics", "Pinecone Analytics"),
    ("copperleaf-media", "Copperleaf Media"),
    ("meridian-travel", "Meridian Travel"),
    ("stonebridge-legal-tech", "Stonebridge Legal Tech"),
    ("greenfield-agritech", "Greenfield Agritech"),
    ("atlas-public-services", "Atlas Public Services"),
    ("nimbus-cloud-works", "Nimbus Cloud Works"),
    ("redwood-education", "Redwood Education"),
    ("vantage-mobility", "Vantage Mobility"),
    ("indigo-commerce", "Indigo Commerce"),
    ("backline-staffing", "Backline Staffing"),
    ("polaris-security", "Polaris Security"),
    ("cedar-hospitality", "Cedar Hospitality"),
    ("summit-manufacturing", "Summit Manufacturing"),
];

/// A kind of back-end role: its title and the skills it always asks for.
struct Role {
    title: &'static str,
    core: &'static [&'static str],
    focus: &'static str,
}

const ROLES: &[Role] = &[
    Role {
        title: "Python Developer",
        core: &["python", "sql"],
        focus: "APIs and data pipelines in Python",
    },
    Role {
        title: "Back-end Engineer (Python)",
        core: &["python", "postgresql"],
        focus: "services that sit behind our web and mobile apps",
    },
    Role {
        title: "Node.js Developer",
        core: &["nodejs", "javascript"],
        focus: "JSON APIs in Node.js",
    },
    Role {
        title: "JavaScript Back-end Developer",
        core: &["javascript", "nodejs"],
        focus: "server-side JavaScript",
    },
    Role {
        title: "Java Developer",
        core: &["java", "sql"],
        focus: "the Java services that run our core business",
    },
    Role {
        title: "Java Platform Engineer",
        core: &["java", "docker"],
        focus: "the shared platform our teams deploy to",
    },
    Role {
        title: "Go Engineer",
        core: &["go", "http-apis"],
        focus: "fast network services in Go",
    },
    Role {
        title: "Rust Engineer",
        core: &["rust", "linux"],
        focus: "performance-critical services in Rust",
    },
    Role {
        title: "Database Engineer (PostgreSQL)",
        core: &["postgresql", "sql"],
        focus: "schemas, queries and migrations",
    },
    Role {
        title: "MySQL Database Administrator",
        core: &["mysql", "linux"],
        focus: "keeping our MySQL fleet fast and safe",
    },
    Role {
        title: "Linux Systems Engineer",
        core: &["linux", "docker"],
        focus: "the servers everything else runs on",
    },
    Role {
        title: "Site Reliability Engineer",
        core: &["linux", "aws"],
        focus: "uptime, monitoring and incident response",
    },
    Role {
        title: "API Developer",
        core: &["http-apis", "testing"],
        focus: "public APIs our partners build on",
    },
    Role {
        title: "Cloud Back-end Engineer",
        core: &["aws", "docker"],
        focus: "services running on AWS",
    },
    Role {
        title: "Application Security Engineer",
        core: &["security", "http-apis"],
        focus: "securing our APIs and services",
    },
    Role {
        title: "Back-end Developer",
        core: &["sql", "git"],
        focus: "the server side of our products",
    },
];

/// The guide's names for the skills, for the descriptions' prose.
const SKILL_NAMES: &[(&str, &str)] = &[
    ("linux", "Linux"),
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("nodejs", "Node.js"),
    ("mysql", "MySQL"),
    ("sql", "SQL"),
    ("postgresql", "PostgreSQL"),
    ("java", "Java"),
    ("go", "Go"),
    ("rust", "Rust"),
    ("http-apis", "HTTP APIs"),
    ("git", "Git"),
    ("testing", "automated testing"),
    ("security", "web security"),
    ("docker", "containers"),
    ("aws", "AWS"),
];

const EXTRA_SKILLS: &[&str] = &[
    "linux",
    "python",
    "javascript",
    "nodejs",
    "mysql",
    "sql",
    "postgresql",
    "java",
    "go",
    "rust",
    "http-apis",
    "git",
    "testing",
    "security",
    "docker",
    "aws",
];

const PERKS: &[&str] = &[
    "Learning budget and time for conferences",
    "Flexible hours around a few core meeting times",
    "A modern laptop of your choice",
    "Health insurance for you and your family",
    "Four weeks off a year, plus public holidays",
    "A mentor for your first three months",
    "Regular team days in person",
    "Pension contributions above the legal minimum",
];

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
    let role = rng.pick(ROLES);
    let place = rng.pick(CITIES);
    let (company_slug, company) = *rng.pick(COMPANIES);
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

    let mut skills: Vec<String> = role.core.iter().map(|s| (*s).to_owned()).collect();
    for _ in 0..rng.below(4) {
        let extra = *rng.pick(EXTRA_SKILLS);
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
    let slug = format!("{}-{}-{n}", slugify(&title), slugify(place.name));

    let posted_ago_secs = rng.below(45 * 86_400) as i64;
    let valid_for_secs = (30 + rng.below(60)) as i64 * 86_400;
    let status = match rng.below(100) {
        0..=2 => "draft",
        3..=5 => "expired",
        _ => "published",
    };
    let description = describe(&mut rng, role, company, place, workplace, &skills);
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
        city: place.name,
        country: place.country,
        country_code: place.code,
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
    workplace: Workplace,
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
        let perk = *rng.pick(PERKS);
        if !perks.contains(&perk) {
            perks.push(perk);
        }
    }
    let skill_list: Vec<String> = skills
        .iter()
        .map(|slug| {
            let name = SKILL_NAMES
                .iter()
                .find(|(s, _)| s == slug)
                .map_or(slug.as_str(), |(_, name)| name);
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

/// Inserts the companies the generator uses (those missing).
pub async fn ensure_companies(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let slugs: Vec<String> = COMPANIES
        .iter()
        .map(|(slug, _)| (*slug).to_owned())
        .collect();
    let names: Vec<String> = COMPANIES
        .iter()
        .map(|(_, name)| (*name).to_owned())
        .collect();
    sqlx::query!(
        "INSERT INTO companies (slug, name)
         SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (slug) DO NOTHING",
        &slugs,
        &names
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Inserts generated jobs `first..first + count` in one statement.
pub async fn insert_batch(
    conn: &mut PgConnection,
    seed: u64,
    first: u64,
    count: usize,
) -> Result<(), sqlx::Error> {
    let jobs: Vec<NewJob> = (first..first + count as u64)
        .map(|n| generate(seed, n))
        .collect();
    let col = |f: &dyn Fn(&NewJob) -> String| -> Vec<String> { jobs.iter().map(f).collect() };
    let slugs = col(&|j| j.slug.clone());
    let companies = col(&|j| j.company_slug.to_owned());
    let titles = col(&|j| j.title.clone());
    let descriptions = col(&|j| j.description.clone());
    let types = col(&|j| j.employment_type.slug().to_owned());
    let hours = col(&|j| j.hours.slug().to_owned());
    let workplaces = col(&|j| j.workplace.slug().to_owned());
    let seniorities = col(&|j| j.seniority.slug().to_owned());
    let cities = col(&|j| j.city.to_owned());
    let countries = col(&|j| j.country.to_owned());
    let codes = col(&|j| j.country_code.to_owned());
    let currencies = col(&|j| j.currency.code().to_owned());
    let periods = col(&|j| j.period.slug().to_owned());
    let statuses = col(&|j| j.status.to_owned());
    let applies = col(&|j| j.how_to_apply.clone());
    // Arrays of arrays must be rectangular in Postgres, so skills travel as
    // comma-separated text and are split in SQL.
    let skills = col(&|j| j.skills.join(","));
    let lats: Vec<f64> = jobs.iter().map(|j| j.latitude).collect();
    let lons: Vec<f64> = jobs.iter().map(|j| j.longitude).collect();
    let mins: Vec<i32> = jobs.iter().map(|j| j.salary_min).collect();
    let maxs: Vec<i32> = jobs.iter().map(|j| j.salary_max).collect();
    let posted: Vec<i64> = jobs.iter().map(|j| j.posted_ago_secs).collect();
    let valid: Vec<i64> = jobs.iter().map(|j| j.valid_for_secs).collect();
    sqlx::query!(
        r#"
        INSERT INTO jobs (slug, company_id, title, description, employment_type, hours, workplace,
                          seniority, city, country, country_code, latitude, longitude, salary_min,
                          salary_max, salary_currency, salary_period, skills, status, posted_at,
                          valid_through, how_to_apply)
        SELECT n.slug, c.id, n.title, n.description, n.employment_type::employment_type,
               n.hours::work_hours, n.workplace::workplace, n.seniority::seniority, n.city,
               n.country, n.country_code, n.latitude, n.longitude, n.salary_min, n.salary_max,
               n.currency, n.period::pay_period, string_to_array(n.skills, ','),
               n.status::job_status, now() - make_interval(secs => n.posted_ago),
               now() - make_interval(secs => n.posted_ago) + make_interval(secs => n.valid_for),
               n.how_to_apply
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::float8[],
                    $13::float8[], $14::int4[], $15::int4[], $16::text[], $17::text[], $18::text[],
                    $19::text[], $20::int8[], $21::int8[], $22::text[])
             AS n (slug, company, title, description, employment_type, hours, workplace, seniority,
                   city, country, country_code, latitude, longitude, salary_min, salary_max,
                   currency, period, skills, status, posted_ago, valid_for, how_to_apply)
        JOIN companies c ON c.slug = n.company
        "#,
        &slugs,
        &companies,
        &titles,
        &descriptions,
        &types,
        &hours,
        &workplaces,
        &seniorities,
        &cities,
        &countries,
        &codes,
        &lats,
        &lons,
        &mins,
        &maxs,
        &currencies,
        &periods,
        &skills,
        &statuses,
        &posted,
        &valid,
        &applies,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How many jobs exist, so that new ones are numbered after them.
pub async fn job_count(conn: &mut PgConnection) -> Result<u64, sqlx::Error> {
    let count = sqlx::query_scalar!(r#"SELECT count(*) AS "count!" FROM jobs"#)
        .fetch_one(conn)
        .await?;
    Ok(count.max(0) as u64)
}

/// Demo jobs for an empty database.
pub async fn seed_if_empty(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    if job_count(conn).await? > 0 {
        return Ok(());
    }
    tracing::info!(jobs = DEMO_JOBS, "seeding demo jobs");
    ensure_companies(conn).await?;
    insert_batch(conn, DEMO_SEED, 0, DEMO_JOBS).await?;
    super::queries::refresh_search_terms(conn).await
}

#[cfg(test)]
mod tests {
    use super::*;

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
