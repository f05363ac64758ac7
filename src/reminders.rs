//! When wellbeing check-in reminders go out: the plan (first after two weeks, then every four,
//! for six months) and quiet hours in the service's time zone, across clock changes.
//!
//! Pure: every function takes the time it is asked about. The store keeps the schedules
//! ([`crate::store::checkins`]); the conversation asks the questions.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// A setting in `[checkins]` that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlanError {
    #[error("[checkins] {0} must be \"HH:MM\", like \"21:00\", not {1:?}")]
    Time(&'static str, String),
    #[error("[checkins] timezone {0:?} is not a time zone name like \"Europe/London\"")]
    Zone(String),
    #[error("[checkins] {0} must be at least {1}, not {2}")]
    TooSmall(&'static str, i64, i64),
}

/// Local hours in which no reminder is sent. `from` after `until` wraps midnight (21:00–08:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub from: NaiveTime,
    pub until: NaiveTime,
    pub zone: Tz,
}

impl QuietHours {
    fn local(&self, ms: i64) -> Option<DateTime<Tz>> {
        Utc.timestamp_millis_opt(ms).single().map(|t| t.with_timezone(&self.zone))
    }

    /// Whether `ms` falls in quiet hours, by the local clock on that day.
    pub fn contains(&self, ms: i64) -> bool {
        let Some(local) = self.local(ms) else { return false };
        let t = local.time();
        if self.from == self.until {
            false
        } else if self.from < self.until {
            self.from <= t && t < self.until
        } else {
            t >= self.from || t < self.until
        }
    }

    /// `ms` if it is not quiet, else the moment quiet hours end (the first instant the local
    /// clock shows `until` or later, so a clock change inside quiet hours is taken into account).
    pub fn next_allowed(&self, ms: i64) -> i64 {
        if !self.contains(ms) {
            return ms;
        }
        let Some(local) = self.local(ms) else { return ms };
        // Today's `until` if it is still ahead, else tomorrow's.
        let mut day = local.date_naive();
        if local.time() >= self.until {
            day = day.succ_opt().unwrap_or(day);
        }
        let wanted = day.and_time(self.until);
        // A local time skipped by the clocks going forward: the first minute after the gap.
        (0..180)
            .find_map(|m| self.zone.from_local_datetime(&(wanted + Duration::minutes(m))).earliest())
            .map_or(ms + HOUR_MS, |t| t.timestamp_millis())
    }
}

/// The check-in plan from `[checkins]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub first_after_ms: i64,
    pub every_ms: i64,
    pub for_ms: i64,
    pub snooze_ms: i64,
    pub quiet: QuietHours,
}

impl Plan {
    pub fn from_config(c: &config::Checkins) -> Result<Plan, PlanError> {
        let time = |name: &'static str, s: &str| {
            NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| PlanError::Time(name, s.to_string()))
        };
        let at_least = |name: &'static str, value: i64, min: i64| {
            if value < min { Err(PlanError::TooSmall(name, min, value)) } else { Ok(value) }
        };
        Ok(Plan {
            first_after_ms: at_least("first_after_days", c.first_after_days, 1)? * DAY_MS,
            every_ms: at_least("every_days", c.every_days, 1)? * DAY_MS,
            for_ms: at_least("for_days", c.for_days, 0)? * DAY_MS,
            snooze_ms: at_least("snooze_hours", c.snooze_hours, 1)? * HOUR_MS,
            quiet: QuietHours {
                from: time("quiet_from", &c.quiet_from)?,
                until: time("quiet_until", &c.quiet_until)?,
                zone: c.timezone.trim().parse().map_err(|_| PlanError::Zone(c.timezone.clone()))?,
            },
        })
    }

    /// When the first reminder is due after a hand-off at `handoff` (out of quiet hours, so
    /// the time shown to link workers is when it goes), and when reminders end.
    pub fn start(&self, handoff: i64) -> (i64, i64) {
        (self.quiet.next_allowed(handoff + self.first_after_ms), handoff + self.for_ms)
    }

    /// The reminder after one due at `due`, sent at `now`: `every` later, skipping any already
    /// past (after a long outage, one reminder, not a burst); `None` once past `until`.
    pub fn after(&self, due: i64, now: i64, until: i64) -> Option<i64> {
        let mut next = due + self.every_ms;
        if next <= now {
            let missed = (now - next) / self.every_ms + 1;
            next += missed * self.every_ms;
        }
        let next = self.quiet.next_allowed(next);
        (next <= until).then_some(next)
    }
}

impl Default for Plan {
    fn default() -> Plan {
        Plan::from_config(&config::Checkins::default()).expect("the default plan is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    #[test]
    fn quiet_hours_wrap_midnight_in_winter() {
        let q = Plan::default().quiet;
        assert!(!q.contains(at("2027-01-10T20:59:00Z")));
        assert!(q.contains(at("2027-01-10T21:00:00Z")));
        assert!(q.contains(at("2027-01-11T07:59:00Z")));
        assert!(!q.contains(at("2027-01-11T08:00:00Z")));
        assert_eq!(q.next_allowed(at("2027-01-10T23:30:00Z")), at("2027-01-11T08:00:00Z"));
        assert_eq!(q.next_allowed(at("2027-01-11T03:00:00Z")), at("2027-01-11T08:00:00Z"));
        assert_eq!(q.next_allowed(at("2027-01-11T12:00:00Z")), at("2027-01-11T12:00:00Z"));
    }

    #[test]
    fn bad_settings_are_named() {
        let bad = config::Checkins { quiet_from: "9pm".into(), ..config::Checkins::default() };
        assert_eq!(Plan::from_config(&bad), Err(PlanError::Time("quiet_from", "9pm".into())));
        let bad = config::Checkins { timezone: "London".into(), ..config::Checkins::default() };
        assert!(matches!(Plan::from_config(&bad), Err(PlanError::Zone(_))));
        let bad = config::Checkins { every_days: 0, ..config::Checkins::default() };
        assert!(matches!(Plan::from_config(&bad), Err(PlanError::TooSmall("every_days", 1, 0))));
    }

    #[test]
    fn planned_reminders_fall_outside_quiet_hours() {
        let p = Plan::default();
        // A hand-off at 21:54 GMT: the first reminder is due at 08:00 two weeks and a day on.
        let (first, _) = p.start(at("2026-11-21T21:54:00Z"));
        assert_eq!(first, at("2026-12-06T08:00:00Z"));
        assert_eq!(p.after(first, first, first + 400 * DAY_MS), Some(at("2027-01-03T08:00:00Z")));
    }

    #[test]
    fn after_a_long_outage_one_reminder_not_a_burst() {
        let p = Plan::default();
        // Noon, out of quiet hours whatever the season.
        let day = |n: i64| at("2027-01-04T12:00:00Z") + n * DAY_MS;
        let until = day(400);
        assert_eq!(p.after(day(14), day(14), until), Some(day(42)));
        // Down from day 14 to day 100: the next is the first slot after day 100.
        assert_eq!(p.after(day(14), day(100), until), Some(day(126)));
        assert_eq!(p.after(day(14), day(14), day(41)), None);
    }
}
