//! Settings: defaults, then a TOML file (`linkup.toml` or `--config`), then `LINKUP_*`
//! environment variables. Secrets are never printed: see [`Config::describe`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::Deserialize;

use crate::flow::Settings;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://FILE` (created if missing) or `postgres://...`.
    pub database_url: String,
    pub flows_dir: PathBuf,
    pub locales_dir: PathBuf,
    /// The flow a new young person starts.
    pub flow: String,
    /// Age-band option ids the service covers; others get a kind exit with where else to go.
    pub eligible_age_bands: Vec<String>,
    /// How many working days until a link worker first replies (told to the young person).
    pub response_days: u32,
    /// Deep-link codes (`https://t.me/<bot>?start=CODE`): where a young person came from.
    pub referral_codes: Vec<ReferralCode>,
    /// The team a case goes to when neither its referral code nor its area names one.
    pub default_team: String,
    /// Postcode areas or districts (`LS`, `LS6`) and the team that covers them; the longest
    /// match wins.
    pub area_teams: BTreeMap<String, String>,
    /// The `[telegram]` table: that channel's own settings, kept with its adapter.
    pub telegram: crate::channel::telegram::Settings,
    /// The `[web]` table: the web chat's own settings.
    pub web: crate::channel::web::Settings,
    pub dashboard: Dashboard,
    pub retention: Retention,
    pub checkins: Checkins,
    pub urgent: Urgent,
    /// Locales offered side by side at a new young person's first message, in this order
    /// (`["cy", "en-GB"]` for a Welsh service's active offer); none or one: no offer, the
    /// phone's or browser's language is used.
    pub offer_languages: Vec<String>,
    /// On SIGTERM or Ctrl-C, how long `linkup serve` lets messages and sends in hand finish
    /// before it exits anyway (`LINKUP_SHUTDOWN_GRACE_SECONDS`). What is unfinished stays in
    /// the inbox and outbox for the next start.
    pub shutdown_grace_seconds: u64,
}

/// When link workers read urgent cases: told to a young person after a crisis reply, so
/// nobody is promised a reply that will not come tonight.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Urgent {
    /// Days someone is on duty ("mon" … "sun").
    pub days: Vec<String>,
    /// Local "HH:MM" hours on those days, in `timezone`.
    pub from: String,
    pub until: String,
    pub timezone: String,
    /// Dates nobody is on duty ("2026-12-25"): bank holidays, closures. Also the days that do
    /// not count towards the first-reply target (`response_days`, in working days). Default:
    /// England and Wales bank holidays for 2026 and 2027.
    pub closed: Vec<String>,
}

impl Default for Urgent {
    fn default() -> Urgent {
        Urgent {
            days: ["mon", "tue", "wed", "thu", "fri"].map(String::from).to_vec(),
            from: "09:00".into(),
            until: "17:00".into(),
            timezone: "Europe/London".into(),
            // England and Wales bank holidays, 2026 and 2027 (gov.uk/bank-holidays). Scotland
            // and Northern Ireland have different ones: a service there, or one with its own
            // closures, sets its own `closed` in linkup.toml, which replaces this list.
            closed: [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28",
                "2027-01-01",
                "2027-03-26",
                "2027-03-29",
                "2027-05-03",
                "2027-05-31",
                "2027-08-30",
                "2027-12-27",
                "2027-12-28",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// Wellbeing check-ins after the hand-off, for young people who said yes to them.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Checkins {
    /// The instrument asked (an `id` in `flows/measures/`).
    pub measure: String,
    /// The first reminder comes this many days after the hand-off...
    pub first_after_days: i64,
    /// ...then one every this many days...
    pub every_days: i64,
    /// ...for this many days after the hand-off.
    pub for_days: i64,
    /// No reminders between `quiet_from` and `quiet_until` (local "HH:MM", in `timezone`):
    /// one due then waits until `quiet_until`.
    pub quiet_from: String,
    pub quiet_until: String,
    /// An IANA time zone name.
    pub timezone: String,
    /// "Not now" puts a reminder off by this many hours.
    pub snooze_hours: i64,
}

impl Default for Checkins {
    fn default() -> Checkins {
        Checkins {
            measure: "ons4".into(),
            first_after_days: 14,
            every_days: 28,
            for_days: 183,
            quiet_from: "21:00".into(),
            quiet_until: "08:00".into(),
            timezone: "Europe/London".into(),
            snooze_hours: 24,
        }
    }
}

/// How long personal data is kept (see docs/privacy.md). `linkup serve` enforces it hourly.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retention {
    /// A young person's data goes this many days after their latest case closed.
    pub closed_case_days: i64,
    /// A conversation that never reached a hand-off goes this many days after the last message.
    pub abandoned_days: i64,
    /// Delivered messages leave the outbox, and processed raw payloads are blanked in the inbox
    /// (their ids stay, so a repeat is still recognised), this many days after. The transcript
    /// is kept by the rules above.
    pub delivered_days: i64,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention { closed_case_days: 365, abandoned_days: 30, delivered_days: 7 }
    }
}

/// The link-worker dashboard.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dashboard {
    /// Where the dashboard listens (`LINKUP_DASHBOARD_LISTEN`); put a reverse proxy with HTTPS
    /// in front of it for anything but a demo.
    pub listen: String,
    /// Marks session cookies `Secure` (set it when served over HTTPS; `X-Forwarded-Proto: https`
    /// from the proxy does the same).
    pub secure_cookies: bool,
    /// A signed-in worker is signed out after this many minutes without a person's action (a
    /// page's own refresh does not count).
    pub idle_minutes: i64,
    /// ...and after this many hours in any case.
    pub session_hours: i64,
    /// When set (`LINKUP_METRICS_TOKEN`), `/metrics` needs `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
}

impl Default for Dashboard {
    fn default() -> Dashboard {
        Dashboard {
            listen: "127.0.0.1:8080".into(),
            secure_cookies: false,
            idle_minutes: 120,
            session_hours: 12,
            metrics_token: None,
        }
    }
}

/// A referral code: a school, GP surgery or youth club, and the team it routes to.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReferralCode {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub team: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            database_url: "sqlite://linkup.db".into(),
            flows_dir: "flows".into(),
            locales_dir: "locales".into(),
            flow: "self-referral".into(),
            eligible_age_bands: ["11-12", "13-15", "16-18", "19-25"].map(String::from).to_vec(),
            response_days: 2,
            referral_codes: Vec::new(),
            default_team: "main".into(),
            area_teams: BTreeMap::new(),
            telegram: Default::default(),
            web: Default::default(),
            dashboard: Dashboard::default(),
            retention: Retention::default(),
            checkins: Checkins::default(),
            urgent: Urgent::default(),
            offer_languages: Vec::new(),
            shutdown_grace_seconds: 20,
        }
    }
}

impl Config {
    /// Reads `file` (or `linkup.toml` if it exists), then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut config = match file {
            Some(path) => Config::from_file(path)?,
            None if Path::new("linkup.toml").exists() => Config::from_file(Path::new("linkup.toml"))?,
            None => Config::default(),
        };
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    fn from_file(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("in {}", path.display()))
    }

    /// Applies `LINKUP_*` variables read through `var`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = var("LINKUP_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = var("LINKUP_FLOWS_DIR") {
            self.flows_dir = v.into();
        }
        if let Some(v) = var("LINKUP_LOCALES_DIR") {
            self.locales_dir = v.into();
        }
        if let Some(v) = var("LINKUP_FLOW") {
            self.flow = v;
        }
        if let Some(v) = var("LINKUP_OFFER_LANGUAGES") {
            self.offer_languages = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        }
        if let Some(v) = var("LINKUP_ELIGIBLE_AGE_BANDS") {
            self.eligible_age_bands = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        }
        self.telegram.apply_env(&var)?;
        if let Some(v) = var("LINKUP_DASHBOARD_LISTEN") {
            self.dashboard.listen = v;
        }
        if let Some(v) = var("LINKUP_METRICS_TOKEN") {
            self.dashboard.metrics_token = Some(v).filter(|t| !t.trim().is_empty());
        }
        if let Some(v) = var("LINKUP_SHUTDOWN_GRACE_SECONDS") {
            self.shutdown_grace_seconds = match v.trim().parse() {
                Ok(n) => n,
                Err(_) => bail!("LINKUP_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds, not {v:?}"),
            };
        }
        if let Some(v) = var("LINKUP_RESPONSE_DAYS") {
            self.response_days = match v.trim().parse() {
                Ok(n) => n,
                Err(_) => {
                    bail!("LINKUP_RESPONSE_DAYS must be a whole number of working days, not {v:?}")
                }
            };
        }
        Ok(())
    }

    /// What the engine needs from here.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings { response_days: self.response_days, ..Settings::default() };
        settings.lists.insert("eligible_age_bands".into(), self.eligible_age_bands.clone());
        settings
    }

    /// Where a deep-link code says the young person came from: the code's name, or
    /// `unknown code: CODE`.
    pub fn referral_source(&self, code: &str) -> String {
        match self.referral_codes.iter().find(|r| r.code.eq_ignore_ascii_case(code)) {
            Some(r) => r.name.clone(),
            None => format!("unknown code: {}", code.chars().take(64).collect::<String>()),
        }
    }

    /// The team a case belongs to: its referral code's team, else the team covering its
    /// postcode area or district (longest match), else `default_team`.
    pub fn team_for(&self, source: &str, area: Option<&str>) -> String {
        if let Some(team) = self.referral_codes.iter().find(|r| r.name == source).and_then(|r| r.team.clone()) {
            return team;
        }
        let area = area.unwrap_or_default().trim().to_ascii_uppercase();
        let district = area.split_whitespace().next().unwrap_or_default();
        self.area_teams
            .iter()
            .filter(|(prefix, _)| {
                let prefix = prefix.to_ascii_uppercase();
                // `LS` covers LS6 but not LSX; `LS6` covers only LS6.
                district.strip_prefix(prefix.as_str()).is_some_and(|rest| {
                    rest.is_empty()
                        || (prefix.chars().all(|c| c.is_ascii_alphabetic())
                            && rest.starts_with(|c: char| c.is_ascii_digit()))
                })
            })
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, team)| team.clone())
            .unwrap_or_else(|| self.default_team.clone())
    }

    /// The settings as a person may see them (database password and webhook secret hidden).
    pub fn describe(&self) -> String {
        format!(
            "database_url = {:?}\nflows_dir = {:?}\nlocales_dir = {:?}\nflow = {:?}\neligible_age_bands = {:?}\nresponse_days = {}\n{}referral_codes = {}\ndefault_team = {:?}\narea_teams = {:?}\ndashboard.listen = {:?}\ndashboard.metrics_token = {}\nshutdown_grace_seconds = {}\nretention.closed_case_days = {}\nretention.abandoned_days = {}\nretention.delivered_days = {}\ncheckins = {:?}\nurgent = {:?}\noffer_languages = {:?}\n",
            crate::store::redact(&self.database_url),
            self.flows_dir.display().to_string(),
            self.locales_dir.display().to_string(),
            self.flow,
            self.eligible_age_bands,
            self.response_days,
            self.telegram.describe(),
            self.referral_codes.len(),
            self.default_team,
            self.area_teams,
            self.dashboard.listen,
            if self.dashboard.metrics_token.is_some() { "(set, hidden)" } else { "(not set)" },
            self.shutdown_grace_seconds,
            self.retention.closed_case_days,
            self.retention.abandoned_days,
            self.retention.delivered_days,
            self.checkins,
            self.urgent,
            self.offer_languages
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teams_come_from_the_code_then_the_area() {
        let mut c = Config::default();
        c.referral_codes.push(ReferralCode {
            code: "PARK".into(),
            name: "Park School".into(),
            team: Some("north".into()),
        });
        c.area_teams.insert("LS".into(), "leeds".into());
        c.area_teams.insert("LS6".into(), "headingley".into());
        assert_eq!(c.team_for("Park School", Some("LS6")), "north");
        assert_eq!(c.team_for("self", Some("ls6")), "headingley");
        assert_eq!(c.team_for("self", Some("LS12")), "leeds");
        assert_eq!(c.team_for("self", Some("LSX")), "main");
        assert_eq!(c.team_for("self", Some("Park School")), "main");
        assert_eq!(c.team_for("self", None), "main");
    }

    #[test]
    fn environment_overrides_defaults() {
        let mut c = Config::default();
        c.apply_env(|n| match n {
            "LINKUP_ELIGIBLE_AGE_BANDS" => Some("13-15, 16-18".into()),
            "LINKUP_RESPONSE_DAYS" => Some("5".into()),
            "LINKUP_SHUTDOWN_GRACE_SECONDS" => Some("3".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.eligible_age_bands, vec!["13-15", "16-18"]);
        assert_eq!(c.response_days, 5);
        assert_eq!(c.shutdown_grace_seconds, 3);
        assert!(c.apply_env(|n| (n == "LINKUP_RESPONSE_DAYS").then(|| "two".into())).is_err());
    }

    #[test]
    fn describe_hides_passwords() {
        let c = Config { database_url: "postgres://app:hunter2@db/linkup".into(), ..Config::default() };
        assert!(!c.describe().contains("hunter2"));
        let mut c = Config::default();
        c.apply_env(|n| (n == "LINKUP_METRICS_TOKEN").then(|| "t0ken-xyz".into())).unwrap();
        assert_eq!(c.dashboard.metrics_token.as_deref(), Some("t0ken-xyz"));
        assert!(!c.describe().contains("t0ken-xyz"));
    }
}
