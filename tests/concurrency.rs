//! Many young people at once: nothing lost, every case created; and one person's messages
//! sent at the same moment are applied one after the other, not lost to each other.

use std::sync::Arc;

use linkup::conversation::Sender;
use linkup::intent::Incoming;
use linkup::store::cases;

use crate::support::{TestApp, backends};

/// The whole 16–18 journey, ending in a hand-off.
const JOURNEY: [&str; 21] = crate::support::referral("Sam", "M14", "I want to make friends");

#[tokio::test]
async fn fifty_people_at_once_all_reach_the_queue() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let linkup = Arc::new(app.linkup.clone());
        let mut tasks = Vec::new();
        for n in 0..50 {
            let linkup = linkup.clone();
            tasks.push(tokio::spawn(async move {
                let user = format!("person-{n}");
                let sender = Sender::new("test", &user);
                let mut now = 1_795_000_000_000 + n;
                linkup.receive(&sender, &Incoming::Start, now).await.unwrap();
                let mut reference = None;
                for line in JOURNEY {
                    now += 1000;
                    let handled = linkup.receive(&sender, &Incoming::Text(line.to_string()), now).await.unwrap();
                    reference = reference.or(handled.new_case);
                }
                reference.expect("a case")
            }));
        }
        let mut references = Vec::new();
        for t in tasks {
            references.push(t.await.unwrap());
        }
        references.sort();
        references.dedup();
        assert_eq!(references.len(), 50, "{backend}: fifty different references");
        assert_eq!(cases::queue(&app.store.pool).await.unwrap().len(), 50, "{backend}");
        let inbound: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE direction = 'in'")
            .fetch_one(&app.store.pool)
            .await
            .unwrap();
        assert_eq!(inbound, 50 * (JOURNEY.len() as i64 + 1), "{backend}: every message stored once");
    }
}

#[tokio::test]
async fn one_persons_simultaneous_ticks_are_both_kept() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        app.start().await;
        for line in ["1", "4", "Sam", "M14"] {
            app.say(line).await;
        }
        assert!(app.text().starts_with("What's on your mind"), "{}", app.text());
        // Ten ticks at once, as a fast thumb might send them.
        let labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
        let linkup = Arc::new(app.linkup.clone());
        let mut tasks = Vec::new();
        for (i, label) in labels.iter().enumerate() {
            let linkup = linkup.clone();
            let user = app.user.clone();
            let now = app.now + 1 + i as i64;
            let label = label.to_string();
            tasks.push(tokio::spawn(async move {
                let sender = Sender::new("test", &user);
                linkup.receive(&sender, &Incoming::Text(label), now).await.unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        app.now += 100;
        app.say("done").await;
        let state: String =
            sqlx::query_scalar("SELECT state FROM conversations").fetch_one(&app.store.pool).await.unwrap();
        let state: serde_json::Value = serde_json::from_str(&state).unwrap();
        let topics = state["answers"]["topics"]["values"].as_array().unwrap().len();
        assert_eq!(topics, 10, "{backend}: no tick lost: {}", state["answers"]["topics"]);
    }
}
