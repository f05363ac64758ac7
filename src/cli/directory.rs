//! `linkup directory import|list|match`: the activities directory from an Open Referral UK export, and what in it fits a young person.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::config::Config;
use crate::directory::{self, Asked, Mapping, Options, Query, Unreadable, ages_text};
use crate::store::Store;

async fn open(config: &Config) -> anyhow::Result<Store> {
    Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", crate::store::redact(&config.database_url)))
}

/// The self-referral flow's interests, topics and age bands.
fn options(config: &Config) -> anyhow::Result<Options> {
    let file = config.flows_dir.join(format!("{}.toml", config.flow));
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading the flow {}", file.display()))?;
    let flow = crate::flow::load::parse(&file, &text).map_err(|problems| {
        let first = problems.first().map(ToString::to_string).unwrap_or_default();
        anyhow::anyhow!("the flow {} has problems (`linkup flows check`): {first}", file.display())
    })?;
    Ok(Options::of(&flow))
}

/// `flows/directory/mapping.toml`, checked against the flow.
pub fn mapping(config: &Config, options: &Options) -> anyhow::Result<Mapping> {
    let file = config.flows_dir.join(directory::MAPPING_FILE);
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    Mapping::parse(&text, options).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}

/// `directory import FILE`: all or nothing.
pub async fn import(config: &Config, file: &Path, out: &mut impl Write) -> anyhow::Result<i32> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    replace_with(config, &text, &file.display().to_string(), out).await
}

/// Makes the directory exactly the services in `text` (all or nothing), and says what changed;
/// `source` names where they came from.
async fn replace_with(config: &Config, text: &str, source: &str, out: &mut impl Write) -> anyhow::Result<i32> {
    let services = match directory::parse(text) {
        Ok(services) => services,
        Err(e) => bail!("{source}: {e}. Nothing was imported."),
    };
    let store = open(config).await?;
    let done = crate::store::directory::replace_all(&store.pool, &services, crate::time::now_ms()).await?;
    store.close().await;
    writeln!(
        out,
        "Imported {} services from {source}: {} added, {} changed, {} removed, {} unchanged.",
        services.len(),
        done.added,
        done.changed,
        done.removed,
        done.unchanged
    )?;
    Ok(0)
}

/// Pages fetched at most from one feed (a guard against a feed that never ends).
const MAX_PAGES: u64 = 1000;

/// `directory import --url URL`: every page of an ORUK feed's `/services`, then all or
/// nothing, as from a file. HTTPS only, except to this machine (a local feed, the tests).
pub async fn import_url(config: &Config, url: &str, out: &mut impl Write) -> anyhow::Result<i32> {
    let mut next = url::Url::parse(url.trim()).with_context(|| format!("--url {url:?} is not a web address"))?;
    let local = matches!(next.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if next.scheme() != "https" && !(local && next.scheme() == "http") {
        bail!("--url must start with https:// (the directory is fetched over HTTPS only)");
    }
    let shown = crate::store::redact(next.as_str());
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .context("starting the web client")?;
    let mut services: Vec<serde_json::Value> = Vec::new();
    let mut page: u64 = next.query_pairs().find(|(k, _)| k == "page").and_then(|(_, v)| v.parse().ok()).unwrap_or(1);
    loop {
        let response = client
            .get(next.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .with_context(|| format!("fetching page {page} of {shown}. Nothing was imported."))?;
        let status = response.status();
        if !status.is_success() {
            bail!("page {page} of {shown} answered {status}. Nothing was imported.");
        }
        let body: serde_json::Value = response
            .json()
            .await
            .with_context(|| format!("page {page} of {shown} is not JSON. Nothing was imported."))?;
        let total_pages = match body {
            serde_json::Value::Array(items) => {
                services.extend(items);
                1
            }
            serde_json::Value::Object(mut map) => {
                let items = map.remove("contents").or_else(|| map.remove("content"));
                match items {
                    Some(serde_json::Value::Array(items)) => services.extend(items),
                    _ => bail!("page {page} of {shown} has no \"contents\" list. Nothing was imported."),
                }
                map.get("total_pages")
                    .or_else(|| map.get("totalPages"))
                    .and_then(serde_json::Value::as_u64)
                    .unwrap_or(1)
            }
            _ => {
                bail!("page {page} of {shown} is neither a list of services nor a page of them. Nothing was imported.")
            }
        };
        if page >= total_pages || page >= MAX_PAGES {
            break;
        }
        page += 1;
        let rest: Vec<(String, String)> =
            next.query_pairs().filter(|(k, _)| k != "page").map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        next.query_pairs_mut().clear().extend_pairs(rest).append_pair("page", &page.to_string());
    }
    let text = serde_json::to_string(&services)?;
    let pages = if page == 1 { "1 page".to_string() } else { format!("{page} pages") };
    replace_with(config, &text, &format!("{shown} ({pages})"), out).await
}

/// `directory list [--json]`.
pub async fn list(config: &Config, json: bool, out: &mut impl Write) -> anyhow::Result<i32> {
    let store = open(config).await?;
    let services = crate::store::directory::load(&store.pool).await?;
    store.close().await;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&services)?)?;
        return Ok(0);
    }
    if services.is_empty() {
        writeln!(out, "No activities in the directory yet. Add them with: linkup directory import FILE.json")?;
    }
    for s in &services {
        let mut areas: Vec<&str> = s.areas.iter().map(|a| a.name.as_str()).collect();
        areas.extend(s.postcodes.iter().map(|p| p.postcode.as_str()));
        let terms: Vec<&str> =
            s.terms.iter().map(|t| if t.name.is_empty() { &t.code } else { &t.name }.as_str()).collect();
        writeln!(
            out,
            "{}\t{}\tages {}\t{}\t{}\t{}{}",
            s.id,
            s.name,
            ages_text(s.minimum_age, s.maximum_age),
            if areas.is_empty() { "everywhere".to_string() } else { areas.join(", ") },
            if terms.is_empty() { "-".to_string() } else { terms.join(", ") },
            if s.free { "free" } else { "paid" },
            if s.is_active() { String::new() } else { format!("\t{} (never suggested)", s.status) },
        )?;
    }
    Ok(0)
}

/// What `directory match` was asked.
pub struct MatchArgs {
    pub interests: Vec<String>,
    pub topics: Vec<String>,
    pub age: Option<String>,
    pub area: Option<String>,
    pub limit: Option<usize>,
    pub json: bool,
}

/// `directory match`: what fits, best first.
pub async fn find(config: &Config, args: MatchArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    let options = options(config)?;
    let mapping = mapping(config, &options)?;
    let Some(age) = args.age else {
        bail!("give --age: a whole number like 14, or an age band ({})", options.age_bands.join(", "));
    };
    let Some(area) = args.area else {
        bail!(
            "give --area: where the young person lives, as a postcode or its first half (M14), or a place [places] names"
        );
    };
    let store = open(config).await?;
    let services = crate::store::directory::load(&store.pool).await?;
    store.close().await;
    let asked = Asked { interests: &args.interests, topics: &args.topics, age: &age, area: &area };
    let query = Query::read(&mapping, &options, &services, asked).map_err(|e| match e {
        Unreadable::Age(e) => anyhow::anyhow!("--age: {e}"),
        Unreadable::Area(e) => anyhow::anyhow!("--area: {e}, or a place flows/directory/mapping.toml's [places] names"),
        Unreadable::Wanted(e) => anyhow::anyhow!("--interests: {e}"),
    })?;
    if services.is_empty() {
        if args.json {
            writeln!(out, "[]")?;
        } else {
            writeln!(out, "No activities in the directory yet. Add them with: linkup directory import FILE.json")?;
        }
        return Ok(0);
    }
    let mut found = directory::matches(&services, &query, &mapping);
    if let Some(limit) = args.limit {
        found.truncate(limit);
    }
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?;
        return Ok(0);
    }
    if found.is_empty() {
        writeln!(
            out,
            "Nothing matches in the directory for that age, area and those interests. Try fewer interests, \
             or the postcode area alone (like M)."
        )?;
        return Ok(0);
    }
    for (i, m) in found.iter().enumerate() {
        let s = m.service;
        let near = directory::distance_words(m.distance);
        writeln!(out, "{}. {} ({})", i + 1, s.name, s.id)?;
        writeln!(
            out,
            "   ages {}; {}; {}{}",
            ages_text(s.minimum_age, s.maximum_age),
            near,
            s.cost,
            if m.matched.is_empty() { String::new() } else { format!("; for {}", m.matched.join(", ")) }
        )?;
        for line in [&s.schedule, &s.contact, &s.url].into_iter().filter(|l| !l.is_empty()) {
            writeln!(out, "   {line}")?;
        }
    }
    Ok(0)
}

/// The invented sample directory `linkup demo` starts with when the directory is empty, so
/// "Find activities near me" has something to offer (`tests/fixtures/directory/`).
const DEMO_SAMPLE: &str = include_str!("../../tests/fixtures/directory/oruk-sample.json");

/// For `linkup demo`: the sample directory, if the directory is empty. Returns how many
/// activities were added.
pub async fn demo_sample(store: &crate::store::Store) -> anyhow::Result<usize> {
    if !crate::store::directory::load(&store.pool).await?.is_empty() {
        return Ok(0);
    }
    let services = directory::parse(DEMO_SAMPLE).map_err(|e| anyhow::anyhow!("the demo's sample directory: {e}"))?;
    let done = crate::store::directory::replace_all(&store.pool, &services, crate::time::now_ms()).await?;
    Ok(done.added)
}
