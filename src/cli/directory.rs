//! `linkup directory import|list|match`: the activities directory from an Open Referral UK export, and what in it fits a young person.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::config::Config;
use crate::directory::{self, Ages, Area, Mapping, Options, Query, ages_text};
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
    let services = match directory::parse(&text) {
        Ok(services) => services,
        Err(e) => bail!("{}: {e}. Nothing was imported.", file.display()),
    };
    let store = open(config).await?;
    let done = crate::store::directory::replace_all(&store.pool, &services, crate::time::now_ms()).await?;
    store.close().await;
    writeln!(
        out,
        "Imported {} services from {}: {} added, {} changed, {} removed, {} unchanged.",
        services.len(),
        file.display(),
        done.added,
        done.changed,
        done.removed,
        done.unchanged
    )?;
    Ok(0)
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
            "{}\t{}\tages {}\t{}\t{}\t{}",
            s.id,
            s.name,
            ages_text(s.minimum_age, s.maximum_age),
            if areas.is_empty() { "everywhere".to_string() } else { areas.join(", ") },
            if terms.is_empty() { "-".to_string() } else { terms.join(", ") },
            if s.free { "free" } else { "paid" },
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
    let ages = Ages::parse(&age, &options.age_bands).map_err(|e| anyhow::anyhow!("--age: {e}"))?;
    let Some(area) = args.area else {
        bail!("give --area: where the young person lives, as a postcode or its first half, like M14");
    };
    let area = Area::parse(&area).map_err(|e| anyhow::anyhow!("--area: {e}"))?;
    let store = open(config).await?;
    let services = crate::store::directory::load(&store.pool).await?;
    store.close().await;
    if services.is_empty() {
        if args.json {
            writeln!(out, "[]")?;
        } else {
            writeln!(out, "No activities in the directory yet. Add them with: linkup directory import FILE.json")?;
        }
        return Ok(0);
    }
    let wanted = Query::wanted(&mapping, &options, &services, &args.interests, &args.topics)
        .map_err(|e| anyhow::anyhow!("--interests: {e}"))?;
    let query = Query { wanted, ages, area };
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
        let near = ["nearby", "in the same postcode area", "further away or online"][usize::from(m.distance.min(2))];
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
