//! A job's own page, `/jobs/{slug}`: the offer, pay, skills, how to apply,
//! the application form, similar jobs, and JobPosting JSON-LD.

use super::apply::ApplyForm;
use super::results::{CardDisplay, JobCardView};
use super::{JobDetail, JobQuery, get_job, posted_ago};
use crate::AppError;
use crate::common::{Currency, format_compact};
use crate::ui::ErrorPanel;
use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

#[component]
pub fn JobPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let job = Resource::new(slug, get_job);

    view! {
        <Suspense fallback=|| view! { <p class="loading page">"Loading the job…"</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Ok(job) => view! { <JobView job /> }.into_any(),
                    Err(AppError::Gone) => view! { <GoneJob /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::ui::NotFound /> }.into_any(),
                    Err(error) => view! { <section class="page"><ErrorPanel error /></section> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn JobView(job: JobDetail) -> impl IntoView {
    let card = job.card.clone();
    let description = format!(
        "{} at {} in {}, {}: {}.",
        card.title,
        card.company,
        card.city,
        card.country,
        card.salary.published()
    );
    let json_ld = (!job.json_ld.is_empty()).then(|| {
        view! { <script type="application/ld+json" inner_html=job.json_ld.clone()></script> }
    });
    view! {
        <PageTitle text=format!("{} at {} — Backline", card.title, card.company) />
        <Meta name="description" content=description />
        {json_ld}
        <article class="page job">
            <p class="breadcrumb"><a href="/jobs">"← All jobs"</a></p>
            <JobHead job=job.clone() />
            {job.expired.then(|| view! {
                <p class="notice notice--warning" role="status">
                    "This job has expired and no longer takes applications. "
                    <a href="/jobs">"Search open jobs"</a>
                </p>
            })}
            <div class="job__layout">
                <div class="job__main">
                    <section class="job__description" aria-label="Description" inner_html=job.description_html.clone()></section>
                    <JobFacts job=job.clone() />
                    {(!job.expired).then(|| view! {
                        <ApplyForm slug=card.slug.clone() company=card.company.clone() how_to_apply=job.how_to_apply.clone() />
                    })}
                </div>
                <SimilarJobs job=job.clone() />
            </div>
            {(!job.expired).then(|| view! { <ApplyBar pay=card.salary.published() /> })}
        </article>
    }
}

/// The offer at a glance: what, who, where, the kind of work, the pay, and
/// the way to apply ([`ApplyBar`] keeps the last two in reach on phones).
#[component]
fn JobHead(job: JobDetail) -> impl IntoView {
    let card = job.card;
    let open = !job.expired;
    view! {
        <header class="job__head">
            <div class="job__head-main">
                <p class="job__company">{card.company.clone()}</p>
                <h1>{card.title.clone()}</h1>
                <p class="job__where">{card.city.clone()} ", " {card.country.clone()} " · " {card.workplace.label()}</p>
                <ul class="chips" aria-label="Job type">
                    <li class="chip">{card.employment_type.label()}</li>
                    <li class="chip">{card.hours.label()}</li>
                    <li class="chip">{card.seniority.label()}</li>
                </ul>
            </div>
            <div class="job__head-side">
                <p class="job__pay">{card.salary.published()}</p>
                {open.then(|| view! { <a class="button button--primary job__apply" href="#apply">"Apply"</a> })}
            </div>
        </header>
    }
}

/// On phones, the pay and "Apply" at the foot of the screen. Sticky at the
/// bottom, so it sits last in the article and holds there while the offer
/// above it is read.
#[component]
fn ApplyBar(pay: String) -> impl IntoView {
    view! {
        <div class="job__applybar">
            <p class="job__pay">{pay}</p>
            <a class="button button--primary" href="#apply" aria-label="Apply for this job">"Apply"</a>
        </div>
    }
}

#[component]
fn JobFacts(job: JobDetail) -> impl IntoView {
    let card = &job.card;
    let usd = format!(
        "≈ {}–{} a year",
        format_compact(card.salary.min_usd_year.into(), Currency::Usd),
        format_compact(card.salary.max_usd_year.into(), Currency::Usd)
    );
    let skills = job
        .skill_names
        .iter()
        .map(|skill| {
            let href = JobQuery {
                skills: vec![skill.slug.clone()],
                ..JobQuery::default()
            }
            .href();
            view! { <li><a class="chip chip--link" href=href>{skill.name.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <section class="job__facts" aria-labelledby="facts-title">
            <h2 id="facts-title">"At a glance"</h2>
            <dl>
                <dt>"Pay"</dt>
                <dd>
                    <strong>{card.salary.published()}</strong>
                    <span class="muted">" (" {usd} ", at approximate rates)"</span>
                </dd>
                <dt>"Skills"</dt>
                <dd><ul class="chips job__skills">{skills}</ul></dd>
                <dt>"Posted"</dt>
                <dd><time datetime=card.posted_on.clone()>{posted_ago(card.age_days)}</time></dd>
                <dt>"Open until"</dt>
                <dd><time datetime=job.valid_through.clone()>{job.valid_through.get(..10).unwrap_or_default().to_owned()}</time></dd>
            </dl>
        </section>
    }
}

#[component]
fn SimilarJobs(job: JobDetail) -> impl IntoView {
    if job.similar.is_empty() {
        return None;
    }
    let shown = CardDisplay {
        skills: job.all_skills.clone(),
        currency: Currency::Usd,
        usd_per_unit: 1.0,
    };
    let cards = job
        .similar
        .into_iter()
        .map(|similar| view! { <JobCardView job=similar shown=shown.clone() /> })
        .collect_view();
    Some(view! {
        <aside class="job__similar" aria-labelledby="similar-title">
            <h2 id="similar-title">"Similar jobs"</h2>
            <ol class="job-list job-list--compact">{cards}</ol>
        </aside>
    })
}

/// A job that expired long ago: 410, so search engines drop it.
#[component]
fn GoneJob() -> impl IntoView {
    #[cfg(feature = "ssr")]
    AppError::Gone.set_response_status();
    view! {
        <PageTitle text="This job is no longer available — Backline" />
        <section class="page page--narrow">
            <h1>"This job is no longer available"</h1>
            <p>"It expired some time ago and has been taken down."</p>
            <p><a class="button button--primary" href="/jobs">"Search open jobs"</a></p>
        </section>
    }
}
