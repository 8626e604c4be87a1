//! The pay curve: the 25th–75th percentile band and the median across
//! 0–20 years, with your point marked. Plain SVG from our own components,
//! with a text alternative and the same figures as a table.

use super::model::{Inputs, Model, PLATEAU_YEARS, Range, estimate, format_amount};
use crate::common::{Currency, fixed};
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// The estimate at each whole year, for the same place, skills and type.
#[derive(Clone, Debug, PartialEq)]
struct Curve {
    points: Vec<(u8, Range)>,
    currency: Currency,
    per: &'static str,
    /// Your years, capped at the plateau, and your range.
    you: Option<(f64, Range)>,
}

fn curve(inputs: &Inputs, model: &Model) -> Option<Curve> {
    let points: Vec<(u8, Range)> = (0..=PLATEAU_YEARS)
        .filter_map(|years| {
            let at = Inputs {
                years: f64::from(years),
                ..inputs.clone()
            };
            Some((years, estimate(&at, model).range?))
        })
        .collect();
    let yours = estimate(inputs, model);
    (!points.is_empty()).then(|| Curve {
        points,
        currency: yours.currency,
        per: yours.period.per(),
        you: you(inputs, model),
    })
}

/// Your point: your years (capped at the plateau) and your range.
fn you(inputs: &Inputs, model: &Model) -> Option<(f64, Range)> {
    let yours = estimate(inputs, model);
    yours
        .range
        .map(|r| (yours.years.min(f64::from(PLATEAU_YEARS)), r))
}

/// The chart for these inputs, or nothing when the place has no figures.
pub fn chart(inputs: &Inputs, model: &Model) -> impl IntoView + use<> {
    crate::ui::timed("salary-curve", || curve(inputs, model)).map(|curve| {
        view! {
            <section class="salary__chart" aria-labelledby="chart-title">
                <h2 id="chart-title">"Pay by years of experience"</h2>
                <CurveSvg curve=curve.clone() />
                <CurveTable curve />
            </section>
        }
    })
}

/// Where amounts and years fall in the drawing.
#[derive(Clone, Copy)]
struct Scale {
    /// The highest amount on the axis, a whole number of `step`s.
    top: f64,
    step: f64,
}

impl Scale {
    fn for_curve(curve: &Curve) -> Self {
        let highest = curve
            .points
            .iter()
            .map(|(_, r)| r.p75)
            .fold(0.0, f64::max)
            .max(1.0);
        let step = tick_step(highest);
        Scale {
            top: (highest / step).ceil() * step,
            step,
        }
    }

    fn x(self, years: f64) -> f64 {
        LEFT + years / f64::from(PLATEAU_YEARS) * (WIDTH - LEFT - RIGHT)
    }

    fn y(self, amount: f64) -> f64 {
        TOP + (1.0 - amount / self.top) * (HEIGHT - TOP - BOTTOM)
    }

    /// SVG points through one percentile of each year.
    fn line<'a>(
        self,
        pick: fn(&Range) -> f64,
        points: impl Iterator<Item = &'a (u8, Range)>,
    ) -> String {
        points
            .map(|(years, r)| {
                format!(
                    "{},{}",
                    fixed(self.x(f64::from(*years)), 1),
                    fixed(self.y(pick(r)), 1)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The chart in words, for screen readers.
fn summary(curve: &Curve) -> String {
    let first = curve.points[0].1.median;
    let last = curve.points[curve.points.len() - 1].1.median;
    let you = curve.you.map(|(years, range)| {
        format!(
            " You: {} at {} years.",
            format_amount(range.median, curve.currency),
            super::model::format_years(years)
        )
    });
    format!(
        "The median rises from {} {per} with no experience to {} at {PLATEAU_YEARS} years and more, inside a band from the 25th to the 75th percentile.{}",
        format_amount(first, curve.currency),
        format_amount(last, curve.currency),
        you.unwrap_or_default(),
        per = curve.per,
    )
}

#[component]
fn CurveSvg(curve: Curve) -> impl IntoView {
    let scale = Scale::for_curve(&curve);
    let band = format!(
        "{} {}",
        scale.line(|r| r.p75, curve.points.iter()),
        scale.line(|r| r.p25, curve.points.iter().rev())
    );
    let median = scale.line(|r| r.median, curve.points.iter());
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-labelledby="chart-svg-title chart-svg-desc"
        >
            <title id="chart-svg-title">"Pay by years of experience"</title>
            <desc id="chart-svg-desc">{summary(&curve)}</desc>
            <Axes scale currency=curve.currency />
            <polygon class="chart__band" points=band />
            <polyline class="chart__median" points=median />
            {curve.you.map(|you| view! { <YouMarker scale you currency=curve.currency /> })}
        </svg>
        <p class="chart__legend">
            <span class="chart__key chart__key--band"></span>"25th–75th percentile "
            <span class="chart__key chart__key--median"></span>"median "
            <span class="chart__key chart__key--you"></span>"you"
        </p>
    }
}

/// Grid lines with their amounts, and the years along the bottom.
#[component]
fn Axes(scale: Scale, currency: Currency) -> impl IntoView {
    let levels = (1..)
        .map(|i| f64::from(i) * scale.step)
        .take_while(|amount| *amount <= scale.top)
        .map(|amount| {
            let y = scale.y(amount);
            view! {
                <g class="chart__grid">
                    <line x1=fixed(LEFT, 0) x2=fixed(WIDTH - RIGHT, 0) y1=fixed(y, 1) y2=fixed(y, 1) />
                    <text x=fixed(LEFT - 6.0, 0) y=fixed(y + 4.0, 1) text-anchor="end">{format_amount(amount, currency)}</text>
                </g>
            }
        })
        .collect_view();
    let ticks = [0u8, 5, 10, 15, 20]
        .into_iter()
        .map(|t| {
            let label = if t == PLATEAU_YEARS { format!("{t}+") } else { t.to_string() };
            view! { <text x=fixed(scale.x(f64::from(t)), 1) y=fixed(HEIGHT - 12.0, 0) text-anchor="middle">{label}</text> }
        })
        .collect_view();
    view! { {levels} {ticks} }
}

/// Your years and median, as a line and a point.
#[component]
fn YouMarker(scale: Scale, you: (f64, Range), currency: Currency) -> impl IntoView {
    let (years, range) = you;
    let label = format!(
        "You: {} at {} years",
        format_amount(range.median, currency),
        super::model::format_years(years)
    );
    let x = fixed(scale.x(years), 1);
    view! {
        <g class="chart__you" data-years=super::model::format_years(years)>
            <line x1=x.clone() x2=x.clone() y1=fixed(TOP, 0) y2=fixed(HEIGHT - BOTTOM, 1) />
            <circle cx=x cy=fixed(scale.y(range.median), 1) r="6">
                <title>{label}</title>
            </circle>
        </g>
    }
}

/// A round step between grid lines (1, 2 or 5 × a power of ten) giving
/// three to six lines below `highest`.
fn tick_step(highest: f64) -> f64 {
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= highest / 3.0 {
        magnitude *= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| highest / step <= 6.0)
        .unwrap_or(magnitude * 10.0)
}

#[component]
fn CurveTable(curve: Curve) -> impl IntoView {
    let currency = curve.currency;
    let your_row = curve.you.map(|(years, _)| years.round() as u8);
    view! {
        <details class="chart__table">
            <summary>"The same figures as a table"</summary>
            <table>
                <caption>{format!("Estimated pay {} by years of experience", curve.per)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Years"</th>
                        <th scope="col">"25th percentile"</th>
                        <th scope="col">"Median"</th>
                        <th scope="col">"75th percentile"</th>
                    </tr>
                </thead>
                <tbody>
                    {curve
                        .points
                        .into_iter()
                        .map(|(years, r)| {
                            let label = if years == PLATEAU_YEARS { format!("{years}+") } else { years.to_string() };
                            let yours = your_row == Some(years);
                            view! {
                                <tr class:chart__row--you=yours>
                                    <th scope="row">
                                        {label}
                                        {yours.then(|| view! { <span class="visually-hidden">" (you)"</span> })}
                                    </th>
                                    <td>{format_amount(r.p25, currency)}</td>
                                    <td>{format_amount(r.median, currency)}</td>
                                    <td>{format_amount(r.p75, currency)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salary::model::tests::fixture;

    #[test]
    fn grid_lines_fall_on_round_numbers() {
        let cases = [
            (165_000.0, 50_000.0),
            (9.0, 2.0),
            (62.0, 20.0),
            (1_300_000.0, 500_000.0),
        ];
        for (highest, step) in cases {
            assert_eq!(tick_step(highest), step, "{highest}");
        }
    }

    #[test]
    fn the_curve_has_a_point_per_year_and_marks_you_at_the_plateau_at_most() {
        let model = fixture();
        let inputs = Inputs {
            location: "berlin".into(),
            years: 35.0,
            ..Inputs::default()
        };

        let curve = curve(&inputs, &model).unwrap();

        assert_eq!(curve.points.len(), 21);
        let (years, range) = curve.you.unwrap();
        assert_eq!(years, 20.0);
        assert_eq!(range, curve.points[20].1);
    }
}
