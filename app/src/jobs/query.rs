//! The `/jobs` URL contract, parsed by one struct on the server and in the browser:
//!
//! `/jobs?q=&type=&hours=&workplace=&seniority=&skill=&salary_min=&currency=&posted=&location=&sort=&after=`
//!
//! Parsing never fails. A value that is unknown or invalid is dropped and
//! explained in a note the page shows, so a hand-edited or outdated link
//! still gives a useful page instead of an error.

use super::types::{Hours, Seniority, Sort, Workplace};
use crate::common::{Currency, EmploymentType, quote};
use serde::{Deserialize, Serialize};

/// The longest query we search for; longer text is cut (with a note).
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_LOCATION_CHARS: usize = 80;
pub const MAX_SKILLS: usize = 10;
pub const MAX_SALARY: u32 = 100_000_000;
pub const MAX_POSTED_DAYS: u16 = 365;
/// The "posted within" choices the filter panel offers.
pub const POSTED_CHOICES: [u16; 4] = [1, 7, 14, 30];
/// At most this many parameters are read; the rest are ignored.
const MAX_PAIRS: usize = 64;

/// A job search, exactly as the URL describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobQuery {
    /// Free text as typed (not trimmed, so the search box keeps the
    /// trailing space someone is in the middle of typing).
    pub q: String,
    pub types: Vec<EmploymentType>,
    pub hours: Vec<Hours>,
    pub workplace: Vec<Workplace>,
    pub seniority: Vec<Seniority>,
    /// Skill slugs. Only their spelling is checked here; the server notes
    /// slugs that name no skill.
    pub skills: Vec<String>,
    /// Yearly pay the job must reach, in `currency`.
    pub salary_min: Option<u32>,
    /// The currency salaries are converted to and `salary_min` is read in.
    pub currency: Currency,
    /// Posted within this many days.
    pub posted: Option<u16>,
    /// A city, a country or a two-letter country code.
    pub location: String,
    pub sort: Option<Sort>,
    pub after: Option<Cursor>,
    /// Search for `q` as typed, without correcting typos.
    pub exact: bool,
}

/// Where the next page starts: the sort key and id of the last job shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub sort: Sort,
    /// Newest: posted_at in Unix microseconds. Salary: yearly USD maximum.
    /// Relevance: the rank's `f32` bits.
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    fn render(self) -> String {
        let kind = match self.sort {
            Sort::Relevance => 'r',
            Sort::Newest => 'n',
            Sort::Salary => 's',
        };
        format!("{kind}{}_{}", self.key, self.id)
    }

    fn parse(text: &str) -> Option<Self> {
        let mut chars = text.chars();
        let sort = match chars.next()? {
            'r' => Sort::Relevance,
            'n' => Sort::Newest,
            's' => Sort::Salary,
            _ => return None,
        };
        let (key, id) = chars.as_str().split_once('_')?;
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(key) || !digits(id) {
            return None;
        }
        Some(Cursor {
            sort,
            key: key.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

impl JobQuery {
    /// Reads a query string (without the leading `?`). Returns the query and
    /// a note for everything that was ignored or changed.
    pub fn parse(query_string: &str) -> (JobQuery, Vec<String>) {
        let mut query = JobQuery::default();
        let mut notes = Vec::new();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if pairs.len() > MAX_PAIRS {
            notes.push(format!(
                "Only the first {MAX_PAIRS} parameters of the link were read."
            ));
        }
        for (key, value) in pairs.into_iter().take(MAX_PAIRS) {
            // Empty fields are what a form sends for "no filter".
            if value.is_empty() {
                continue;
            }
            query.read(&key, value, &mut notes);
        }
        if let Some(cursor) = query.after
            && cursor.sort != query.effective_sort()
        {
            query.after = None;
            notes.push("The page position in the link did not match the sort order, so the list starts from the top.".into());
        }
        (query, notes)
    }

    fn read(&mut self, key: &str, value: String, notes: &mut Vec<String>) {
        match key {
            "q" => {
                if self.q.is_empty() {
                    self.q = cap(value, MAX_QUERY_CHARS, "Your search", notes);
                }
            }
            "type" => push_option(
                &mut self.types,
                EmploymentType::from_slug(&value),
                &value,
                EmploymentType::WHAT,
                EmploymentType::choices,
                notes,
            ),
            "hours" => push_option(
                &mut self.hours,
                Hours::from_slug(&value),
                &value,
                Hours::WHAT,
                Hours::choices,
                notes,
            ),
            "workplace" => push_option(
                &mut self.workplace,
                Workplace::from_slug(&value),
                &value,
                Workplace::WHAT,
                Workplace::choices,
                notes,
            ),
            "seniority" => push_option(
                &mut self.seniority,
                Seniority::from_slug(&value),
                &value,
                Seniority::WHAT,
                Seniority::choices,
                notes,
            ),
            "skill" => {
                if !crate::common::is_slug(&value, 40) {
                    notes.push(format!(
                        "Ignored the skill “{}”: it is not a skill we know.",
                        quote(&value, 40)
                    ));
                } else if self.skills.len() >= MAX_SKILLS {
                    notes.push(format!("Only the first {MAX_SKILLS} skills are used."));
                } else if !self.skills.contains(&value) {
                    self.skills.push(value);
                }
            }
            "salary_min" => match parse_amount(&value) {
                Some(0) => {}
                Some(amount) if amount <= MAX_SALARY => self.salary_min = Some(amount),
                _ => notes.push(format!(
                    "Ignored the minimum salary “{}”: use a whole yearly amount, such as 60000.",
                    quote(&value, 40)
                )),
            },
            "currency" => match Currency::from_code(&value) {
                Some(currency) => self.currency = currency,
                None => notes.push(format!(
                    "Ignored the currency “{}”; showing US dollars. Choose one of {}.",
                    quote(&value, 40),
                    Currency::ALL
                        .iter()
                        .map(|c| c.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            },
            "posted" => match value.parse::<u16>() {
                Ok(days) if (1..=MAX_POSTED_DAYS).contains(&days) => self.posted = Some(days),
                _ => notes.push(format!(
                    "Ignored “posted={}”: use a number of days from 1 to {MAX_POSTED_DAYS}.",
                    quote(&value, 40)
                )),
            },
            "location" => {
                if self.location.is_empty() {
                    self.location = cap(value, MAX_LOCATION_CHARS, "The location", notes);
                }
            }
            "sort" => match Sort::from_slug(&value) {
                Some(sort) => self.sort = Some(sort),
                None => notes.push(format!(
                    "Ignored the sort order “{}”: choose {}.",
                    quote(&value, 40),
                    Sort::choices()
                )),
            },
            "after" => match Cursor::parse(&value) {
                Some(cursor) => self.after = Some(cursor),
                None => notes.push(
                    "Ignored a page position that was not valid, so the list starts from the top."
                        .into(),
                ),
            },
            "exact" => self.exact = matches!(value.as_str(), "1" | "true"),
            // Campaign tags are for analytics, not for us.
            key if key.starts_with("utm_") => {}
            other => notes.push(format!(
                "Ignored the unknown parameter “{}”.",
                quote(other, 40)
            )),
        }
    }

    /// The query string for this search, parameters in a fixed order, so
    /// equal searches have equal URLs. `parse(render(q)) == q`.
    pub fn render(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        for option in &self.types {
            out.append_pair("type", option.slug());
        }
        for option in &self.hours {
            out.append_pair("hours", option.slug());
        }
        for option in &self.workplace {
            out.append_pair("workplace", option.slug());
        }
        for option in &self.seniority {
            out.append_pair("seniority", option.slug());
        }
        for skill in &self.skills {
            out.append_pair("skill", skill);
        }
        if let Some(amount) = self.salary_min {
            out.append_pair("salary_min", &amount.to_string());
        }
        if self.currency != Currency::default() {
            out.append_pair("currency", self.currency.code());
        }
        if let Some(days) = self.posted {
            out.append_pair("posted", &days.to_string());
        }
        if !self.location.is_empty() {
            out.append_pair("location", &self.location);
        }
        if let Some(sort) = self.sort {
            out.append_pair("sort", sort.slug());
        }
        if let Some(cursor) = self.after {
            out.append_pair("after", &cursor.render());
        }
        if self.exact {
            out.append_pair("exact", "1");
        }
        out.finish()
    }

    /// `/jobs` with this search.
    pub fn href(&self) -> String {
        let query = self.render();
        if query.is_empty() {
            "/jobs".into()
        } else {
            format!("/jobs?{query}")
        }
    }

    /// The text searched for, without surrounding spaces.
    pub fn text(&self) -> &str {
        self.q.trim()
    }

    /// The order results come in: as asked, or by relevance when there is a
    /// query and newest first otherwise. Relevance needs a query.
    pub fn effective_sort(&self) -> Sort {
        match (self.sort, self.text().is_empty()) {
            (Some(Sort::Relevance), true) | (None, true) => Sort::Newest,
            (None, false) => Sort::Relevance,
            (Some(sort), _) => sort,
        }
    }

    /// True when any filter (not the text, sort or page) narrows the results.
    pub fn has_filters(&self) -> bool {
        !self.types.is_empty()
            || !self.hours.is_empty()
            || !self.workplace.is_empty()
            || !self.seniority.is_empty()
            || !self.skills.is_empty()
            || self.salary_min.is_some()
            || self.posted.is_some()
            || !self.location.trim().is_empty()
    }

    /// The same search from its first page.
    pub fn first_page(&self) -> JobQuery {
        JobQuery {
            after: None,
            ..self.clone()
        }
    }
}

fn push_option<T: PartialEq>(
    list: &mut Vec<T>,
    option: Option<T>,
    value: &str,
    what: &str,
    choices: fn() -> String,
    notes: &mut Vec<String>,
) {
    match option {
        Some(option) if !list.contains(&option) => list.push(option),
        Some(_) => {}
        None => notes.push(format!(
            "Ignored the {what} “{}”: choose {}.",
            quote(value, 40),
            choices()
        )),
    }
}

/// Cuts text to `max` characters, with a note when it had to.
fn cap(value: String, max: usize, what: &str, notes: &mut Vec<String>) -> String {
    // Control characters (a NUL byte, say) cannot be searched or stored.
    let value = if value.chars().any(char::is_control) {
        notes.push(format!(
            "{what} contained control characters, which were removed."
        ));
        value.chars().filter(|c| !c.is_control()).collect()
    } else {
        value
    };
    if value.chars().count() <= max {
        return value;
    }
    notes.push(format!(
        "{what} was shortened to its first {max} characters."
    ));
    value.chars().take(max).collect()
}

/// A whole amount, allowing thousands separators: "60000", "60,000", "60 000".
fn parse_amount(value: &str) -> Option<u32> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}'))
        .collect();
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_full_url_is_read_into_every_field() {
        let (query, notes) = JobQuery::parse(
            "q=rust+api&type=freelance&type=agency&hours=part_time&workplace=remote&seniority=senior\
             &skill=rust&skill=postgresql&salary_min=80%2C000&currency=eur&posted=7&location=Berlin&sort=salary",
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(query.q, "rust api");
        assert_eq!(
            query.types,
            [EmploymentType::Freelance, EmploymentType::Agency]
        );
        assert_eq!(query.hours, [Hours::PartTime]);
        assert_eq!(query.workplace, [Workplace::Remote]);
        assert_eq!(query.seniority, [Seniority::Senior]);
        assert_eq!(query.skills, ["rust", "postgresql"]);
        assert_eq!(query.salary_min, Some(80_000));
        assert_eq!(query.currency, Currency::Eur);
        assert_eq!(query.posted, Some(7));
        assert_eq!(query.location, "Berlin");
        assert_eq!(query.sort, Some(Sort::Salary));
    }

    #[test]
    fn invalid_values_are_ignored_with_a_note_each() {
        let cases = [
            ("type=fulltime", "type of work “fulltime”"),
            ("hours=lots", "working time “lots”"),
            ("workplace=moon", "workplace “moon”"),
            ("seniority=guru", "seniority “guru”"),
            ("skill=C%2B%2B", "skill “C++”"),
            ("salary_min=lots", "minimum salary “lots”"),
            ("salary_min=-5", "minimum salary “-5”"),
            ("currency=XXX", "currency “XXX”"),
            ("posted=0", "posted=0"),
            ("posted=9999", "posted=9999"),
            ("sort=random", "sort order “random”"),
            ("after=zz", "page position"),
            ("colour=red", "unknown parameter “colour”"),
        ];
        for (url, expected) in cases {
            let (query, notes) = JobQuery::parse(url);
            assert_eq!(query, JobQuery::default(), "{url} should be ignored");
            assert_eq!(notes.len(), 1, "{url}: {notes:?}");
            assert!(notes[0].contains(expected), "{url}: {notes:?}");
        }
    }

    #[test]
    fn empty_form_fields_and_campaign_tags_mean_nothing() {
        let (query, notes) = JobQuery::parse("q=&salary_min=&location=&sort=&utm_source=mail");
        assert_eq!(query, JobQuery::default());
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn repeated_options_count_once() {
        let (query, _) = JobQuery::parse("type=agency&type=agency&skill=go&skill=go");
        assert_eq!(query.types, [EmploymentType::Agency]);
        assert_eq!(query.skills, ["go"]);
    }

    #[test]
    fn control_characters_are_removed_with_a_note() {
        let (query, notes) = JobQuery::parse("q=py%00thon&location=Ber%07lin");
        assert_eq!(
            (query.q.as_str(), query.location.as_str()),
            ("python", "Berlin")
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
    }

    #[test]
    fn long_text_is_shortened_with_a_note() {
        let long = "a".repeat(10_000);
        let (query, notes) = JobQuery::parse(&format!("q={long}"));
        assert_eq!(query.q.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn relevance_is_the_default_only_when_there_is_text() {
        assert_eq!(JobQuery::parse("").0.effective_sort(), Sort::Newest);
        assert_eq!(JobQuery::parse("q=go").0.effective_sort(), Sort::Relevance);
        assert_eq!(
            JobQuery::parse("q=go&sort=newest").0.effective_sort(),
            Sort::Newest
        );
        assert_eq!(
            JobQuery::parse("q=+&sort=relevance").0.effective_sort(),
            Sort::Newest
        );
    }

    #[test]
    fn a_cursor_for_another_order_is_dropped_with_a_note() {
        let (query, notes) = JobQuery::parse("sort=salary&after=n1700000000000000_42");
        assert_eq!(query.after, None);
        assert_eq!(notes.len(), 1);
        let (query, notes) = JobQuery::parse("sort=salary&after=s90000_42");
        assert_eq!(
            query.after,
            Some(Cursor {
                sort: Sort::Salary,
                key: 90_000,
                id: 42
            })
        );
        assert!(notes.is_empty());
    }

    fn sub_vec<T: Clone + std::fmt::Debug + 'static>(
        all: &'static [T],
    ) -> impl Strategy<Value = Vec<T>> {
        proptest::sample::subsequence(all.to_vec(), 0..=all.len()).prop_shuffle()
    }

    fn any_sort() -> impl Strategy<Value = Sort> {
        proptest::sample::select(Sort::ALL.to_vec())
    }

    prop_compose! {
        fn any_query()(
            q in "\\PC{0,200}",
            types in sub_vec(EmploymentType::ALL),
            hours in sub_vec(Hours::ALL),
            workplace in sub_vec(Workplace::ALL),
            seniority in sub_vec(Seniority::ALL),
            skills in proptest::collection::btree_set("[a-z0-9]{1,12}(-[a-z0-9]{1,8})?", 0..=MAX_SKILLS),
            salary_min in proptest::option::of(1..=MAX_SALARY),
            currency in proptest::sample::select(Currency::ALL.to_vec()),
            posted in proptest::option::of(1..=MAX_POSTED_DAYS),
            location in "\\PC{0,80}",
            sort in proptest::option::of(any_sort()),
            cursor in proptest::option::of((0..i64::MAX, 0..i64::MAX)),
            exact in any::<bool>(),
        ) -> JobQuery {
            let mut query = JobQuery {
                q, types, hours, workplace, seniority,
                skills: skills.into_iter().collect(),
                salary_min, currency, posted, location, sort, after: None, exact,
            };
            query.after = cursor.map(|(key, id)| Cursor { sort: query.effective_sort(), key, id });
            query
        }
    }

    proptest! {
        #[test]
        fn rendering_then_parsing_gives_the_same_query(query in any_query()) {
            let (parsed, notes) = JobQuery::parse(&query.render());
            prop_assert!(notes.is_empty(), "{:?}", notes);
            prop_assert_eq!(parsed, query);
        }

        #[test]
        fn the_parser_never_panics_on_arbitrary_input(input in "\\PC{0,400}") {
            let (query, _) = JobQuery::parse(&input);
            // Whatever came in, the result is a valid query that renders and reparses.
            prop_assert_eq!(JobQuery::parse(&query.render()).0, query);
        }

        #[test]
        fn the_parser_never_panics_on_arbitrary_pairs(
            pairs in proptest::collection::vec(("[a-z_]{1,12}", "\\PC{0,30}"), 0..80)
        ) {
            let mut url = form_urlencoded::Serializer::new(String::new());
            for (key, value) in &pairs {
                url.append_pair(key, value);
            }
            let (query, _) = JobQuery::parse(&url.finish());
            prop_assert!(query.q.chars().count() <= MAX_QUERY_CHARS);
            prop_assert!(query.skills.len() <= MAX_SKILLS);
        }
    }
}
