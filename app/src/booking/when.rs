//! Time zones and times as visitors read them, and slots as URLs carry them.

use super::slots::Slot;
use super::types::canonical_zone;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// The visitor's zone, or UTC with a note saying why.
pub fn visitor_zone(name: &str) -> (Tz, Option<String>) {
    let name = name.trim();
    if name.is_empty() {
        return (Tz::UTC, None);
    }
    match canonical_zone(name).parse::<Tz>() {
        Ok(zone) => (zone, None),
        Err(_) => (
            Tz::UTC,
            Some(format!(
                "We do not know the time zone “{}”, so times are shown in UTC.",
                crate::common::quote(name, 40)
            )),
        ),
    }
}

/// A slot as it travels in URLs and forms: its UTC start to the minute,
/// `2026-11-27T09:00Z`. Parsed once, where a request comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotId(DateTime<Utc>);

impl SlotId {
    pub fn new(start: DateTime<Utc>) -> Self {
        SlotId(start)
    }

    pub fn parse(id: &str) -> Option<Self> {
        chrono::NaiveDateTime::parse_from_str(id.trim(), "%Y-%m-%dT%H:%MZ")
            .ok()
            .map(|at| SlotId(at.and_utc()))
    }

    pub fn start(self) -> DateTime<Utc> {
        self.0
    }
}

impl std::fmt::Display for SlotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%MZ"))
    }
}

/// "Thursday 27 November 2026, 10:00–10:30" in `zone`.
pub fn when_in(zone: Tz, slot: Slot) -> String {
    let start = slot.start.with_timezone(&zone);
    let end = slot.end.with_timezone(&zone);
    format!(
        "{}, {}–{}",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// "2026-11-27 09:00–09:30 UTC".
pub fn when_utc(slot: Slot) -> String {
    format!(
        "{}–{} UTC",
        slot.start.format("%Y-%m-%d %H:%M"),
        slot.end.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_ids_round_trip_and_refuse_anything_else() {
        let start = DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(SlotId::new(start).to_string(), "2026-11-27T09:00Z");
        assert_eq!(SlotId::parse("2026-11-27T09:00Z"), Some(SlotId::new(start)));
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T09:00",
            "2026-13-27T09:00Z",
            "tomorrow",
        ] {
            assert_eq!(SlotId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_unknown_zone_falls_back_to_utc_and_says_so() {
        assert_eq!(visitor_zone("Europe/London").0, Tz::Europe__London);
        assert_eq!(visitor_zone("Asia/Calcutta").0.name(), "Asia/Kolkata");
        assert_eq!(visitor_zone("Europe/Kiev").0.name(), "Europe/Kyiv");
        let (zone, note) = visitor_zone("Mars/Olympus");
        assert_eq!(zone, Tz::UTC);
        assert!(note.unwrap().contains("Mars/Olympus"));
        assert_eq!(visitor_zone(""), (Tz::UTC, None));
    }
}
