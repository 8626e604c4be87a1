//! The estimator's inputs: one GET form, live once hydrated.

use super::live::live_form;
use super::model::{Inputs, Location, MAX_YEARS, Model, Period, SourceKind, format_years};
use super::query::SalaryQuery;
use crate::common::{Currency, EmploymentType};
use leptos::prelude::*;

#[component]
pub fn EstimatorForm(
    model: StoredValue<Model>,
    query: RwSignal<SalaryQuery>,
    inputs: Memo<Inputs>,
    notes: RwSignal<Vec<String>>,
) -> impl IntoView {
    let live = live_form(query, notes);
    view! {
        <form
            class="salary__form"
            method="get"
            action="/salary"
            aria-label="Your situation"
            on:input=move |ev| live.changed(ev)
            on:change=move |ev| live.changed(ev)
            on:submit=move |ev| live.submitted(ev)
        >
            <LocationPicker model inputs />
            <YearsInput inputs />
            <SkillToggles model inputs />
            <TypeAndCurrency inputs />
            <PeriodChoice inputs />
            <button type="submit" class="button salary__submit">
                "Update estimate"
            </button>
        </form>
    }
}

/// A select of every place, countries with their cities, and (with
/// JavaScript) a box that narrows it as you type.
#[component]
fn LocationPicker(model: StoredValue<Model>, inputs: Memo<Inputs>) -> impl IntoView {
    let (filter, set_filter) = signal(String::new());
    let places = model.with_value(grouped_places);
    let selected = move || inputs.get().location;
    view! {
        <div class="field">
            <label for="salary-location">"Location"</label>
            <input
                class="js-only"
                type="search"
                placeholder="Filter places…"
                aria-label="Filter the list of places"
                aria-controls="salary-location"
                on:input=move |ev| set_filter.set(event_target_value(&ev))
            />
            <select id="salary-location" name="location" prop:value=selected>
                {move || {
                    // Only the places that match the filter (and the chosen
                    // one): hiding options is not honoured by every browser.
                    let wanted = filter.get().trim().to_lowercase();
                    places
                        .iter()
                        .filter(|place| {
                            wanted.is_empty()
                                || place.slug == inputs.get_untracked().location
                                || format!("{} {}", place.name, place.country).to_lowercase().contains(&wanted)
                        })
                        .map(|place| {
                            let slug = place.slug.clone();
                            let is_selected = {
                                let slug = slug.clone();
                                move || inputs.get().location == slug
                            };
                            let mut label = if place.is_city {
                                format!("\u{2003}{}", place.name)
                            } else {
                                place.name.clone()
                            };
                            if place.figures.is_none() {
                                label.push_str(" (not enough data)");
                            }
                            view! {
                                <option value=slug selected=is_selected>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Countries in picker order, each followed by its cities.
fn grouped_places(model: &Model) -> Vec<Location> {
    let mut out = Vec::new();
    for country in model.locations.iter().filter(|l| !l.is_city) {
        out.push(country.clone());
        out.extend(
            model
                .locations
                .iter()
                .filter(|l| l.is_city && l.parent.as_deref() == Some(&country.slug))
                .cloned(),
        );
    }
    // Cities whose country is not listed still appear.
    for city in model.locations.iter().filter(|l| l.is_city) {
        if !out.iter().any(|l| l.slug == city.slug) {
            out.push(city.clone());
        }
    }
    out
}

#[component]
fn YearsInput(inputs: Memo<Inputs>) -> impl IntoView {
    let years = move || format_years(inputs.get().years);
    let slider = move || format_years(inputs.get().years.min(30.0));
    view! {
        <div class="field salary__years">
            <label for="salary-years">"Years of experience"</label>
            <div class="salary__years-row">
                <input
                    class="js-only salary__slider"
                    type="range"
                    min="0"
                    max="30"
                    step="0.5"
                    aria-label="Years of experience (slider)"
                    value=slider
                    prop:value=slider
                    data-years-slider=""
                />
                <input
                    id="salary-years"
                    name="years"
                    type="number"
                    min="0"
                    max=MAX_YEARS
                    step="any"
                    inputmode="decimal"
                    value=years
                    prop:value=years
                />
            </div>
        </div>
    }
}

#[component]
fn SkillToggles(model: StoredValue<Model>, inputs: Memo<Inputs>) -> impl IntoView {
    let skills = model.with_value(|m| {
        m.skills
            .iter()
            .map(|s| {
                let claim =
                    m.source(&s.source).map(|src| src.kind) == Some(SourceKind::ArticleClaim);
                (s.slug.clone(), s.name.clone(), claim)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <fieldset class="field salary__skills">
            <legend>"Skills"</legend>
            <p class="hint">"The article's five come first; their premiums are its unverified claims."</p>
            <ul class="toggles">
                {skills
                    .into_iter()
                    .map(|(slug, name, claim)| {
                        let checked = {
                            let slug = slug.clone();
                            move || inputs.get().skills.contains(&slug)
                        };
                        let id = format!("salary-skill-{slug}");
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() name="skill" value=slug checked=checked.clone() prop:checked=checked />
                                <label for=id>
                                    {name}
                                    {claim.then(|| view! { <span class="tag tag--claim">"claim"</span> })}
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </fieldset>
    }
}

#[component]
fn TypeAndCurrency(inputs: Memo<Inputs>) -> impl IntoView {
    let kind = move || inputs.get().employment.slug().to_owned();
    let currency = move || {
        inputs
            .get()
            .currency
            .map(|c| c.code())
            .unwrap_or("")
            .to_owned()
    };
    view! {
        <div class="field-row">
            <div class="field">
                <label for="salary-type">"Type of work"</label>
                <select id="salary-type" name="type" prop:value=kind>
                    {EmploymentType::ALL
                        .iter()
                        .map(|option| {
                            let option = *option;
                            view! {
                                <option value=option.slug() selected=move || inputs.get().employment == option>
                                    {option.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="salary-currency">"Currency"</label>
                <select id="salary-currency" name="currency" prop:value=currency>
                    <option value="" selected=move || inputs.get().currency.is_none()>
                        "Local"
                    </option>
                    {Currency::ALL
                        .iter()
                        .map(|c| {
                            let c = *c;
                            view! {
                                <option value=c.code() selected=move || inputs.get().currency == Some(c)>
                                    {c.code()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

#[component]
fn PeriodChoice(inputs: Memo<Inputs>) -> impl IntoView {
    view! {
        <fieldset class="field salary__period">
            <legend>"Show pay"</legend>
            {Period::ALL
                .iter()
                .map(|period| {
                    let period = *period;
                    let checked = move || inputs.get().period == period;
                    let id = format!("salary-period-{}", period.slug());
                    view! {
                        <span class="radio">
                            <input type="radio" id=id.clone() name="period" value=period.slug() checked=checked prop:checked=checked />
                            <label for=id>{period.per()}</label>
                        </span>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
