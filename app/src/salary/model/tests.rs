//! The estimator's rules, tested one by one, and the fixture other modules test with.

use super::*;
use proptest::prelude::*;

fn source(slug: &str, kind: SourceKind) -> Source {
    Source {
        slug: slug.to_owned(),
        title: slug.to_owned(),
        publisher: "test".to_owned(),
        url: None,
        year: 2026,
        kind,
        note: "test".to_owned(),
    }
}

fn place(slug: &str, parent: Option<&str>, median: Option<f64>, sample: Option<i32>) -> Location {
    Location {
        slug: slug.to_owned(),
        name: slug.to_owned(),
        country: parent.unwrap_or(slug).to_owned(),
        country_code: "XX".to_owned(),
        is_city: parent.is_some(),
        currency: Currency::Eur,
        parent: parent.map(str::to_owned),
        figures: median.map(|m| Figures {
            p25: m * 0.8,
            median: m,
            p75: m * 1.25,
            year: 2026,
            sample_size: sample,
            basis: "test".to_owned(),
            source: "stats".to_owned(),
        }),
    }
}

/// A model shaped like the seeded one, with a place for every case.
pub(crate) fn fixture() -> Model {
    let curve = [
        0.68, 0.74, 0.80, 0.87, 0.94, 1.00, 1.05, 1.09, 1.13, 1.16, 1.19, 1.21, 1.23, 1.25, 1.265,
        1.28, 1.285, 1.29, 1.295, 1.30, 1.30,
    ];
    let skills = [
        ("linux", 0.91, "claims"),
        ("python", 0.77, "claims"),
        ("javascript", 0.23, "claims"),
        ("nodejs", 0.11, "claims"),
        ("mysql", 0.09, "claims"),
        ("rust", 0.08, "ours"),
        ("git", 0.01, "ours"),
    ];
    Model {
        sources: vec![
            source("stats", SourceKind::Published),
            source("ours", SourceKind::Illustrative),
            source("claims", SourceKind::ArticleClaim),
            source("fx", SourceKind::Illustrative),
        ],
        locations: vec![
            place("germany", None, Some(60_000.0), Some(400)),
            place("berlin", Some("germany"), Some(66_000.0), Some(120)),
            place("leipzig", Some("germany"), None, None),
            place("tiny", Some("germany"), Some(50_000.0), Some(12)),
            place("nowhere", None, None, None),
            place("village", Some("nowhere"), None, None),
        ],
        experience: curve
            .iter()
            .enumerate()
            .map(|(years, multiplier)| ExperiencePoint {
                years: years as u8,
                multiplier: *multiplier,
                source: "stats".to_owned(),
            })
            .collect(),
        skills: skills
            .iter()
            .map(|(slug, premium, source)| SkillPremium {
                slug: (*slug).to_owned(),
                name: slug.to_uppercase(),
                premium: *premium,
                source: (*source).to_owned(),
            })
            .collect(),
        employment: [
            (EmploymentType::Employee, 1.0),
            (EmploymentType::Freelance, 1.25),
            (EmploymentType::Agency, 1.1),
            (EmploymentType::Temporary, 0.95),
        ]
        .into_iter()
        .map(|(employment, multiplier)| EmploymentAdjustment {
            employment,
            multiplier,
            note: "test".to_owned(),
            source: "ours".to_owned(),
        })
        .collect(),
        rates: vec![
            Rate {
                currency: Currency::Usd,
                usd_per_unit: 1.0,
            },
            Rate {
                currency: Currency::Eur,
                usd_per_unit: 1.16,
            },
            Rate {
                currency: Currency::Gbp,
                usd_per_unit: 1.33,
            },
            Rate {
                currency: Currency::Inr,
                usd_per_unit: 0.0113,
            },
            Rate {
                currency: Currency::Jpy,
                usd_per_unit: 0.0066,
            },
        ],
        rates_source: Some("fx".to_owned()),
    }
}

fn inputs(location: &str, years: f64, skills: &[&str]) -> Inputs {
    Inputs {
        location: location.to_owned(),
        years,
        skills: skills.iter().map(|s| (*s).to_owned()).collect(),
        ..Inputs::default()
    }
}

fn median(estimate: &Estimate) -> f64 {
    estimate.range.expect("a range").median
}

#[test]
fn at_the_curves_reference_year_an_employee_without_skills_gets_the_places_figures() {
    let model = fixture();

    let estimate = estimate(&inputs("berlin", 5.0, &[]), &model);

    let range = estimate.range.unwrap();
    assert_eq!(
        (range.p25, range.median, range.p75),
        (52_800.0, 66_000.0, 82_500.0)
    );
    assert_eq!(estimate.currency, Currency::Eur);
    assert_eq!(estimate.confidence, Confidence::High);
    assert!(estimate.warnings.is_empty(), "{:?}", estimate.warnings);
}

#[test]
fn the_articles_five_skills_never_add_up_to_211_percent() {
    let model = fixture();
    let five = ["linux", "python", "javascript", "nodejs", "mysql"];

    let with = estimate(&inputs("berlin", 5.0, &five), &model);

    let premium = median(&with) / 66_000.0 - 1.0;
    assert!(premium < PREMIUM_CAP, "+{:.0} %", premium * 100.0);
    assert!(
        premium > 0.3,
        "the claims still count: +{:.0} %",
        premium * 100.0
    );
    assert_eq!(with.confidence, Confidence::Medium, "{:?}", with.reasons);
    let shares: f64 = with
        .factors
        .iter()
        .filter_map(|f| match f.effect {
            Effect::Plus(share) => Some(share),
            _ => None,
        })
        .sum();
    assert!(
        (shares - premium).abs() < 1e-9,
        "the shares add up to the total"
    );
}

#[test]
fn a_place_without_figures_falls_back_to_its_country_and_says_so() {
    let model = fixture();

    let estimate = estimate(&inputs("leipzig", 5.0, &[]), &model);

    assert_eq!(median(&estimate), 60_000.0);
    assert_eq!(estimate.fallback.as_deref(), Some("germany"));
    assert!(
        estimate.warnings[0].contains("Not enough data for leipzig"),
        "{:?}",
        estimate.warnings
    );
    assert_eq!(estimate.confidence, Confidence::Medium);
}

#[test]
fn with_no_figures_anywhere_there_is_no_number_only_an_explanation() {
    let model = fixture();

    for place in ["nowhere", "village", "atlantis"] {
        let estimate = estimate(&inputs(place, 5.0, &[]), &model);

        assert_eq!(estimate.range, None, "{place}");
        assert_eq!(estimate.confidence, Confidence::NoData);
        assert_eq!(
            estimate.warnings.len(),
            1,
            "{place}: {:?}",
            estimate.warnings
        );
    }
}

#[test]
fn an_illustrative_experience_curve_lowers_the_confidence_and_says_so() {
    let mut model = fixture();
    for point in &mut model.experience {
        point.source = "ours".to_owned();
    }

    let estimate = estimate(&inputs("berlin", 5.0, &[]), &model);

    assert_eq!(estimate.confidence, Confidence::Medium);
    assert!(
        estimate
            .reasons
            .iter()
            .any(|r| r.contains("experience curve"))
    );
}

#[test]
fn with_no_figures_places_in_the_same_currency_are_suggested() {
    let model = fixture();

    let estimate = estimate(&inputs("village", 5.0, &[]), &model);

    assert_eq!(
        estimate.suggestions,
        vec![("germany".to_owned(), "germany".to_owned())]
    );
}

#[test]
fn thin_figures_lower_the_confidence_with_a_warning() {
    let model = fixture();

    let estimate = estimate(&inputs("tiny", 5.0, &[]), &model);

    assert_eq!(estimate.confidence, Confidence::Medium);
    assert!(estimate.warnings[0].contains("few salaries"));
}

#[test]
fn bad_years_are_clamped_with_a_note() {
    let model = fixture();
    let cases = [
        (f64::NAN, 0.0, "must be a number"),
        (-3.0, 0.0, "cannot be negative"),
        (f64::NEG_INFINITY, 0.0, "cannot be negative"),
        (80.0, MAX_YEARS, "go up to"),
        (f64::INFINITY, MAX_YEARS, "go up to"),
    ];
    for (years, used, note) in cases {
        let estimate = estimate(&inputs("berlin", years, &[]), &model);

        assert_eq!(estimate.years, used, "{years}");
        assert!(
            estimate.warnings.iter().any(|w| w.contains(note)),
            "{years}: {:?}",
            estimate.warnings
        );
        assert!(estimate.range.is_some());
    }
}

#[test]
fn unknown_and_repeated_skills_are_ignored() {
    let model = fixture();

    let with_junk = estimate(&inputs("berlin", 5.0, &["rust", "cobol", "rust"]), &model);
    let plain = estimate(&inputs("berlin", 5.0, &["rust"]), &model);

    assert_eq!(with_junk.range, plain.range);
    assert_eq!(with_junk.warnings.len(), 1, "{:?}", with_junk.warnings);
}

#[test]
fn periods_divide_the_year_and_currencies_convert() {
    let model = fixture();
    let mut asked = inputs("berlin", 5.0, &[]);
    asked.period = Period::Month;
    asked.currency = Some(Currency::Usd);

    let estimate = estimate(&asked, &model);

    assert!((median(&estimate) - 66_000.0 * 1.16 / 12.0).abs() < 1e-6);
    assert_eq!(estimate.currency, Currency::Usd);
    assert!(
        estimate.sources.iter().any(|s| s.slug == "fx"),
        "the rate is cited"
    );
}

#[test]
fn a_currency_without_a_rate_falls_back_to_the_places_own() {
    let model = fixture();
    let mut asked = inputs("berlin", 5.0, &[]);
    asked.currency = Some(Currency::Brl);

    let estimate = estimate(&asked, &model);

    assert_eq!(estimate.currency, Currency::Eur);
    assert_eq!(median(&estimate), 66_000.0);
    assert!(estimate.warnings[0].contains("No exchange rate for BRL"));
}

#[test]
fn a_model_with_a_falling_curve_or_disordered_figures_has_problems() {
    let mut model = fixture();
    assert_eq!(model.problems(), Vec::<String>::new());

    model.experience[7].multiplier = 0.5;
    model.locations[0].figures.as_mut().unwrap().p25 = 1e6;
    model.skills[0].premium = -0.1;

    assert_eq!(model.problems().len(), 3, "{:?}", model.problems());
}

#[test]
fn the_model_as_the_page_carries_it_reads_back_the_same_and_anything_else_is_refused() {
    let model = fixture();

    let encoded = model.encode();

    assert_eq!(Model::decode(&encoded), Some(model));
    for bad in ["", "zz", &encoded[..encoded.len() / 2], "{\"sources\":[]}"] {
        assert_eq!(Model::decode(bad), None, "{bad:.20}");
    }
}

#[test]
fn display_rounding_keeps_three_significant_figures() {
    let cases = [
        (132_270.0, 132_000.0),
        (66.49, 66.5),
        (4.2713, 4.27),
        (1_349_999.0, 1_350_000.0),
        (999.6, 1_000.0),
        (0.4, 0.4),
        (f64::NAN, 0.0),
        (-5.0, 0.0),
    ];
    for (amount, expected) in cases {
        assert_eq!(round_for_display(amount), expected, "{amount}");
    }
    assert_eq!(format_amount(132_270.0, Currency::Usd), "$132,000");
    assert_eq!(format_amount(31.42, Currency::Eur), "€31.4");
    assert_eq!(format_amount(4.2713, Currency::Usd), "$4.27");
}

fn any_inputs() -> impl Strategy<Value = Inputs> {
    let places = prop::sample::select(vec![
        "germany", "berlin", "leipzig", "tiny", "nowhere", "village", "atlantis",
    ]);
    let skill = prop::sample::select(vec![
        "linux",
        "python",
        "javascript",
        "nodejs",
        "mysql",
        "rust",
        "git",
        "cobol",
    ]);
    let years = prop_oneof![
        -100.0..100.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        0.0..=20.0f64,
    ];
    (
        places,
        years,
        prop::collection::vec(skill, 0..8),
        prop::sample::select(EmploymentType::ALL.to_vec()),
        prop::option::of(prop::sample::select(Currency::ALL.to_vec())),
        prop::sample::select(Period::ALL.to_vec()),
    )
        .prop_map(
            |(location, years, skills, employment, currency, period)| Inputs {
                location: location.to_owned(),
                years,
                skills: skills.into_iter().map(str::to_owned).collect(),
                employment,
                currency,
                period,
            },
        )
}

proptest! {
    #[test]
    fn the_estimate_is_deterministic(inputs in any_inputs()) {
        let model = fixture();
        prop_assert_eq!(estimate(&inputs, &model), estimate(&inputs, &model));
    }

    #[test]
    fn the_range_is_ordered_and_finite(inputs in any_inputs()) {
        let model = fixture();
        if let Some(range) = estimate(&inputs, &model).range {
            prop_assert!(range.p25.is_finite() && range.p25 > 0.0);
            prop_assert!(range.p25 <= range.median && range.median <= range.p75, "{:?}", range);
        }
    }

    #[test]
    fn more_experience_never_lowers_the_estimate(inputs in any_inputs(), a in 0.0..=MAX_YEARS, b in 0.0..=MAX_YEARS) {
        let model = fixture();
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let at = |years| estimate(&Inputs { years, ..inputs.clone() }, &model).range;
        if let (Some(low), Some(high)) = (at(low), at(high)) {
            prop_assert!(low.median <= high.median, "{} → {}", low.median, high.median);
        }
    }

    #[test]
    fn past_the_plateau_experience_changes_nothing(inputs in any_inputs(), years in f64::from(PLATEAU_YEARS)..=MAX_YEARS) {
        let model = fixture();
        let at = |years| estimate(&Inputs { years, ..inputs.clone() }, &model).range;
        prop_assert_eq!(at(years), at(f64::from(PLATEAU_YEARS)));
    }

    #[test]
    fn adding_a_skill_never_lowers_the_estimate(inputs in any_inputs(), extra in prop::sample::select(vec!["linux", "python", "javascript", "nodejs", "mysql", "rust", "git"])) {
        let model = fixture();
        let before = estimate(&inputs, &model).range;
        let mut more = inputs.clone();
        more.skills.push(extra.to_owned());
        let after = estimate(&more, &model).range;
        if let (Some(before), Some(after)) = (before, after) {
            prop_assert!(before.median <= after.median * (1.0 + 1e-12), "{} → {}", before.median, after.median);
        }
    }

    #[test]
    fn the_total_premium_stays_under_the_cap(premiums in prop::collection::vec(0.0..10.0f64, 0..30)) {
        let mut model = fixture();
        model.skills = premiums.iter().enumerate().map(|(i, premium)| SkillPremium {
            slug: format!("s{i}"), name: format!("S{i}"), premium: *premium, source: "ours".to_owned(),
        }).collect();
        let everything = Inputs { skills: model.skills.iter().map(|s| s.slug.clone()).collect(), ..inputs("germany", 5.0, &[]) };
        let estimate = estimate(&everything, &model);
        let premium = estimate.range.unwrap().median / 60_000.0 - 1.0;
        prop_assert!(premium <= PREMIUM_CAP + 1e-12, "+{}", premium);
        prop_assert!(premium >= 0.0);
    }

    #[test]
    fn converting_there_and_back_returns_the_amount(amount in 1.0..1e9f64, a in prop::sample::select(Currency::ALL.to_vec()), b in prop::sample::select(Currency::ALL.to_vec())) {
        let model = fixture();
        if let Some(there) = model.convert(amount, a, b) {
            let back = model.convert(there, b, a).unwrap();
            prop_assert!((back - amount).abs() <= amount * 1e-12, "{} → {} → {}", amount, there, back);
        }
    }
}
