//! `/staff/salary`: the places with their figures (each edited on its own
//! page), the experience curve, the skill premiums, the type-of-work
//! factors, the exchange rates and the sources, each its own plain form.

use super::forms::{CURVE_FIELDS, CurveForm, EmploymentForm, PremiumForm, RateForm};
use super::{SalaryBoard, staff_salary};
use crate::common::{Currency, EmploymentType, fixed};
use crate::salary::model::{Model, PLATEAU_YEARS};
use crate::staff::StaffMe;
use crate::staff::shell::StaffPage;
use crate::ui::ErrorPanel;
use crate::ui::form::{Echo, FormSummary, SelectField, TextField, message_for as message, refused};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SalaryEditorPage() -> impl IntoView {
    view! { <StaffPage title="Salary model".into() page="/staff/salary".into() content=board /> }
}

fn board(_me: StaffMe) -> impl IntoView {
    let data = OnceResource::new(staff_salary());
    let done = use_query_map().read_untracked().get("done").is_some();
    // A refused post renders this page from its top: say so there, with
    // the way to the form that needs fixing.
    let refused_at = [
        use_context::<Echo<CurveForm>>().map(|_| "#salary-curve"),
        use_context::<Echo<PremiumForm>>().map(|_| "#salary-premiums"),
        use_context::<Echo<EmploymentForm>>().map(|_| "#salary-employment"),
        use_context::<Echo<RateForm>>().map(|_| "#salary-rates"),
    ]
    .into_iter()
    .flatten()
    .next();
    view! {
        <header class="staff__head">
            <div>
                <h1>"Salary model"</h1>
                <p class="muted">"What the estimator computes from. A saved change shows on " <a href="/salary">"the estimator"</a> " at once."</p>
            </div>
        </header>
        {done.then(|| view! { <p class="notice notice--success" role="status">"Saved. The estimator uses it now."</p> })}
        {refused_at.map(|at| view! { <p class="notice notice--error" role="alert">"Not saved. " <a href=at>"See the form marked below."</a></p> })}
        <Suspense fallback=|| view! { <span class="skeleton skeleton--card"></span> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(board) => view! { <Board board /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The sources as a select's options: slug, and title with its kind.
pub(super) fn source_options(model: &Model) -> Vec<(String, String)> {
    model
        .sources
        .iter()
        .map(|s| {
            (
                s.slug.clone(),
                format!("{} ({}, {})", s.title, s.year, s.kind.label()),
            )
        })
        .collect()
}

#[component]
fn Board(board: SalaryBoard) -> impl IntoView {
    let problems = (!board.problems.is_empty()).then(|| {
        view! { <p class="notice notice--error" role="alert">{format!("The public estimator refuses this model until it is mended: {}.", board.problems.join("; "))}</p> }
    });
    let sources = source_options(&board.model);
    view! {
        {problems}
        <Places model=board.model.clone() />
        <div class="staff__section salary-editor__stack">
            <Curve model=board.model.clone() sources=sources.clone() />
            <Premiums model=board.model.clone() sources=sources.clone() />
        </div>
        <Employment model=board.model.clone() sources=sources />
        <Rates rates=board.rates />
        <Sources model=board.model />
    }
}

#[component]
fn Places(model: Model) -> impl IntoView {
    let rows = model
        .locations
        .iter()
        .map(|l| {
            let figures = match &l.figures {
                Some(f) => view! {
                    <td class="num">{fixed(f.p25, 0)}</td><td class="num">{fixed(f.median, 0)}</td><td class="num">{fixed(f.p75, 0)}</td>
                    <td>{f.year}</td><td>{f.source.clone()}</td>
                }
                .into_any(),
                None => view! { <td colspan="5" class="muted">"Not enough data: the page offers the nearest place with figures."</td> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row"><a href=format!("/staff/salary/places/{}", l.slug)>{l.label()}</a></th>
                    <td>{l.currency.code()}</td>
                    {figures}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="staff__section" aria-labelledby="salary-places">
            <h2 id="salary-places">"Places"</h2>
            <p class="muted">"Yearly pay across experience levels, in each place's currency. Open a place to change its figures."</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Places and their figures">
                <table class="table">
                    <thead><tr>
                        <th scope="col">"Place"</th><th scope="col">"Currency"</th><th scope="col" class="num">"25th"</th>
                        <th scope="col" class="num">"Median"</th><th scope="col" class="num">"75th"</th><th scope="col">"Year"</th><th scope="col">"Source"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Curve(model: Model, sources: Vec<(String, String)>) -> impl IntoView {
    let (typed, error) = match refused::<CurveForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (
            CurveForm {
                years: model
                    .experience
                    .iter()
                    .map(|p| fixed(p.multiplier, 3))
                    .collect(),
                source: model
                    .experience
                    .first()
                    .map(|p| p.source.clone())
                    .unwrap_or_default(),
            },
            None,
        ),
    };
    let fields = CURVE_FIELDS[..=PLATEAU_YEARS as usize]
        .iter()
        .enumerate()
        .map(|(year, name)| {
            let label = curve_label(year);
            let value = typed.years.get(year).cloned().unwrap_or_default();
            view! { <TextField form="curve" name=name label kind="text" autocomplete="off" value message=message(&error, name) /> }
        })
        .collect_view();
    view! {
        <form class="card staff-form" method="post" action="/staff/salary/curve" novalidate aria-labelledby="salary-curve">
            <h2 id="salary-curve">"Experience curve"</h2>
            <p class="muted">"Pay against the place's median by years of experience (1.00 is the median); it may never fall."</p>
            <FormSummary form="curve" error=Signal::stored(error.clone()) />
            <div class="salary-curve">{fields}</div>
            <SelectField form="curve" name="source" label="Source" options=sources chosen=typed.source message=message(&error, "source") />
            <button type="submit" class="button button--primary">"Save the curve"</button>
        </form>
    }
}

/// "0 years" … "20+ years", as `&'static str` for the field's label.
fn curve_label(year: usize) -> &'static str {
    const LABELS: [&str; PLATEAU_YEARS as usize + 1] = [
        "0 years",
        "1 year",
        "2 years",
        "3 years",
        "4 years",
        "5 years",
        "6 years",
        "7 years",
        "8 years",
        "9 years",
        "10 years",
        "11 years",
        "12 years",
        "13 years",
        "14 years",
        "15 years",
        "16 years",
        "17 years",
        "18 years",
        "19 years",
        "20+ years",
    ];
    LABELS.get(year).copied().unwrap_or("")
}

#[component]
fn Premiums(model: Model, sources: Vec<(String, String)>) -> impl IntoView {
    let refusal = refused::<PremiumForm>();
    let rows = model
        .skills
        .iter()
        .map(|skill| {
            let mine = refusal.as_ref().filter(|(typed, _)| typed.skill == skill.slug);
            let percent = mine.map_or_else(|| fixed(skill.premium * 100.0, 1), |(t, _)| t.percent.clone());
            let chosen = mine.map_or_else(|| skill.source.clone(), |(t, _)| t.source.clone());
            let problem = mine.map(|(_, e)| {
                let text = e.field_message("percent").or_else(|| e.field_message("source")).unwrap_or_else(|| e.to_string());
                view! { <p class="field__error" role="alert">{text}</p> }
            });
            let id = format!("premium-{}", skill.slug);
            let options = sources
                .iter()
                .map(|(value, text)| {
                    let selected = *value == chosen;
                    view! { <option value=value.clone() selected=selected>{text.clone()}</option> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{skill.name.clone()}</th>
                    <td>
                        <form class="salary-premium" method="post" action="/staff/salary/premium" novalidate>
                            <input type="hidden" name="skill" value=skill.slug.clone() />
                            <label class="visually-hidden" for=id.clone()>{format!("Premium for {} (%)", skill.name)}</label>
                            <input id=id.clone() name="percent" inputmode="decimal" size="5" value=percent aria-invalid=mine.is_some().to_string() />
                            <label class="visually-hidden" for=format!("{id}-source")>{format!("Source for {}", skill.name)}</label>
                            <select id=format!("{id}-source") name="source">{options}</select>
                            <button type="submit" class="button button--small">"Save"</button>
                            {problem}
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card staff-form" aria-labelledby="salary-premiums">
            <h2 id="salary-premiums">"Skill premiums (%)"</h2>
            <p class="muted">"What each skill adds before the estimator's diminishing returns and cap; never negative."</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Skill premiums">
                <table class="table"><tbody>{rows}</tbody></table>
            </div>
        </section>
    }
}

/// Each type of work's form id prefix.
fn employment_form(employment: EmploymentType) -> &'static str {
    match employment {
        EmploymentType::Employee => "employment-employee",
        EmploymentType::Freelance => "employment-freelance",
        EmploymentType::Agency => "employment-agency",
        EmploymentType::Temporary => "employment-temporary",
    }
}

#[component]
fn Employment(model: Model, sources: Vec<(String, String)>) -> impl IntoView {
    let refusal = refused::<EmploymentForm>();
    let forms = model
        .employment
        .iter()
        .map(|e| {
            let form = employment_form(e.employment);
            let (typed, error) = match refusal.as_ref().filter(|(t, _)| t.employment == e.employment.slug()) {
                Some((typed, error)) => (typed.clone(), Some(error.clone())),
                None => (
                    EmploymentForm {
                        employment: e.employment.slug().into(),
                        multiplier: fixed(e.multiplier, 2),
                        note: e.note.clone(),
                        source: e.source.clone(),
                    },
                    None,
                ),
            };
            view! {
                <form class="card staff-form" method="post" action="/staff/salary/employment" novalidate>
                    <h3>{e.employment.label()}</h3>
                    <input type="hidden" name="employment" value=e.employment.slug() />
                    <FormSummary form error=Signal::stored(error.clone()) />
                    <TextField form name="multiplier" label="Factor on the yearly figure" kind="text" autocomplete="off" value=typed.multiplier message=message(&error, "multiplier") />
                    <TextField form name="note" label="Why" kind="text" autocomplete="off" value=typed.note message=message(&error, "note") />
                    <SelectField form name="source" label="Source" options=sources.clone() chosen=typed.source message=message(&error, "source") />
                    <button type="submit" class="button">"Save"</button>
                </form>
            }
        })
        .collect_view();
    view! {
        <section class="staff__section" aria-labelledby="salary-employment">
            <h2 id="salary-employment">"Type of work"</h2>
            <div class="staff-cards">{forms}</div>
        </section>
    }
}

#[component]
fn Rates(rates: Vec<super::RateRow>) -> impl IntoView {
    let (typed, error) = match refused::<RateForm>() {
        Some((typed, error)) => (typed, Some(error)),
        None => (RateForm::default(), None),
    };
    let currencies = Currency::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.code().to_owned()))
        .collect();
    let rows = rates
        .into_iter()
        .map(|r| view! { <tr><th scope="row">{r.valid_on}</th><td>{r.currency}</td><td class="num">{fixed(r.usd_per_unit, 6)}</td><td>{r.source}</td></tr> })
        .collect_view();
    view! {
        <section class="staff__section staff-columns" aria-labelledby="salary-rates">
            <div>
                <h2 id="salary-rates">"Exchange rates"</h2>
                <p class="muted">"US dollars one unit bought on a day. The estimator uses each currency's newest; a job's pay uses the newest on or before its posting."</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Exchange rates, newest first">
                    <table class="table">
                        <thead><tr><th scope="col">"Valid from"</th><th scope="col">"Currency"</th><th scope="col" class="num">"USD per unit"</th><th scope="col">"Source"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </div>
            <form class="card staff-form" method="post" action="/staff/salary/rates" novalidate>
                <h3>"Add a rate"</h3>
                <FormSummary form="rate" error=Signal::stored(error.clone()) />
                <SelectField form="rate" name="currency" label="Currency" options=currencies chosen=typed.currency message=message(&error, "currency") />
                <TextField form="rate" name="valid_on" label="Valid from" kind="date" autocomplete="off" value=typed.valid_on message=message(&error, "valid_on") />
                <TextField form="rate" name="usd_per_unit" label="US dollars per unit" kind="text" autocomplete="off" value=typed.usd_per_unit message=message(&error, "usd_per_unit") />
                <TextField form="rate" name="source" label="Source (publisher and series)" kind="text" autocomplete="off" value=typed.source message=message(&error, "source") />
                <button type="submit" class="button button--primary">"Save the rate"</button>
            </form>
        </section>
    }
}

#[component]
fn Sources(model: Model) -> impl IntoView {
    let rows = model
        .sources
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/staff/salary/sources/{}", s.slug)>{s.slug.clone()}</a></th>
                    <td>{s.title}</td><td>{s.publisher}</td><td>{s.year}</td><td>{s.kind.label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="staff__section" aria-labelledby="salary-sources">
            <header class="staff__head">
                <h2 id="salary-sources">"Sources"</h2>
                <a class="button" href="/staff/salary/sources/new">"New source"</a>
            </header>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Sources">
                <table class="table">
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Title"</th><th scope="col">"Publisher"</th><th scope="col">"Year"</th><th scope="col">"Kind"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
