//! Retention on fixture data with injected time: closed cases go a year after closing,
//! conversations that never reached a hand-off after 30 days, and nobody who is still active.

use linkup::store::{cases, casework, retention};

use crate::support::{TestApp, backends, linkup};

const DAY: i64 = 86_400_000;

async fn hand_off(app: &mut TestApp, user: &str, name: &str) -> String {
    app.user = user.into();
    app.refer(name, "M14", "words of my own").await
}

#[tokio::test]
async fn old_data_goes_and_active_young_people_stay() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let t0 = app.now;
        let closed = hand_off(&mut app, "closed-1", "Alfie").await;
        let open = hand_off(&mut app, "open-1", "Bea").await;
        let came_back = hand_off(&mut app, "came-back-1", "Cas").await;
        app.user = "unfinished-1".into();
        app.start().await;
        app.say("1").await;
        let pool = app.store.pool.clone();
        for reference in [&closed, &came_back] {
            let id = cases::by_reference(&pool, reference).await.unwrap().unwrap().id;
            casework::close(&pool, id, None, "connected", "joined a club", app.now).await.unwrap();
        }
        // Cas writes again 200 days later.
        app.user = "came-back-1".into();
        app.now = t0 + 200 * DAY;
        app.say("hi again").await;

        let who = |due: Vec<retention::Due>| {
            let mut v: Vec<(Option<String>, String)> = due.into_iter().map(|d| (d.reference, d.reason)).collect();
            v.sort();
            v
        };
        assert!(retention::due(&pool, t0 + 29 * DAY, 365, 30).await.unwrap().is_empty(), "{backend}: too soon");
        assert_eq!(
            who(retention::due(&pool, t0 + 31 * DAY, 365, 30).await.unwrap()),
            [(None, "abandoned".to_string())]
        );
        let a_year_on = t0 + 366 * DAY;
        assert_eq!(
            who(retention::due(&pool, a_year_on, 365, 30).await.unwrap()),
            [(None, "abandoned".to_string()), (Some(closed.clone()), "closed".to_string())],
            "{backend}: Bea's case is open and Cas wrote since"
        );
        // The dry run from the command line lists the same, and changes nothing.
        let out = linkup(&app.db.url, &["retention", "run", "--dry-run", "--at", &linkup::time::date(a_year_on)], "");
        let printed = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(printed.contains(&format!("would erase case {closed}, closed")), "{printed}");
        assert!(printed.contains("Would erase 2 young people"), "{printed}");
        assert!(cases::by_reference(&pool, &closed).await.unwrap().unwrap().preferred_name.is_some());

        let erased = retention::run(&pool, a_year_on, 365, 30).await.unwrap();
        assert_eq!(erased.len(), 2);
        let gone = cases::by_reference(&pool, &closed).await.unwrap().unwrap();
        assert!(gone.preferred_name.is_none() && gone.what_matters.is_none() && gone.erased_at.is_some());
        let messages: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM messages m JOIN people p ON p.id = m.person_id WHERE p.erased_at IS NOT NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(messages, 0, "{backend}");
        for kept in [&open, &came_back] {
            assert!(
                cases::by_reference(&pool, kept).await.unwrap().unwrap().preferred_name.is_some(),
                "{backend}: {kept}"
            );
        }
        // Running again finds nothing more.
        assert!(retention::run(&pool, a_year_on, 365, 30).await.unwrap().is_empty());
    }
}
