//! `/design`: the design system's pieces on one page, each with the class
//! or component that makes it. Screens, and the staff area, are built from
//! these; the browser tests compare this page with its baselines and run
//! axe-core on it in both schemes, so a piece that breaks shows here first.
//! The rows and names below are examples, not data.

use crate::ui::{Art, EmptyState, PageTitle};
use leptos::prelude::*;
use leptos_meta::Meta;

/// Every colour token (style/tokens.css), as a swatch. Each has its class
/// in style/pages/design.css: the security policy allows no inline style.
const COLOURS: [&str; 16] = [
    "ink",
    "ink-soft",
    "paper",
    "card",
    "sunk",
    "line",
    "line-strong",
    "brand",
    "brand-text",
    "brand-soft",
    "accent",
    "accent-text",
    "ok",
    "warn",
    "danger",
    "focus",
];

#[component]
pub fn DesignPage() -> impl IntoView {
    view! {
        <PageTitle text="Design system — Backline" />
        <Meta name="robots" content="noindex" />
        <article class="page design">
            <header class="page__header">
                <p class="eyebrow">"Design system"</p>
                <h1>"The pieces Backline is built from"</h1>
                <p class="lede">"Tokens and components, light and dark (follow your system's setting). Each names its class."</p>
            </header>
            <Colours />
            <Type />
            <Buttons />
            <Controls />
            <Pieces />
            <RecordTable />
            <Feedback />
        </article>
    }
}

#[component]
fn Colours() -> impl IntoView {
    let swatches = COLOURS
        .iter()
        .map(|name| {
            view! {
                <li class="design__swatch">
                    <span class=format!("design__chip design__chip--{name}")></span>
                    <code>{format!("--{name}")}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="design__section" aria-labelledby="d-colour">
            <h2 id="d-colour">"Colour"</h2>
            <ul class="design__swatches">{swatches}</ul>
        </section>
    }
}

#[component]
fn Type() -> impl IntoView {
    let sizes = [("3xl", "Careers for back-end developers"), ("2xl", "Back-end developer jobs"), ("xl", "What happens next"), ("lg", "£55,000–70,000 a year"), ("base", "Body text reads at 16 px or more, 1.55 line height."), ("sm", "Hints and secondary facts."), ("xs", "Chips and labels")]
        .map(|(size, text)| view! { <p class=format!("design__text design__text--{size}")><code>{format!("--text-{size}")}</code>" "{text}</p> });
    view! {
        <section class="design__section" aria-labelledby="d-type">
            <h2 id="d-type">"Type"</h2>
            <p>"Inter, one variable file, weights 400–700."</p>
            {sizes}
        </section>
    }
}

#[component]
fn Buttons() -> impl IntoView {
    view! {
        <section class="design__section" aria-labelledby="d-buttons">
            <h2 id="d-buttons">"Buttons"</h2>
            <p>"One primary per screen, for its main action. " <code>".button"</code> " is the everyday one."</p>
            <div class="design__row">
                <button type="button" class="button button--primary">"Primary"</button>
                <button type="button" class="button">"Secondary"</button>
                <button type="button" class="button button--quiet">"Quiet"</button>
                <button type="button" class="button button--danger">"Danger"</button>
                <button type="button" class="button button--small">"Small"</button>
                <button type="button" class="button" disabled>"Disabled"</button>
            </div>
        </section>
    }
}

#[component]
fn Controls() -> impl IntoView {
    view! {
        <section class="design__section" aria-labelledby="d-controls">
            <h2 id="d-controls">"Controls"</h2>
            <p>"Native elements drawn by the stylesheet; every single-line control is " <code>"--control-height"</code> " tall."</p>
            <div class="design__grid">
                <div class="field">
                    <label for="d-text">"Text"</label>
                    <input id="d-text" type="text" placeholder="Placeholder" />
                </div>
                <div class="field">
                    <label for="d-select">"Select"</label>
                    <select id="d-select"><option>"Newest first"</option><option>"Highest salary"</option></select>
                </div>
                <div class="field">
                    <label for="d-invalid">"With a problem"</label>
                    <input id="d-invalid" type="email" value="not-an-email" aria-invalid="true" aria-describedby="d-invalid-error" />
                    <p class="field__error" id="d-invalid-error">"Enter an email address like name@example.com."</p>
                </div>
                <fieldset class="design__choices">
                    <legend>"Choices"</legend>
                    <label class="option"><input type="checkbox" checked />" Checkbox"</label>
                    <label class="option"><input type="checkbox" />" Checkbox"</label>
                    <label class="option"><input type="radio" name="d-radio" checked />" Radio"</label>
                    <label class="option"><input type="radio" name="d-radio" />" Radio"</label>
                    <label class="option"><input type="checkbox" role="switch" checked />" Switch (role=switch)"</label>
                </fieldset>
            </div>
        </section>
    }
}

#[component]
fn Pieces() -> impl IntoView {
    view! {
        <section class="design__section" aria-labelledby="d-pieces">
            <h2 id="d-pieces">"Chips, tabs, cards"</h2>
            <ul class="chips" aria-label="Chips">
                <li class="chip">"Freelance"</li>
                <li class="chip chip--outline">"PostgreSQL"</li>
                <li><a class="chip chip--remove" href="/design" aria-label="Remove filter: Remote">"Remote"</a></li>
                <li><a class="chip chip--link" href="/design">"Rust"</a></li>
            </ul>
            <nav aria-label="Tabs example">
                <ul class="tabs">
                    <li><a href="/design" aria-current="page">"Today"</a></li>
                    <li><a href="/design?tab=week">"This week"</a></li>
                    <li><a href="/design?tab=all">"All lessons"</a></li>
                </ul>
            </nav>
            <div class="card">
                <h3>"A card"</h3>
                <p>"Holds one thing: a lesson, a figure, a form. " <code>".card"</code></p>
            </div>
        </section>
    }
}

/// A table as the staff area lists records: sortable headers are links.
#[component]
fn RecordTable() -> impl IntoView {
    let rows = [
        ("BL-7KQ4", "Asha Rao", "Thu 3 Dec, 10:00", "Confirmed"),
        ("BL-2MF8", "Jonas Berg", "Thu 3 Dec, 11:30", "Waiting"),
        ("BL-9TX1", "Mina Park", "Fri 4 Dec, 09:00", "Cancelled"),
    ]
    .map(|(reference, name, when, status)| {
        view! { <tr><th scope="row">{reference}</th><td>{name}</td><td>{when}</td><td>{status}</td><td class="num">"30 min"</td></tr> }
    });
    view! {
        <section class="design__section" aria-labelledby="d-table">
            <h2 id="d-table">"Table"</h2>
            // Focusable, so a keyboard can scroll it sideways on a phone.
            <div class="table-wrap" tabindex="0" role="region" aria-label="Example lessons">
                <table class="table">
                    <caption class="visually-hidden">"Example lessons"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Reference"</th>
                            <th scope="col" aria-sort="ascending"><a class="table__sort" href="/design?sort=-name">"Name"</a></th>
                            <th scope="col"><a class="table__sort" href="/design?sort=when">"When"</a></th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="num">"Length"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Feedback() -> impl IntoView {
    view! {
        <section class="design__section" aria-labelledby="d-feedback">
            <h2 id="d-feedback">"Messages, dialog, loading, empty"</h2>
            <p class="notice notice--success">"Saved. " <code>".notice--success"</code></p>
            <p class="notice notice--warning">"This job has expired. " <code>".notice--warning"</code></p>
            <p class="notice notice--error">"That time was just taken. " <code>".notice--error"</code></p>
            <p class="toast design__toast">"Link copied"</p>
            <div class="dialog design__dialog" role="group" aria-labelledby="d-dialog-title">
                <div class="dialog__head"><h3 id="d-dialog-title">"Cancel this lesson?"</h3></div>
                <div class="dialog__body"><p>"Its time goes back to others."</p></div>
                <div class="dialog__actions">
                    <button type="button" class="button">"Keep it"</button>
                    <button type="button" class="button button--danger">"Cancel the lesson"</button>
                </div>
            </div>
            <div class="design__grid" aria-hidden="true">
                <div><span class="skeleton skeleton--line"></span><span class="skeleton skeleton--line"></span></div>
                <span class="skeleton skeleton--card"></span>
            </div>
            <EmptyState art=Art::Calendar title="No free times this month">
                <p>"The next free day is shown as soon as there is one."</p>
            </EmptyState>
        </section>
    }
}
