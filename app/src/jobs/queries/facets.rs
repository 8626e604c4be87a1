//! Every option's disjunctive count, from one pass over the matching jobs.

use super::super::query::POSTED_CHOICES;
use super::super::types::{Hours, Seniority, Workplace};
use super::super::{FacetCount, FacetGroup};
use super::{Filters, filtered, planned_for};
use crate::AppError;
use crate::common::EmploymentType;
use sqlx::PgPool;

/// The total, and every option's disjunctive count.
pub(super) struct Facets {
    pub total: i64,
    pub counts: Vec<FacetCount>,
}

/// Open jobs sharing every value that a faceted filter looks at. The search
/// counts these groups (a few hundred at most, however many jobs match) in
/// one pass, and derives every facet count from them here.
#[derive(Debug)]
struct Group {
    kind: String,
    hours: String,
    workplace: String,
    seniority: String,
    /// The smallest "posted within" choice the job falls in, if any.
    within: Option<i32>,
    has_skill: bool,
    in_period: bool,
    jobs: i64,
}

impl Group {
    /// Passes every faceted filter except those of `skip`'s group.
    fn passes(&self, f: &Filters, skip: Option<FacetGroup>) -> bool {
        let any =
            |chosen: &[String], value: &str| chosen.is_empty() || chosen.iter().any(|c| c == value);
        (skip == Some(FacetGroup::Type) || any(&f.types, &self.kind))
            && (skip == Some(FacetGroup::Hours) || any(&f.hours, &self.hours))
            && (skip == Some(FacetGroup::Workplace) || any(&f.workplace, &self.workplace))
            && (skip == Some(FacetGroup::Seniority) || any(&f.seniority, &self.seniority))
            && (skip == Some(FacetGroup::Skill) || self.has_skill)
            && (skip == Some(FacetGroup::Posted) || self.in_period)
    }
}

/// The total and the disjunctive count of every option of every filter:
/// the groups above for the single-valued filters and the dates, and a
/// second query for skills (a job has several).
pub(super) async fn facet_counts(
    pool: &PgPool,
    tsq: Option<&str>,
    f: &Filters,
) -> Result<Facets, AppError> {
    let [d1, d2, d3, d4] = POSTED_CHOICES.map(i32::from);
    let groups = async {
        let mut tx = planned_for(pool, tsq).await?;
        filtered!(query_as!(
            Group,
            r#"
            -- The type, hours, workplace and seniority filters ($6–$9) are
            -- applied to the groups in Rust (`Group::passes`), so that each
            -- option's count can leave its own group's filter out; they are
            -- named here only for their types.
            WITH applied_in_rust AS (SELECT $6::text[], $7::text[], $8::text[], $9::text[]),
            -- Group by the enums themselves (cheap to hash) and compare
            -- dates to thresholds computed once, not per row.
            t AS MATERIALIZED (
                SELECT now() - make_interval(days => $12) AS d1, now() - make_interval(days => $13) AS d2,
                       now() - make_interval(days => $14) AS d3, now() - make_interval(days => $15) AS d4,
                       now() - make_interval(days => coalesce($11, 0)) AS period
            )
            SELECT g.kind::text AS "kind!", g.hours::text AS "hours!",
                   g.workplace::text AS "workplace!", g.seniority::text AS "seniority!",
                   g.within AS "within?", g.has_skill AS "has_skill!", g.in_period AS "in_period!",
                   g.jobs AS "jobs!"
            FROM (
                SELECT j.employment_type AS kind, j.hours, j.workplace, j.seniority,
                       CASE WHEN j.posted_at >= t.d1 THEN $12
                            WHEN j.posted_at >= t.d2 THEN $13
                            WHEN j.posted_at >= t.d3 THEN $14
                            WHEN j.posted_at >= t.d4 THEN $15
                       END AS within,
                       (cardinality($10::text[]) = 0 OR j.skills && $10) AS has_skill,
                       ($11::int4 IS NULL OR j.posted_at >= t.period) AS in_period,
                       count(*) AS jobs
                FROM jobs j CROSS JOIN t
                WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
                GROUP BY 1, 2, 3, 4, 5, 6, 7
            ) g
            "#,
            tsq,
            f,
            d1,
            d2,
            d3,
            d4,
        ))
        .fetch_all(&mut *tx)
        .await
    };
    let skills = async {
        let mut tx = planned_for(pool, tsq).await?;
        filtered!(query!(
            r#"
            -- Counts for each skill leave the skill filter ($10) out.
            WITH left_out AS (SELECT $10::text[])
            SELECT k.slug AS "slug!", count(*) AS "jobs!"
            FROM jobs j CROSS JOIN unnest(j.skills) AS k (slug)
            WHERE job_is_candidate(j, $1::text::tsquery, $2, $3, $4, $5)
              AND job_passes_facets(j, $6, $7, $8, $9, '{}', $11)
            GROUP BY k.slug
            "#,
            tsq,
            f,
        ))
        .fetch_all(&mut *tx)
        .await
    };
    let (groups, skills) = tokio::try_join!(groups, skills)?;

    let sum = |skip: Option<FacetGroup>, pick: &dyn Fn(&Group) -> bool| -> i64 {
        groups
            .iter()
            .filter(|g| g.passes(f, skip) && pick(g))
            .map(|g| g.jobs)
            .sum()
    };
    let mut counts = Vec::new();
    let mut add = |group: FacetGroup, value: &str, count: i64| {
        counts.push(FacetCount {
            group,
            value: value.to_owned(),
            count,
        });
    };
    for option in EmploymentType::ALL {
        add(
            FacetGroup::Type,
            option.slug(),
            sum(Some(FacetGroup::Type), &|g| g.kind == option.slug()),
        );
    }
    for option in Hours::ALL {
        add(
            FacetGroup::Hours,
            option.slug(),
            sum(Some(FacetGroup::Hours), &|g| g.hours == option.slug()),
        );
    }
    for option in Workplace::ALL {
        add(
            FacetGroup::Workplace,
            option.slug(),
            sum(Some(FacetGroup::Workplace), &|g| {
                g.workplace == option.slug()
            }),
        );
    }
    for option in Seniority::ALL {
        add(
            FacetGroup::Seniority,
            option.slug(),
            sum(Some(FacetGroup::Seniority), &|g| {
                g.seniority == option.slug()
            }),
        );
    }
    for days in POSTED_CHOICES.map(i32::from) {
        let count = sum(Some(FacetGroup::Posted), &|g| {
            g.within.is_some_and(|w| w <= days)
        });
        add(FacetGroup::Posted, &days.to_string(), count);
    }
    for skill in skills {
        add(FacetGroup::Skill, &skill.slug, skill.jobs);
    }
    Ok(Facets {
        total: sum(None, &|_| true),
        counts,
    })
}
