//! The landing page: three doors, one for each reason people come.

use crate::ui::PageTitle;
use leptos::prelude::*;
use leptos_meta::Meta;

struct Door {
    href: &'static str,
    title: &'static str,
    text: &'static str,
    action: &'static str,
}

const DOORS: [Door; 3] = [
    Door {
        href: "/jobs",
        title: "Find a job",
        text: "Permanent roles, freelance projects, agency and temporary work, filtered by stack, seniority, place and pay.",
        action: "Browse job offers",
    },
    Door {
        href: "/salary",
        title: "Estimate your salary",
        text: "A range for your city, years of experience and skills, with every figure's source shown next to it.",
        action: "Open the estimator",
    },
    Door {
        href: "/book",
        title: "Book a demo lesson",
        text: "Thirty minutes with a trainer: your questions about the back end, your plan, your next step.",
        action: "Pick a time",
    },
];

/// Searches a visitor can start from with one click.
const QUICK_SEARCHES: [(&str, &str); 5] = [
    ("Remote", "/jobs?workplace=remote"),
    ("Freelance", "/jobs?type=freelance"),
    ("Rust", "/jobs?skill=rust"),
    ("Python", "/jobs?skill=python"),
    ("Junior", "/jobs?seniority=junior"),
];

/// The job search's box, on the landing page: a GET form to `/jobs`.
#[component]
fn HeroSearch() -> impl IntoView {
    let quick = QUICK_SEARCHES
        .iter()
        .map(|(label, href)| view! { <li><a class="chip chip--link" href=*href>{*label}</a></li> })
        .collect_view();
    view! {
        <form class="hero__search" method="get" action="/jobs" role="search" aria-label="Job search">
            <label for="home-q" class="visually-hidden">"Search jobs"</label>
            <div class="searchbox__row">
                <input id="home-q" name="q" type="search" autocomplete="off" spellcheck="false" placeholder="Skill, role or company: Go, “platform engineer”…" />
                <button type="submit" class="button button--primary">"Search"</button>
            </div>
        </form>
        <div class="hero__quick">
            <span id="quick-title">"Popular:"</span>
            <ul class="chips" aria-labelledby="quick-title">{quick}</ul>
        </div>
    }
}

/// A rack of servers and the lines between them: what back-end developers
/// build, drawn in the scheme's colours.
#[component]
fn HeroArt() -> impl IntoView {
    view! {
        <svg class="hero__art" viewBox="0 0 320 240" aria-hidden="true" focusable="false">
            <rect x="24" y="28" width="150" height="184" rx="16" fill="var(--brand)" />
            <rect x="42" y="48" width="114" height="38" rx="8" fill="var(--brand-ink)" opacity="0.14" />
            <rect x="42" y="101" width="114" height="38" rx="8" fill="var(--brand-ink)" opacity="0.14" />
            <rect x="42" y="154" width="114" height="38" rx="8" fill="var(--brand-ink)" opacity="0.14" />
            <circle cx="60" cy="67" r="6" fill="var(--header-mark)" />
            <circle cx="60" cy="120" r="6" fill="var(--header-mark)" />
            <circle cx="60" cy="173" r="6" fill="var(--brand-ink)" opacity="0.5" />
            <path d="M78 67h58M78 120h44M78 173h52" stroke="var(--brand-ink)" stroke-opacity="0.45" stroke-width="6" stroke-linecap="round" />
            <path d="M174 84C214 84 214 60 246 60M174 120h72M174 156c40 0 40 24 72 24" fill="none" stroke="var(--line-strong)" stroke-width="3" stroke-dasharray="6 7" />
            <rect x="246" y="38" width="54" height="44" rx="10" fill="var(--card)" stroke="var(--brand-text)" stroke-width="3" />
            <rect x="246" y="98" width="54" height="44" rx="10" fill="var(--card)" stroke="var(--brand-text)" stroke-width="3" />
            <rect x="246" y="158" width="54" height="44" rx="10" fill="var(--accent)" />
            <path d="M262 52l-6 8 6 8M284 52l6 8-6 8" fill="none" stroke="var(--brand-text)" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
            <path d="M258 120h30M258 112h20M258 128h24" stroke="var(--brand-text)" stroke-width="3" stroke-linecap="round" />
            <path d="M262 180l8 8 14-16" fill="none" stroke="var(--accent-ink)" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageTitle text="Backline — careers for back-end developers" />
        <Meta
            name="description"
            content="Find back-end developer jobs, estimate what you could earn, and book a demo lesson with a trainer."
        />
        <section class="hero">
            <div class="hero__text">
                <h1>"Careers for the people who build what users never see"</h1>
                <p class="lede">
                    "Backline is a staffing service for back-end developers: job offers, honest pay figures, and lessons for those on their way in."
                </p>
                <HeroSearch />
            </div>
            <HeroArt />
        </section>
        <section class="doors" aria-label="What you can do here">
            <ul class="door-list">
                {DOORS
                    .iter()
                    .map(|door| {
                        view! {
                            <li class="door">
                                <h2>
                                    <a href=door.href>{door.title}</a>
                                </h2>
                                <p>{door.text}</p>
                                <span class="door__action" aria-hidden="true">
                                    {door.action}
                                    " →"
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="callout">
            <h2>"New to the back end?"</h2>
            <p>
                "Our guide explains what the job involves, the skills it asks for, a seven-step roadmap you can tick off as you go, and what moves pay up or down."
            </p>
            <a class="button" href="/guide">"Read the guide"</a>
        </section>
    }
}
