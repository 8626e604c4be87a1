//! A search's filters, each as the link that removes it: the chips above
//! the results, and the empty state's suggestions.

use super::SkillLabel;
use super::query::JobQuery;
use crate::common::format_number;
use leptos::prelude::*;

/// One thing a search narrows by, and the search without it.
#[derive(Clone, Debug, PartialEq)]
pub struct Removal {
    /// What it is, short: "Freelance", "Rust", "At least 60,000 EUR".
    pub label: String,
    /// The same in a sentence's words: "the skill Rust".
    pub phrase: String,
    pub href: String,
    /// The search text, which the search box already shows.
    pub is_text: bool,
}

/// Every filter of `query` (first page), in the panel's order.
pub fn removals(query: &JobQuery, skills: &[SkillLabel]) -> Vec<Removal> {
    let base = query.first_page();
    let mut out = Vec::new();
    let mut push = |label: String, phrase: String, without: JobQuery| {
        out.push(Removal {
            label,
            phrase,
            href: without.href(),
            is_text: false,
        });
    };
    macro_rules! options {
        ($field:ident) => {
            for (i, option) in base.$field.iter().enumerate() {
                let mut without = base.clone();
                without.$field.remove(i);
                push(
                    option.label().to_owned(),
                    option.label().to_owned(),
                    without,
                );
            }
        };
    }
    options!(types);
    options!(hours);
    options!(workplace);
    options!(seniority);
    for (i, slug) in base.skills.iter().enumerate() {
        let name = skills
            .iter()
            .find(|s| &s.slug == slug)
            .map_or(slug.as_str(), |s| s.name.as_str());
        let mut without = base.clone();
        without.skills.remove(i);
        push(name.to_owned(), format!("the skill {name}"), without);
    }
    if let Some(amount) = base.salary_min {
        let label = format!(
            "At least {} {}",
            format_number(amount.into()),
            base.currency.code()
        );
        push(
            label,
            "the minimum pay".into(),
            JobQuery {
                salary_min: None,
                ..base.clone()
            },
        );
    }
    if let Some(days) = base.posted {
        let label = if days == 1 {
            "Last 24 hours".to_owned()
        } else {
            format!("Last {days} days")
        };
        push(
            label,
            "the posting date".into(),
            JobQuery {
                posted: None,
                ..base.clone()
            },
        );
    }
    let place = base.location.trim();
    if !place.is_empty() {
        let without = JobQuery {
            location: String::new(),
            ..base.clone()
        };
        push(
            format!("In {place}"),
            format!("the location “{place}”"),
            without,
        );
    }
    if !base.text().is_empty() {
        let without = JobQuery {
            q: String::new(),
            ..base.clone()
        };
        out.insert(
            0,
            Removal {
                label: format!("“{}”", base.text()),
                phrase: format!("the search “{}”", base.text()),
                href: without.href(),
                is_text: true,
            },
        );
    }
    out
}

/// The filters in use, above the results; each chip removes its filter.
#[component]
pub fn ActiveFilters(query: JobQuery, skills: Vec<SkillLabel>) -> impl IntoView {
    let chips: Vec<_> = removals(&query, &skills)
        .into_iter()
        .filter(|r| !r.is_text)
        .collect();
    (!chips.is_empty()).then(|| {
        let items = chips
            .into_iter()
            .map(|chip| {
                let name = format!("Remove filter: {}", chip.label);
                view! {
                    <li><a class="chip chip--remove" href=chip.href aria-label=name>{chip.label}</a></li>
                }
            })
            .collect_view();
        let clear = JobQuery { q: query.q.clone(), exact: query.exact, ..JobQuery::default() }.href();
        view! {
            <div class="active-filters">
                <ul class="chips" aria-label="Filters in use">{items}</ul>
                <a class="active-filters__clear" href=clear>"Clear filters"</a>
            </div>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_becomes_one_removal_whose_link_keeps_the_others() {
        // Arrange
        let (query, _) = JobQuery::parse(
            "q=rust&type=freelance&workplace=remote&skill=go&salary_min=60000&currency=EUR&posted=7&location=Berlin",
        );
        // Act
        let found = removals(
            &query,
            &[SkillLabel {
                slug: "go".into(),
                name: "Go".into(),
            }],
        );
        // Assert
        let labels: Vec<_> = found.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "“rust”",
                "Freelance",
                "Remote",
                "Go",
                "At least 60,000 EUR",
                "Last 7 days",
                "In Berlin"
            ]
        );
        let (without_go, _) = JobQuery::parse(found[3].href.trim_start_matches("/jobs?"));
        assert!(without_go.skills.is_empty());
        assert_eq!(without_go.types, query.types);
        assert_eq!(without_go.location, "Berlin");
    }

    #[test]
    fn a_search_without_filters_has_nothing_to_remove() {
        assert!(removals(&JobQuery::default(), &[]).is_empty());
    }
}
