//! Honest holding pages for the capabilities still being built, so the
//! navigation never leads to a 404. Each is replaced by its own folder
//! (`booking/`) when that capability lands.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
fn Upcoming(title: &'static str, description: &'static str, body: &'static str) -> impl IntoView {
    view! {
        <Title text=format!("{title} — Backline") />
        <Meta name="description" content=description />
        <section class="page page--narrow">
            <h1>{title}</h1>
            <p class="lede">{description}</p>
            <p>{body}</p>
            <p>
                "Meanwhile, the "
                <a href="/guide">"guide"</a>
                " covers what back-end developers do, the skills they need and how pay varies."
            </p>
        </section>
    }
}

#[component]
pub fn BookPage() -> impl IntoView {
    view! {
        <Upcoming
            title="Book a demo lesson"
            description="Pick a time and meet one of our trainers for a free demo lesson."
            body="Online booking is being set up and opens here shortly."
        />
    }
}
