//! The availability editor's forms, with rules both builds run: opening
//! hours as `09:00-12:00, 13:00-17:00` (or `closed`), a date, and the
//! settings within the ranges the `booking_settings` CHECKs allow. The
//! server then checks what only it can: that the zone is an IANA one, the
//! date is not past, and no booked lesson would lose its time.

use crate::AppError;
use crate::ui::form::{FieldCheck, FormInput};
use serde::{Deserialize, Serialize};

/// The weekdays as the forms name their fields, Monday first (ISO 1–7).
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

/// The editor's data: the stored settings and hours as the forms show
/// them, the dates with their own hours, and how many lessons are booked
/// ahead (the ones a change must keep).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityView {
    pub settings: SettingsForm,
    pub week: WeekForm,
    /// `2026-12-24` and its hours (`closed`, or ranges), soonest first.
    pub exceptions: Vec<(String, String)>,
    pub booked_ahead: i64,
}

/// Opening blocks in minutes after midnight, `[from, to)`, in order and
/// apart. Empty: closed.
pub type Blocks = Vec<(u16, u16)>;

/// `HH:MM` as minutes after midnight.
fn minutes(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let ok = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `09:00-12:00, 13:00-17:00`, or `closed` or nothing for a closed day.
pub fn parse_hours(text: &str) -> Result<Blocks, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("closed") {
        return Ok(Vec::new());
    }
    let mut blocks = Vec::new();
    for block in text.split(',') {
        let parsed = block
            .split_once('-')
            .and_then(|(from, to)| Some((minutes(from)?, minutes(to)?)));
        match parsed {
            Some((from, to)) if from < to => blocks.push((from, to)),
            _ => {
                return Err(format!(
                    "“{}” is not a time range like 09:00-12:00 (start before end).",
                    block.trim()
                ));
            }
        }
    }
    blocks.sort();
    if blocks.windows(2).any(|pair| pair[1].0 < pair[0].1) {
        return Err("Two of these ranges overlap: make them one, or move one.".into());
    }
    Ok(blocks)
}

/// Blocks as the form shows them: `09:00-12:00, 13:00-17:00` or `closed`.
pub fn show_hours(blocks: &[(u16, u16)]) -> String {
    if blocks.is_empty() {
        return "closed".into();
    }
    let at = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    blocks
        .iter()
        .map(|(from, to)| format!("{}-{}", at(*from), at(*to)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub use crate::common::date::parse_date;

/// The weekly hours, one field per weekday.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeekForm {
    pub days: Vec<String>,
}

impl FormInput for WeekForm {
    type Valid = Vec<Blocks>;
    const FIELDS: &'static [&'static str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        WeekForm {
            days: WEEKDAYS.iter().map(|(name, _)| field(name)).collect(),
        }
    }

    fn validate(&self) -> Result<Vec<Blocks>, AppError> {
        let mut check = FieldCheck::default();
        let days: Vec<Option<Blocks>> = WEEKDAYS
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                check.field(
                    name,
                    parse_hours(self.days.get(i).map_or("", String::as_str)),
                )
            })
            .collect();
        days.into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| check.into_error())
    }
}

/// A date with its own hours (or closed), instead of its weekday's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExceptionForm {
    pub day: String,
    pub hours: String,
}

impl FormInput for ExceptionForm {
    type Valid = ((i32, u32, u32), Blocks);
    const FIELDS: &'static [&'static str] = &["day", "hours"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        ExceptionForm {
            day: field("day"),
            hours: field("hours"),
        }
    }

    fn validate(&self) -> Result<Self::Valid, AppError> {
        let mut check = FieldCheck::default();
        let day = check.field("day", parse_date(&self.day));
        let hours = check.field("hours", parse_hours(&self.hours));
        day.zip(hours).ok_or_else(|| check.into_error())
    }
}

/// A date given back its weekday's hours: the button's hidden `day`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RemoveExceptionForm {
    pub day: String,
}

impl FormInput for RemoveExceptionForm {
    type Valid = (i32, u32, u32);
    const FIELDS: &'static [&'static str] = &["day"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        RemoveExceptionForm { day: field("day") }
    }

    fn validate(&self) -> Result<Self::Valid, AppError> {
        parse_date(&self.day).map_err(AppError::BadRequest)
    }
}

/// The settings as checked: the zone's name and whole minutes or days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSettings {
    pub zone: String,
    pub slot: i32,
    pub buffer: i32,
    pub notice: i32,
    pub horizon: i32,
    pub retention: i32,
}

/// The settings, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub zone: String,
    pub slot: String,
    pub buffer: String,
    pub notice: String,
    pub horizon: String,
    pub retention: String,
}

/// Each number field: its name, what it is, and the range its CHECK in
/// `migrations/20261125000005_booking.sql` allows.
pub const NUMBERS: [(&str, &str, i32, i32); 5] = [
    ("slot", "Lesson length (minutes)", 10, 240),
    ("buffer", "Free time between lessons (minutes)", 0, 120),
    ("notice", "Notice (minutes before a lesson)", 0, 20160),
    ("horizon", "Bookable ahead (days)", 1, 365),
    ("retention", "Details kept after the lesson (days)", 1, 3650),
];

impl FormInput for SettingsForm {
    type Valid = ValidSettings;
    const FIELDS: &'static [&'static str] =
        &["zone", "slot", "buffer", "notice", "horizon", "retention"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        SettingsForm {
            zone: field("zone"),
            slot: field("slot"),
            buffer: field("buffer"),
            notice: field("notice"),
            horizon: field("horizon"),
            retention: field("retention"),
        }
    }

    fn validate(&self) -> Result<ValidSettings, AppError> {
        let mut check = FieldCheck::default();
        let zone = self.zone.trim();
        let zone = check.field(
            "zone",
            if !zone.is_empty()
                && zone.len() <= 64
                && zone
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
            {
                Ok(zone.to_owned())
            } else {
                Err("Give an IANA time zone, such as Europe/Berlin.".to_owned())
            },
        );
        let typed = [
            &self.slot,
            &self.buffer,
            &self.notice,
            &self.horizon,
            &self.retention,
        ];
        let numbers: Vec<Option<i32>> = NUMBERS
            .iter()
            .zip(typed)
            .map(|(&(name, _, low, high), text)| {
                let number = text.trim().parse::<i32>().ok();
                check.field(
                    name,
                    number
                        .filter(|n| (low..=high).contains(n))
                        .ok_or_else(|| format!("Give a whole number from {low} to {high}.")),
                )
            })
            .collect();
        match (zone, numbers.as_slice()) {
            (
                Some(zone),
                &[
                    Some(slot),
                    Some(buffer),
                    Some(notice),
                    Some(horizon),
                    Some(retention),
                ],
            ) => Ok(ValidSettings {
                zone,
                slot,
                buffer,
                notice,
                horizon,
                retention,
            }),
            _ => Err(check.into_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_hours_parse_in_order_or_say_what_is_wrong() {
        assert_eq!(
            parse_hours(" 13:00-17:00 , 09:00-12:00 "),
            Ok(vec![(540, 720), (780, 1020)])
        );
        assert_eq!(parse_hours("closed"), Ok(vec![]));
        assert_eq!(parse_hours(""), Ok(vec![]));
        assert_eq!(
            show_hours(&[(540, 720), (780, 1020)]),
            "09:00-12:00, 13:00-17:00"
        );
        let refused = [
            ("9-5", "not a time range"),
            ("12:00-10:00", "start before end"),
            ("09:00-24:00", "not a time range"),
            ("09:00-12:00,11:00-13:00", "overlap"),
            ("09:60-10:00", "not a time range"),
            ("noon", "not a time range"),
        ];
        for (text, expected) in refused {
            let message = parse_hours(text).unwrap_err();
            assert!(message.contains(expected), "{text}: {message}");
        }
    }

    #[test]
    fn settings_outside_their_ranges_are_refused_field_by_field() {
        let form = SettingsForm {
            zone: "Europe/Berlin".into(),
            slot: "30".into(),
            buffer: "10".into(),
            notice: "720".into(),
            horizon: "30".into(),
            retention: "180".into(),
        };
        assert_eq!(form.validate().unwrap().slot, 30);
        let refused = [
            (
                "zone",
                SettingsForm {
                    zone: "Mars Base; DROP".into(),
                    ..form.clone()
                },
            ),
            (
                "slot",
                SettingsForm {
                    slot: "5".into(),
                    ..form.clone()
                },
            ),
            (
                "buffer",
                SettingsForm {
                    buffer: "-1".into(),
                    ..form.clone()
                },
            ),
            (
                "notice",
                SettingsForm {
                    notice: "lots".into(),
                    ..form.clone()
                },
            ),
            (
                "horizon",
                SettingsForm {
                    horizon: "366".into(),
                    ..form.clone()
                },
            ),
            (
                "retention",
                SettingsForm {
                    retention: "".into(),
                    ..form.clone()
                },
            ),
        ];
        for (field, bad) in refused {
            let error = bad.validate().unwrap_err();
            assert!(error.field_message(field).is_some(), "{field}: {error:?}");
        }
    }

    #[test]
    fn the_week_form_reports_each_bad_day_by_its_field() {
        let mut days = vec!["09:00-17:00".to_owned(); 5];
        days.extend(["closed".to_owned(), "all day".to_owned()]);
        let error = WeekForm { days }.validate().unwrap_err();
        assert!(error.field_message("sun").is_some());
        assert!(error.field_message("sat").is_none());
    }
}
