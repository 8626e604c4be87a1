//! The estimator's inputs: one GET form, rendered by the server with the
//! URL's choices. The island (`live.rs`) listens to it and never redraws
//! it.

use super::model::{Inputs, Location, MAX_YEARS, Model, Period, SourceKind, format_years};
use crate::common::{Currency, EmploymentType};
use leptos::prelude::*;

pub fn estimator_form(model: &Model, inputs: &Inputs) -> impl IntoView + use<> {
    view! {
        <form class="salary__form" method="get" action="/salary" aria-label="Your situation">
            {location_picker(model, inputs)}
            {years_input(inputs)}
            {skill_toggles(model, inputs)}
            {type_and_currency(inputs)}
            {period_choice(inputs)}
            <button type="submit" class="button salary__submit">
                "Update estimate"
            </button>
        </form>
    }
}

/// One select of every place: a group per country, the whole country
/// first, then its cities. Typing a name in the closed select jumps to it,
/// so no second control is needed to find one of the 36.
fn location_picker(model: &Model, inputs: &Inputs) -> impl IntoView + use<> {
    view! {
        <div class="field">
            <label for="salary-location">"Location"</label>
            <select id="salary-location" name="location">
                {location_options(model, &inputs.location)}
            </select>
        </div>
    }
}

fn location_options(model: &Model, selected: &str) -> impl IntoView + use<> {
    let option = |place: &Location, label: String| {
        let mut label = label;
        if place.figures.is_none() {
            label.push_str(" (not enough data)");
        }
        let is_selected = place.slug == selected;
        view! { <option value=place.slug.clone() selected=is_selected>{label}</option> }
    };
    grouped_places(model)
        .into_iter()
        .map(|(country, cities)| {
            let whole = format!("{}, whole country", country.name);
            let cities = cities
                .into_iter()
                .map(|city| option(city, city.name.clone()))
                .collect_view();
            view! {
                <optgroup label=country.name.clone()>
                    {option(country, whole)}
                    {cities}
                </optgroup>
            }
        })
        .collect_view()
}

/// Countries in picker order, each with its cities. A city whose country
/// is not listed is a group of its own.
fn grouped_places(model: &Model) -> Vec<(&Location, Vec<&Location>)> {
    let mut out: Vec<(&Location, Vec<&Location>)> = model
        .locations
        .iter()
        .filter(|l| !l.is_city)
        .map(|country| {
            let cities = model
                .locations
                .iter()
                .filter(|l| l.is_city && l.parent.as_deref() == Some(&country.slug))
                .collect();
            (country, cities)
        })
        .collect();
    for city in model.locations.iter().filter(|l| l.is_city) {
        if !out
            .iter()
            .any(|(_, cities)| cities.iter().any(|c| c.slug == city.slug))
        {
            out.push((city, Vec::new()));
        }
    }
    out
}

fn years_input(inputs: &Inputs) -> impl IntoView + use<> {
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
                    value=format_years(inputs.years.min(30.0))
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
                    value=format_years(inputs.years)
                />
            </div>
        </div>
    }
}

fn skill_toggles(model: &Model, inputs: &Inputs) -> impl IntoView + use<> {
    let toggles = model
        .skills
        .iter()
        .map(|skill| {
            let claim =
                model.source(&skill.source).map(|src| src.kind) == Some(SourceKind::ArticleClaim);
            let id = format!("salary-skill-{}", skill.slug);
            let checked = inputs.skills.contains(&skill.slug);
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="skill" value=skill.slug.clone() checked=checked />
                    <label for=id>
                        {skill.name.clone()}
                        {claim.then(|| view! { <span class="tag tag--claim">"claim"</span> })}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field salary__skills">
            <legend>"Skills"</legend>
            <p class="hint">"The article's five come first; their premiums are its unverified claims."</p>
            <ul class="toggles">{toggles}</ul>
        </fieldset>
    }
}

fn type_and_currency(inputs: &Inputs) -> impl IntoView + use<> {
    let kinds = EmploymentType::ALL
        .iter()
        .map(|kind| {
            let selected = inputs.employment == *kind;
            view! { <option value=kind.slug() selected=selected>{kind.label()}</option> }
        })
        .collect_view();
    let currencies = Currency::ALL
        .iter()
        .map(|c| {
            let selected = inputs.currency == Some(*c);
            view! { <option value=c.code() selected=selected>{c.code()}</option> }
        })
        .collect_view();
    view! {
        <div class="field-row">
            <div class="field">
                <label for="salary-type">"Type of work"</label>
                <select id="salary-type" name="type">{kinds}</select>
            </div>
            <div class="field">
                <label for="salary-currency">"Currency"</label>
                <select id="salary-currency" name="currency">
                    <option value="" selected=inputs.currency.is_none()>"Local"</option>
                    {currencies}
                </select>
            </div>
        </div>
    }
}

fn period_choice(inputs: &Inputs) -> impl IntoView + use<> {
    let radios = Period::ALL
        .iter()
        .map(|period| {
            let id = format!("salary-period-{}", period.slug());
            let checked = inputs.period == *period;
            view! {
                <span class="radio">
                    <input type="radio" id=id.clone() name="period" value=period.slug() checked=checked />
                    <label for=id>{period.per()}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field salary__period">
            <legend>"Show pay"</legend>
            {radios}
        </fieldset>
    }
}
