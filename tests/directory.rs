//! The activities directory: importing Open Referral UK exports (both shapes, re-imports in
//! place, bad files refused whole), and matching by age, area and interest, on both backends.

use serde_json::Value;

use crate::support::{TestApp, backends, fixture, linkup};

fn run(url: &str, args: &[&str]) -> (i32, String, String) {
    let out = linkup(url, args, "");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn import(url: &str, file: &std::path::Path) -> (i32, String, String) {
    run(url, &["directory", "import", file.to_str().unwrap()])
}

fn sample() -> Vec<Value> {
    serde_json::from_str(&std::fs::read_to_string(fixture("directory/oruk-sample.json")).unwrap()).unwrap()
}

/// The ids `directory match` returns as JSON, with each match's service.
fn matched(url: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["directory", "match", "--json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(url, &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str::<Vec<Value>>(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn ids(found: &[Value]) -> Vec<String> {
    found.iter().map(|m| m["service"]["id"].as_str().unwrap().to_string()).collect()
}

async fn service_names(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT id, name FROM directory_services ORDER BY id").fetch_all(&app.store.pool).await.unwrap()
}

#[tokio::test]
async fn imports_both_shapes_and_lists() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let url = &app.db.url;
        let (code, out, err) = import(url, &fixture("directory/oruk-sample.json"));
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(out.contains("8 added, 0 changed, 0 removed"), "{backend}: {out}");
        let services = linkup::store::directory::load(&app.store.pool).await.unwrap();
        assert_eq!(services.len(), 8);
        let music = services.iter().find(|s| s.id == "sample-mcr-music").unwrap();
        assert_eq!((music.minimum_age, music.maximum_age), (Some(11), Some(18)));
        assert_eq!(music.postcodes[0].district, "M14");
        assert_eq!(music.organisation, "Rusholme Young People's Trust");
        assert!(music.free);
        assert_eq!(music.schedule, "Tuesdays and Thursdays 5pm to 7pm");
        let nature = services.iter().find(|s| s.id == "sample-leeds-nature").unwrap();
        assert_eq!((nature.minimum_age, nature.maximum_age), (Some(11), Some(25)), "ages under eligibilitys");
        let art = services.iter().find(|s| s.id == "sample-mcr-art").unwrap();
        assert!(!art.free, "the one paid service");
        let food = services.iter().find(|s| s.id == "sample-mcr-food").unwrap();
        assert_eq!((food.minimum_age, food.maximum_age), (None, None));
        let coding = services.iter().find(|s| s.id == "sample-mcr-coding").unwrap();
        assert_eq!(coding.terms[0].name, "Coding", "taxonomy_terms as well as attributes");
        let club = services.iter().find(|s| s.id == "sample-leeds-youth-club").unwrap();
        assert_eq!(club.postcodes[0].postcode, "LS6 1AB", "locations[] as well as service_at_locations[]");

        // The page shape holds the same services: nothing changes.
        let (code, out, err) = import(url, &fixture("directory/oruk-page.json"));
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(out.contains("0 added, 0 changed, 0 removed, 8 unchanged"), "{backend}: {out}");

        let (code, out, _) = run(url, &["directory", "list"]);
        assert_eq!(code, 0);
        assert_eq!(out.lines().count(), 8, "{out}");
        assert!(out.contains("sample-mcr-music\tRusholme Music Hub\tages 11–18\tM14, M14 5AB\tMusic\tfree"), "{out}");
        let (_, json, _) = run(url, &["directory", "list", "--json"]);
        let listed: Vec<Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(listed.len(), 8);

        // A fresh database takes the page shape too.
        let other = TestApp::new(backend).await;
        let (code, out, err) = import(&other.db.url, &fixture("directory/oruk-page.json"));
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(out.contains("8 added"), "{out}");
    }
}

#[tokio::test]
async fn reimport_updates_in_place() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let url = &app.db.url;
        assert_eq!(import(url, &fixture("directory/oruk-sample.json")).0, 0);
        let mut services = sample();
        services[0]["name"] = "Rusholme Music and Singing Hub".into();
        services.retain(|s| s["id"] != "sample-mcr-art");
        services.push(serde_json::json!({
            "id": "sample-mcr-drama", "name": "Hulme Youth Theatre", "minimum_age": 12, "maximum_age": 21,
            "service_at_locations": [{ "location": { "postal_addresses": [{ "postal_code": "M15 5RF" }] } }],
            "attributes": [{ "taxonomy_term": { "id": "t-drama", "name": "Drama" } }],
        }));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("again.json");
        std::fs::write(&file, serde_json::to_string(&services).unwrap()).unwrap();
        let (code, out, err) = import(url, &file);
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(out.contains("1 added, 1 changed, 1 removed, 6 unchanged"), "{backend}: {out}");
        let names = service_names(&app).await;
        assert_eq!(names.len(), 8);
        assert!(names.contains(&("sample-mcr-music".into(), "Rusholme Music and Singing Hub".into())));
        assert!(names.iter().all(|(id, _)| id != "sample-mcr-art"));
        let children: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM directory_terms WHERE service_id = 'sample-mcr-art'")
                .fetch_one(&app.store.pool)
                .await
                .unwrap();
        assert_eq!(children, 0, "a removed service's terms go with it");
        let drama = matched(url, &["--interests", "drama", "--age", "14", "--area", "M15"]);
        assert_eq!(ids(&drama), ["sample-mcr-drama"]);
    }
}

#[tokio::test]
async fn a_bad_file_imports_nothing() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let url = &app.db.url;
        assert_eq!(import(url, &fixture("directory/oruk-sample.json")).0, 0);
        let before = service_names(&app).await;
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: String| {
            let file = dir.path().join(name);
            std::fs::write(&file, text).unwrap();
            file
        };
        let mut renamed = sample();
        renamed[0]["name"] = "Changed, but this file is refused".into();
        let mut no_name = renamed.clone();
        no_name[4]["name"] = Value::Null;
        let mut bad_age = renamed.clone();
        bad_age[5]["minimum_age"] = "nine".into();
        let mut upside_down = renamed.clone();
        upside_down[6]["minimum_age"] = 18.into();
        upside_down[6]["maximum_age"] = 12.into();
        let mut no_id = renamed.clone();
        no_id[2].as_object_mut().unwrap().remove("id");
        let cases = [
            (write("not.json", "{ this is not json".into()), vec!["not JSON"]),
            (write("no-name.json", serde_json::to_string(&no_name).unwrap()), vec!["sample-leeds-youth-club", "name"]),
            (write("bad-age.json", serde_json::to_string(&bad_age).unwrap()), vec!["sample-mcr-coding", "minimum_age"]),
            (
                write("upside-down.json", serde_json::to_string(&upside_down).unwrap()),
                vec!["sample-mcr-food", "maximum_age", "less than"],
            ),
            (write("no-id.json", serde_json::to_string(&no_id).unwrap()), vec!["service 3", "id"]),
        ];
        for (file, says) in cases {
            let (code, out, err) = import(url, &file);
            assert_ne!(code, 0, "{backend}: {} was taken: {out}", file.display());
            for word in says {
                assert!(err.contains(word), "{backend}: {} should say {word:?}: {err}", file.display());
            }
            assert!(err.contains("Nothing was imported"), "{err}");
            assert!(!err.contains("panicked"), "{err}");
            assert_eq!(service_names(&app).await, before, "{backend}: {} changed the directory", file.display());
        }
    }
}

#[tokio::test]
async fn matches_by_age_area_and_interest() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let url = &app.db.url;
        assert_eq!(import(url, &fixture("directory/oruk-sample.json")).0, 0);

        // Nothing outside the age range, ever: every age, every area, every interest.
        for age in 8..=26 {
            let age_text = age.to_string();
            for area in ["M14", "LS6 1AB", "M"] {
                let found = matched(url, &["--age", &age_text, "--area", area]);
                for m in &found {
                    let s = &m["service"];
                    let (min, max) = (s["minimum_age"].as_u64(), s["maximum_age"].as_u64());
                    assert!(min.is_none_or(|min| age >= min), "{backend}: age {age} got {s}");
                    assert!(max.is_none_or(|max| age <= max), "{backend}: age {age} got {s}");
                }
            }
        }
        // Bounds are inclusive, and no bounds is open.
        let at = |age: &str, interests: &str, area: &str| {
            ids(&matched(url, &["--interests", interests, "--age", age, "--area", area]))
        };
        assert_eq!(at("18", "music", "M14"), ["sample-mcr-music"]);
        assert!(at("19", "music", "M14").is_empty());
        assert_eq!(at("11", "music", "M14"), ["sample-mcr-music"]);
        assert!(at("10", "music", "M14").is_empty());
        assert_eq!(at("40", "Food banks", "M13 9PL"), ["sample-mcr-food"], "no bounds: any age");
        // An age band overlaps: 16-18 reaches a 16-25 service; under-11 does not.
        assert_eq!(at("16-18", "Money advice", "LS6"), ["sample-uk-advice"]);
        assert!(at("under-11", "Money advice", "LS6").is_empty());

        // By area: Leeds services are not offered in Manchester, and the other way round.
        let everything = "music,sport,art,nature,gaming,cooking,volunteering,tech";
        let manchester = at("14", everything, "M14 4XY");
        assert!(manchester.iter().all(|id| !id.starts_with("sample-leeds")), "{manchester:?}");
        assert_eq!(manchester[0], "sample-mcr-music", "the only one in M14 itself: {manchester:?}");
        assert_eq!(manchester.last().unwrap(), "sample-mcr-art", "as near as the others but paid: {manchester:?}");
        let leeds = at("14", everything, "LS6 2BB");
        assert!(leeds.iter().all(|id| !id.starts_with("sample-mcr")), "{leeds:?}");
        assert!(leeds.contains(&"sample-leeds-nature".to_string()), "a service area named Leeds: {leeds:?}");
        // No areas and no locations: serves everywhere, ranked furthest.
        assert_eq!(at("20", "Money advice", "BS1"), ["sample-uk-advice"]);

        // Ranking: the most interests first, then nearest, then free, then name.
        let ranked = matched(url, &["--interests", "nature,volunteering,gaming", "--age", "15", "--area", "LS6"]);
        assert_eq!(ids(&ranked), ["sample-leeds-nature", "sample-leeds-youth-club"]);
        assert_eq!(ranked[0]["matched"].as_array().unwrap().len(), 2);
        let art = ids(&matched(url, &["--interests", "art,music", "--age", "15", "--area", "M1"]));
        assert_eq!(art, ["sample-mcr-art", "sample-mcr-music"], "one interest each: the nearer first, paid or not");
        let by_name = ids(&matched(url, &["--age", "15", "--area", "M"]));
        assert_eq!(
            by_name,
            ["sample-mcr-coding", "sample-mcr-food", "sample-mcr-football", "sample-mcr-music", "sample-mcr-art"],
            "all as near: free first, then by name"
        );

        // Topics and raw taxonomy names.
        let money = at("17", "Housing advice", "M14");
        assert_eq!(money, ["sample-uk-advice"]);
        let topics = ids(&matched(url, &["--topics", "money,housing", "--age", "17", "--area", "M13"]));
        assert_eq!(topics, ["sample-uk-advice", "sample-mcr-food"], "two topics beat one");
        let limited = matched(url, &["--topics", "money,housing", "--age", "17", "--area", "M13", "--limit", "1"]);
        assert_eq!(limited.len(), 1);

        // No match: kind words, exit 0.
        let (code, out, _) = run(url, &["directory", "match", "--interests", "music", "--age", "25", "--area", "LS6"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("Nothing matches"), "{out}");
        // The words for people.
        let (code, out, _) = run(url, &["directory", "match", "--interests", "music", "--age", "14", "--area", "m14"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("1. Rusholme Music Hub (sample-mcr-music)"), "{out}");
    }
}

#[tokio::test]
async fn kind_answers_to_an_empty_directory_and_bad_input() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let url = &app.db.url;
        let (code, out, _) = run(url, &["directory", "match", "--interests", "music", "--age", "14", "--area", "M14"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("No activities in the directory yet"), "{out}");
        let (code, out, _) = run(url, &["directory", "list"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("No activities in the directory yet"), "{out}");

        assert_eq!(import(url, &fixture("directory/oruk-sample.json")).0, 0);
        for (args, says) in [
            (vec!["--age", "abc", "--area", "M14"], "whole number"),
            (vec!["--age", "14"], "--area"),
            (vec!["--area", "M14"], "--age"),
            (vec!["--age", "14", "--area", "the moon"], "postcode"),
            (vec!["--age", "14", "--area", "M14", "--interests", "knitting"], "knitting"),
            (vec!["--age", "14", "--area", "M14", "--topics", "rent"], "topics are"),
        ] {
            let mut all = vec!["directory", "match"];
            all.extend(args.iter().copied());
            let (code, out, err) = run(url, &all);
            assert_eq!(code, 2, "{args:?}: {out}");
            assert!(err.contains(says), "{args:?} should say {says:?}: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
}

/// Serves `pages` as an ORUK feed's /services (`?page=N`, 1-based) on 127.0.0.1; a page given
/// as `None` answers 500.
async fn feed(pages: Vec<Option<Value>>) -> String {
    use axum::extract::Query;
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let pages = std::sync::Arc::new(pages);
    let app = axum::Router::new().route(
        "/api/services",
        axum::routing::get(move |Query(q): Query<std::collections::HashMap<String, String>>| {
            let pages = pages.clone();
            async move {
                let n: usize = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
                match pages.get(n - 1).cloned().flatten() {
                    Some(page) => axum::Json(page).into_response(),
                    None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/services", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// The feed's pages: the sample split in two, each saying there are two pages.
fn two_pages(services: &[Value]) -> Vec<Value> {
    let (a, b) = services.split_at(services.len() / 2);
    [a, b]
        .iter()
        .enumerate()
        .map(|(i, part)| serde_json::json!({ "total_pages": 2, "page_number": i + 1, "contents": part }))
        .collect()
}

#[tokio::test]
async fn imports_a_feed_page_by_page_and_nothing_if_a_page_fails() {
    let app = TestApp::new("sqlite").await;
    let db = app.db.url.clone();
    let pages = two_pages(&sample());
    let good = feed(pages.iter().cloned().map(Some).collect()).await;
    let (url, out_db) = (good.clone(), db.clone());
    let (code, out, err) =
        tokio::task::spawn_blocking(move || run(&out_db, &["directory", "import", "--url", &url])).await.unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("Imported {} services", sample().len())) && out.contains("(2 pages)"), "{out}");
    assert_eq!(service_names(&app).await.len(), sample().len());

    // Page 2 fails: nothing changes, and the message says which page.
    let broken = feed(vec![Some(pages[0].clone()), None]).await;
    let before = service_names(&app).await;
    let out_db = db.clone();
    let (code, _, err) =
        tokio::task::spawn_blocking(move || run(&out_db, &["directory", "import", "--url", &broken])).await.unwrap();
    assert_ne!(code, 0);
    assert!(err.contains("page 2") && err.contains("Nothing was imported"), "{err}");
    assert_eq!(service_names(&app).await, before);

    // Only HTTPS leaves this machine.
    let (code, _, err) = run(&db, &["directory", "import", "--url", "http://example.org/api/services"]);
    assert_ne!(code, 0);
    assert!(err.contains("https://"), "{err}");
}
