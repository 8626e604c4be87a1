//! The words of the emails a booking sends, and its calendar file. Pure
//! text in, text out; the outbox worker does the sending.

use super::slots::Slot;
use super::when::{when_in, when_utc};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use secrecy::ExposeSecret;

/// What every email about a booking mentions.
pub struct Details<'a> {
    pub reference: &'a str,
    pub name: &'a str,
    pub slot: Slot,
    /// The visitor's zone, in which the times are written first.
    pub zone: Tz,
    pub manage_url: &'a str,
}

/// Stands in an outbox email for the manage link, which only the sender
/// can derive (with the server secret) when it sends.
pub const MANAGE_LINK: &str = "{manage_link}";

/// An outbox email about a booking, with its manage link filled in: what the
/// outbox worker is started with to personalise emails.
pub fn with_manage_link(config: &super::BookingConfig, mail: &crate::outbox::Due) -> String {
    match &mail.booking_nonce {
        Some(nonce) => mail.body.replace(
            MANAGE_LINK,
            &format!(
                "{}/booking/{}",
                config.public_url,
                super::tokens::manage_token(config.secret.expose_secret(), nonce)
            ),
        ),
        None => mail.body.clone(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

/// How the "your data" view names each kind of email.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "booking_confirmed" => "Booking confirmation",
        "booking_rescheduled" => "New time",
        "booking_cancelled" => "Cancellation",
        _ => "Email",
    }
}

fn greeting(name: &str) -> String {
    if name.is_empty() {
        "Hello,".to_owned()
    } else {
        format!("Hello {name},")
    }
}

fn times(details: &Details) -> String {
    format!(
        "When: {} ({})\n      {}",
        when_in(details.zone, details.slot),
        details.zone.name(),
        when_utc(details.slot)
    )
}

pub fn confirmation(details: &Details) -> Message {
    Message {
        subject: format!(
            "Your Backline demo lesson is booked ({})",
            details.reference
        ),
        body: format!(
            "{}\n\nyour demo lesson with Backline is booked.\n\n{}\nReference: {}\n\n\
             To add it to your calendar, move it or cancel it, open:\n{}\n\n\
             Keep this link to yourself: anyone with it can change the booking.\n\n\
             Backline",
            greeting(details.name),
            times(details),
            details.reference,
            details.manage_url
        ),
    }
}

pub fn rescheduled(details: &Details) -> Message {
    Message {
        subject: format!(
            "Your Backline demo lesson has a new time ({})",
            details.reference
        ),
        body: format!(
            "{}\n\nyour demo lesson has moved to a new time.\n\n{}\nReference: {}\n\n\
             Your booking: {}\n\nBackline",
            greeting(details.name),
            times(details),
            details.reference,
            details.manage_url
        ),
    }
}

/// Who cancelled a lesson, which its email says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelledBy {
    Visitor,
    Staff,
}

pub fn cancellation(details: &Details, by: CancelledBy) -> Message {
    let why = match by {
        CancelledBy::Visitor => "your demo lesson is cancelled, as you asked.",
        CancelledBy::Staff => "we are sorry: we have had to cancel your demo lesson.",
    };
    Message {
        subject: format!(
            "Your Backline demo lesson is cancelled ({})",
            details.reference
        ),
        body: format!(
            "{}\n\n{why}\n\n{}\nReference: {}\n\n\
             You are welcome to book another time whenever it suits you.\n\nBackline",
            greeting(details.name),
            times(details),
            details.reference,
        ),
    }
}

/// One lesson as a calendar event.
pub struct Event<'a> {
    pub reference: &'a str,
    pub slot: Slot,
    pub cancelled: bool,
    /// Bumped on every change, so calendar apps replace their copy.
    pub revision: i32,
    pub manage_url: &'a str,
    pub stamp: DateTime<Utc>,
}

/// An iCalendar (RFC 5545) file with the lesson in UTC, which every
/// calendar app places at the right local time.
pub fn ics(event: &Event) -> String {
    let utc = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Backline//Demo lessons//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@backline.demo-lessons", event.reference),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("DTSTART:{}", utc(event.slot.start)),
        format!("DTEND:{}", utc(event.slot.end)),
        format!("SEQUENCE:{}", event.revision.max(0)),
        format!(
            "STATUS:{}",
            if event.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ),
        format!("SUMMARY:{}", escape("Backline demo lesson")),
        format!(
            "DESCRIPTION:{}",
            escape(&format!(
                "Your demo lesson with Backline (reference {}).\nMove or cancel it: {}",
                event.reference, event.manage_url
            ))
        ),
        format!("URL:{}", event.manage_url),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|line| fold(line)).collect()
}

/// TEXT values escape backslashes, separators and newlines (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// Lines end in CRLF and are folded before 75 octets, never inside a
/// character (RFC 5545 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot() -> Slot {
        let start = DateTime::parse_from_rfc3339("2026-03-29T00:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Slot {
            start,
            end: start + chrono::Duration::minutes(30),
        }
    }

    #[test]
    fn the_confirmation_gives_both_times_the_reference_and_the_link() {
        let message = confirmation(&Details {
            reference: "BL-7KQ4",
            name: "Asha",
            slot: slot(),
            zone: Tz::Europe__Berlin,
            manage_url: "https://backline.example/booking/abc",
        });
        assert!(message.subject.contains("BL-7KQ4"));
        // 00:30 UTC on the night clocks go forward is 01:30 CET in Berlin,
        // and half an hour later it is 03:00 CEST: the wall clock skipped an hour.
        assert!(
            message
                .body
                .contains("Sunday 29 March 2026, 01:30–03:00 (Europe/Berlin)"),
            "{}",
            message.body
        );
        assert!(message.body.contains("2026-03-29 00:30–01:00 UTC"));
        assert!(
            message
                .body
                .contains("https://backline.example/booking/abc")
        );
    }

    #[test]
    fn calendar_lines_are_crlf_folded_before_75_octets_and_escaped() {
        let url = format!("https://backline.example/booking/{}", "é".repeat(40));
        let text = ics(&Event {
            reference: "BL-7KQ4",
            slot: slot(),
            cancelled: false,
            revision: 2,
            manage_url: &url,
            stamp: slot().start,
        });
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.contains('\n'), "{line:?}");
        }
        assert!(text.contains("DTSTART:20260329T003000Z\r\n"));
        assert!(text.contains("SEQUENCE:2\r\n"));
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("(reference BL-7KQ4).\\nMove or cancel it: https"),
            "{unfolded}"
        );
        assert_eq!(escape("a,b;c\\d"), "a\\,b\\;c\\\\d");
    }
}
