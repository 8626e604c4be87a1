//! The roadmap: steps that expand (plain `<details>`, so they work without
//! JavaScript) and a checklist whose progress the browser remembers.
//!
//! The steps are server HTML, the island's children, so none of their text
//! or types enter the WASM: the island (`Progress`) only counts the ticks,
//! enables the boxes once a tick can be saved, and marks the done steps.

use super::RoadmapStep;
use leptos::prelude::*;

/// The steps and the progress bar, rendered on the server, inside the
/// checklist island.
#[component]
pub fn Roadmap(steps: Vec<RoadmapStep>) -> impl IntoView {
    let total = steps.len();
    let items = steps
        .into_iter()
        .map(|step| view! { <Step step /> })
        .collect_view();
    view! {
        <Progress>
            <div class="roadmap__progress">
                <progress id="roadmap-progress" max=total value=0>{format!("0 of {total}")}</progress>
                <label class="roadmap__count" for="roadmap-progress" aria-live="polite" data-testid="roadmap-count">
                    {format!("0 of {total} steps done")}
                </label>
            </div>
            <ol class="roadmap__steps">{items}</ol>
        </Progress>
    }
}

/// The checklist, live once hydrated. It has no props (the steps are
/// counted in the page, so no props decoder ships) and no reactive view
/// (so no rendering code ships): the boxes, the progress bar and the count
/// are set in the page itself, from what was saved when it hydrates and
/// from the boxes after each tick.
#[island(lazy)]
fn Progress(children: Children) -> impl IntoView {
    crate::browser::island_hydrated();
    let root = NodeRef::<leptos::html::Div>::new();
    // Effects run in the browser only: there the boxes are set from what was
    // saved and enabled, because only now can a tick be saved.
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            boxes::show(&root, &progress::load());
        }
    });
    let on_change = move |event: leptos::ev::Event| {
        if let (Some(_), Some(root)) = (boxes::ticked(&event), root.get_untracked()) {
            let done = boxes::checked(&root);
            progress::save(&done);
            boxes::show(&root, &done);
        }
    };
    view! {
        <div class="roadmap" node_ref=root on:change=on_change>
            {children()}
        </div>
    }
}

/// One step. Its box is disabled until the island has hydrated.
#[component]
fn Step(step: RoadmapStep) -> impl IntoView {
    let RoadmapStep {
        position,
        title,
        summary,
        details,
    } = step;
    let checkbox_id = format!("roadmap-step-{position}");
    let label_for = checkbox_id.clone();
    view! {
        <li class="roadmap-step">
            <details>
                <summary>
                    <span class="roadmap-step__number">{format!("Step {position}")}</span>
                    <span class="roadmap-step__title">{title.clone()}</span>
                </summary>
                <p>{summary}</p>
                <ul>{details.into_iter().map(|detail| view! { <li>{detail}</li> }).collect_view()}</ul>
            </details>
            <label class="roadmap-step__check" for=label_for>
                <input type="checkbox" id=checkbox_id data-step=position disabled />
                <span>"Done"</span>
                <span class="visually-hidden">{format!(": {title}")}</span>
            </label>
        </li>
    }
}

/// The steps' boxes in the page: which one was ticked, which are, and
/// showing a set of done steps on the boxes, the steps and the count.
mod boxes {
    use std::collections::BTreeSet;

    /// The step number of the box a `change` came from, if it is a step's.
    #[cfg(feature = "hydrate")]
    pub fn ticked(event: &leptos::ev::Event) -> Option<i16> {
        use wasm_bindgen::JsCast;
        let input = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        step_of(&input)
    }

    #[cfg(feature = "hydrate")]
    fn step_of(input: &web_sys::Element) -> Option<i16> {
        input.get_attribute("data-step")?.parse().ok()
    }

    #[cfg(feature = "hydrate")]
    fn inputs(root: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlInputElement> {
        use wasm_bindgen::JsCast;
        let Ok(list) = root.query_selector_all("input[data-step]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    /// The steps whose boxes are ticked now.
    #[cfg(feature = "hydrate")]
    pub fn checked(root: &web_sys::HtmlDivElement) -> BTreeSet<i16> {
        inputs(root)
            .iter()
            .filter(|input| input.checked())
            .filter_map(|input| step_of(input))
            .collect()
    }

    /// Every box checked and enabled as `done` says, its step marked done,
    /// and the progress bar and count (announced: a live region) updated.
    /// The count is of the boxes ticked, so a saved step the guide no
    /// longer has (an old or edited value) never reads "8 of 7".
    #[cfg(feature = "hydrate")]
    pub fn show(root: &web_sys::HtmlDivElement, done: &BTreeSet<i16>) {
        let (mut count, inputs) = (0, inputs(root));
        let total = inputs.len();
        for input in inputs {
            let is_done = step_of(&input).is_some_and(|step| done.contains(&step));
            input.set_checked(is_done);
            input.set_disabled(false);
            count += usize::from(is_done);
            if let Ok(Some(step)) = input.closest(".roadmap-step") {
                let _ = step
                    .class_list()
                    .toggle_with_force("roadmap-step--done", is_done);
            }
        }
        if let Ok(Some(bar)) = root.query_selector("progress") {
            let _ = bar.set_attribute("value", &count.to_string());
            bar.set_text_content(Some(&format!("{count} of {total}")));
        }
        if let Ok(Some(label)) = root.query_selector(".roadmap__count") {
            label.set_text_content(Some(&format!("{count} of {total} steps done")));
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn ticked(_: &leptos::ev::Event) -> Option<i16> {
        None
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn checked<E>(_: &E) -> BTreeSet<i16> {
        BTreeSet::new()
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn show<E>(_: &E, _: &BTreeSet<i16>) {}
}

/// Roadmap progress in `localStorage`, as a comma-separated list of step numbers.
mod progress {
    use std::collections::BTreeSet;

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    const KEY: &str = "backline.guide.roadmap-done";

    /// Reads a stored list, skipping anything that is not a step number, so a
    /// corrupted value costs the user nothing worse than an empty checklist.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn parse(stored: &str) -> BTreeSet<i16> {
        stored
            .split(',')
            .filter_map(|part| part.trim().parse().ok())
            .collect()
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn format(done: &BTreeSet<i16>) -> String {
        done.iter()
            .map(i16::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    #[cfg(feature = "hydrate")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    #[cfg(feature = "hydrate")]
    pub fn load() -> BTreeSet<i16> {
        storage()
            .and_then(|storage| storage.get_item(KEY).ok().flatten())
            .map(|value| parse(&value))
            .unwrap_or_default()
    }

    /// Saving is best effort: private browsing may refuse storage, and the
    /// checklist still works for the rest of the visit.
    #[cfg(feature = "hydrate")]
    pub fn save(done: &BTreeSet<i16>) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(KEY, &format(done));
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn load() -> BTreeSet<i16> {
        BTreeSet::new()
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn save(_done: &BTreeSet<i16>) {}

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn stored_progress_survives_a_round_trip() {
            let done = BTreeSet::from([1, 3, 7]);
            assert_eq!(parse(&format(&done)), done);
        }

        #[test]
        fn corrupted_progress_is_read_as_far_as_it_makes_sense() {
            let cases = [
                ("", vec![]),
                ("2,x,5", vec![2, 5]),
                (" 4 , 4,", vec![4]),
                ("junk", vec![]),
            ];
            for (stored, expected) in cases {
                assert_eq!(
                    parse(stored),
                    expected.into_iter().collect(),
                    "input {stored:?}"
                );
            }
        }
    }
}
