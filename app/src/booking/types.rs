//! What the booking pages show, as plain text the server has already
//! worked out in the visitor's time zone. The browser needs no time-zone
//! database: it only displays and sends back these strings.

use crate::AppError;
use crate::common::identifier::identifier;
use crate::ui::form::FormInput;
use serde::{Deserialize, Serialize};

/// A booking's manage token, which is also the booking form's idempotency
/// key: 128 random bits as 32 lowercase hexadecimal digits. Anything else
/// cannot name a booking, so it is refused (as not found) before any query.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ManageToken(String);

impl ManageToken {
    pub fn parse(value: &str) -> Result<Self, AppError> {
        let well_formed = value.len() == 32
            && value
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if well_formed {
            Ok(ManageToken(value.to_owned()))
        } else {
            Err(AppError::NotFound)
        }
    }
}

identifier!(ManageToken, "not a booking link");

/// Zones the selector offers when JavaScript cannot tell us the visitor's.
pub const COMMON_ZONES: &[&str] = &[
    "UTC",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/New_York",
    "America/Toronto",
    "America/Chicago",
    "America/Mexico_City",
    "America/Denver",
    "America/Los_Angeles",
];

/// Browsers still report some zones by their old names (Chromium says
/// Asia/Calcutta); people know them by the current ones.
pub fn canonical_zone(name: &str) -> &str {
    match name {
        "Asia/Calcutta" => "Asia/Kolkata",
        "Asia/Saigon" => "Asia/Ho_Chi_Minh",
        "Asia/Katmandu" => "Asia/Kathmandu",
        "Asia/Rangoon" => "Asia/Yangon",
        "Europe/Kiev" => "Europe/Kyiv",
        "America/Buenos_Aires" => "America/Argentina/Buenos_Aires",
        "Atlantic/Faeroe" => "Atlantic/Faroe",
        "Pacific/Truk" => "Pacific/Chuuk",
        "Pacific/Ponape" => "Pacific/Pohnpei",
        "Etc/UTC" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu" => "UTC",
        other => other,
    }
}

/// The free times offered to a visitor, grouped by day in their zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// The IANA zone every time here is in; always named on screen.
    pub zone: String,
    /// Set when the zone asked for was not recognised and UTC is used.
    pub zone_note: Option<String>,
    pub lesson_minutes: u32,
    /// Days personal details are kept after the lesson.
    pub retention_days: i32,
    pub days: Vec<CalendarDay>,
    /// A fresh idempotency key for the details form.
    pub key: String,
    /// `2026-12-03`: today, in the visitor's zone.
    pub today: String,
    /// The months a calendar shows, from this one to the last with a free
    /// day; the browser needs no calendar arithmetic to draw them.
    pub months: Vec<CalendarMonth>,
}

/// A month as the calendar draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMonth {
    /// `2026-12`: the prefix of its days' dates.
    pub key: String,
    /// "December 2026".
    pub label: String,
    /// The weekday of its first day, 0 for Monday.
    pub first_weekday: u8,
    /// How many days it has.
    pub length: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// `2026-11-27`, in the visitor's zone.
    pub date: String,
    /// "Thursday 27 November".
    pub label: String,
    pub slots: Vec<SlotChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    /// The start in UTC, `2026-11-27T09:00Z`: how a slot travels in URLs and forms.
    pub id: String,
    /// "10:00", in the visitor's zone.
    pub time: String,
    /// It starts before 07:00 or from 22:00 on, where the visitor is.
    pub night: bool,
}

impl Calendar {
    /// The day with this date, or the first day with free times.
    pub fn day(&self, date: Option<&str>) -> Option<&CalendarDay> {
        date.and_then(|d| self.days.iter().find(|day| day.date == d))
            .or_else(|| self.days.first())
    }

    /// The month `day` falls in, with its place in the list.
    pub fn month_of(&self, day: &CalendarDay) -> Option<(usize, &CalendarMonth)> {
        self.months
            .iter()
            .enumerate()
            .find(|(_, m)| day.date.starts_with(&m.key))
    }

    /// The first free day of the nearest month before (`step` -1) or after
    /// (+1) month `index` that has one.
    pub fn first_day_beyond(&self, index: usize, step: isize) -> Option<&CalendarDay> {
        let mut at = index.checked_add_signed(step)?;
        while let Some(month) = self.months.get(at) {
            if let Some(day) = self.days.iter().find(|d| d.date.starts_with(&month.key)) {
                return Some(day);
            }
            at = at.checked_add_signed(step)?;
        }
        None
    }

    /// The day and slot with this id, if it is (still) free.
    pub fn slot(&self, id: &str) -> Option<(&CalendarDay, &SlotChoice)> {
        self.days
            .iter()
            .find_map(|day| day.slots.iter().find(|s| s.id == id).map(|s| (day, s)))
    }
}

/// The answer to a successful booking: where its page is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booked {
    pub token: String,
    pub reference: String,
    /// Where the visitor goes next: the booking's own page.
    pub next: String,
}

impl Booked {
    pub fn made(token: String, reference: String) -> Self {
        let next = format!("/booking/{token}?booked=1");
        Booked {
            token,
            reference,
            next,
        }
    }
}

/// Everything the request to book carries besides the visitor's details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookRequest {
    /// The chosen slot's id.
    pub slot: String,
    /// The zone the visitor saw the times in.
    pub zone: String,
    /// The idempotency key, which becomes the manage token.
    pub key: String,
    pub form: super::fields::BookingForm,
    /// The honeypot: hidden from people, so only robots fill it in.
    pub website: String,
}

impl FormInput for BookRequest {
    type Valid = super::fields::ValidBooking;
    const FIELDS: &'static [&'static str] = &["slot", "name", "email", "phone", "topic", "consent"];

    /// The request from a form's fields by name, however they were sent
    /// (the browser's `FormData`, or a posted form on the server).
    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        BookRequest {
            slot: field("slot"),
            zone: field("zone"),
            key: field("key"),
            website: field("website"),
            form: super::fields::BookingForm {
                name: field("name"),
                email: field("email"),
                phone: field("phone"),
                topic: field("topic"),
                consent: field("consent"),
            },
        }
    }

    /// Every rule the browser and the server both apply: the form's
    /// fields, and a time picked. All problems at once, the time first.
    fn validate(&self) -> Result<super::fields::ValidBooking, AppError> {
        let slot_missing = self.slot.trim().is_empty();
        let slot_message = || crate::error::FieldError {
            field: "slot".into(),
            message: "Please pick a time for the lesson.".into(),
        };
        match (self.form.validate(), slot_missing) {
            (Ok(valid), false) => Ok(valid),
            (Ok(_), true) => Err(AppError::Invalid(vec![slot_message()])),
            (Err(AppError::Invalid(mut errors)), missing) => {
                if missing {
                    errors.insert(0, slot_message());
                }
                Err(AppError::Invalid(errors))
            }
            (Err(other), _) => Err(other),
        }
    }

    /// The times are a radio group: its message waits for the submission.
    fn checks_on_leave(field: &str) -> bool {
        field != "slot"
    }
}

/// A booking as its manage page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub reference: String,
    /// `confirmed`, `cancelled`, ...
    pub status: String,
    /// "Thursday 27 November 2026, 10:00–10:30".
    pub when_local: String,
    pub zone: String,
    /// "2026-11-27 09:00–09:30 UTC".
    pub when_utc: String,
    pub add_to_calendar: CalendarLinks,
    /// Still ahead and active: it can be cancelled or moved.
    pub changeable: bool,
    pub erased: bool,
    /// Every stored field, as label and value, exactly as in the database.
    pub stored: Vec<(String, String)>,
    /// The emails we owe or sent about this booking.
    pub emails: Vec<(String, String)>,
    /// "Until 26 May 2027 (180 days after the lesson)".
    pub kept_until: String,
    pub retention_days: i32,
    /// The site's public address, for the copyable link.
    pub public_url: String,
}

/// Links that add the lesson to a web calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarLinks {
    pub google: String,
    pub outlook: String,
}

/// What the manage page's forms ask, as their `action` field names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ManageAction {
    Cancel,
    Reschedule,
    Erase,
}

impl ManageAction {
    pub const ALL: [ManageAction; 3] = [
        ManageAction::Cancel,
        ManageAction::Reschedule,
        ManageAction::Erase,
    ];

    /// The `action` field's value.
    pub fn as_str(self) -> &'static str {
        match self {
            ManageAction::Cancel => "cancel",
            ManageAction::Reschedule => "reschedule",
            ManageAction::Erase => "erase",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// The manage page's forms, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageForm {
    pub action: String,
    /// `yes` from the cancel question's form; `on` from the erase box.
    pub confirm: String,
    /// The new time, when moving.
    pub slot: String,
    /// The zone and day the new times were shown in, to show them again.
    pub tz: String,
    pub day: String,
}

/// A manage request that passed the form's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ManageRequest {
    /// Without `confirmed`, the page asks first.
    Cancel {
        confirmed: bool,
    },
    Reschedule {
        slot: String,
    },
    Erase,
}

impl FormInput for ManageForm {
    type Valid = ManageRequest;
    const FIELDS: &'static [&'static str] = &["slot", "confirm"];

    fn from_fields(field: impl Fn(&str) -> String) -> Self {
        ManageForm {
            action: field("action"),
            confirm: field("confirm"),
            slot: field("slot"),
            tz: field("tz"),
            day: field("day"),
        }
    }

    fn validate(&self) -> Result<ManageRequest, AppError> {
        match ManageAction::parse(&self.action) {
            Some(ManageAction::Cancel) => Ok(ManageRequest::Cancel {
                confirmed: self.confirm == "yes",
            }),
            Some(ManageAction::Reschedule) => Ok(ManageRequest::Reschedule {
                slot: self.slot.clone(),
            }),
            Some(ManageAction::Erase) if self.confirm == "on" => Ok(ManageRequest::Erase),
            Some(ManageAction::Erase) => Err(AppError::BadRequest(
                "Please tick the box to confirm that you want your data erased.".into(),
            )),
            None => Err(AppError::BadRequest(
                "That action is not one we know.".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_exactly_32_lowercase_hex_digits() {
        let is_token = |t: &str| ManageToken::parse(t).is_ok();
        let cases = [
            ("0123456789abcdef0123456789abcdef", true),
            ("0123456789ABCDEF0123456789ABCDEF", false),
            ("0123456789abcdef0123456789abcde", false),
            ("0123456789abcdef0123456789abcdef0", false),
            ("0123456789abcdef0123456789abcdeg", false),
            ("", false),
            ("../../../../etc/passwd0000000000", false),
        ];
        for (token, expected) in cases {
            assert_eq!(is_token(token), expected, "{token}");
        }
        let parsed: Result<ManageToken, _> = serde_json::from_str("\"../etc/passwd\"");
        assert!(parsed.is_err());
    }

    #[test]
    fn a_missing_time_is_reported_with_the_other_fields() {
        let request = BookRequest {
            form: super::super::fields::BookingForm {
                name: "Asha".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let AppError::Invalid(errors) = request.validate().unwrap_err() else {
            panic!("field errors")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slot", "email", "consent"]);
    }

    #[test]
    fn each_manage_action_names_itself_and_unknown_ones_are_refused() {
        for action in ManageAction::ALL {
            assert_eq!(ManageAction::parse(action.as_str()), Some(action));
        }
        let form = |action: &str, confirm: &str| ManageForm {
            action: action.into(),
            confirm: confirm.into(),
            ..Default::default()
        };
        assert_eq!(
            form("cancel", "").validate(),
            Ok(ManageRequest::Cancel { confirmed: false })
        );
        assert_eq!(form("erase", "on").validate(), Ok(ManageRequest::Erase));
        let refused = [
            (form("erase", ""), "tick the box"),
            (form("shuffle", ""), "not one we know"),
        ];
        for (form, message) in refused {
            let error = form.validate().unwrap_err();
            assert!(error.to_string().contains(message), "{error}");
        }
    }
}
