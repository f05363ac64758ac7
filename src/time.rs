//! Time: the clock as unix milliseconds, and times as people read them (UTC dates, the
//! service's own time zone with its name, how long something has waited).

/// The current time as unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// "5m", "3h 10m", "2d 4h".
pub fn waited(ms: i64) -> String {
    let minutes = (ms.max(0) / 60_000) as u64;
    match minutes {
        0..60 => format!("{minutes}m"),
        60..1440 => format!("{}h {}m", minutes / 60, minutes % 60),
        _ => format!("{}d {}h", minutes / 1440, (minutes % 1440) / 60),
    }
}

/// "2026-11-21 17:03" (UTC) from unix milliseconds.
pub fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rem / 3600, (rem % 3600) / 60)
}

/// Times shown in the service's time zone (`[urgent] timezone`), each with the zone's name.
#[derive(Debug, Clone, Copy)]
pub struct Zone(pub chrono_tz::Tz);

impl Zone {
    /// "2026-11-21 17:03 GMT", "2026-07-01 10:00 BST".
    pub fn at(&self, ms: i64) -> String {
        use chrono::TimeZone;
        match chrono::Utc.timestamp_millis_opt(ms).single() {
            Some(t) => t.with_timezone(&self.0).format("%Y-%m-%d %H:%M %Z").to_string(),
            None => format!("{} UTC", utc(ms)),
        }
    }

    /// The zone's name, as a service set it ("Europe/London").
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

/// "2026-11-21 17:03:05 UTC" from unix milliseconds: a stored time as a person reads it.
pub fn utc_seconds(ms: i64) -> String {
    format!("{}:{:02} UTC", utc(ms), ms.div_euclid(1000).rem_euclid(60))
}

/// "2026-11-21" (UTC) from unix milliseconds.
pub fn date(ms: i64) -> String {
    utc(ms)[..10].to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_and_waits() {
        assert_eq!(super::date(1_795_280_580_000), "2026-11-21");
        assert_eq!(super::utc(0), "1970-01-01 00:00");
        assert_eq!(super::utc(1_795_280_580_000), "2026-11-21 17:03");
        assert_eq!(super::utc_seconds(1_795_280_585_000), "2026-11-21 17:03:05 UTC");
        let london = super::Zone(chrono_tz::Europe::London);
        assert_eq!(london.at(1_795_280_580_000), "2026-11-21 17:03 GMT");
        assert_eq!(london.at(1_782_900_000_000), "2026-07-01 11:00 BST");
        assert_eq!(super::waited(5 * 60_000), "5m");
        assert_eq!(super::waited(2 * 86_400_000 + 4 * 3_600_000), "2d 4h");
    }
}
