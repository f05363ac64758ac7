//! The application as `serve`, `demo` and the tests start it: settings → content (loaded and
//! checked) → store (migrated) → the conversation ([`App::build`]), and the jobs that run beside
//! the channels: the link-worker dashboard with the web chat, check-in reminders and retention
//! ([`App::spawn_jobs`]).

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::config::Config;
use crate::conversation::{Content, Linkup};
use crate::store::Store;
use crate::time::now_ms;

/// The running service: the conversation over its store, content and settings.
#[derive(Debug, Clone)]
pub struct App {
    pub linkup: Linkup,
    pub store: Store,
}

/// Which jobs run beside the channels.
#[derive(Debug, Default)]
pub struct Jobs {
    /// The link-worker dashboard and the web chat, on this listener.
    pub dashboard: Option<TcpListener>,
    /// Check-in reminders, every minute.
    pub reminders: bool,
    /// Erasing what is old enough, every hour.
    pub retention: bool,
}

impl App {
    /// Loads and checks the content `config` names, opens (and migrates) its database and
    /// builds the conversation. Any problem in the content stops it with the full list.
    pub async fn build(config: Config) -> anyhow::Result<App> {
        let content = load_content(&config)?;
        for warning in stale_contacts(&content) {
            tracing::warn!("{warning}");
        }
        App::with_content(config, content).await
    }

    /// As [`App::build`], with content loaded already (tests that change a threshold).
    pub async fn with_content(config: Config, content: Content) -> anyhow::Result<App> {
        crate::metrics::install();
        let store = Store::connect(&config.database_url)
            .await
            .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))?;
        let linkup = Linkup::new(store.clone(), Arc::new(content), &config)?;
        Ok(App { linkup, store })
    }

    /// Starts `jobs` in `tasks`; each stops when `shutdown` turns true.
    pub fn spawn_jobs(&self, tasks: &mut JoinSet<anyhow::Result<()>>, jobs: Jobs, shutdown: &watch::Receiver<bool>) {
        if let Some(listener) = jobs.dashboard {
            // The web chat lives on the dashboard's listener, with its own pipeline.
            let web = crate::channel::web::pipe(self.linkup.clone());
            web.spawn(tasks, shutdown);
            tasks.spawn(crate::dashboard::serve(listener, self.routes(web), shutdown.clone()));
        }
        if jobs.reminders {
            tasks.spawn(reminders(self.linkup.clone(), shutdown.clone()));
        }
        if jobs.retention {
            tasks.spawn(retention(self.linkup.clone(), shutdown.clone()));
        }
    }
}

impl App {
    /// Everything the web listener serves: the link workers' dashboard and the web chat.
    pub fn routes(&self, web: crate::channel::Pipe<crate::channel::web::Web>) -> axum::Router {
        crate::dashboard::router(self.linkup.clone()).merge(crate::channel::web::routes::router(web))
    }
}

/// Loads and checks content; a problem stops start-up with the full list.
pub fn load_content(config: &Config) -> anyhow::Result<Content> {
    match Content::load(&config.flows_dir, &config.locales_dir) {
        Ok(content) => Ok(content),
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            bail!("the flows or locales have problems; fix them and run `linkup flows check`:\n{}", list.join("\n"))
        }
    }
}

/// Warnings for crisis contacts not checked for more than six months.
pub fn stale_contacts(content: &Content) -> Vec<String> {
    let today = now_ms() / 86_400_000;
    content
        .safety
        .contacts
        .stale(today)
        .into_iter()
        .map(|(c, days)| {
            format!(
                "warning: {}: contact \"{}\" ({}) was last checked {days} days ago; check it with the organisation and update last_checked",
                content.safety.contacts.file.display(),
                c.id,
                c.number
            )
        })
        .collect()
}

/// Sends the check-in reminders that are due, every minute. Replicas running it at once send
/// each reminder once (see [`Linkup::remind`]).
async fn reminders(linkup: Linkup, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    while !*shutdown.borrow() {
        if let Err(e) = linkup.remind(now_ms()).await {
            tracing::error!(error = %e, "sending check-in reminders failed; trying again in a minute");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
            _ = shutdown.changed() => {}
        }
    }
    Ok(())
}

/// Erases what is old enough, and prunes delivered messages and processed payloads, every
/// hour. Replicas running it at once is harmless: erasing or pruning twice removes nothing more.
async fn retention(linkup: Linkup, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let r = linkup.config.retention.clone();
    while !*shutdown.borrow() {
        if let Err(e) =
            crate::store::retention::run(&linkup.store.pool, now_ms(), r.closed_case_days, r.abandoned_days).await
        {
            tracing::error!(error = %e, "the retention job failed; it runs again in an hour");
        }
        if let Err(e) =
            crate::store::retention::prune_delivered(&linkup.store.pool, now_ms(), r.delivered_days, false).await
        {
            tracing::error!(error = %e, "pruning delivered messages failed; it runs again in an hour");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(3600)) => {}
            _ = shutdown.changed() => {}
        }
    }
    Ok(())
}
