//! The guide's skills, grouped by kind. Technical skills link to the job
//! search and the salary estimator, filtered to that skill.

use super::{Skill, SkillCategory};
use leptos::prelude::*;

#[component]
pub fn SkillGroups(skills: Vec<Skill>) -> impl IntoView {
    SkillCategory::ALL
        .into_iter()
        .filter_map(|category| {
            let members: Vec<Skill> = skills
                .iter()
                .filter(|skill| skill.category == category)
                .cloned()
                .collect();
            (!members.is_empty()).then(|| view! { <SkillGroup category members /> })
        })
        .collect_view()
}

#[component]
fn SkillGroup(category: SkillCategory, members: Vec<Skill>) -> impl IntoView {
    view! {
        <div class="skill-group">
            <h3>{category.heading()}</h3>
            <ul class="skill-list">
                {members.into_iter().map(|skill| view! { <SkillItem skill /> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn SkillItem(skill: Skill) -> impl IntoView {
    let links = skill.category.is_technical().then(|| {
        view! {
            <span class="skill__links">
                <a href=format!("/jobs?skill={}", skill.slug)>
                    "Jobs"<span class="visually-hidden">{format!(" needing {}", skill.name)}</span>
                </a>
                <a href=format!("/salary?skill={}", skill.slug)>
                    "Pay"<span class="visually-hidden">{format!(" with {}", skill.name)}</span>
                </a>
            </span>
        }
    });

    view! {
        <li class="skill" id=format!("skill-{}", skill.slug)>
            <span class="skill__name">{skill.name}</span>
            <span class="skill__blurb">{skill.blurb}</span>
            {links}
        </li>
    }
}
