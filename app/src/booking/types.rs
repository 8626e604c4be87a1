//! What the booking pages show, as plain text the server has already
//! worked out in the visitor's time zone. The browser needs no time-zone
//! database: it only displays and sends back these strings.

use crate::AppError;
use serde::{Deserialize, Serialize};

/// A manage token (which is also the form's idempotency key): 128 random
/// bits as 32 lowercase hexadecimal digits.
pub fn is_token(value: &str) -> bool {
    value.len() == 32
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

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
}

impl Calendar {
    /// The day with this date, or the first day with free times.
    pub fn day(&self, date: Option<&str>) -> Option<&CalendarDay> {
        date.and_then(|d| self.days.iter().find(|day| day.date == d))
            .or_else(|| self.days.first())
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

impl BookRequest {
    /// The request from a form's fields by name, however they were sent
    /// (the browser's `FormData`, or a posted form on the server).
    pub fn from_fields(field: impl Fn(&str) -> String) -> Self {
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
    pub fn check(&self) -> Result<super::fields::ValidBooking, AppError> {
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

/// What a JavaScript-off submission that failed leaves for the page
/// rendered in answer: what was typed and what to fix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookEcho {
    pub request: BookRequest,
    pub error: AppError,
}

/// What a JavaScript-off manage action that failed leaves for its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageEcho {
    pub error: AppError,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_exactly_32_lowercase_hex_digits() {
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
    }
}
