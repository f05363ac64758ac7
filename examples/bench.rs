//! Prints timing figures: the pure engine per step, the safety check per message, one
//! message end to end (safety, engine, SQLite transaction), and drawing a trend chart. Run with
//! `cargo run --release --example bench`. Figures, not asserts: machines are shared and noisy.

use std::sync::Arc;
use std::time::Instant;

use linkup::config::Config;
use linkup::conversation::{Content, Linkup, Sender};
use linkup::flow::engine::{self, Context, Input};
use linkup::intent::Incoming;
use linkup::store::Store;

const JOURNEY: &[&str] = &[
    "1",
    "4",
    "Sam",
    "M14",
    "1 3",
    "done",
    "I want to make friends",
    "2 4",
    "done",
    "6",
    "7",
    "5",
    "3",
    "2", // no to the safety question
    "1",
    "done",
    "1",
    "3",
    "done",
    "1", // yes to check-ins
    "1", // send it
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let content = Content::load("flows".as_ref(), "locales".as_ref()).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    let config = Config::default();
    let settings = config.settings();
    let flow = content.flow("self-referral").expect("flow");

    // The pure engine: the whole 16+ journey as presses and text, many times.
    let inputs: Vec<Input> = ["welcome|yes", "age|16-18"]
        .iter()
        .map(|p| Input::Press(p.to_string()))
        .chain([Input::Text("Sam".into()), Input::Text("M14".into())])
        .chain(["topics|school", "topics|#done"].iter().map(|p| Input::Press(p.to_string())))
        .collect();
    let rounds = 20_000;
    let start = Instant::now();
    let mut steps = 0;
    for _ in 0..rounds {
        let ctx = Context { now: 0, settings: &settings, reference: "LU-TEST", service: &[] };
        let mut state = engine::step(flow, None, &Input::Start, &ctx).state;
        for input in &inputs {
            state = engine::step(flow, Some(&state), input, &ctx).state;
            steps += 1;
        }
    }
    let per_step = start.elapsed().as_secs_f64() * 1e6 / steps as f64;
    println!("engine: {steps} steps, {per_step:.2} µs per step");

    // The safety check on every labelled line: each message timed on its own (one thread, so
    // one core), the whole check and the learned tier alone.
    let mut texts: Vec<String> = Vec::new();
    for file in linkup::safety::train::data_files("tests/safety".as_ref())? {
        if file.extension().is_some_and(|e| e == "tsv") {
            let body = std::fs::read_to_string(&file)?;
            texts.extend(
                body.lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split_once('\t'))
                    .map(|(_, t)| t.to_string()),
            );
        }
    }
    let rules = content.safety.rules_for("en-GB").expect("English rules");
    let model = content.safety.learned.as_ref().expect("the learned tier");
    let time = |f: &dyn Fn(&str)| -> (f64, f64, f64) {
        // Once through first: the regexes build their automata's states lazily.
        for t in &texts {
            f(t);
        }
        let mut each: Vec<f64> = Vec::with_capacity(texts.len());
        for t in &texts {
            let start = Instant::now();
            f(t);
            each.push(start.elapsed().as_secs_f64() * 1e6);
        }
        each.sort_by(f64::total_cmp);
        let at = |q: f64| each[((each.len() - 1) as f64 * q) as usize];
        (at(0.5), at(0.99), each.iter().sum::<f64>() / each.len() as f64)
    };
    let (p50, p99, mean) = time(&|t| {
        std::hint::black_box(content.safety.check(t));
    });
    println!(
        "safety, whole check: {} messages, p50 {p50:.0} µs, p99 {p99:.0} µs, mean {mean:.0} µs (longest {} chars)",
        texts.len(),
        texts.iter().map(|t| t.len()).max().unwrap_or(0)
    );
    let (p50, p99, mean) = time(&|t| {
        std::hint::black_box(linkup::safety::learned_probabilities(rules, model, t, true));
    });
    println!("safety, learned tier alone: p50 {p50:.0} µs, p99 {p99:.0} µs, mean {mean:.0} µs");
    let (p50, p99, mean) = time(&|t| {
        std::hint::black_box(rules.check(t));
    });
    println!("safety, rules alone: p50 {p50:.0} µs, p99 {p99:.0} µs, mean {mean:.0} µs");
    // A person's recent messages together (context): six labelled lines in a row as the last
    // six messages, every window timed once after a warm-up pass.
    let windows: Vec<Vec<&str>> = texts.windows(6).step_by(3).map(|w| w.iter().map(String::as_str).collect()).collect();
    let mut each: Vec<f64> = Vec::with_capacity(windows.len());
    for pass in 0..2 {
        for w in &windows {
            let start = Instant::now();
            std::hint::black_box(linkup::safety::context::assess(model, rules, w, &[]));
            if pass == 1 {
                each.push(start.elapsed().as_secs_f64() * 1e6);
            }
        }
    }
    each.sort_by(f64::total_cmp);
    let at = |q: f64| each[((each.len() - 1) as f64 * q) as usize];
    println!(
        "safety, recent messages together: {} windows of 6, p50 {:.0} µs, p99 {:.0} µs",
        windows.len(),
        at(0.5),
        at(0.99)
    );
    println!(
        "safety, learned weights: {} non-zero of {} buckets × {} outputs",
        model.nonzero_weights(),
        model.settings.features.buckets,
        model.categories.len()
    );
    let long = "i like music and football and ".repeat(300);
    let start = Instant::now();
    std::hint::black_box(content.safety.check(&long));
    println!("safety: one {}-character message in {:.2} ms", long.len(), start.elapsed().as_secs_f64() * 1e3);

    // End to end on SQLite: 50 young people, each the whole journey, all at once.
    let dir = tempfile_dir()?;
    let url = format!("sqlite://{}/bench.db", dir.display());
    let store = Store::connect(&url).await?;
    let linkup = Arc::new(Linkup::new(store.clone(), Arc::new(content), &config)?);
    let people = 50;
    let start = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..people {
        let linkup = linkup.clone();
        tasks.push(tokio::spawn(async move {
            let user = format!("bench-{n}");
            let sender = Sender::new("bench", &user);
            linkup.receive(&sender, &Incoming::Start, 0).await?;
            for line in JOURNEY {
                linkup.receive(&sender, &Incoming::Text(line.to_string()), 0).await?;
            }
            anyhow::Ok(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let messages = people * (JOURNEY.len() + 1);
    let elapsed = start.elapsed().as_secs_f64();
    // A journey that stops short of the hand-off (a flow edit) shows here as too few cases.
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(&store.pool).await?;
    println!(
        "end to end (SQLite, WAL): {people} people, {messages} messages, {cases} cases in {elapsed:.2} s: {:.0} messages/s, {:.2} ms each",
        messages as f64 / elapsed,
        elapsed * 1e3 / messages as f64
    );

    // A young person's chart: four lines of seven check-ins, drawn as a PNG.
    let day = 86_400_000;
    let series = ["Life", "Worthwhile", "Happy", "Worried"]
        .iter()
        .enumerate()
        .map(|(s, name)| linkup::chart::Series {
            name: name.to_string(),
            points: (0..7).map(|k| (1_795_000_000_000 + k * 28 * day, ((k + s as i64) % 11) as f64)).collect(),
        })
        .collect();
    let chart = linkup::chart::Chart { title: "How you've been".into(), y_min: 0.0, y_max: 10.0, note: None, series };
    let rounds = 20;
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..rounds {
        bytes = linkup::chart::png(&chart)?.len();
    }
    println!("chart: {:.1} ms a PNG ({} kB)", start.elapsed().as_secs_f64() * 1e3 / f64::from(rounds), bytes / 1024);
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("linkup-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
