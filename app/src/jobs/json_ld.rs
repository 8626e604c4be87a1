//! schema.org `JobPosting` for a job page, as Google's job search reads it:
//! https://developers.google.com/search/docs/appearance/structured-data/job-posting

use super::JobCard;
use super::types::{Hours, PayPeriod, Workplace};
use crate::common::EmploymentType;
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

/// JSON whose text can never end the `<script>` element it sits in, open
/// a comment there, or break a line for a script engine: `<`, `>`, `&`,
/// U+2028 and U+2029 are written as `\uXXXX` escapes, which JSON reads back
/// as the same characters. (`inner_html` writes the string as it is.)
fn script_safe(value: &Value) -> String {
    let json = value.to_string();
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::script_safe;
    use serde_json::json;

    #[test]
    fn json_ld_text_can_neither_end_the_script_nor_change_its_value() {
        let payloads = [
            "</script><script>alert(1)</script>",
            "<!-- x",
            "]]> & <![CDATA[",
            "line\u{2028}break\u{2029}",
            "\"quoted\" \\ back",
        ];
        for payload in payloads {
            let value = json!({ "title": payload });

            let safe = script_safe(&value);

            for forbidden in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
                assert!(!safe.contains(forbidden), "{safe}");
            }
            let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
            assert_eq!(back, value, "{payload}");
        }
    }
}
