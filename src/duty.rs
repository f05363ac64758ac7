//! When link workers read urgent cases (`[urgent]`: days, hours, closed dates, time zone), so
//! a young person who has just disclosed is told honestly when someone will see it.
//!
//! Pure: [`Duty::at`] takes the time it is asked about.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
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
}
