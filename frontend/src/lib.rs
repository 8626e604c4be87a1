//! The browser entry point: cargo-leptos compiles this crate to WASM and the
//! page's hydration script calls [`hydrate`] once the bundle has loaded.

#![recursion_limit = "256"]

/// Starts the reactive system for the page's islands; the islands script
/// then hydrates each `<leptos-island>` it finds. Calling into `app` also
/// keeps its islands' exports in the bundle (leptos #2083).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::mark_hydrated();
}
