//! The filter panel: every option with how many jobs choosing it would give.
//!
//! Inputs carry both the attribute (`checked`, `value`: what the server's
//! HTML shows) and the property (`prop:checked`, `prop:value`: what the
//! hydrated page updates on back and forward).

use super::query::{MAX_LOCATION_CHARS, POSTED_CHOICES};
use super::types::{Hours, Seniority, Workplace};
use super::{FacetGroup, JobQuery, SearchPage};
use crate::AppError;
use crate::common::{Currency, EmploymentType};
use leptos::prelude::*;

type Results = Resource<Result<SearchPage, AppError>>;

/// Skills shown before "More skills".
const FIRST_SKILLS: usize = 8;

fn count(
    results: Results,
    group: FacetGroup,
    value: String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        results
            .get()
            .and_then(Result::ok)
            .map(|page| page.count(group, &value).to_string())
            .unwrap_or_default()
    }
}

#[component]
pub fn FilterPanel(query: Memo<JobQuery>, results: Results) -> impl IntoView {
    let shown = move || {
        results
            .get()
            .and_then(Result::ok)
            .map(|page| crate::common::format_number(page.total.unsigned_abs()))
    };
    // On phones the panel is a drawer: a popover (opened by the results
    // bar's "Filters" button, without JavaScript too) that lists and
    // submits the same form. On wider screens it is a sticky column.
    view! {
        <aside class="filters" id="filters" aria-labelledby="filters-title" popover="auto">
            <div class="filters__head">
                <h2 class="filters__title" id="filters-title">"Filters"</h2>
                <button type="button" class="button button--quiet filters__close" popovertarget="filters" popovertargetaction="hide">
                    "Close"
                </button>
            </div>
            <div class="filters__body">
                <OptionGroup
                    legend="Type of work"
                    name="type"
                    group=FacetGroup::Type
                    options=EmploymentType::ALL.iter().map(|o| (o.slug(), o.label())).collect()
                    selected=Signal::derive(move || query.get().types.iter().map(|o| o.slug()).collect())
                    results
                />
                <OptionGroup
                    legend="Working time"
                    name="hours"
                    group=FacetGroup::Hours
                    options=Hours::ALL.iter().map(|o| (o.slug(), o.label())).collect()
                    selected=Signal::derive(move || query.get().hours.iter().map(|o| o.slug()).collect())
                    results
                />
                <OptionGroup
                    legend="Workplace"
                    name="workplace"
                    group=FacetGroup::Workplace
                    options=Workplace::ALL.iter().map(|o| (o.slug(), o.label())).collect()
                    selected=Signal::derive(move || query.get().workplace.iter().map(|o| o.slug()).collect())
                    results
                />
                <OptionGroup
                    legend="Seniority"
                    name="seniority"
                    group=FacetGroup::Seniority
                    options=Seniority::ALL.iter().map(|o| (o.slug(), o.label())).collect()
                    selected=Signal::derive(move || query.get().seniority.iter().map(|o| o.slug()).collect())
                    results
                />
                <SkillGroup query results />
                <PostedGroup query results />
                <SalaryGroup query />
                <LocationGroup query />
            </div>
            <div class="filters__foot">
                // Without JavaScript the count would be the last search's,
                // so it is shown only once results follow every change.
                <button type="submit" class="button button--primary filters__apply">
                    "Show " <span class="filters__apply-count">{shown}" "</span> "jobs"
                </button>
                <a class="filters__clear" href="/jobs">
                    "Clear all filters"
                </a>
            </div>
        </aside>
    }
}

#[component]
fn OptionGroup(
    legend: &'static str,
    name: &'static str,
    group: FacetGroup,
    options: Vec<(&'static str, &'static str)>,
    selected: Signal<Vec<&'static str>>,
    results: Results,
) -> impl IntoView {
    let boxes = options
        .into_iter()
        .map(|(value, label)| {
            let checked = Signal::derive(move || selected.get().contains(&value));
            let id = format!("f-{name}-{value}");
            let label_for = id.clone();
            view! {
                <label class="option" for=label_for>
                    <input type="checkbox" id=id name=name value=value checked=checked prop:checked=checked />
                    <span class="option__label">{label}</span>
                    <span class="option__count">{count(results, group, value.to_owned())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="filters__group">
            <legend>{legend}</legend>
            {boxes}
        </fieldset>
    }
}

#[component]
fn SkillGroup(query: Memo<JobQuery>, results: Results) -> impl IntoView {
    let skill_box = move |slug: String, name: String| {
        let id = format!("f-skill-{slug}");
        let value = slug.clone();
        let checked = Signal::derive(move || query.get().skills.contains(&value));
        let label_for = id.clone();
        view! {
            <label class="option" for=label_for>
                <input type="checkbox" id=id name="skill" value=slug.clone() checked=checked prop:checked=checked />
                <span class="option__label">{name}</span>
                <span class="option__count">{count(results, FacetGroup::Skill, slug)}</span>
            </label>
        }
    };
    // The list itself rarely changes between results; a memo keeps the
    // boxes (and the focus on one just toggled) instead of rebuilding them.
    let skills = Memo::new(move |_| {
        results
            .get()
            .and_then(Result::ok)
            .map(|page| page.skills)
            .unwrap_or_default()
    });
    view! {
        <fieldset class="filters__group">
            <legend>"Skills"</legend>
            {move || {
                let mut skills = skills.get();
                let more = skills.split_off(FIRST_SKILLS.min(skills.len()));
                let first = skills.into_iter().map(|s| skill_box(s.slug, s.name)).collect_view();
                let more_open = more.iter().any(|s| query.get_untracked().skills.contains(&s.slug));
                let more = more.into_iter().map(|s| skill_box(s.slug, s.name)).collect_view();
                view! {
                    {first}
                    <details class="filters__more" open=more_open>
                        <summary>"More skills"</summary>
                        {more}
                    </details>
                }
            }}
        </fieldset>
    }
}

#[component]
fn PostedGroup(query: Memo<JobQuery>, results: Results) -> impl IntoView {
    let any_checked = move || query.get().posted.is_none();
    let choices = POSTED_CHOICES
        .iter()
        .map(|days| {
            let days = *days;
            let checked = move || query.get().posted == Some(days);
            let id = format!("f-posted-{days}");
            let label_for = id.clone();
            let label = if days == 1 { "Last 24 hours".to_owned() } else { format!("Last {days} days") };
            view! {
                <label class="option" for=label_for>
                    <input type="radio" id=id name="posted" value=days checked=checked prop:checked=checked />
                    <span class="option__label">{label}</span>
                    <span class="option__count">{count(results, FacetGroup::Posted, days.to_string())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="filters__group">
            <legend>"Posted"</legend>
            <label class="option" for="f-posted-any">
                <input type="radio" id="f-posted-any" name="posted" value="" checked=any_checked prop:checked=any_checked />
                <span class="option__label">"Any time"</span>
            </label>
            {choices}
            // A link may ask for another number of days; show it as chosen.
            {move || {
                query.get().posted.filter(|days| !POSTED_CHOICES.contains(days)).map(|days| {
                    view! {
                        <label class="option" for="f-posted-other">
                            <input type="radio" id="f-posted-other" name="posted" value=days checked=true prop:checked=true />
                            <span class="option__label">{format!("Last {days} days")}</span>
                        </label>
                    }
                })
            }}
        </fieldset>
    }
}

#[component]
fn SalaryGroup(query: Memo<JobQuery>) -> impl IntoView {
    let amount = move || {
        query
            .get()
            .salary_min
            .map(|a| a.to_string())
            .unwrap_or_default()
    };
    let currencies = Currency::ALL
        .iter()
        .map(|currency| {
            let currency = *currency;
            let selected = move || query.get().currency == currency;
            view! {
                <option value=currency.code() selected=selected prop:selected=selected>
                    {currency.code()}
                </option>
            }
        })
        .collect_view();
    view! {
        <fieldset class="filters__group">
            <legend>"Minimum yearly pay"</legend>
            <div class="salary-input">
                <label for="f-salary" class="visually-hidden">"Minimum yearly pay"</label>
                <input
                    id="f-salary"
                    name="salary_min"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    step="1"
                    placeholder="e.g. 60000"
                    value=amount
                    prop:value=amount
                />
                <label for="f-currency" class="visually-hidden">"Currency"</label>
                <select id="f-currency" name="currency">{currencies}</select>
            </div>
            <p class="hint">"Pay is converted at approximate rates; hourly, daily and monthly pay count as a full year."</p>
        </fieldset>
    }
}

#[component]
fn LocationGroup(query: Memo<JobQuery>) -> impl IntoView {
    let location = move || query.get().location;
    view! {
        <fieldset class="filters__group">
            <legend>"Location"</legend>
            <label for="f-location" class="visually-hidden">"City or country"</label>
            <input
                id="f-location"
                name="location"
                type="text"
                autocomplete="off"
                maxlength=MAX_LOCATION_CHARS
                placeholder="City or country"
                value=location
                prop:value=location
            />
        </fieldset>
    }
}
