//! Settings: defaults, then a TOML file (`linkup.toml` or `--config`), then `LINKUP_*`
//! environment variables. Secrets are never printed: see [`Config::describe`].

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
        if let Some(v) = var("LINKUP_ELIGIBLE_AGE_BANDS") {
            self.eligible_age_bands = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
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

    /// The settings as a person may see them (database password hidden).
    pub fn describe(&self) -> String {
        format!(
            "database_url = {:?}\nflows_dir = {:?}\nlocales_dir = {:?}\nflow = {:?}\neligible_age_bands = {:?}\nresponse_days = {}\n",
            crate::store::redact(&self.database_url),
            self.flows_dir.display().to_string(),
            self.locales_dir.display().to_string(),
            self.flow,
            self.eligible_age_bands,
            self.response_days
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults() {
        let mut c = Config::default();
        c.apply_env(|n| match n {
            "LINKUP_ELIGIBLE_AGE_BANDS" => Some("13-15, 16-18".into()),
            "LINKUP_RESPONSE_DAYS" => Some("5".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.eligible_age_bands, vec!["13-15", "16-18"]);
        assert_eq!(c.response_days, 5);
        assert!(c.apply_env(|n| (n == "LINKUP_RESPONSE_DAYS").then(|| "two".into())).is_err());
    }

    #[test]
    fn describe_hides_passwords() {
        let c = Config { database_url: "postgres://app:hunter2@db/linkup".into(), ..Config::default() };
        assert!(!c.describe().contains("hunter2"));
    }
}
