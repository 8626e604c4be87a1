//! The result list: count, sort, the filters in use as chips, notes,
//! spelling correction, jobs, paging, and an empty state that says which
//! filters to drop.

use super::chips::{ActiveFilters, removals};
use super::types::Sort;
use super::{JobCard, JobQuery, SearchPage, SkillLabel, posted_ago};
use crate::AppError;
use crate::common::{Currency, format_compact};
use crate::ui::{Art, EmptyState, ErrorPanel};
use leptos::prelude::*;

type ResultsResource = Resource<Result<SearchPage, AppError>>;

#[component]
pub fn Results(query: Memo<JobQuery>, results: ResultsResource) -> impl IntoView {
    view! {
        // `data-for`: the search these results answer, so tests (and tools)
        // can tell when the list has caught up with the URL.
        <div
            class="results"
            aria-busy="false"
            data-for=move || results.get().and_then(Result::ok).map(|page| page.query.render()).unwrap_or_default()
        >
            // Focused when a link (the pager) replaced the results.
            <h2 class="visually-hidden" tabindex="-1">"Results"</h2>
            <div class="results__bar">
                <p class="results__count">
                    {move || match results.get() {
                        Some(Ok(page)) => count_text(page.total),
                        _ => String::new(),
                    }}
                </p>
                <SortSelect query />
                <button type="button" class="button results__to-filters" popovertarget="filters">
                    "Filters" <FilterCount query />
                </button>
            </div>
            {move || results.get().map(|result| match result {
                Ok(page) => view! { <ResultBody page /> }.into_any(),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            })}
        </div>
    }
}

/// How many filters are in use, beside the phone's "Filters" button.
#[component]
fn FilterCount(query: Memo<JobQuery>) -> impl IntoView {
    move || {
        let query = query.get();
        let n = query.types.len()
            + query.hours.len()
            + query.workplace.len()
            + query.seniority.len()
            + query.skills.len()
            + usize::from(query.salary_min.is_some())
            + usize::from(query.posted.is_some())
            + usize::from(!query.location.trim().is_empty());
        (n > 0)
            .then(|| view! { <span class="results__filter-count">{format!("({n} in use)")}</span> })
    }
}

fn count_text(total: i64) -> String {
    match total {
        0 => "No jobs found".into(),
        1 => "1 job".into(),
        n => format!("{} jobs", crate::common::format_number(n.unsigned_abs())),
    }
}

/// The orders that mean something for this search: "best match" only when
/// there is text to match (without it the default is the newest first).
#[component]
fn SortSelect(query: Memo<JobQuery>) -> impl IntoView {
    let options = move || {
        let query = query.get();
        let has_text = !query.text().is_empty();
        let default = if has_text {
            Sort::Relevance
        } else {
            Sort::Newest
        };
        [None, Some(Sort::Relevance), Some(Sort::Newest), Some(Sort::Salary)]
            .into_iter()
            // The default's own name is the unset choice; an explicit one
            // in a link stays listed so that it shows as chosen.
            .filter(|sort| sort.is_none_or(|sort| sort != default || query.sort == Some(sort)))
            .filter(|sort| has_text || *sort != Some(Sort::Relevance) || query.sort == *sort)
            .map(|sort| {
                let selected = query.sort == sort;
                let label = sort.unwrap_or(default).label();
                view! {
                    <option value=sort.map(Sort::slug).unwrap_or_default() selected=selected prop:selected=selected>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="sort">
            <span>"Sort"</span>
            <select id="job-sort" name="sort">{options}</select>
        </label>
    }
}

#[component]
fn ResultBody(page: SearchPage) -> impl IntoView {
    let notes = (!page.notes.is_empty()).then(|| {
        let items = page
            .notes
            .iter()
            .map(|note| view! { <li>{note.clone()}</li> })
            .collect_view();
        view! { <ul class="notes" aria-label="About your search">{items}</ul> }
    });
    let corrected = page.corrected.clone().map(|corrected| {
        let original = JobQuery {
            exact: true,
            ..page.query.first_page()
        };
        view! {
            <p class="correction">
                "Showing results for " <em>{corrected}</em> ". "
                "Search instead for " <a href=original.href()>{page.query.q.clone()}</a> "."
            </p>
        }
    });
    let first_href = page.query.first_page().href();
    let list = if page.jobs.is_empty() && page.query.after.is_some() {
        let first_href = first_href.clone();
        view! {
            <EmptyState art=Art::Search title="No more jobs">
                <p>"That was the last page of this search."</p>
                <p><a href=first_href>"Back to the first page"</a></p>
            </EmptyState>
        }
        .into_any()
    } else if page.jobs.is_empty() && page.query.text().is_empty() && !page.query.has_filters() {
        view! {
            <EmptyState art=Art::Search title="No jobs are open right now">
                <p>"New offers arrive every week. Meanwhile, the " <a href="/guide">"guide"</a> " shows what employers look for."</p>
            </EmptyState>
        }
        .into_any()
    } else if page.jobs.is_empty() {
        view! { <NoMatch query=page.query.clone() skills=page.skills.clone() /> }.into_any()
    } else {
        let shown = CardDisplay {
            skills: page.skills.clone(),
            currency: page.query.currency,
            usd_per_unit: page.usd_per_unit,
        };
        let cards = page
            .jobs
            .iter()
            .map(|job| view! { <JobCardView job=job.clone() shown=shown.clone() /> })
            .collect_view();
        view! { <ol class="job-list">{cards}</ol> }.into_any()
    };
    let next = page.next.map(|cursor| {
        let href = JobQuery {
            after: Some(cursor),
            ..page.query.clone()
        }
        .href();
        view! { <a class="button button--secondary" href=href rel="next">"Next 20 jobs"</a> }
    });
    let chips = view! { <ActiveFilters query=page.query.clone() skills=page.skills.clone() /> };
    let first = page.query.after.map(|_| {
        view! { <a class="pager__first" href=first_href>"Back to the first page"</a> }
    });
    view! {
        {chips}
        {notes}
        {corrected}
        {list}
        <nav class="pager" aria-label="More results">{first} {next}</nav>
    }
}

/// What a job card needs besides the job: skill names, and the currency
/// (with today's rate) to show converted pay in.
#[derive(Clone, Debug, PartialEq)]
pub struct CardDisplay {
    pub skills: Vec<SkillLabel>,
    pub currency: Currency,
    pub usd_per_unit: f64,
}

impl CardDisplay {
    fn skill_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.skills
            .iter()
            .find(|s| s.slug == slug)
            .map_or(slug, |s| s.name.as_str())
    }

    /// A yearly USD amount in the display currency.
    fn convert(&self, usd: i32) -> i64 {
        (f64::from(usd) / self.usd_per_unit).round() as i64
    }
}

/// Skills a card names: enough to recognise the job, on one line.
const CARD_SKILLS: usize = 3;

/// A job in a list, in three lines: title and pay; company, place and
/// workplace with the converted pay; the kind of job, its first skills and
/// its age.
#[component]
pub fn JobCardView(job: JobCard, shown: CardDisplay) -> impl IntoView {
    let skills = job
        .skills
        .iter()
        .take(CARD_SKILLS)
        .map(|slug| view! { <li class="chip chip--outline">{shown.skill_name(slug).to_owned()}</li> })
        .collect_view();
    let currency = shown.currency;
    let converted = format!(
        "≈ {}–{} a year",
        format_compact(shown.convert(job.salary.min_usd_year), currency),
        format_compact(shown.convert(job.salary.max_usd_year), currency)
    );
    view! {
        <li class="job-card">
            <h3 class="job-card__title">
                <a href=format!("/jobs/{}", job.slug)>{job.title.clone()}</a>
            </h3>
            <p class="job-card__pay">{job.salary.published()}</p>
            <p class="job-card__company">
                <span class="job-card__org">{job.company.clone()}</span>
                " · " {job.city.clone()} ", " {job.country.clone()} " · " {job.workplace.label()}
            </p>
            <p class="job-card__converted">{converted}</p>
            <ul class="job-card__tags" aria-label="Job type and skills">
                <li class="chip">{job.employment_type.label()}</li>
                <li class="chip">{job.hours.label()}</li>
                <li class="chip">{job.seniority.label()}</li>
                {skills}
            </ul>
            <p class="job-card__posted">
                <time datetime=job.posted_on.clone()>{posted_ago_short(job.age_days)}</time>
            </p>
        </li>
    }
}

/// "Today", "3 days ago": the card's corner has room for little more.
fn posted_ago_short(days: i32) -> String {
    let ago = posted_ago(days);
    let mut chars = ago.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// No results: say so, and offer each filter's removal as a link.
#[component]
fn NoMatch(query: JobQuery, skills: Vec<SkillLabel>) -> impl IntoView {
    let suggestions = removals(&query, &skills)
        .into_iter()
        .map(|r| view! { <li><a href=r.href>"Remove " {r.phrase}</a></li> })
        .collect_view();
    view! {
        <EmptyState art=Art::Search title="No jobs match all of that">
            <p>"Try fewer filters. Each of these links drops one:"</p>
            <ul class="link-list">{suggestions}</ul>
            <p><a href="/jobs">"See all jobs"</a></p>
        </EmptyState>
    }
}
