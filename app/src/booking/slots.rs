//! Free demo-lesson slots, computed in UTC from availability that staff
//! state in their own time zone.
//!
//! Pure: the rules, the bookings already taken and "now" go in; the free
//! slots come out. Daylight saving is handled where it bites: a rule's
//! local time that does not exist that day (clocks jump forward) starts at
//! the first valid minute after it; one that happens twice (clocks go back)
//! means the first.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

/// Open hours on one weekday, in the staff time zone.
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklyRule {
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// A date that departs from the weekly rules: closed, or open these hours.
#[derive(Clone, Debug, PartialEq)]
pub struct Exception {
    pub date: NaiveDate,
    /// Empty means closed all day.
    pub hours: Vec<(NaiveTime, NaiveTime)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Availability {
    pub zone: Tz,
    pub weekly: Vec<WeeklyRule>,
    pub exceptions: Vec<Exception>,
    pub slot: Duration,
    /// Kept free between two bookings.
    pub buffer: Duration,
    /// The earliest bookable start is this long after now.
    pub notice: Duration,
    /// The latest bookable start is this long after now.
    pub horizon: Duration,
}

/// A half-open interval `[start, end)` in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Slot {
    fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Every free slot from `now + notice` to `now + horizon`, in order.
/// A slot is free when it, widened by the buffer on both sides, overlaps
/// no booking.
pub fn free_slots(rules: &Availability, taken: &[Slot], now: DateTime<Utc>) -> Vec<Slot> {
    if rules.slot <= Duration::zero() {
        return Vec::new();
    }
    let earliest = now + rules.notice;
    let latest = now + rules.horizon;
    let first_day = now.with_timezone(&rules.zone).date_naive() - Duration::days(1);
    let last_day = latest.with_timezone(&rules.zone).date_naive() + Duration::days(1);
    let mut out = Vec::new();
    let mut day = first_day;
    while day <= last_day {
        for (open, close) in hours_on(rules, day) {
            let (Some(mut start), Some(close)) = (
                to_utc(rules.zone, day, open),
                to_utc(rules.zone, day, close),
            ) else {
                continue;
            };
            while start + rules.slot <= close {
                let slot = Slot {
                    start,
                    end: start + rules.slot,
                };
                let guarded = Slot {
                    start: slot.start - rules.buffer,
                    end: slot.end + rules.buffer,
                };
                if slot.start >= earliest
                    && slot.start <= latest
                    && !taken.iter().any(|t| t.overlaps(&guarded))
                {
                    out.push(slot);
                }
                start += rules.slot;
            }
        }
        day += Duration::days(1);
    }
    out.sort();
    out.dedup();
    out
}

/// Whether `slot` lies inside one of its day's opening blocks, notice
/// and horizon aside. A booked lesson keeps its own length and start, so
/// a change of lesson length or of the grid does not strand it; a change
/// that leaves it outside every block does.
pub fn within_hours(rules: &Availability, slot: Slot) -> bool {
    let local = slot.start.with_timezone(&rules.zone).date_naive();
    (-1..=1).any(|offset| {
        let day = local + Duration::days(offset);
        hours_on(rules, day).into_iter().any(|(open, close)| {
            let (Some(open), Some(close)) = (
                to_utc(rules.zone, day, open),
                to_utc(rules.zone, day, close),
            ) else {
                return false;
            };
            slot.start >= open && slot.end <= close
        })
    })
}

/// The open hours on a local date: the exception's, or the weekday's rules.
fn hours_on(rules: &Availability, day: NaiveDate) -> Vec<(NaiveTime, NaiveTime)> {
    if let Some(exception) = rules.exceptions.iter().find(|e| e.date == day) {
        return exception.hours.clone();
    }
    rules
        .weekly
        .iter()
        .filter(|rule| rule.weekday == day.weekday() && rule.start < rule.end)
        .map(|rule| (rule.start, rule.end))
        .collect()
}

/// A local wall-clock time on a date, in UTC. A time skipped by a jump
/// forward moves to the first minute that exists after it.
fn to_utc(zone: Tz, day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let mut local = day.and_time(time);
    for _ in 0..=180 {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(at) => return Some(at.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => return Some(first.with_timezone(&Utc)),
            LocalResult::None => local += Duration::minutes(1),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_lesson_is_within_the_hours_when_one_of_its_days_blocks_holds_it() {
        let rules = mornings();
        let slot = |start: &str, minutes: i64| Slot {
            start: at(start),
            end: at(start) + Duration::minutes(minutes),
        };
        // Monday 7 December 2026, Berlin is UTC+1: 09:00 local is 08:00Z.
        let table = [
            (slot("2026-12-07T08:00:00Z", 30), true, "the first slot"),
            (
                slot("2026-12-07T10:30:00Z", 30),
                true,
                "the last, ending at 12:00",
            ),
            (
                slot("2026-12-07T10:45:00Z", 15),
                true,
                "off the grid, still inside",
            ),
            (
                slot("2026-12-07T08:00:00Z", 45),
                true,
                "another length, still inside",
            ),
            (slot("2026-12-07T10:45:00Z", 30), false, "past closing"),
            (slot("2026-12-07T07:45:00Z", 30), false, "before opening"),
            (slot("2026-12-05T08:00:00Z", 30), false, "a Saturday"),
        ];
        for (candidate, expected, what) in table {
            assert_eq!(within_hours(&rules, candidate), expected, "{what}");
        }
        let mut closed = rules.clone();
        closed.exceptions.push(Exception {
            date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            hours: Vec::new(),
        });
        assert!(
            !within_hours(&closed, slot("2026-12-07T08:00:00Z", 30)),
            "closed that day"
        );
    }

    proptest! {
        /// Every free slot is within the hours, across a change of clocks.
        #[test]
        fn every_free_slot_is_within_the_hours(days in 0i64..60, hour in 0u32..24) {
            let rules = mornings();
            let now = at("2026-03-20T00:00:00Z") + Duration::days(days) + Duration::hours(hour.into());
            for slot in free_slots(&rules, &[], now) {
                prop_assert!(within_hours(&rules, slot), "{slot:?}");
            }
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn time(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").unwrap()
    }

    /// Weekdays 09:00–12:00 in Berlin, 30-minute slots, no buffer, no notice.
    fn mornings() -> Availability {
        Availability {
            zone: chrono_tz::Europe::Berlin,
            weekly: [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]
            .into_iter()
            .map(|weekday| WeeklyRule {
                weekday,
                start: time("09:00"),
                end: time("12:00"),
            })
            .collect(),
            exceptions: Vec::new(),
            slot: Duration::minutes(30),
            buffer: Duration::zero(),
            notice: Duration::zero(),
            horizon: Duration::days(7),
        }
    }

    #[test]
    fn a_weekday_morning_gives_six_half_hour_slots_in_utc() {
        // Monday 2026-11-30; Berlin is UTC+1 in winter.
        let now = at("2026-11-30T00:00:00Z");

        let slots = free_slots(&mornings(), &[], now);

        let monday: Vec<_> = slots
            .iter()
            .filter(|s| s.start < at("2026-12-01T00:00:00Z"))
            .collect();
        assert_eq!(monday.len(), 6);
        assert_eq!(monday[0].start, at("2026-11-30T08:00:00Z"));
        assert_eq!(monday[5].end, at("2026-11-30T11:00:00Z"));
        assert_eq!(slots.len(), 6 * 5, "five weekdays in the horizon");
    }

    #[test]
    fn notice_horizon_buffer_bookings_and_exceptions_each_remove_slots() {
        let now = at("2026-11-30T00:00:00Z");
        let base = free_slots(&mornings(), &[], now).len();
        let cases: Vec<(&str, Availability, Vec<Slot>, usize)> = vec![
            (
                "12 h notice: Monday's morning is gone",
                Availability {
                    notice: Duration::hours(12),
                    ..mornings()
                },
                vec![],
                base - 6,
            ),
            (
                "2-day horizon: Monday and Tuesday only",
                Availability {
                    horizon: Duration::days(2),
                    ..mornings()
                },
                vec![],
                12,
            ),
            (
                "a booking at 09:30 local takes its slot",
                mornings(),
                vec![Slot {
                    start: at("2026-11-30T08:30:00Z"),
                    end: at("2026-11-30T09:00:00Z"),
                }],
                base - 1,
            ),
            (
                "with a 15-minute buffer it also takes its neighbours",
                Availability {
                    buffer: Duration::minutes(15),
                    ..mornings()
                },
                vec![Slot {
                    start: at("2026-11-30T08:30:00Z"),
                    end: at("2026-11-30T09:00:00Z"),
                }],
                base - 3,
            ),
            (
                "Wednesday closed",
                Availability {
                    exceptions: vec![Exception {
                        date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                        hours: vec![],
                    }],
                    ..mornings()
                },
                vec![],
                base - 6,
            ),
        ];
        for (what, rules, taken, expected) in cases {
            assert_eq!(free_slots(&rules, &taken, now).len(), expected, "{what}");
        }
    }

    #[test]
    fn on_the_day_clocks_go_forward_local_hours_still_hold() {
        // Sunday 2027-03-28: 02:00–03:00 does not exist in Berlin; open 02:30–04:00.
        let rules = Availability {
            weekly: vec![WeeklyRule {
                weekday: Weekday::Sun,
                start: time("02:30"),
                end: time("04:00"),
            }],
            ..mornings()
        };

        let slots = free_slots(&rules, &[], at("2027-03-27T00:00:00Z"));

        // 02:30 is skipped to 03:00 CEST (01:00 UTC); 03:00–04:00 gives two slots.
        assert_eq!(
            slots.first().map(|s| s.start),
            Some(at("2027-03-28T01:00:00Z"))
        );
        assert_eq!(slots.len(), 2);
    }

    #[test]
    fn on_the_day_clocks_go_back_each_slot_is_an_hour_of_real_time_apart_once() {
        // Sunday 2026-10-25: 02:00–03:00 happens twice in Berlin.
        let rules = Availability {
            weekly: vec![WeeklyRule {
                weekday: Weekday::Sun,
                start: time("01:00"),
                end: time("04:00"),
            }],
            slot: Duration::hours(1),
            ..mornings()
        };

        let slots = free_slots(&rules, &[], at("2026-10-24T00:00:00Z"));

        // 01:00 CEST = 23:00Z; 04:00 CET = 03:00Z: four real hours, four slots.
        assert_eq!(slots.len(), 4);
        assert!(
            slots.windows(2).all(|w| w[0].end <= w[1].start),
            "no overlaps"
        );
    }

    proptest! {
        #[test]
        fn slots_never_overlap_a_booking_or_each_other_and_respect_notice(
            minutes in 0i64..(14 * 24 * 60),
            booked in prop::collection::vec((0i64..(14 * 24 * 60), 15i64..120), 0..6),
            buffer in 0i64..60,
        ) {
            let now = at("2026-11-30T00:00:00Z") + Duration::minutes(minutes);
            let rules = Availability { buffer: Duration::minutes(buffer), notice: Duration::hours(12), ..mornings() };
            let taken: Vec<Slot> = booked.iter().map(|(start, length)| {
                let start = at("2026-11-30T00:00:00Z") + Duration::minutes(*start);
                Slot { start, end: start + Duration::minutes(*length) }
            }).collect();

            let slots = free_slots(&rules, &taken, now);

            for pair in slots.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start);
            }
            for slot in &slots {
                prop_assert!(slot.start >= now + rules.notice);
                prop_assert!(slot.start <= now + rules.horizon);
                for t in &taken {
                    prop_assert!(slot.end + rules.buffer <= t.start || t.end <= slot.start - rules.buffer);
                }
            }
        }
    }
}
