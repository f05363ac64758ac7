//! When link workers read urgent cases (`[urgent]`: days, hours, closed dates, time zone), so
//! a young person who has just disclosed is told honestly when someone will see it; and the
//! response targets counted in that working time: when a first reply is due ([`Duty::due`])
//! and whether it is on time, due soon or overdue ([`deadline`]).
//!
//! Pure: [`Duty::at`] and [`Duty::due`] take the time they are asked about.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use crate::config;
use crate::message::Arg;

/// A setting in `[urgent]` that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DutyError {
    #[error("[urgent] {0} must be \"HH:MM\", like \"09:00\", not {1:?}")]
    Time(&'static str, String),
    #[error("[urgent] timezone {0:?} is not a time zone name like \"Europe/London\"")]
    Zone(String),
    #[error("[urgent] days must be day names like \"mon\", not {0:?}")]
    Day(String),
    #[error("[urgent] closed must be dates like \"2026-12-25\", not {0:?}")]
    Date(String),
    #[error("[urgent] from must be before until")]
    Order,
}

/// The hours urgent cases are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    pub days: Vec<Weekday>,
    pub from: NaiveTime,
    pub until: NaiveTime,
    pub zone: Tz,
    /// Days nobody is on duty (bank holidays, closures).
    pub closed: Vec<NaiveDate>,
}

/// A day in milliseconds, for the guard when no day is ever open.
const DAY_MS: i64 = 86_400_000;

/// How far ahead [`Duty::due`] looks for an open day before giving up.
const LOOK_AHEAD_DAYS: i64 = 366;

/// Less than this much real time left before a reply is due: [`Deadline::DueSoon`] (4 hours).
pub const DUE_SOON_MS: i64 = 4 * 3_600_000;

/// Where a reply stands against the time it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// [`DUE_SOON_MS`] or more left.
    OnTime,
    /// Less than [`DUE_SOON_MS`] left, or due this very millisecond.
    DueSoon,
    /// The due time has passed.
    Overdue,
}

/// Where a reply due at `due_ms` stands at `now_ms` (both Unix milliseconds), counted in real
/// time: overdue once `now_ms` is after `due_ms`, due soon when less than [`DUE_SOON_MS`] is left.
pub fn deadline(due_ms: i64, now_ms: i64) -> Deadline {
    if now_ms > due_ms {
        Deadline::Overdue
    } else if due_ms.saturating_sub(now_ms) < DUE_SOON_MS {
        Deadline::DueSoon
    } else {
        Deadline::OnTime
    }
}

/// Whether someone is on duty now, and if not, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDuty {
    pub now: bool,
    /// "today", "tomorrow", or a day name ("mon"…"sun") when later; empty when on duty or
    /// when no day in the next fortnight is open.
    pub next_day: String,
    /// "09:00".
    pub next_time: String,
}

impl OnDuty {
    /// Arguments for messages: `on_duty` ("yes" or "no"), `next_day`, `next_time`.
    pub fn args(&self) -> Vec<(String, Arg)> {
        vec![
            ("on_duty".into(), Arg::Str(if self.now { "yes" } else { "no" }.into())),
            (
                "next_day".into(),
                Arg::Str(if self.next_day.is_empty() { "later".into() } else { self.next_day.clone() }),
            ),
            ("next_time".into(), Arg::Str(self.next_time.clone())),
        ]
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.trim().to_ascii_lowercase().get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

impl Duty {
    pub fn from_config(c: &config::Urgent) -> Result<Duty, DutyError> {
        let time = |name: &'static str, s: &str| {
            NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| DutyError::Time(name, s.to_string()))
        };
        let duty = Duty {
            days: c
                .days
                .iter()
                .map(|d| weekday(d).ok_or_else(|| DutyError::Day(d.clone())))
                .collect::<Result<_, _>>()?,
            from: time("from", &c.from)?,
            until: time("until", &c.until)?,
            zone: c.timezone.trim().parse().map_err(|_| DutyError::Zone(c.timezone.clone()))?,
            closed: c
                .closed
                .iter()
                .map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| DutyError::Date(d.clone())))
                .collect::<Result<_, _>>()?,
        };
        if duty.from >= duty.until {
            return Err(DutyError::Order);
        }
        Ok(duty)
    }

    fn open_on(&self, day: NaiveDate) -> bool {
        self.days.contains(&day.weekday()) && !self.closed.contains(&day)
    }

    /// The first open day after `day`, within [`LOOK_AHEAD_DAYS`].
    fn next_open_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        (1..=LOOK_AHEAD_DAYS).map(|ahead| day + Duration::days(ahead)).find(|d| self.open_on(*d))
    }

    /// The instant of a local date and time in the service's zone. A time the clock skips
    /// (the hour lost when the clocks go forward) is taken as the first instant after the gap;
    /// a time that happens twice (the hour repeated when they go back) as the first of the two.
    fn instant(&self, local: NaiveDateTime) -> Option<i64> {
        if let Some(t) = self.zone.from_local_datetime(&local).earliest() {
            return Some(t.timestamp_millis());
        }
        // In a gap: the first whole minute after it (gaps begin and end on whole minutes).
        let minute = local.with_second(0)?.with_nanosecond(0)?;
        (1..=48 * 60)
            .map(|m| minute + Duration::minutes(m))
            .find_map(|t| self.zone.from_local_datetime(&t).earliest())
            .map(|t| t.timestamp_millis())
    }

    /// When the first reply to a case handed off at `created_ms` (Unix milliseconds) is due:
    /// `working_days` working days later, counted in working time (`days`, `from`..`until`
    /// in `timezone`, not on `closed` dates).
    ///
    /// The rule:
    /// - The clock starts at the hand-off if that is in working hours on an open day;
    ///   otherwise at the next opening (`from` today if it is an open day not yet open,
    ///   else `from` on the next open day).
    /// - The reply is due the same amount of working time into the day, `working_days` open
    ///   days later: days not in `days`, and dates in `closed`, are skipped.
    /// - `working_days = 0`: due when the clock starts.
    ///
    /// So with Monday to Friday, 09:00 to 17:00, and 2 days: handed off Tuesday 10:00, due
    /// Thursday 10:00; Friday 16:00, due Tuesday 16:00; Saturday 11:00 (or Friday 18:00, or
    /// Monday 07:00), the clock starts Monday 09:00, due Wednesday 09:00. A bank holiday in
    /// between adds a day. Days are counted on the local clock, so across a clock change the
    /// reply is due at the same local time, not the same number of hours later; a local time
    /// the clock skips or repeats is taken as its earliest valid instant.
    ///
    /// Never panics. If no day is open in the next 366 days (or a time cannot be represented),
    /// it is `created_ms + working_days` calendar days.
    pub fn due(&self, created_ms: i64, working_days: u32) -> i64 {
        let fallback = created_ms.saturating_add(i64::from(working_days).saturating_mul(DAY_MS));
        let Some(local) = Utc.timestamp_millis_opt(created_ms).single().map(|t| t.with_timezone(&self.zone)) else {
            return fallback;
        };
        let (today, time) = (local.date_naive(), local.time());
        // The clock's start: a day, and how far into its working hours.
        let (mut day, into) = if self.open_on(today) && self.from <= time && time < self.until {
            if working_days == 0 {
                return created_ms;
            }
            (today, time - self.from)
        } else if self.open_on(today) && time < self.from {
            (today, Duration::zero())
        } else {
            match self.next_open_after(today) {
                Some(d) => (d, Duration::zero()),
                None => return fallback,
            }
        };
        for _ in 0..working_days {
            match self.next_open_after(day) {
                Some(d) => day = d,
                None => return fallback,
            }
        }
        self.instant(day.and_time(self.from) + into).unwrap_or(fallback)
    }

    /// Whether someone is on duty at `ms`, and if not, the next day and time someone is.
    pub fn at(&self, ms: i64) -> OnDuty {
        let Some(local) = Utc.timestamp_millis_opt(ms).single().map(|t| t.with_timezone(&self.zone)) else {
            return OnDuty { now: false, next_day: String::new(), next_time: String::new() };
        };
        let today = local.date_naive();
        let time = local.time();
        let next_time = self.from.format("%H:%M").to_string();
        if self.open_on(today) && self.from <= time && time < self.until {
            return OnDuty { now: true, next_day: String::new(), next_time };
        }
        let first = if time < self.from { 0 } else { 1 };
        for ahead in first..15 {
            let day = today + Duration::days(ahead);
            if self.open_on(day) {
                let next_day = match ahead {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    _ => day_name(day.weekday()).to_string(),
                };
                return OnDuty { now: false, next_day, next_time };
            }
        }
        OnDuty { now: false, next_day: String::new(), next_time }
    }
}

impl Default for Duty {
    fn default() -> Duty {
        Duty::from_config(&config::Urgent::default()).expect("the default hours are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    #[test]
    fn on_duty_in_working_hours_by_the_london_clock() {
        let d = Duty::default();
        // Tuesday 1 December 2026, GMT.
        assert!(d.at(at("2026-12-01T10:00:00Z")).now);
        let evening = d.at(at("2026-12-01T18:30:00Z"));
        assert_eq!((evening.now, evening.next_day.as_str(), evening.next_time.as_str()), (false, "tomorrow", "09:00"));
        let early = d.at(at("2026-12-01T07:00:00Z"));
        assert_eq!((early.now, early.next_day.as_str()), (false, "today"));
        // Friday evening: Monday.
        assert_eq!(d.at(at("2026-12-04T17:00:00Z")).next_day, "mon");
        // Summer: 08:30 UTC is 09:30 BST.
        assert!(d.at(at("2027-06-01T08:30:00Z")).now);
    }

    #[test]
    fn closed_days_are_skipped_and_bad_settings_named() {
        let c = config::Urgent { closed: vec!["2026-12-25".into(), "2026-12-28".into()], ..config::Urgent::default() };
        let d = Duty::from_config(&c).unwrap();
        // Thursday 24 December, evening: Friday the 25th is closed, Monday the 28th too.
        assert_eq!(d.at(at("2026-12-24T18:00:00Z")).next_day, "tue");
        let bad = config::Urgent { from: "9am".into(), ..config::Urgent::default() };
        assert_eq!(Duty::from_config(&bad), Err(DutyError::Time("from", "9am".into())));
        let bad = config::Urgent { days: vec!["someday".into()], ..config::Urgent::default() };
        assert!(matches!(Duty::from_config(&bad), Err(DutyError::Day(_))));
        let never = config::Urgent { days: vec![], ..config::Urgent::default() };
        let d = Duty::from_config(&never).unwrap();
        assert_eq!(d.at(at("2026-12-01T10:00:00Z")).args()[1].1, Arg::Str("later".into()));
    }

    #[test]
    fn due_in_working_days_on_weekdays_and_over_a_weekend() {
        let d = Duty::default();
        // Tuesday 1 December 2026, 10:00 GMT, in hours: Thursday 10:00.
        assert_eq!(d.due(at("2026-12-01T10:00:00Z"), 2), at("2026-12-03T10:00:00Z"));
        // Friday 16:00: Monday and Tuesday count, so Tuesday 16:00 (96 calendar hours).
        assert_eq!(d.due(at("2026-12-04T16:00:00Z"), 2), at("2026-12-08T16:00:00Z"));
        // Summer: 08:30 UTC is 09:30 BST, due Thursday at the same time.
        assert_eq!(d.due(at("2027-06-01T08:30:00Z"), 2), at("2027-06-03T08:30:00Z"));
        assert_eq!(d.due(at("2026-12-01T10:00:00Z"), 1), at("2026-12-02T10:00:00Z"));
    }

    #[test]
    fn out_of_hours_hand_offs_start_the_clock_at_the_next_opening() {
        let d = Duty::default();
        // Tuesday evening: the clock starts Wednesday 09:00, due Friday 09:00.
        assert_eq!(d.due(at("2026-12-01T18:30:00Z"), 2), at("2026-12-04T09:00:00Z"));
        // 17:00 is closing time, already out of hours.
        assert_eq!(d.due(at("2026-12-01T17:00:00Z"), 2), at("2026-12-04T09:00:00Z"));
        // Monday 07:00: starts Monday 09:00, due Wednesday 09:00.
        assert_eq!(d.due(at("2026-12-07T07:00:00Z"), 2), at("2026-12-09T09:00:00Z"));
        // Saturday 11:00 and Friday 18:00 alike: Monday 09:00, due Wednesday 09:00.
        assert_eq!(d.due(at("2026-12-05T11:00:00Z"), 2), at("2026-12-09T09:00:00Z"));
        assert_eq!(d.due(at("2026-12-04T18:00:00Z"), 2), at("2026-12-09T09:00:00Z"));
    }

    #[test]
    fn bank_holidays_do_not_count() {
        // The default closed dates are England and Wales bank holidays.
        let d = Duty::default();
        assert!(d.closed.contains(&NaiveDate::from_ymd_opt(2027, 8, 30).unwrap()));
        // Thursday 24 December 2026: Friday the 25th and Monday the 28th are bank holidays,
        // so Tuesday the 29th and Wednesday the 30th count.
        assert_eq!(d.due(at("2026-12-24T10:00:00Z"), 2), at("2026-12-30T10:00:00Z"));
        // A service with no closed dates counts Friday the 25th and Monday the 28th.
        let open = Duty::from_config(&config::Urgent { closed: vec![], ..config::Urgent::default() }).unwrap();
        assert_eq!(open.due(at("2026-12-24T10:00:00Z"), 2), at("2026-12-28T10:00:00Z"));
    }

    #[test]
    fn due_at_the_same_local_time_across_a_clock_change() {
        let d = Duty::default();
        // Clocks go back on Sunday 25 October 2026: Friday 16:00 BST (15:00 UTC) is due
        // Tuesday 16:00 GMT (16:00 UTC).
        assert_eq!(d.due(at("2026-10-23T15:00:00Z"), 2), at("2026-10-27T16:00:00Z"));
        // Forward on Sunday 29 March 2026: Friday 16:00 GMT is due Tuesday 16:00 BST.
        assert_eq!(d.due(at("2026-03-27T16:00:00Z"), 2), at("2026-03-31T15:00:00Z"));
        // Easter 2027 and the clocks together: Thursday 25 March 10:00 GMT; Good Friday and
        // Easter Monday are closed; due Wednesday 31 March 10:00 BST.
        assert_eq!(d.due(at("2027-03-25T10:00:00Z"), 2), at("2027-03-31T09:00:00Z"));
    }

    #[test]
    fn skipped_and_repeated_local_times_take_the_earliest_instant() {
        let night = config::Urgent {
            days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(String::from).to_vec(),
            from: "00:00".into(),
            until: "03:00".into(),
            closed: vec![],
            ..config::Urgent::default()
        };
        let d = Duty::from_config(&night).unwrap();
        // Sunday 29 March 2026 has no 01:30 in London: the first instant after the gap,
        // 02:00 BST (01:00 UTC).
        assert_eq!(d.due(at("2026-03-28T01:30:00Z"), 1), at("2026-03-29T01:00:00Z"));
        // Sunday 25 October 2026 has 01:30 twice: the first, in BST (00:30 UTC).
        assert_eq!(d.due(at("2026-10-24T00:30:00Z"), 1), at("2026-10-25T00:30:00Z"));
    }

    #[test]
    fn zero_days_is_the_start_of_the_clock_and_never_open_falls_back_to_calendar_days() {
        let d = Duty::default();
        let inside = at("2026-12-01T10:17:42.123Z");
        assert_eq!(d.due(inside, 0), inside);
        assert_eq!(d.due(at("2026-12-05T11:00:00Z"), 0), at("2026-12-07T09:00:00Z"));
        assert_eq!(d.due(at("2026-12-01T07:00:00Z"), 0), at("2026-12-01T09:00:00Z"));
        let never = Duty::from_config(&config::Urgent { days: vec![], ..config::Urgent::default() }).unwrap();
        assert_eq!(never.due(inside, 2), inside + 2 * DAY_MS);
        assert_eq!(never.due(inside, 0), inside);
        // Far outside chrono's range: no panic.
        assert_eq!(d.due(i64::MAX, 2), i64::MAX);
        let _ = d.due(i64::MIN, 2);
    }

    #[test]
    fn deadline_states() {
        let due = at("2026-12-03T10:00:00Z");
        assert_eq!(deadline(due, due - DUE_SOON_MS), Deadline::OnTime);
        assert_eq!(deadline(due, due - 24 * 3_600_000), Deadline::OnTime);
        assert_eq!(deadline(due, due - DUE_SOON_MS + 1), Deadline::DueSoon);
        assert_eq!(deadline(due, due), Deadline::DueSoon);
        assert_eq!(deadline(due, due + 1), Deadline::Overdue);
        assert_eq!(deadline(i64::MIN, i64::MAX), Deadline::Overdue);
        assert_eq!(deadline(i64::MAX, i64::MIN), Deadline::OnTime);
    }
}
