//! What the estimator shows: the range, how it was reached, where the
//! figures come from, how we estimate, and the matching jobs.
//!
//! Plain functions of plain values, rendered by the server and built again
//! as DOM by the estimator's island after each change. `Either`, not
//! `into_any`: every `into_any` keeps async-hydration code in the bundle
//! (leptos issue #4852).

use super::model::{
    Confidence, DECAY, Effect, Estimate, Factor, Inputs, Model, PLATEAU_YEARS, PREMIUM_CAP, Source,
    format_amount,
};
use crate::common::{fixed, format_number};
use leptos::either::Either;
use leptos::prelude::*;

/// Everything the estimate shows, from plain values: the server renders
/// it into the page, and the estimator's island draws it again with the
/// same functions after each change.
pub fn estimate_output(
    estimate: Estimate,
    inputs: &Inputs,
    model: &Model,
    count: Option<i64>,
) -> impl IntoView + use<> {
    let breakdown = breakdown(estimate.factors.clone(), estimate.currency, model);
    view! {
        {range_view(&estimate)}
        {warnings(estimate.warnings.clone())}
        {matching_jobs(inputs, model, count)}
        {super::chart::chart(inputs, model)}
        {breakdown}
        {sources(estimate.sources)}
    }
}

/// One short sentence that screen readers announce when the estimate
/// changes, instead of the whole output.
pub fn live_summary(estimate: &Estimate) -> String {
    match estimate.range {
        Some(range) => format!(
            "Estimate: {} to {} {}, median {}.",
            format_amount(range.p25, estimate.currency),
            format_amount(range.p75, estimate.currency),
            estimate.period.per(),
            format_amount(range.median, estimate.currency)
        ),
        None => "No estimate for this place.".to_owned(),
    }
}

/// What the URL or the form asked for that could not be used.
pub fn notes(notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <div class="notice notice--warning" role="status">
                <p>"Some of the link could not be used:"</p>
                <ul>{notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

fn range_view(estimate: &Estimate) -> impl IntoView + use<> {
    let asked = estimate.location.clone().unwrap_or_default();
    // Whose figures these are: the place asked about, or its country.
    let place = estimate.fallback.clone().map_or(asked.clone(), |used| {
        format!("{used} (standing in for {asked})")
    });
    match estimate.range {
        Some(range) => {
            let per = estimate.period.per();
            let currency = estimate.currency;
            Either::Left(view! {
                <section class="salary__range" aria-labelledby="salary-range-title">
                    <h2 id="salary-range-title" class="visually-hidden">"Estimate"</h2>
                    <p class="salary__figures" data-testid="salary-range">
                        <span data-p25="">{format_amount(range.p25, currency)}</span>
                        " – "
                        <span data-p75="">{format_amount(range.p75, currency)}</span>
                        <span class="salary__per">{format!(" {per}")}</span>
                    </p>
                    <p class="salary__median">
                        "Median " <strong data-median="">{format_amount(range.median, currency)}</strong>
                        {format!(" in {place}. The range runs from the 25th to the 75th percentile.")}
                    </p>
                    {confidence(estimate.confidence, &estimate.reasons)}
                </section>
            })
        }
        None => Either::Right(view! {
            <section class="salary__range salary__range--none" aria-labelledby="salary-range-title">
                <h2 id="salary-range-title">"No estimate for " {asked}</h2>
                <p>"We would rather say we do not know than invent a number."</p>
                {suggestions(estimate.suggestions.clone())}
            </section>
        }),
    }
}

/// Places near enough (the same currency) that do have figures.
fn suggestions(places: Vec<(String, String)>) -> impl IntoView {
    (!places.is_empty()).then(|| {
        view! {
            <p>
                "Places with figures in the same currency: "
                {places
                    .into_iter()
                    .enumerate()
                    .map(|(i, (slug, label))| {
                        let href = super::SalaryQuery { location: Some(slug), ..Default::default() }.href();
                        view! {
                            {(i > 0).then_some(", ")}
                            <a href=href>{label}</a>
                        }
                    })
                    .collect_view()}
                "."
            </p>
        }
    })
}

fn confidence(confidence: Confidence, reasons: &[String]) -> impl IntoView + use<> {
    let class = match confidence {
        Confidence::High => "confidence confidence--high",
        Confidence::Medium => "confidence confidence--medium",
        _ => "confidence confidence--low",
    };
    view! {
        <p class=class>
            <strong>{confidence.label()}</strong>
            ". "
            {reasons.join(". ")}
            "."
        </p>
    }
}

fn warnings(warnings: Vec<String>) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        view! {
            <div class="notice notice--warning" role="status">
                {warnings.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
            </div>
        }
    })
}

fn breakdown(
    factors: Vec<Factor>,
    currency: crate::common::Currency,
    model: &Model,
) -> impl IntoView + use<> {
    (!factors.is_empty()).then(|| {
        let rows = factors
            .into_iter()
            .map(|factor| {
                let effect = match &factor.effect {
                    Effect::Base { median, currency } => format!("median {} a year", format_amount(*median, *currency)),
                    Effect::Times(m) => format!("×{}", fixed(*m, 2)),
                    Effect::Plus(share) => format!("+{} %", fixed(share * 100.0, 1)),
                };
                let source = factor
                    .source
                    .as_deref()
                    .and_then(|slug| model.source(slug).map(|s| s.kind.label()));
                view! {
                    <li>
                        <span class="breakdown__label">{factor.label}</span>
                        <span class="breakdown__effect">{effect}</span>
                        {source.map(|label| view! { <span class="breakdown__source">{label}</span> })}
                        {factor.note.map(|note| view! { <p class="hint">{note}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="salary__breakdown" aria-labelledby="breakdown-title">
                <h2 id="breakdown-title">"How this estimate is built"</h2>
                <ol class="breakdown">{rows}</ol>
                <p class="hint">{format!("Shown in {}.", currency.code())}</p>
            </section>
        }
    })
}

fn sources(sources: Vec<Source>) -> impl IntoView {
    (!sources.is_empty()).then(|| {
        view! {
            <section class="salary__sources" aria-labelledby="sources-title">
                <h2 id="sources-title">"Sources"</h2>
                <ul class="sources">
                    {sources
                        .into_iter()
                        .map(|source| {
                            let title = match source.url.clone() {
                                Some(url) => Either::Left(view! { <a href=url rel="noopener">{source.title.clone()}</a> }),
                                None => Either::Right(view! { <span>{source.title.clone()}</span> }),
                            };
                            view! {
                                <li>
                                    {title}
                                    {format!(" — {}, {} ({})", source.publisher, source.year, source.kind.label())}
                                    <p class="hint">{source.note}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The method in words, the same as `model`'s documentation.
#[component]
pub fn HowWeEstimate() -> impl IntoView {
    view! {
        <details class="salary__method">
            <summary>"How we estimate"</summary>
            <ol>
                <li>"We start from the place's yearly 25th percentile, median and 75th percentile, in its currency. A city without figures uses its country's, and says so; with none at all, we show no number."</li>
                <li>{format!("We multiply by an experience curve, between whole years. It never falls, and it is flat from {PLATEAU_YEARS} years on.")}</li>
                <li>{format!(
                    "Skill premiums do not add up. The largest counts in full, the next at {} %, the next at {} %, and so on. That sum then meets a ceiling smoothly: the total is sum × cap ÷ (sum + cap), so it never reaches +{} % however many skills you add, and adding a skill never lowers it.",
                    fixed(DECAY * 100.0, 0), fixed(DECAY * DECAY * 100.0, 0), fixed(PREMIUM_CAP * 100.0, 0)
                )}</li>
                <li>"We multiply by the factor for freelance, agency or temporary work."</li>
                <li>"We convert at the newest reference rate, and divide the year by 12 months or 2,080 working hours. Figures are rounded to three significant digits."</li>
            </ol>
        </details>
    }
}

/// "See N matching jobs": the job search with the same place, skills and
/// type. The count is the server's; the island asks again when the place,
/// skills or type change (never for the years) and writes it in.
fn matching_jobs(inputs: &Inputs, model: &Model, count: Option<i64>) -> impl IntoView + use<> {
    let jobs = super::query::matching_jobs(inputs, model);
    view! {
        <p class="salary__jobs">
            <a class="button button--secondary" href=jobs.href() data-testid="matching-jobs" data-jobs=jobs.render()>
                {jobs_link_text(count)}
            </a>
        </p>
    }
}

/// The link's words for a count, known or not (yet).
pub fn jobs_link_text(count: Option<i64>) -> String {
    match count {
        Some(1) => "See 1 matching job".to_owned(),
        Some(n) => format!("See {} matching jobs", format_number(n.max(0) as u64)),
        None => "See matching jobs".to_owned(),
    }
}

/// The notes of two readings, each once, in order.
pub fn merge_notes(mut notes: Vec<String>, more: Vec<String>) -> Vec<String> {
    for note in more {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes
}
