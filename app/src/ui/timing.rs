//! User Timing measures, which `./dev bench salary` reads.

#[cfg(feature = "hydrate")]
use leptos::prelude::window;

/// Runs `work`, and in the browser records how long it took as a User
/// Timing measure called `name`, which `./dev bench salary` reads.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    #[cfg(feature = "hydrate")]
    {
        let start = format!("{name}-start");
        let performance = window().performance();
        if let Some(performance) = &performance {
            let _ = performance.mark(&start);
        }
        let result = work();
        if let Some(performance) = &performance {
            let _ = performance.measure_with_start_mark(name, &start);
            performance.clear_marks_with_mark_name(&start);
            // Keep the browser's list of measures from growing all day.
            thread_local! {
                static RECORDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
            }
            if RECORDED.with(|n| n.replace(n.get() + 1)) >= 2_000 {
                performance.clear_measures_with_measure_name(name);
                RECORDED.with(|n| n.set(0));
            }
        }
        result
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = name;
        work()
    }
}
