//! "Copy link": a button beside a read-only field that puts the field's
//! text on the clipboard and says so in a toast. It needs JavaScript, so
//! until this island runs the button is hidden and the field (selectable,
//! with its label) is the way to copy.

use leptos::prelude::*;

/// Wraps server HTML holding a `button[data-copy=ID]`, where `ID` is the
/// field to copy. Prop-less, so it adds no serialised data to the page.
#[island(lazy)]
pub fn CopyField(children: Children) -> impl IntoView {
    crate::browser::island_hydrated();
    let live = RwSignal::new(false);
    let said = RwSignal::new(String::new());
    // Effects run only in the browser: the button shows once this runs.
    Effect::new(move || live.set(true));
    view! {
        <div class="copy-field" data-live=move || live.get().then_some("") on:click=move |ev| copy(&ev, said)>
            {children()}
            // A live region, not role="status": the page's own status
            // messages keep that role to themselves.
            <div class="toast-region" aria-live="polite">
                <p class="toast">{move || said.get()}</p>
            </div>
        </div>
    }
}

#[cfg(not(feature = "hydrate"))]
fn copy(_: &leptos::ev::MouseEvent, _: RwSignal<String>) {}

#[cfg(feature = "hydrate")]
fn copy(ev: &leptos::ev::MouseEvent, said: RwSignal<String>) {
    use wasm_bindgen::JsCast;
    let Some(id) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-copy]").ok().flatten())
        .and_then(|button| button.get_attribute("data-copy"))
    else {
        return;
    };
    let Some(field) = document()
        .get_element_by_id(&id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let text = field.value();
    leptos::task::spawn_local(async move {
        let written = wasm_bindgen_futures::JsFuture::from(
            window().navigator().clipboard().write_text(&text),
        )
        .await;
        said.set(match written {
            Ok(_) => "Link copied".into(),
            // Refused (no permission, an old browser): the text is
            // selected, for the keyboard's copy.
            Err(_) => {
                field.select();
                "Selected: press Ctrl+C (⌘C on a Mac) to copy".into()
            }
        });
        // The message goes after a while; the field stays.
        set_timeout(
            move || said.set(String::new()),
            std::time::Duration::from_secs(4),
        );
    });
}
