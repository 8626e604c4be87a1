//! The job search's vocabulary: the options people filter by.
//!
//! Compiled for the server and the browser alike, so the URL, the form and
//! the database agree on one spelling of every option.

use crate::AppError;
use crate::common::identifier::identifier;
use crate::common::options::options;
use serde::{Deserialize, Serialize};

/// A job's address, `/jobs/{slug}`: lowercase letters, digits and inner
/// hyphens, at most 120 characters (the database's `jobs_slug_check`).
/// Anything else cannot be a job, so it is not found before any query
/// (and a NUL byte never reaches Postgres).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JobSlug(String);

impl JobSlug {
    pub fn parse(value: &str) -> Result<Self, AppError> {
        if crate::common::is_slug(value, 120) {
            Ok(JobSlug(value.to_owned()))
        } else {
            Err(AppError::NotFound)
        }
    }
}

identifier!(JobSlug, "not a job's address");

options!(Hours, "work_hours", "working time" {
    FullTime = "full_time", "Full-time";
    PartTime = "part_time", "Part-time";
});

options!(Workplace, "workplace", "workplace" {
    Remote = "remote", "Remote";
    Hybrid = "hybrid", "Hybrid";
    Onsite = "onsite", "On-site";
});

options!(Seniority, "seniority", "seniority" {
    Junior = "junior", "Junior";
    Mid = "mid", "Mid-level";
    Senior = "senior", "Senior";
    Lead = "lead", "Lead";
});

options!(
    /// The period a published salary is quoted for.
    PayPeriod, "pay_period", "pay period" {
        Hour = "hour", "hour";
        Day = "day", "day";
        Month = "month", "month";
        Year = "year", "year";
    }
);

options!(
    /// Result orders. Relevance only applies when there is a query.
    Sort, "job_sort", "sort order" {
        Relevance = "relevance", "Best match";
        Newest = "newest", "Newest first";
        Salary = "salary", "Highest salary";
    }
);

impl PayPeriod {
    /// How many of this period make a working year: 40 hours × 52 weeks,
    /// 5 days × 52 weeks, 12 months. The database's `periods_per_year`
    /// uses the same figures; a test keeps them equal.
    pub fn per_year(self) -> u32 {
        match self {
            PayPeriod::Hour => 2080,
            PayPeriod::Day => 260,
            PayPeriod::Month => 12,
            PayPeriod::Year => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_slugs_round_trip() {
        for option in Sort::ALL {
            assert_eq!(Sort::from_slug(option.slug()), Some(*option));
        }
    }
}
