//! An empty state: what is missing, why, and what to do next, under a small
//! drawing. The drawing is inline SVG in the text colours, so it follows
//! the light and dark schemes and costs no request.

use leptos::either::Either;
use leptos::prelude::*;

/// Which drawing sits above the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Art {
    /// A magnifier over an empty list: a search found nothing.
    Search,
    /// A calendar page with no marks: no free times.
    Calendar,
}

#[component]
pub fn EmptyState(art: Art, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="empty-state">
            <Drawing art />
            <h2>{title}</h2>
            {children()}
        </div>
    }
}

#[component]
fn Drawing(art: Art) -> impl IntoView {
    let shapes = match art {
        Art::Search => Either::Left(view! {
            <rect x="8" y="10" width="58" height="46" rx="6" fill="var(--brand-soft)" />
            <path d="M17 22h28M17 31h20M17 40h24" stroke="var(--line-strong)" stroke-width="4" stroke-linecap="round" />
            <circle cx="70" cy="46" r="16" fill="var(--card)" stroke="currentColor" stroke-width="5" />
            <path d="M82 58l13 13" stroke="currentColor" stroke-width="7" stroke-linecap="round" />
        }),
        Art::Calendar => Either::Right(view! {
            <rect x="14" y="14" width="70" height="58" rx="7" fill="var(--brand-soft)" stroke="currentColor" stroke-width="4" />
            <path d="M14 30h70" stroke="currentColor" stroke-width="4" />
            <path d="M32 8v12M66 8v12" stroke="currentColor" stroke-width="5" stroke-linecap="round" />
            <path d="M28 44h8M46 44h8M64 44h6M28 58h8M46 58h8" stroke="var(--line-strong)" stroke-width="4" stroke-linecap="round" />
        }),
    };
    view! {
        <svg class="empty-state__art" viewBox="0 0 100 80" aria-hidden="true" focusable="false">
            {shapes}
        </svg>
    }
}
