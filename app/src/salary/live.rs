//! The estimator's behaviour once the WASM runs. Every change re-reads the
//! form through the URL's own parser, computes the estimate at once and
//! draws it into the page with the functions the server renders it with
//! (`output.rs`), so no reactive view of the estimate ships; the
//! URL follows a moment later, and back and forward set the form from the
//! URL of their entry. On the server it does nothing: events never fire.

#[cfg(not(feature = "hydrate"))]
#[derive(Clone, Copy)]
pub struct Live;

#[cfg(not(feature = "hydrate"))]
impl Live {
    pub fn new() -> Option<Self> {
        None
    }
    pub fn changed(self, _: leptos::ev::Event) {}
    pub fn submitted(self, _: leptos::ev::SubmitEvent) {}
}

#[cfg(feature = "hydrate")]
pub use browser::Live;

#[cfg(feature = "hydrate")]
mod browser {
    use crate::browser::{Later, Navigator, current_href, draw};
    use crate::salary::model::{Inputs, Model, estimate, format_years};
    use crate::salary::output::{
        estimate_output, jobs_link_text, live_summary, merge_notes, notes,
    };
    use crate::salary::query::{SalaryQuery, matching_jobs};
    use crate::ui::timed;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlFormElement, HtmlInputElement};

    /// The URL follows the inputs after this pause, so a slider drag writes
    /// one history entry, not hundreds (browsers throttle those).
    const URL_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

    #[derive(Clone, Copy)]
    pub struct Live {
        model: StoredValue<Model>,
        /// What the estimate shows now.
        query: StoredValue<SalaryQuery>,
        /// The address the page shows: a popstate to it is a jump to a
        /// fragment, not another estimate.
        shown: StoredValue<String>,
        /// The job search the link counts, and its count once known.
        counted: StoredValue<(String, Option<i64>)>,
        /// The job search whose count is on its way.
        asking: StoredValue<Option<String>>,
        /// The notes shown, redrawn only when they change (they are a
        /// status region: drawn anew, they would be announced anew).
        notes: StoredValue<Vec<String>>,
        url: Later,
    }

    impl Live {
        pub fn new() -> Option<Self> {
            let model = read_model()?;
            let form = form();
            // What the server estimated: the URL's query (the form may
            // already hold changes, made before this code arrived).
            let (query, url_notes) = url_query();
            let (inputs, input_notes) = query.inputs(&model);
            let counted = document()
                .query_selector("[data-testid=matching-jobs]")
                .ok()
                .flatten()
                .map(|link| {
                    let count = link.text_content().and_then(|t| first_number(&t));
                    (link.get_attribute("data-jobs").unwrap_or_default(), count)
                })
                .unwrap_or_default();
            let live = Live {
                model: StoredValue::new(model),
                query: StoredValue::new(query),
                shown: StoredValue::new(current_href()),
                counted: StoredValue::new(counted),
                asking: StoredValue::new(None),
                notes: StoredValue::new(merge_notes(url_notes, input_notes)),
                url: Later::for_this_page(),
            };
            live.follow_history();
            // The server could not count the jobs: ask again.
            if live.counted.with_value(|(_, count)| count.is_none()) {
                live.model.with_value(|m| live.count_for(&inputs, m));
            }
            // What was typed before this island's code arrived (it is
            // lazy) is estimated now.
            if let Some(form) = &form {
                // Live: the controls that need this code show, and the
                // GET form's button goes (see the style sheet).
                let _ = form.set_attribute("data-live", "");
            }
            if let Some(form) = form.filter(crate::browser::form_was_changed) {
                live.update(&form, None);
            }
            Some(live)
        }

        pub fn changed(self, ev: leptos::ev::Event) {
            let Some(form) = form() else { return };
            // A select is no input: the form is read as it is.
            let field = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
            self.update(&form, field.as_ref());
        }

        pub fn submitted(self, ev: leptos::ev::SubmitEvent) {
            ev.prevent_default();
            self.write_url_now();
        }

        /// Reads the form and shows its estimate, if it asks for another.
        /// The slider has no name (the number field carries the value):
        /// moving it sets the number field, and typing a number moves it.
        fn update(self, form: &HtmlFormElement, field: Option<&HtmlInputElement>) {
            let years_box = named(form, "years");
            if let (Some(field), Some(years_box)) = (field, &years_box) {
                if field.has_attribute("data-years-slider") {
                    years_box.set_value(&field.value());
                } else if field.name() == "years"
                    && let (Some(slider), Ok(years)) = (
                        slider(form),
                        crate::common::parse_decimal(&field.value()).ok_or(()),
                    )
                {
                    slider.set_value(&format_years(years.clamp(0.0, 30.0)));
                }
            }
            let (mut next, form_notes) = read(form);
            // An empty or half-typed number ("", "-") keeps the years
            // shown, instead of snapping back to the default under the caret.
            if next.years.is_none() {
                next.years = self.query.with_value(|q| q.years);
            }
            if self.query.with_value(|q| *q != next) {
                self.query.set_value(next);
                self.show(form_notes);
                self.url.run(URL_PAUSE, move || self.write_url_now());
            }
        }

        /// Computes the estimate for the query and writes it into the page.
        fn show(self, first_notes: Vec<String>) {
            let query = self.query.get_value();
            self.model.with_value(|model| {
                let (inputs, input_notes) = query.inputs(model);
                let estimate = timed("salary-estimate", || estimate(&inputs, model));
                set_text("salary-announce", &live_summary(&estimate));
                let count = self.count_for(&inputs, model);
                if let Some(region) = document().get_element_by_id("salary-estimate") {
                    keep_open_details(&region, || {
                        draw(&region, estimate_output(estimate, &inputs, model, count));
                    });
                }
                let now = merge_notes(first_notes, input_notes);
                if self.notes.with_value(|shown| *shown != now)
                    && let Some(region) = document().get_element_by_id("salary-notes")
                {
                    self.notes.set_value(now.clone());
                    draw(&region, notes(now));
                }
            });
        }

        /// The count for the link, when it is known for the same job
        /// search; otherwise none for now, and the server is asked (once at
        /// a time; a failed answer is asked again at the next change). An
        /// older answer never overwrites a newer one.
        fn count_for(self, inputs: &Inputs, model: &Model) -> Option<i64> {
            let jobs = matching_jobs(inputs, model).render();
            if let (counted, Some(count)) = self.counted.get_value()
                && counted == jobs
            {
                return Some(count);
            }
            if self
                .asking
                .with_value(|asking| asking.as_ref() == Some(&jobs))
            {
                return None;
            }
            self.counted.set_value((jobs.clone(), None));
            self.asking.set_value(Some(jobs.clone()));
            leptos::task::spawn_local(async move {
                let answer = count_jobs(&jobs).await;
                if self
                    .asking
                    .with_value(|asking| asking.as_ref() == Some(&jobs))
                {
                    self.asking.set_value(None);
                }
                let Some(count) = answer else { return };
                if self.counted.with_value(|(counted, _)| *counted == jobs) {
                    self.counted.set_value((jobs, Some(count)));
                    if let Some(link) = document()
                        .query_selector("[data-testid=matching-jobs]")
                        .ok()
                        .flatten()
                    {
                        link.set_text_content(Some(&jobs_link_text(Some(count))));
                    }
                }
            });
            None
        }

        fn write_url_now(self) {
            self.url.cancel();
            let Some(href) = self.query.try_with_value(SalaryQuery::href) else {
                return;
            };
            let on_this_page = window().location().pathname().ok().as_deref() == Some("/salary");
            if on_this_page && href != current_href() {
                Navigator::new().record(&href, true);
                self.shown.set_value(href);
            }
        }

        /// Back and forward show the estimate of their entry's URL (there
        /// is no router inside an island), with the form set to match.
        fn follow_history(self) {
            let handle = window_event_listener(leptos::ev::popstate, move |_| {
                let here = current_href();
                if self.shown.with_value(|shown| *shown == here) {
                    return;
                }
                self.url.cancel();
                self.shown.set_value(here);
                let (query, url_notes) = url_query();
                if let Some(form) = form() {
                    let inputs = self.model.with_value(|m| query.inputs(m).0);
                    fill(&form, &inputs);
                }
                self.query.set_value(query);
                self.show(url_notes);
            });
            on_cleanup(move || handle.remove());
        }
    }

    /// The model the server put in the page.
    fn read_model() -> Option<Model> {
        let encoded = document()
            .get_element_by_id("salary-model")?
            .get_attribute("data-model")?;
        Model::decode(&encoded)
    }

    /// The address bar's query, read.
    fn url_query() -> (SalaryQuery, Vec<String>) {
        let search = window().location().search().unwrap_or_default();
        SalaryQuery::parse(search.trim_start_matches('?'))
    }

    /// The form as the browser would submit it, read by the URL's parser.
    fn read(form: &HtmlFormElement) -> (SalaryQuery, Vec<String>) {
        let raw = web_sys::FormData::new_with_form(form)
            .ok()
            .and_then(|data| {
                web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.unchecked_ref()).ok()
            })
            .map(|params| String::from(params.to_string()))
            .unwrap_or_default();
        SalaryQuery::parse(&raw)
    }

    /// Sets every field of the form to `inputs`.
    fn fill(form: &HtmlFormElement, inputs: &Inputs) {
        let currency = inputs.currency.map(|c| c.code()).unwrap_or_default();
        let years = format_years(inputs.years);
        let fields: [(&str, Vec<&str>); 6] = [
            ("location", vec![&inputs.location]),
            ("years", vec![&years]),
            ("skill", inputs.skills.iter().map(String::as_str).collect()),
            ("type", vec![inputs.employment.slug()]),
            ("currency", vec![currency]),
            ("period", vec![inputs.period.slug()]),
        ];
        for (name, values) in fields {
            crate::browser::set_field(form, name, &values);
        }
        if let Some(slider) = slider(form) {
            slider.set_value(&format_years(inputs.years.min(30.0)));
        }
    }

    /// Redraws `region` keeping its `<details>` open or closed as they were.
    fn keep_open_details(region: &Element, redraw: impl FnOnce()) {
        let open = |region: &Element| -> Vec<web_sys::HtmlDetailsElement> {
            region
                .query_selector_all("details")
                .map(|all| {
                    (0..all.length())
                        .filter_map(|i| all.item(i)?.dyn_into().ok())
                        .collect()
                })
                .unwrap_or_default()
        };
        let before: Vec<bool> = open(region).iter().map(|d| d.open()).collect();
        redraw();
        for (details, was_open) in open(region).iter().zip(before) {
            details.set_open(was_open);
        }
    }

    /// How many jobs the job search finds for `jobs`, from the same server
    /// function the JSON API offers, posted as a form; its answer is a
    /// bare number. `None` when it cannot be had: the link still works.
    async fn count_jobs(jobs: &str) -> Option<i64> {
        let body = web_sys::UrlSearchParams::new().ok()?;
        body.append("query", jobs);
        let text = crate::browser::post_text("/api/salary/jobs", &body).await?;
        text.trim().parse().ok()
    }

    fn first_number(text: &str) -> Option<i64> {
        let digits: String = text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    fn set_text(id: &str, text: &str) {
        if let Some(element) = document().get_element_by_id(id) {
            element.set_text_content(Some(text));
        }
    }

    fn form() -> Option<HtmlFormElement> {
        crate::browser::find_form("form.salary__form")
    }

    fn named(form: &HtmlFormElement, name: &str) -> Option<HtmlInputElement> {
        form.query_selector(&format!("input[name='{name}']"))
            .ok()??
            .dyn_into()
            .ok()
    }

    fn slider(form: &HtmlFormElement) -> Option<HtmlInputElement> {
        form.query_selector("[data-years-slider]")
            .ok()??
            .dyn_into()
            .ok()
    }
}
