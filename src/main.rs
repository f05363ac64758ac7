//! The `linkup` binary: parses the command line and hands over to [`linkup::cli`].

use std::io::IsTerminal;

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    // Logs go to stderr so a chat on stdout stays readable; RUST_LOG=info shows more.
    // LINKUP_LOG_FORMAT=json writes one JSON object a line, for a log collector.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match std::env::var("LINKUP_LOG_FORMAT").as_deref().map(str::trim) {
        Ok("json") => logs.json().init(),
        Ok("" | "text") | Err(_) => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        Ok(other) => {
            logs.with_ansi(std::io::stderr().is_terminal()).init();
            tracing::warn!(format = other, "LINKUP_LOG_FORMAT is \"json\" or \"text\"; writing text");
        }
    }
    let cli = linkup::cli::Cli::parse();
    match linkup::cli::run(cli).await {
        Ok(code) => std::process::exit(code),
        // Output piped into `head` and closed early is not a failure.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::exit(0)
        }
        Err(e) => {
            eprintln!("linkup: {e:#}");
            std::process::exit(2);
        }
    }
}
