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

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageTitle text="Backline — careers for back-end developers" />
        <Meta
            name="description"
            content="Find back-end developer jobs, estimate what you could earn, and book a demo lesson with a trainer."
        />
        <section class="hero">
            <h1>"Careers for the people who build what users never see"</h1>
            <p class="lede">
                "Backline is a staffing service for back-end developers: job offers, honest pay figures, and lessons for those on their way in."
            </p>
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
