//! The `/guide` page: a table of contents, then each section in order.

use super::{Guide, GuideBlock, GuideSection, get_guide, roadmap::Roadmap, skills::SkillGroups};
use crate::ui::ErrorPanel;
use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn GuidePage() -> impl IntoView {
    let guide = Resource::new(|| (), |_| get_guide());

    view! {
        <PageTitle text="How to become a back-end developer — Backline guide" />
        <Meta
            name="description"
            content="What back-end developers do, their responsibilities, the skills they need, a seven-step roadmap, and what moves their pay."
        />
        <article class="page guide">
            <header class="page__header">
                <p class="eyebrow">"Guide"</p>
                <h1>"Becoming a back-end developer"</h1>
                <p class="lede">
                    "What the job is, what it asks of you, how to get there, and what it pays."
                </p>
            </header>
            <Suspense fallback=|| view! { <p class="loading">"Loading the guide…"</p> }>
                {move || Suspend::new(async move {
                    match guide.await {
                        Ok(guide) => view! { <GuideBody guide /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        </article>
    }
}

#[component]
fn GuideBody(guide: Guide) -> impl IntoView {
    let Guide {
        sections,
        skills,
        steps,
    } = guide;
    let contents = sections
        .iter()
        .map(|section| {
            view! {
                <li>
                    <a href=format!("#{}", section.slug)>{section.title.clone()}</a>
                </li>
            }
        })
        .collect_view();
    let body = sections
        .into_iter()
        .map(|section| {
            let block = match section.includes {
                Some(GuideBlock::Skills) => {
                    Some(view! { <SkillGroups skills=skills.clone() /> }.into_any())
                }
                Some(GuideBlock::Roadmap) => {
                    Some(view! { <Roadmap steps=steps.clone() /> }.into_any())
                }
                None => None,
            };
            view! { <Section section block /> }
        })
        .collect_view();

    view! {
        // A column beside the text on wide screens (sticky, so it stays a
        // way to move around), a box above it on phones.
        <div class="guide__layout">
            <nav class="toc" aria-label="In this guide">
                <h2 class="toc__title">"In this guide"</h2>
                <ol>{contents}</ol>
            </nav>
            <div class="guide__text">{body}</div>
        </div>
    }
}

#[component]
fn Section(section: GuideSection, block: Option<AnyView>) -> impl IntoView {
    let GuideSection {
        slug,
        title,
        summary,
        paragraphs,
        points,
        ..
    } = section;
    let heading_id = format!("{slug}-title");
    let labelled_by = heading_id.clone();
    let points = (!points.is_empty()).then(|| {
        view! {
            <ul class="points">
                {points.into_iter().map(|point| view! { <li>{point}</li> }).collect_view()}
            </ul>
        }
    });

    view! {
        <section class="guide-section" id=slug aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p class="guide-section__summary">{summary}</p>
            {paragraphs.into_iter().map(|text| view! { <p>{text}</p> }).collect_view()}
            {points}
            {block}
        </section>
    }
}
