//! The result list: count, notes, spelling correction, sort, jobs, paging,
//! and an empty state that says which filters to drop.

use super::types::Sort;
use super::{JobCard, JobQuery, SearchPage, SkillLabel, posted_ago};
use crate::AppError;
use crate::common::{Currency, format_compact};
use crate::ui::ErrorPanel;
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
                <a class="results__to-filters" href="#filters">"Filters"</a>
            </div>
            {move || results.get().map(|result| match result {
                Ok(page) => view! { <ResultBody page /> }.into_any(),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            })}
        </div>
    }
}

fn count_text(total: i64) -> String {
    match total {
        0 => "No jobs found".into(),
        1 => "1 job".into(),
        n => format!("{} jobs", crate::common::format_number(n.unsigned_abs())),
    }
}

#[component]
fn SortSelect(query: Memo<JobQuery>) -> impl IntoView {
    let options = [None, Some(Sort::Relevance), Some(Sort::Newest), Some(Sort::Salary)]
        .into_iter()
        .map(|sort| {
            let selected = move || query.get().sort == sort;
            let label = match sort {
                None => "Best match, or newest",
                Some(sort) => sort.label(),
            };
            view! {
                <option value=sort.map(Sort::slug).unwrap_or_default() selected=selected prop:selected=selected>
                    {label}
                </option>
            }
        })
        .collect_view();
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
    let list = if page.jobs.is_empty() && page.query.after.is_some() {
        view! {
            <div class="empty-state">
                <h2>"No more jobs"</h2>
                <p>"That was the last page of this search."</p>
                <p><a href=page.query.first_page().href()>"Back to the first page"</a></p>
            </div>
        }
        .into_any()
    } else if page.jobs.is_empty() && page.query.text().is_empty() && !page.query.has_filters() {
        view! {
            <div class="empty-state">
                <h2>"No jobs are open right now"</h2>
                <p>"New offers arrive every week. Meanwhile, the " <a href="/guide">"guide"</a> " shows what employers look for."</p>
            </div>
        }
        .into_any()
    } else if page.jobs.is_empty() {
        view! { <EmptyState query=page.query.clone() /> }.into_any()
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
    let first = page.query.after.map(|_| {
        view! { <a class="pager__first" href=page.query.first_page().href()>"Back to the first page"</a> }
    });
    view! {
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

#[component]
pub fn JobCardView(job: JobCard, shown: CardDisplay) -> impl IntoView {
    let skills = job
        .skills
        .iter()
        .map(|slug| view! { <li>{shown.skill_name(slug).to_owned()}</li> })
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
            <p class="job-card__company">
                {job.company.clone()} " · " {job.city.clone()} ", " {job.country.clone()}
            </p>
            <ul class="tags" aria-label="Job type">
                <li>{job.workplace.label()}</li>
                <li>{job.employment_type.label()}</li>
                <li>{job.hours.label()}</li>
                <li>{job.seniority.label()}</li>
            </ul>
            <p class="job-card__pay">
                <strong>{job.salary.published()}</strong>
                " "
                <span class="muted">{converted}</span>
            </p>
            <ul class="job-card__skills" aria-label="Skills">{skills}</ul>
            <p class="job-card__posted">
                "Posted " <time datetime=job.posted_on.clone()>{posted_ago(job.age_days)}</time>
            </p>
        </li>
    }
}

/// No results: say so, and offer each filter's removal as a link.
#[component]
fn EmptyState(query: JobQuery) -> impl IntoView {
    let mut removals: Vec<(String, String)> = Vec::new();
    let base = query.first_page();
    if !base.text().is_empty() {
        removals.push((
            format!("the search “{}”", base.text()),
            JobQuery {
                q: String::new(),
                ..base.clone()
            }
            .href(),
        ));
    }
    for (i, option) in base.types.iter().enumerate() {
        let mut without = base.clone();
        without.types.remove(i);
        removals.push((option.label().to_owned(), without.href()));
    }
    for (i, option) in base.hours.iter().enumerate() {
        let mut without = base.clone();
        without.hours.remove(i);
        removals.push((option.label().to_owned(), without.href()));
    }
    for (i, option) in base.workplace.iter().enumerate() {
        let mut without = base.clone();
        without.workplace.remove(i);
        removals.push((option.label().to_owned(), without.href()));
    }
    for (i, option) in base.seniority.iter().enumerate() {
        let mut without = base.clone();
        without.seniority.remove(i);
        removals.push((option.label().to_owned(), without.href()));
    }
    for (i, skill) in base.skills.iter().enumerate() {
        let mut without = base.clone();
        without.skills.remove(i);
        removals.push((format!("the skill {skill}"), without.href()));
    }
    if base.salary_min.is_some() {
        removals.push((
            "the minimum pay".into(),
            JobQuery {
                salary_min: None,
                ..base.clone()
            }
            .href(),
        ));
    }
    if base.posted.is_some() {
        removals.push((
            "the posting date".into(),
            JobQuery {
                posted: None,
                ..base.clone()
            }
            .href(),
        ));
    }
    if !base.location.trim().is_empty() {
        removals.push((
            format!("the location “{}”", base.location.trim()),
            JobQuery {
                location: String::new(),
                ..base.clone()
            }
            .href(),
        ));
    }
    let suggestions = removals
        .into_iter()
        .map(|(what, href)| view! { <li><a href=href>"Remove " {what}</a></li> })
        .collect_view();
    view! {
        <div class="empty-state">
            <h2>"No jobs match all of that"</h2>
            <p>"Try fewer filters. Each of these links drops one:"</p>
            <ul class="link-list">{suggestions}</ul>
            <p><a href="/jobs">"See all jobs"</a></p>
        </div>
    }
}
