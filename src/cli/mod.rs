//! The `linkup` command: subcommands and their wiring. Errors here are `anyhow` with context.

mod backup;
mod cases;
mod directory;
pub(crate) mod flows;
mod safety;
mod workers;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use crate::app::{App, Jobs, load_content};
use crate::channel::terminal;
use crate::config::Config;
use crate::conversation::Content;
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "linkup",
    version,
    about = "Young people refer themselves to a link worker; link workers pick the cases up."
)]
pub struct Cli {
    /// Settings file (default: ./linkup.toml if it exists). LINKUP_* variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Try linkup: chat in the terminal as a new young person (SQLite, created on first run).
    Demo {
        /// Chat in this language: a locale folder's name (cy, pl, uk, ar, en-GB).
        #[arg(long)]
        locale: Option<String>,
    },
    /// Run the service: the dashboard and the web chat (/chat) on LINKUP_DASHBOARD_LISTEN, and
    /// the Telegram bot when TELOXIDE_TOKEN is set (long polling, or a webhook behind a reverse
    /// proxy with LINKUP_TELEGRAM_MODE=webhook).
    Serve,
    /// Chat in the terminal as a young person; input may be piped, one line per message.
    Chat {
        /// Continue as this person (default: a new person each time).
        #[arg(long = "as", value_name = "ID")]
        user: Option<String>,
        /// Chat in this language: a locale folder's name (cy, pl, uk, ar, en-GB).
        #[arg(long)]
        locale: Option<String>,
    },
    /// List open cases: urgent first, then oldest waiting.
    Queue {
        #[arg(long)]
        json: bool,
    },
    /// Cases one at a time.
    Case {
        #[command(subcommand)]
        command: CaseCommand,
    },
    /// Check or draw the flows.
    Flows {
        #[command(subcommand)]
        command: FlowsCommand,
    },
    /// Test the safeguarding rules.
    Safety {
        #[command(subcommand)]
        command: SafetyCommand,
    },
    /// Print the settings in force (passwords hidden).
    Config,
    /// Copy the SQLite database to FILE while linkup runs (a new file; PostgreSQL: use pg_dump).
    Backup { file: PathBuf },
    /// Erase what the retention settings say is old enough (the same erasure as /delete).
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Link-worker accounts for the dashboard.
    Worker {
        #[command(subcommand)]
        command: WorkerCommand,
    },
    /// Figures for the service and its commissioners.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// The local activities directory (Open Referral UK), and what in it fits a young person.
    Directory {
        #[command(subcommand)]
        command: DirectoryCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    /// Make the directory exactly this Open Referral UK export (a JSON array of services or a
    /// /services page): new services added, changed ones updated, missing ones removed. A file
    /// with any problem imports nothing. With --url, an ORUK feed's /services is fetched over
    /// HTTPS page by page instead.
    Import {
        #[arg(required_unless_present = "url", conflicts_with = "url")]
        file: Option<PathBuf>,
        /// The feed's /services address, e.g. https://example.org/api/services
        #[arg(long)]
        url: Option<String>,
    },
    /// Every service: id, name, ages, areas and postcodes, taxonomy terms, free or paid.
    List {
        #[arg(long)]
        json: bool,
    },
    /// What fits, best first: inside the age, serving the area, offering what was asked
    /// (flows/directory/mapping.toml maps linkup's interests and topics to taxonomy terms).
    Match {
        /// linkup interest ids (music,sport) or taxonomy term names, comma-separated.
        #[arg(long, value_delimiter = ',')]
        interests: Vec<String>,
        /// linkup topic ids (money,housing), comma-separated.
        #[arg(long, value_delimiter = ',')]
        topics: Vec<String>,
        /// A whole number, or an age band id of the flow (13-15).
        #[arg(long)]
        age: Option<String>,
        /// A postcode, its district (M14) or its area (M).
        #[arg(long)]
        area: Option<String>,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Cases handed off from --from to --to (both days included, UTC): by referral source and
    /// area, time to first contact, first versus latest wellbeing scores, outcomes on closing.
    Outcomes {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
        /// One team's cases (default: every team).
        #[arg(long)]
        team: Option<String>,
        /// csv (a figure a row) or md (Markdown tables with bars).
        #[arg(long, default_value = "md")]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Erase (or with --dry-run, list) everyone due. `linkup serve` does this every hour.
    Run {
        /// List what would go, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Pretend it is this day (YYYY-MM-DD), to see what will go when.
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum WorkerCommand {
    /// Add a link worker (or update one with the same email). The password is asked for at a
    /// prompt, or read from the first line of stdin when piped: never from the command line.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        team: String,
        /// worker (their team's cases), lead (also reassigns and sees the audit) or admin (every team).
        #[arg(long, default_value = "worker")]
        role: String,
    },
    /// Stop a worker signing in; their sessions end at once. Their cases and notes stay.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Let a disabled worker sign in again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Set a new password (prompted, or the first line of stdin); every session of theirs ends.
    Password {
        #[arg(long)]
        email: String,
    },
    /// Every worker: email, name, team, role, and whether they can sign in.
    List {
        /// Only this team's workers.
        #[arg(long)]
        team: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SafetyCommand {
    /// Print what a message would raise, and which rule matched.
    Check { text: String },
    /// Recall and precision per category on a labelled file (label, tab, text per line), as a
    /// young person would meet them: crisis reply, direct question, flag or nothing.
    Eval {
        file: PathBuf,
        /// FILE holds conversations: blocks separated by a blank line, each starting
        /// `# label: CATEGORY[,CATEGORY]` or `# label: none`, then one message per line.
        #[arg(long)]
        conversations: bool,
        /// Print every line's or conversation's result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the learned tier's weights (flows/safety/learned.bin) from labelled files, and
    /// print its figures on each batch (file) held out in turn.
    Train {
        /// Labelled files (*.tsv lines, *.conv conversations) or folders of them.
        #[arg(default_value = "tests/safety")]
        data: Vec<PathBuf>,
        /// Write the weights here instead.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Skip the held-out figures (one extra model per batch).
        #[arg(long)]
        no_held_out: bool,
        /// Write every line's held-out probabilities to FILE (TSV), to choose thresholds by.
        #[arg(long, value_name = "FILE")]
        scores: Option<PathBuf>,
        /// Hold batches out in K groups instead of one at a time (K models instead of one per
        /// batch; CI uses 4).
        #[arg(long, value_name = "K")]
        folds: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Print the whole hand-off: answers, scores, consent, flags and transcript.
    Show {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Clear a case's safeguarding flags and urgent mark: a link worker's decision, with a note.
    ClearUrgent {
        reference: String,
        /// Who decided (name or email).
        #[arg(long)]
        by: String,
        /// Why it is safe to clear.
        #[arg(long)]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FlowsCommand {
    /// Check every flow, locale and measure; problems as `file:line: step-id: problem`.
    Check,
    /// Print a flow as a Mermaid diagram.
    Graph { flow: String },
}

/// Runs a parsed command. Returns the process exit code.
pub async fn run(cli: Cli) -> anyhow::Result<i32> {
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Demo { locale } => chat(&config, None, locale, true).await,
        Command::Serve => serve(config).await,
        Command::Chat { user, locale } => chat(&config, user, locale, false).await,
        Command::Queue { json } => {
            let (store, content) = open(&config).await?;
            cases::queue(&store, &content, json, &mut std::io::stdout()).await?;
            Ok(0)
        }
        Command::Case { command: CaseCommand::Show { reference, json } } => {
            let (store, content) = open(&config).await?;
            let found = cases::show(&store, &content, &reference, json, &mut std::io::stdout()).await?;
            if !found {
                eprintln!("No case with reference {reference}. `linkup queue` lists open cases.");
                return Ok(1);
            }
            Ok(0)
        }
        Command::Case { command: CaseCommand::ClearUrgent { reference, by, note } } => {
            let (store, _) = open(&config).await?;
            cases::clear_urgent(&store, &reference, &by, &note, &mut std::io::stdout()).await
        }
        Command::Safety { command: SafetyCommand::Check { text } } => {
            safety::check(&load_content(&config)?, &text, &mut std::io::stdout())?;
            Ok(0)
        }
        Command::Safety { command: SafetyCommand::Eval { file, conversations, json } } => {
            safety::evaluate(&load_content(&config)?, &file, conversations, json, &mut std::io::stdout())
        }
        Command::Safety { command: SafetyCommand::Train { data, out, no_held_out, scores, folds } } => {
            let options = safety::Train { data, out, held_out: !no_held_out, scores, folds };
            safety::train(&config.flows_dir, options, &mut std::io::stdout())
        }
        Command::Flows { command: FlowsCommand::Check } => Ok(flows::check(&config, &mut std::io::stdout())),
        Command::Flows { command: FlowsCommand::Graph { flow } } => {
            flows::graph(&config, &flow, &mut std::io::stdout())
        }
        Command::Config => {
            print!("{}", config.describe());
            Ok(0)
        }
        Command::Backup { file } => backup::run(&config, &file).await,
        Command::Retention { command: RetentionCommand::Run { dry_run, at } } => {
            let now = match at.as_deref() {
                None => crate::time::now_ms(),
                Some(day) => match crate::safety::contacts::days_from_date(day) {
                    Some(days) => days * 86_400_000,
                    None => bail!("--at must be a date like 2027-01-31, not {day:?}"),
                },
            };
            let store = Store::connect(&config.database_url)
                .await
                .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))?;
            let r = &config.retention;
            let due = if dry_run {
                crate::store::retention::due(&store.pool, now, r.closed_case_days, r.abandoned_days).await?
            } else {
                crate::store::retention::run(&store.pool, now, r.closed_case_days, r.abandoned_days).await?
            };
            for d in &due {
                let what = match (&d.reference, d.reason.as_str()) {
                    (Some(reference), "closed") => format!("case {reference}, closed {}", crate::time::date(d.since)),
                    _ => format!("a conversation with no hand-off, last message {}", crate::time::date(d.since)),
                };
                println!("{} {what}", if dry_run { "would erase" } else { "erased" });
            }
            println!(
                "{} {} young {} (closed cases after {} days, unfinished conversations after {} days).",
                if dry_run { "Would erase" } else { "Erased" },
                due.len(),
                if due.len() == 1 { "person" } else { "people" },
                r.closed_case_days,
                r.abandoned_days
            );
            let pruned = crate::store::retention::prune_delivered(&store.pool, now, r.delivered_days, dry_run).await?;
            println!(
                "{} {} delivered messages from the outbox and {} {} processed payloads in the inbox (after {} days).",
                if dry_run { "Would delete" } else { "Deleted" },
                pruned.outbox_deleted,
                if dry_run { "blank" } else { "blanked" },
                pruned.inbox_blanked,
                r.delivered_days
            );
            store.close().await;
            Ok(0)
        }
        Command::Worker { command: WorkerCommand::Add { email, name, team, role } } => {
            workers::add(&config, &email, &name, &team, &role).await
        }
        Command::Worker { command: WorkerCommand::Disable { email } } => {
            workers::set_disabled(&config, &email, true).await
        }
        Command::Worker { command: WorkerCommand::Enable { email } } => {
            workers::set_disabled(&config, &email, false).await
        }
        Command::Worker { command: WorkerCommand::Password { email } } => workers::password(&config, &email).await,
        Command::Worker { command: WorkerCommand::List { team } } => workers::list(&config, team.as_deref()).await,
        Command::Directory { command: DirectoryCommand::Import { file: Some(file), .. } } => {
            directory::import(&config, &file, &mut std::io::stdout()).await
        }
        Command::Directory { command: DirectoryCommand::Import { file: None, url } } => {
            directory::import_url(&config, url.as_deref().unwrap_or_default(), &mut std::io::stdout()).await
        }
        Command::Directory { command: DirectoryCommand::List { json } } => {
            directory::list(&config, json, &mut std::io::stdout()).await
        }
        Command::Directory { command: DirectoryCommand::Match { interests, topics, age, area, limit, json } } => {
            let args = directory::MatchArgs { interests, topics, age, area, limit, json };
            directory::find(&config, args, &mut std::io::stdout()).await
        }
        Command::Report { command: ReportCommand::Outcomes { from, to, team, format } } => {
            let period = crate::report::Period::parse(&from, &to)?;
            let format = crate::report::Format::parse(&format)?;
            let (store, content) = open(&config).await?;
            let duty = crate::duty::Duty::from_config(&config.urgent)?;
            let report = crate::report::outcomes(
                &store,
                &content.measures,
                &content.directory,
                period,
                team.as_deref(),
                &duty,
                config.response_days,
            )
            .await?;
            print!("{}", report.render(format));
            store.close().await;
            Ok(0)
        }
    }
}

async fn open(config: &Config) -> anyhow::Result<(Store, Content)> {
    let content = load_content(config)?;
    for warning in crate::app::stale_contacts(&content) {
        tracing::warn!("{warning}");
    }
    let store = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))?;
    Ok((store, content))
}

async fn chat(config: &Config, user: Option<String>, locale: Option<String>, demo: bool) -> anyhow::Result<i32> {
    let app = App::build(config.clone()).await?;
    let user = user.unwrap_or_else(|| format!("demo-{}", crate::time::now_ms()));
    if let Some(locale) = &locale {
        let known: Vec<&String> = app.linkup.content.locales.messages.keys().collect();
        if !known.contains(&locale) {
            let known: Vec<&str> = known.iter().map(|l| l.as_str()).collect();
            bail!("there are no words for \"{locale}\": the locales are {}", known.join(", "));
        }
        // Someone chatting before goes on in this language too.
        crate::store::people::set_locale_by_chat(&app.store.pool, terminal::NAME, &user, locale).await?;
    }
    let interactive = std::io::stdin().is_terminal();
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let mut jobs = Jobs { reminders: true, ..Jobs::default() };
    let mut dashboard = None;
    if demo {
        let (listener, url) = workers::demo_listener(&config.dashboard.listen).await?;
        let password = workers::demo_worker(&app.store).await?;
        println!("linkup demo");
        println!("  Link-worker dashboard: {url}");
        println!("  Web chat for young people: {url}/chat (open it on a phone-width window)");
        println!("  Sign in as {} with password {password}", workers::DEMO_EMAIL);
        println!("  (database: {})", crate::store::redact(&config.database_url));
        let sample = directory::demo_sample(&app.store).await?;
        if sample > 0 {
            println!("  {sample} invented activities to suggest (Manchester M14 and Leeds LS6): give M14 as your area");
        }
        if interactive {
            println!("\nYou are a young person chatting with the linkup bot.");
            println!("Type your answers. Type a number to press a button. Ctrl-D ends the chat.");
        }
        jobs.dashboard = Some(listener);
        dashboard = Some(url);
    }
    let mut tasks = tokio::task::JoinSet::new();
    app.spawn_jobs(&mut tasks, jobs, &shutdown);
    // Link workers' messages and check-in reminders reach the terminal through its sender.
    let pipe = terminal::pipe(app.linkup.clone(), &user, locale.as_deref());
    tasks.spawn(crate::channel::send::run(pipe.clone(), shutdown.clone()));
    let session = terminal::Session { user: &user, echo: !interactive, demo, dashboard: dashboard.as_deref() };
    if interactive || demo {
        println!("(You are {user}. To carry on this chat later: linkup chat --as {user})");
    }
    let stdin = std::io::stdin().lock();
    terminal::run(&pipe, &session, stdin, std::io::stdout()).await?;
    if let Some(url) = &dashboard
        && interactive
    {
        println!("\nThe chat has ended. The dashboard is still at {url}: press Ctrl-C to stop.");
        let _ = tokio::signal::ctrl_c().await;
    }
    let _ = stop.send(true);
    while let Some(done) = tasks.join_next().await {
        if let Ok(Err(e)) = done {
            tracing::warn!(error = %e, "a background job ended with an error");
        }
    }
    app.store.close().await;
    Ok(0)
}

async fn serve(config: Config) -> anyhow::Result<i32> {
    let listen = config.dashboard.listen.clone();
    let app = App::build(config).await?;
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("the dashboard cannot listen on {listen} (LINKUP_DASHBOARD_LISTEN)"))?;
    tracing::info!(%listen, "link-worker dashboard listening");
    let grace = app.linkup.config.shutdown_grace_seconds;
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let (inner_stop, inner) = tokio::sync::watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    app.spawn_jobs(&mut tasks, Jobs { dashboard: Some(listener), reminders: true, retention: true }, &inner);
    crate::channel::spawn_configured(&app.linkup, &mut tasks, &inner)?;
    let mut stopping = shutdown.clone();
    tokio::spawn(async move {
        let signal = stop_signal().await;
        tracing::info!(signal, grace_seconds = grace, "stopping: no new work; finishing what is in hand");
        let _ = stop.send(true);
    });
    // Taking no new work and finishing what is in hand is the tasks' own doing (`supervise`);
    // the grace period only bounds it. Whatever is cut short is still in the inbox (a payload
    // is marked done in the transaction that handles it, which a cut rolls back) or the outbox
    // (a message being sent goes back to the queue when its lease ends), for the next start.
    let grace_over = async {
        if stopping.wait_for(|stop| *stop).await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(std::time::Duration::from_secs(grace)).await;
    };
    tokio::select! {
        done = crate::channel::supervise(tasks, inner_stop, shutdown) => {
            done?;
            app.store.close().await;
        }
        () = grace_over => {
            tracing::warn!(
                grace_seconds = grace,
                "the shutdown grace period passed with work in hand; exiting anyway: the inbox and outbox keep it for the next start"
            );
        }
    }
    Ok(0)
}

/// Waits for SIGTERM (how service managers and containers stop a process) or Ctrl-C; says which.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = term.recv() => return "SIGTERM",
                _ = tokio::signal::ctrl_c() => return "Ctrl-C",
            },
            Err(e) => tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops linkup"),
        }
    }
    match tokio::signal::ctrl_c().await {
        Ok(()) => "Ctrl-C",
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C either");
            std::future::pending().await
        }
    }
}
