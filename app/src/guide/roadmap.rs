//! The roadmap: steps that expand (plain `<details>`, so they work without
//! JavaScript) and a checklist whose progress the browser remembers.

use super::RoadmapStep;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// An island: the steps come as its props, and the ticks live in the browser.
#[island(lazy)]
pub fn Roadmap(steps: Vec<RoadmapStep>) -> impl IntoView {
    crate::browser::island_hydrated();
    let total = steps.len();
    let done = RwSignal::new(BTreeSet::<i16>::new());
    // Checkboxes stay disabled until the WASM has hydrated the page, because
    // only then can a tick be saved. Effects run in the browser only.
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        done.set(progress::load());
        ready.set(true);
    });

    let count = move || done.with(|done| done.len());
    let items = steps
        .into_iter()
        .map(|step| view! { <Step step done ready /> })
        .collect_view();

    view! {
        <div class="roadmap">
            <div class="roadmap__progress">
                <progress id="roadmap-progress" max=total value=count>
                    {move || format!("{} of {total}", count())}
                </progress>
                <label for="roadmap-progress" aria-live="polite" data-testid="roadmap-count">
                    {move || format!("{} of {total} steps done", count())}
                </label>
            </div>
            <ol class="roadmap__steps">{items}</ol>
        </div>
    }
}

#[component]
fn Step(step: RoadmapStep, done: RwSignal<BTreeSet<i16>>, ready: RwSignal<bool>) -> impl IntoView {
    let RoadmapStep {
        position,
        title,
        summary,
        details,
    } = step;
    let checkbox_id = format!("roadmap-step-{position}");
    let label_for = checkbox_id.clone();
    let is_done = move || done.with(|done| done.contains(&position));
    let on_change = move |event: leptos::ev::Event| {
        let checked = event_target_checked(&event);
        done.update(|done| {
            if checked {
                done.insert(position);
            } else {
                done.remove(&position);
            }
        });
        done.with_untracked(progress::save);
    };

    view! {
        <li class="roadmap-step" class:roadmap-step--done=is_done>
            <details>
                <summary>
                    <span class="roadmap-step__number">{format!("Step {position}")}</span>
                    <span class="roadmap-step__title">{title.clone()}</span>
                </summary>
                <p>{summary}</p>
                <ul>{details.into_iter().map(|detail| view! { <li>{detail}</li> }).collect_view()}</ul>
            </details>
            <label class="roadmap-step__check" for=label_for>
                <input
                    type="checkbox"
                    id=checkbox_id
                    disabled=move || !ready.get()
                    prop:checked=is_done
                    on:change=on_change
                />
                <span>"Done"</span>
                <span class="visually-hidden">{format!(": {title}")}</span>
            </label>
        </li>
    }
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
