//! Code that only does something once the WASM has hydrated the page:
//! moving between addresses (a `Copy` handle, compiled for both builds so
//! views need no `cfg`; on the server it never runs), and, in the browser
//! only, a cancellable timer, the current address and the time zone.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use std::time::Duration;

/// Moving between addresses once the WASM runs. Islands have no router
/// (its hooks panic inside an island: leptos #3071), so this talks to the
/// browser's `history` and `location` directly. `Copy` and compiled for
/// both builds, so views need no `cfg`; on the server it never runs.
#[derive(Clone, Copy, Default)]
pub struct Navigator;

impl Navigator {
    pub fn new() -> Self {
        Navigator
    }

    /// Shows `href` in the address bar without loading it, replacing the
    /// history entry or pushing a new one: the page already shows it.
    pub fn record(self, href: &str, replace: bool) {
        #[cfg(feature = "hydrate")]
        if let Ok(history) = window().history() {
            let state = wasm_bindgen::JsValue::NULL;
            let _ = if replace {
                history.replace_state_with_url(&state, "", Some(href))
            } else {
                history.push_state_with_url(&state, "", Some(href))
            };
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (href, replace);
    }

    /// Loads `href`, as following a link would.
    pub fn open(self, href: &str) {
        #[cfg(feature = "hydrate")]
        let _ = window().location().assign(href);
        #[cfg(not(feature = "hydrate"))]
        let _ = href;
    }

    /// Loads `href` in place of this page, leaving no history entry.
    pub fn replace_page(self, href: &str) {
        #[cfg(feature = "hydrate")]
        let _ = window().location().replace(href);
        #[cfg(not(feature = "hydrate"))]
        let _ = href;
    }
}

#[cfg(feature = "hydrate")]
/// One pending piece of work at a time: scheduling replaces what was
/// pending, and leaving the page cancels it, so nothing fires afterwards.
#[derive(Clone, Copy)]
pub struct Later {
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

#[cfg(feature = "hydrate")]
impl Later {
    /// Tied to the component being built: cancelled when it goes away.
    pub fn for_this_page() -> Self {
        let later = Later {
            timer: StoredValue::new_local(None),
        };
        on_cleanup(move || later.cancel());
        later
    }

    pub fn run(self, after: Duration, work: impl FnOnce() + 'static) {
        self.cancel();
        let handle = set_timeout_with_handle(work, after).ok();
        self.timer.try_set_value(handle);
    }

    pub fn cancel(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        self.timer.try_set_value(None);
    }
}

/// The path and query string the browser shows now.
#[cfg(feature = "hydrate")]
pub fn current_href() -> String {
    let here = window().location();
    format!(
        "{}{}",
        here.pathname().unwrap_or_default(),
        here.search().unwrap_or_default()
    )
}

/// The page at `href`, fetched and parsed (its scripts do not run), or
/// `None` when it cannot be had: offline, or an answer that is not 2xx.
#[cfg(feature = "hydrate")]
pub async fn fetch_page(href: &str) -> Option<web_sys::Document> {
    let text = ok_text(window().fetch_with_str(href)).await?;
    web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&text, web_sys::SupportedType::TextHtml)
        .ok()
}

/// The text of a fetch's answer, when it is 2xx.
#[cfg(feature = "hydrate")]
async fn ok_text(fetch: js_sys::Promise) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(fetch).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Replaces what `region` holds with `view`, built as DOM nodes. For views
/// of plain values, drawn again on each change: nothing in them is
/// reactive, so nothing needs keeping. (Not `to_html`: in tachys 0.2 it
/// panics without its `ssr` feature, on any element, through the empty
/// `Vec<AnyAttribute>` every element renders.)
#[cfg(feature = "hydrate")]
pub fn draw(region: &web_sys::Element, view: impl IntoView) {
    use leptos::tachys::view::{Mountable, Render};
    region.replace_children_with_node_0();
    view.into_view().build().mount(region, None);
}

/// POSTs `body` (url-encoded) to `href` and returns the answer's text, or
/// `None` when it cannot be had: offline, or an answer that is not 2xx.
#[cfg(feature = "hydrate")]
pub async fn post_text(href: &str, body: &web_sys::UrlSearchParams) -> Option<String> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    ok_text(window().fetch_with_str_and_init(href, &init)).await
}

/// Sets the fields of `form` called `name` to `values`: a box or a list
/// takes the first, a checkbox or radio is ticked when its value is one.
#[cfg(feature = "hydrate")]
pub fn set_field(form: &web_sys::HtmlFormElement, name: &str, values: &[&str]) {
    use wasm_bindgen::JsCast;
    let Ok(fields) = form.query_selector_all(&format!("[name='{name}']")) else {
        return;
    };
    let first = values.first().copied().unwrap_or_default();
    for field in (0..fields.length()).filter_map(|i| fields.item(i)) {
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" | "radio" => input.set_checked(values.contains(&input.value().as_str())),
                _ => input.set_value(first),
            }
        } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(first);
        }
    }
}

/// Hydrates an island that arrived after the page loaded (one moved in
/// from a fetched page), through the function leptos' islands script
/// leaves on `window` for this (`__hydrateIsland`, in
/// `leptos/src/hydration/island_script.js`). A lazy island's code loads first.
#[cfg(feature = "hydrate")]
pub fn hydrate_island(island: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let Some(component) = island.get_attribute("data-component") else {
        return;
    };
    let hydrate = js_sys::Reflect::get(&window(), &"__hydrateIsland".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(hydrate) = hydrate {
        let _ = hydrate.call2(&wasm_bindgen::JsValue::NULL, island, &component.into());
    }
}

/// Whether the visitor changed a field of `form` since the page was served:
/// a value, a tick or a choice that differs from the one in the HTML. A
/// lazy island calls it before hydrating, which would set the fields back.
#[cfg(feature = "hydrate")]
pub fn form_was_changed(form: &web_sys::HtmlFormElement) -> bool {
    use wasm_bindgen::JsCast;
    let fields = form.elements();
    (0..fields.length())
        .filter_map(|i| fields.item(i))
        .any(|field| {
            if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                match input.type_().as_str() {
                    "checkbox" | "radio" => input.checked() != input.default_checked(),
                    _ => input.value() != input.default_value(),
                }
            } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
                let options = select.options();
                (0..options.length())
                    .filter_map(|i| options.item(i))
                    .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .any(|o| o.selected() != o.default_selected())
            } else {
                false
            }
        })
}

/// The form `selector` finds, when there is one.
#[cfg(feature = "hydrate")]
pub fn find_form(selector: &str) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    document().query_selector(selector).ok()??.dyn_into().ok()
}

/// Moves the focus to `target`, making it focusable first if need be.
#[cfg(feature = "hydrate")]
pub fn focus(target: Option<web_sys::Element>) {
    use wasm_bindgen::JsCast;
    let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let _ = target.focus();
}

/// Once the DOM has caught up (next task), scrolls the element with `id`
/// into view and moves focus to it, as following a link to `#id` would;
/// on the server, nothing.
pub fn reveal(id: &'static str) {
    #[cfg(feature = "hydrate")]
    set_timeout(
        move || {
            let target = document().get_element_by_id(id);
            if let Some(target) = &target {
                target.scroll_into_view();
            }
            focus(target);
        },
        Duration::ZERO,
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Whether the browser shows the page at `path` (no query); on the server,
/// never.
pub fn on_path(path: &str) -> bool {
    #[cfg(feature = "hydrate")]
    return window()
        .location()
        .pathname()
        .is_ok_and(|here| here == path);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = path;
        false
    }
}

/// The visitor's IANA time zone, as the browser reports it.
#[cfg(feature = "hydrate")]
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
        .filter(|zone| !zone.is_empty())
}

/// Marks `<html data-hydrated>` once every island of the page has
/// hydrated, so tests (and curious people) can tell a live page from plain
/// HTML. The browser entry point calls this before the islands script
/// hydrates them; each island calls [`island_hydrated`]. Lazy islands load
/// their code first, so they can finish last.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    let expected = document()
        .query_selector_all("leptos-island")
        .map(|islands| islands.length() as usize)
        .unwrap_or(0);
    hydration::EXPECTED.set(Some(expected));
    hydration::check();
}

/// Called from each island's body: in the browser, counts it towards
/// `data-hydrated`; on the server, nothing.
pub fn island_hydrated() {
    #[cfg(feature = "hydrate")]
    {
        hydration::DONE.set(hydration::DONE.get() + 1);
        hydration::check();
    }
}

#[cfg(feature = "hydrate")]
mod hydration {
    use leptos::prelude::*;
    use std::cell::Cell;

    thread_local! {
        pub static EXPECTED: Cell<Option<usize>> = const { Cell::new(None) };
        pub static DONE: Cell<usize> = const { Cell::new(0) };
    }

    /// Once all are in, marks the page on the next task: an island's body
    /// runs before its DOM is hydrated, in the same task.
    pub fn check() {
        if EXPECTED
            .get()
            .is_some_and(|expected| DONE.get() >= expected)
        {
            set_timeout(
                || {
                    if let Some(root) = document().document_element() {
                        let _ = root.set_attribute("data-hydrated", "");
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    }
}
