//! A form the server renders, made live in the browser by a small island
//! that renders nothing itself: no view code, no server-function client and
//! no serde enter the WASM, only the form's rules and some DOM work.
//!
//! The island wraps the form's region (its children, server HTML) in
//! [`live_form`], whose element listens to the events that bubble up:
//! - leaving a field shows its message, and putting it right removes it,
//!   from the same rules the server applies (`FormInput::validate`);
//! - submitting checks everything (all messages, a summary, the focus on the
//!   first field to fix), then posts the form with `fetch` to the same URL a
//!   browser without JavaScript posts it to (`post::post_form`);
//! - the answer decides: a redirect (success) to a page that has this
//!   region swaps its region in (the thanks) and shows its address;
//!   a redirect elsewhere goes there; a refusal, which the server renders
//!   as this page again with what was typed and what to fix (422, 409,
//!   429), swaps the region in with its messages, as without JavaScript;
//!   anything else (offline, a failure on our side) says so and keeps
//!   everything typed.
//!
//! The page's markup is the contract: the region `#{form}-live`, the
//! summary slot `#{form}-summary`, each field's message `#{form}-{name}-error`
//! (see `fields.rs`), and the submit button's `data-busy` label.

use super::FormInput;
use leptos::prelude::*;

/// The element a form's island renders around its children: it listens,
/// and its id names the region a submission's answer replaces.
pub fn live_form<F: FormInput>(form: &'static str, children: Children) -> impl IntoView {
    let live = Live::<F>::new(form);
    view! {
        <div
            id=format!("{form}-live")
            class="live-form"
            on:focusout=move |ev| live.left(ev)
            on:input=move |ev| live.edited(ev)
            on:change=move |ev| live.edited(ev)
            on:submit=move |ev| live.submitted(ev)
        >
            {children()}
        </div>
    }
}

#[cfg(not(feature = "hydrate"))]
use server::Live;

#[cfg(not(feature = "hydrate"))]
mod server {
    use super::FormInput;
    use std::marker::PhantomData;

    /// On the server events never fire: nothing to do.
    pub struct Live<F>(PhantomData<fn() -> F>);

    impl<F> Clone for Live<F> {
        fn clone(&self) -> Self {
            *self
        }
    }
    impl<F> Copy for Live<F> {}

    impl<F: FormInput> Live<F> {
        pub fn new(_form: &'static str) -> Self {
            Live(PhantomData)
        }
        pub fn left(self, _: leptos::ev::FocusEvent) {}
        pub fn edited(self, _: leptos::ev::Event) {}
        pub fn submitted(self, _: leptos::ev::SubmitEvent) {}
    }
}

#[cfg(feature = "hydrate")]
use browser::Live;

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::browser::{field_left, focus_first_invalid, form_data};
    use super::super::{FormInput, after_leaving, still_wrong, summary_text};
    use crate::AppError;
    use crate::browser::{Navigator, focus};
    use leptos::prelude::*;
    use std::marker::PhantomData;
    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element, HtmlFormElement};

    /// What the form shows: the messages of the fields left so far, or a
    /// refusal the server explained, and whether the summary is up.
    #[derive(Clone, Default)]
    struct Shown {
        error: Option<AppError>,
        touched: Vec<String>,
        summary: bool,
        sending: bool,
    }

    pub struct Live<F> {
        form: &'static str,
        shown: StoredValue<Shown>,
        input: PhantomData<fn() -> F>,
    }

    impl<F> Clone for Live<F> {
        fn clone(&self) -> Self {
            *self
        }
    }
    impl<F> Copy for Live<F> {}

    impl<F: FormInput> Live<F> {
        pub fn new(form: &'static str) -> Self {
            let live = Live {
                form,
                shown: StoredValue::new(Shown::default()),
                input: PhantomData,
            };
            live.read_page();
            live
        }

        /// The state the page was served in: after a refused post without
        /// JavaScript, every message and the summary are already up.
        fn read_page(self) {
            let Some(summary) = self.element("summary") else {
                return;
            };
            let said = summary.text_content().unwrap_or_default();
            if said.trim().is_empty() {
                return;
            }
            let fields = self.form_element().and_then(|f| self.read(&f));
            let error = match fields.map(|input| input.validate()) {
                Some(Err(invalid)) => invalid,
                // The fields are fine, so the server refused for another
                // reason, which its summary says. It stays until the next
                // submission, as every refusal does.
                _ => AppError::Conflict(said.trim().to_owned()),
            };
            self.shown.update_value(|s| {
                *s = Shown {
                    error: Some(error),
                    touched: F::FIELDS.iter().map(|f| (*f).to_owned()).collect(),
                    summary: true,
                    sending: false,
                }
            });
        }

        pub fn left(self, ev: leptos::ev::FocusEvent) {
            if !self.owns(&ev) {
                return;
            }
            let Some(field) = field_left(&ev) else { return };
            if !F::FIELDS.contains(&field.as_str()) || !F::checks_on_leave(&field) {
                return;
            }
            let Some(input) = form_data_input::<F>(&ev) else {
                return;
            };
            self.change(|shown| {
                if !shown.touched.contains(&field) {
                    shown.touched.push(field);
                }
                shown.error =
                    after_leaving(shown.error.take(), input.validate().err(), &shown.touched);
            });
        }

        pub fn edited(self, ev: leptos::ev::Event) {
            if !self.owns(&ev) {
                return;
            }
            let Some(input) = form_data_input::<F>(&ev) else {
                return;
            };
            self.change(|shown| {
                if let Some(error) = shown.error.take() {
                    shown.error = still_wrong(error, input.validate().err());
                }
            });
        }

        pub fn submitted(self, ev: leptos::ev::SubmitEvent) {
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            else {
                return;
            };
            if !self.owns(&ev) {
                return;
            }
            ev.prevent_default();
            if self.shown.with_value(|s| s.sending) {
                return;
            }
            let Some(input) = self.read(&form) else {
                return;
            };
            let invalid = input.validate().err();
            self.change(|shown| {
                shown.touched = F::FIELDS.iter().map(|f| (*f).to_owned()).collect();
                shown.summary = true;
                shown.error = invalid.clone();
            });
            if invalid.is_some() {
                focus_first_invalid(ev.as_ref());
                return;
            }
            self.busy(&form, true);
            leptos::task::spawn_local(async move {
                let answer = send(&form).await;
                self.answered(&form, answer);
            });
        }

        /// What the server said to a submission.
        fn answered(self, form: &HtmlFormElement, answer: Result<Answer, AppError>) {
            let region = format!("{}-live", self.form);
            let answer = match answer {
                Ok(answer) => answer,
                Err(failure) => return self.failed(form, failure),
            };
            let theirs = answer.page.get_element_by_id(&region);
            match (theirs, self.element("live")) {
                (Some(theirs), Some(ours)) => {
                    // Moved, not copied as markup: nodes from a parsed page
                    // (whose scripts never run).
                    ours.replace_children_with_node_0();
                    while let Some(node) = theirs.first_child() {
                        let _ = ours.append_child(&node);
                    }
                    self.shown.update_value(|s| *s = Shown::default());
                    if answer.redirected {
                        Navigator::new().record(&answer.href, true);
                        focus(ours.query_selector("[role=status]").ok().flatten());
                    } else {
                        self.read_page();
                        let first = ours.query_selector("[aria-invalid=true]").ok().flatten();
                        focus(first.or_else(|| self.element("summary")));
                    }
                }
                _ if answer.redirected => Navigator::new().open(&answer.href),
                _ => {
                    let failure = page_notice(&answer)
                        .map(AppError::Conflict)
                        .unwrap_or_else(|| failure_for(answer.status));
                    self.failed(form, failure)
                }
            }
        }

        /// Nothing usable came back: say why; everything typed stays.
        fn failed(self, form: &HtmlFormElement, failure: AppError) {
            self.busy(form, false);
            self.change(|shown| {
                shown.error = Some(failure);
                shown.summary = true;
            });
            focus(self.element("summary"));
        }

        /// Applies a change to what is shown and redraws it if it changed.
        fn change(self, update: impl FnOnce(&mut Shown)) {
            let (before, after) = self
                .shown
                .try_update_value(|shown| {
                    let before = (shown.error.clone(), shown.summary);
                    update(shown);
                    (before, (shown.error.clone(), shown.summary))
                })
                .unwrap_or_default();
            if before != after {
                self.paint(after.0.as_ref(), after.1);
            }
        }

        /// Writes the messages into the page: beside each field, on its
        /// `aria-invalid`, and in the summary once a submission showed it.
        fn paint(self, error: Option<&AppError>, summary: bool) {
            for field in F::FIELDS {
                let message = error.and_then(|e| e.field_message(field));
                if let Some(line) = self.element(&format!("{field}-error")) {
                    line.set_text_content(message.as_deref());
                }
                if let Some(form) = self.form_element()
                    && let Ok(inputs) = form.query_selector_all(&format!("[name='{field}']"))
                {
                    for input in (0..inputs.length()).filter_map(|i| inputs.item(i)) {
                        if let Some(input) = input.dyn_ref::<Element>() {
                            let _ =
                                input.set_attribute("aria-invalid", &message.is_some().to_string());
                        }
                    }
                }
            }
            if let Some(slot) = self.element("summary") {
                let text = error.filter(|_| summary).map(summary_text);
                // The same words stay the same element: a new alert would be
                // announced again while people put the fields right.
                let said = slot.text_content().unwrap_or_default();
                if text.as_deref().unwrap_or_default() == said.trim() {
                    return;
                }
                slot.replace_children_with_node_0();
                if let Some(text) = text
                    && let Ok(line) = document().create_element("p")
                {
                    line.set_class_name("notice notice--error");
                    let _ = line.set_attribute("role", "alert");
                    line.set_text_content(Some(&text));
                    let _ = slot.append_child(&line);
                }
            }
        }

        /// Marks the form as sending: its button says so and a second
        /// press waits.
        fn busy(self, form: &HtmlFormElement, busy: bool) {
            self.shown.update_value(|s| s.sending = busy);
            let Some(button) = form
                .query_selector("button[type=submit][data-busy]")
                .ok()
                .flatten()
            else {
                return;
            };
            let label = button.get_attribute("data-busy").unwrap_or_default();
            let idle = button.get_attribute("data-idle");
            if busy {
                let _ =
                    button.set_attribute("data-idle", &button.text_content().unwrap_or_default());
                button.set_text_content(Some(&label));
            } else if let Some(idle) = idle {
                button.set_text_content(Some(&idle));
            }
            let _ = button.set_attribute("aria-disabled", &busy.to_string());
            // What is sent is what the answer echoes: typing meanwhile would
            // be lost when a refusal's fields are moved in.
            if let Ok(fields) = form.query_selector_all("input, textarea") {
                for field in (0..fields.length()).filter_map(|i| fields.item(i)) {
                    if let Some(field) = field.dyn_ref::<Element>() {
                        let _ = match busy {
                            true => field.set_attribute("readonly", ""),
                            false => field.remove_attribute("readonly"),
                        };
                    }
                }
            }
        }

        fn read(self, form: &HtmlFormElement) -> Option<F> {
            let data = web_sys::FormData::new_with_form(form).ok()?;
            Some(F::from_fields(|name| {
                data.get(name).as_string().unwrap_or_default()
            }))
        }

        /// The form this island sends: the region's one that posts.
        /// (The region may hold others, such as the booking's GET form
        /// for a time zone.)
        fn form_element(self) -> Option<HtmlFormElement> {
            self.element("live")?
                .query_selector("form[method=post]")
                .ok()??
                .dyn_into()
                .ok()
        }

        /// Whether `ev` happened in this island's form, not another in
        /// its region.
        fn owns(self, ev: &leptos::ev::Event) -> bool {
            let form = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("form").ok().flatten());
            match (form, self.form_element()) {
                (Some(theirs), Some(ours)) => theirs.is_same_node(Some(&ours)),
                _ => false,
            }
        }

        /// The element `#{form}-{part}`.
        fn element(self, part: &str) -> Option<Element> {
            document().get_element_by_id(&format!("{}-{part}", self.form))
        }
    }

    fn form_data_input<F: FormInput>(ev: &leptos::ev::Event) -> Option<F> {
        let data = form_data(ev)?;
        Some(F::from_fields(|name| {
            data.get(name).as_string().unwrap_or_default()
        }))
    }

    /// The server's answer to a posted form: the page it ended on.
    struct Answer {
        status: u16,
        redirected: bool,
        /// Where a redirect ended, as path and query.
        href: String,
        page: Document,
    }

    /// Posts the form where it posts without JavaScript, as the browser
    /// would (url-encoded), and reads the page that comes back.
    async fn send(form: &HtmlFormElement) -> Result<Answer, AppError> {
        use wasm_bindgen_futures::JsFuture;
        let data = web_sys::FormData::new_with_form(form).map_err(|_| AppError::Internal)?;
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
            .map_err(|_| AppError::Internal)?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let response: web_sys::Response =
            JsFuture::from(window().fetch_with_str_and_init(&form.action(), &init))
                .await
                .map_err(|_| AppError::Network)?
                .dyn_into()
                .map_err(|_| AppError::Internal)?;
        let text = JsFuture::from(response.text().map_err(|_| AppError::Network)?)
            .await
            .map_err(|_| AppError::Network)?
            .as_string()
            .unwrap_or_default();
        let page = web_sys::DomParser::new()
            .and_then(|parser| parser.parse_from_string(&text, web_sys::SupportedType::TextHtml))
            .map_err(|_| AppError::Internal)?;
        let href = web_sys::Url::new(&response.url())
            .map(|url| format!("{}{}", url.pathname(), url.search()))
            .unwrap_or_else(|_| response.url());
        Ok(Answer {
            status: response.status(),
            redirected: response.redirected(),
            href,
            page,
        })
    }

    /// A refusal rendered as a page without this form (a job that expired
    /// meanwhile) says why in its notice.
    fn page_notice(answer: &Answer) -> Option<String> {
        if !(400..500).contains(&answer.status) {
            return None;
        }
        let notice = answer.page.query_selector("main .notice").ok()??;
        let text = notice.text_content()?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// An answer that is not a page of ours: what to tell the visitor.
    fn failure_for(status: u16) -> AppError {
        match status {
            404 => AppError::NotFound,
            410 => AppError::Gone,
            403 => AppError::Forbidden(
                "This form could not be sent from here. Reload the page and try again.".into(),
            ),
            400..=499 => AppError::BadRequest(
                "The form was not accepted. Reload the page and try again.".into(),
            ),
            502..=504 => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}
