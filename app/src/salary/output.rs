//! What the estimator shows: the range, how it was reached, where the
//! figures come from, how we estimate, and the matching jobs.

use super::model::{
    Confidence, DECAY, Effect, Estimate, Factor, Inputs, Model, PLATEAU_YEARS, PREMIUM_CAP, Source,
    format_amount,
};
use super::query::matching_jobs;
use crate::common::format_number;
use leptos::prelude::*;

/// The range first, then how it was reached and where the figures come from.
#[component]
pub fn EstimateView(
    estimate: Memo<Estimate>,
    model: StoredValue<Model>,
    children: Children,
) -> impl IntoView {
    view! {
        <LiveSummary estimate />
        <RangeView estimate />
        <Warnings estimate />
        {children()}
        {move || {
            let estimate = estimate.get();
            view! {
                <Breakdown factors=estimate.factors.clone() currency=estimate.currency model />
                <Sources sources=estimate.sources />
            }
        }}
        <HowWeEstimate />
    }
}

/// One short sentence that screen readers announce when the estimate
/// changes, instead of the whole output.
#[component]
fn LiveSummary(estimate: Memo<Estimate>) -> impl IntoView {
    let text = move || {
        let estimate = estimate.get();
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
    };
    view! { <p class="visually-hidden" aria-live="polite">{text}</p> }
}

#[component]
fn RangeView(estimate: Memo<Estimate>) -> impl IntoView {
    move || {
        let estimate = estimate.get();
        let confidence = estimate.confidence;
        let asked = estimate.location.clone().unwrap_or_default();
        // Whose figures these are: the place asked about, or its country.
        let place = estimate.fallback.clone().map_or(asked.clone(), |used| {
            format!("{used} (standing in for {asked})")
        });
        match estimate.range {
            Some(range) => {
                let per = estimate.period.per();
                let currency = estimate.currency;
                view! {
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
                        <Confidence confidence reasons=estimate.reasons.clone() />
                    </section>
                }
                .into_any()
            }
            None => view! {
                <section class="salary__range salary__range--none" aria-labelledby="salary-range-title">
                    <h2 id="salary-range-title">"No estimate for " {asked}</h2>
                    <p>"We would rather say we do not know than invent a number."</p>
                    <Suggestions places=estimate.suggestions />
                </section>
            }
            .into_any(),
        }
    }
}

/// Places near enough (the same currency) that do have figures.
#[component]
fn Suggestions(places: Vec<(String, String)>) -> impl IntoView {
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

#[component]
fn Confidence(confidence: Confidence, reasons: Vec<String>) -> impl IntoView {
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

#[component]
fn Warnings(estimate: Memo<Estimate>) -> impl IntoView {
    move || {
        let warnings = estimate.get().warnings;
        (!warnings.is_empty()).then(|| {
            view! {
                <div class="notice notice--warning" role="status">
                    {warnings.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                </div>
            }
        })
    }
}

#[component]
fn Breakdown(
    factors: Vec<Factor>,
    currency: crate::common::Currency,
    model: StoredValue<Model>,
) -> impl IntoView {
    (!factors.is_empty()).then(|| {
        let rows = factors
            .into_iter()
            .map(|factor| {
                let effect = match &factor.effect {
                    Effect::Base { median, currency } => format!("median {} a year", format_amount(*median, *currency)),
                    Effect::Times(m) => format!("×{m:.2}"),
                    Effect::Plus(share) => format!("+{:.1} %", share * 100.0),
                };
                let source = factor
                    .source
                    .as_deref()
                    .and_then(|slug| model.with_value(|m| m.source(slug).map(|s| s.kind.label())));
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

#[component]
fn Sources(sources: Vec<Source>) -> impl IntoView {
    (!sources.is_empty()).then(|| {
        view! {
            <section class="salary__sources" aria-labelledby="sources-title">
                <h2 id="sources-title">"Sources"</h2>
                <ul class="sources">
                    {sources
                        .into_iter()
                        .map(|source| {
                            let title = match source.url.clone() {
                                Some(url) => view! { <a href=url rel="noopener">{source.title.clone()}</a> }.into_any(),
                                None => view! { <span>{source.title.clone()}</span> }.into_any(),
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
fn HowWeEstimate() -> impl IntoView {
    view! {
        <details class="salary__method">
            <summary>"How we estimate"</summary>
            <ol>
                <li>"We start from the place's yearly 25th percentile, median and 75th percentile, in its currency. A city without figures uses its country's, and says so; with none at all, we show no number."</li>
                <li>{format!("We multiply by an experience curve, between whole years. It never falls, and it is flat from {PLATEAU_YEARS} years on.")}</li>
                <li>{format!(
                    "Skill premiums do not add up. The largest counts in full, the next at {:.0} %, the next at {:.0} %, and so on. That sum then meets a ceiling smoothly: the total is sum × cap ÷ (sum + cap), so it never reaches +{:.0} % however many skills you add, and adding a skill never lowers it.",
                    DECAY * 100.0, DECAY * DECAY * 100.0, PREMIUM_CAP * 100.0
                )}</li>
                <li>"We multiply by the factor for freelance, agency or temporary work."</li>
                <li>"We convert at the newest reference rate, and divide the year by 12 months or 2,080 working hours. Figures are rounded to three significant digits."</li>
            </ol>
        </details>
    }
}

/// "See N matching jobs": the job search with the same place, skills and
/// type. The server renders the count for the URL; in the browser it is
/// asked again whenever the place, skills or type change (never for the
/// years), and an older answer never overwrites a newer one.
#[component]
pub fn MatchingJobs(
    inputs: Memo<Inputs>,
    model: StoredValue<Model>,
    initial: Option<i64>,
) -> impl IntoView {
    let jobs = Memo::new(move |_| model.with_value(|m| matching_jobs(&inputs.get(), m)));
    let count = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    {
        let latest = StoredValue::new(0u64);
        leptos::prelude::Effect::watch(
            move || jobs.get().render(),
            move |query, _, _| {
                let query = query.clone();
                count.set(None);
                let version = latest.get_value() + 1;
                latest.set_value(version);
                leptos::task::spawn_local(async move {
                    let answer = super::count_matching_jobs(query).await.ok();
                    if latest.try_get_value() == Some(version) {
                        count.try_set(answer);
                    }
                });
            },
            initial.is_none(),
        );
    }
    move || {
        let text = match count.get() {
            Some(1) => "See 1 matching job".to_owned(),
            Some(n) => format!("See {} matching jobs", format_number(n.max(0) as u64)),
            None => "See matching jobs".to_owned(),
        };
        view! {
            <p class="salary__jobs">
                <a class="button button--secondary" href=move || jobs.get().href() data-testid="matching-jobs">{text}</a>
            </p>
        }
    }
}
