//! schema.org `JobPosting` for a job page, as Google's job search reads it:
//! https://developers.google.com/search/docs/appearance/structured-data/job-posting

use super::JobCard;
use super::types::{EmploymentType, Hours, PayPeriod, Workplace};
use serde_json::{Value, json};

/// The JSON-LD for an open job, safe to place inside `<script>`.
pub fn job_posting(
    job: &JobCard,
    description_html: &str,
    valid_through: &str,
    country_code: &str,
    website: Option<&str>,
) -> String {
    let mut organization = json!({ "@type": "Organization", "name": job.company });
    if let Some(website) = website {
        organization["sameAs"] = json!(website);
    }
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": description_html,
        "identifier": { "@type": "PropertyValue", "name": job.company, "value": job.slug },
        "datePosted": job.posted_on,
        "validThrough": valid_through,
        "employmentType": employment_types(job.employment_type, job.hours),
        "hiringOrganization": organization,
        "directApply": true,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": job.salary.currency.code(),
            "value": {
                "@type": "QuantitativeValue",
                "minValue": job.salary.min,
                "maxValue": job.salary.max,
                "unitText": unit_text(job.salary.period),
            }
        },
    });
    let place = json!({
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": job.city,
            "addressCountry": country_code,
        }
    });
    if job.workplace == Workplace::Remote {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] =
            json!({ "@type": "Country", "name": job.country });
    } else {
        posting["jobLocation"] = place;
    }
    script_safe(&posting)
}

/// Google's employmentType values: working time, plus the kind of contract
/// when it is not ordinary employment.
fn employment_types(kind: EmploymentType, hours: Hours) -> Vec<&'static str> {
    let time = match hours {
        Hours::FullTime => "FULL_TIME",
        Hours::PartTime => "PART_TIME",
    };
    match kind {
        EmploymentType::Employee => vec![time],
        EmploymentType::Freelance | EmploymentType::Agency => vec![time, "CONTRACTOR"],
        EmploymentType::Temporary => vec![time, "TEMPORARY"],
    }
}

fn unit_text(period: PayPeriod) -> &'static str {
    match period {
        PayPeriod::Hour => "HOUR",
        PayPeriod::Day => "DAY",
        PayPeriod::Month => "MONTH",
        PayPeriod::Year => "YEAR",
    }
}

/// JSON whose text can never end the `<script>` element it sits in: every
/// `<` is written as `\u003c`, which JSON reads back as the same character.
fn script_safe(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}
