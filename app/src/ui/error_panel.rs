//! An error shown in place of the content that could not load.

use crate::AppError;
use leptos::prelude::*;

/// Shows an error in place of content, and gives the page its honest status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    error.set_response_status();

    view! {
        <div class="error-panel" role="alert">
            <h2>"This part of the page could not load"</h2>
            <p>{error.to_string()}</p>
        </div>
    }
}
