//! The dashboard's audit page: filters by worker, case and days (UTC), its CSV, and team
//! scoping that holds whatever the filters.

use linkup::store::casework;
use linkup::store::{cases, workers::Role};

use crate::dashboard::{Browser, add_worker, serve, teams};
use crate::support::{TestApp, backends};

/// Unix ms at `hh:mm:ss.ms` UTC on a March 2026 day.
fn march(day: i64, h: i64, m: i64, s: i64, ms: i64) -> i64 {
    // 2026-03-01T00:00:00Z
    1_772_323_200_000 + (day - 1) * 86_400_000 + ((h * 60 + m) * 60 + s) * 1000 + ms
}

/// One audit line placed at a known time.
async fn line(app: &TestApp, worker: Option<i64>, case: Option<i64>, action: &str, detail: &str, at: i64) {
    casework::audit_alone(&app.store.pool, worker, case, action, detail, at).await.unwrap();
}

/// A GET with the browser's cookies: status, content type, content disposition and body.
async fn download(b: &Browser, path: &str) -> (u16, String, String, String) {
    let r = reqwest::Client::new()
        .get(format!("{}{path}", b.base))
        .header("cookie", b.cookie_header())
        .send()
        .await
        .unwrap();
    let header = |name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let (kind, disposition) = (header("content-type"), header("content-disposition"));
    (r.status().as_u16(), kind, disposition, r.text().await.unwrap())
}

/// The rows of the page's audit table.
fn rows(body: &str) -> usize {
    body.split("<tbody>").nth(1).map_or(0, |t| t.split("</tbody>").next().unwrap().matches("<tr>").count())
}

#[tokio::test]
async fn a_lead_filters_the_audit_by_worker_case_and_day_and_never_sees_another_team() {
    for backend in backends() {
        let mut app = TestApp::with_config(backend, teams()).await;
        app.user = "leeds-1".into();
        let leeds = app.refer("Lee", "LS6", "skateboarding").await;
        app.user = "leeds-2".into();
        let leeds2 = app.refer("Lou", "LS7", "climbing").await;
        app.user = "manc-1".into();
        let manc = app.refer("Mo", "M14", "drawing comics").await;
        let pool = &app.store.pool;
        let case = |r: &str| {
            let r = r.to_string();
            async move { cases::by_reference(pool, &r).await.unwrap().unwrap().id }
        };
        let (leeds_id, leeds2_id, manc_id) = (case(&leeds).await, case(&leeds2).await, case(&manc).await);
        add_worker(&app, "lead@example.org", "Lara Lead", "leeds", Role::Lead).await;
        let one = add_worker(&app, "one@example.org", "Una One", "leeds", Role::Worker).await;
        let two = add_worker(&app, "two@example.org", "Tod Two", "leeds", Role::Worker).await;
        let mo = add_worker(&app, "m@example.org", "Max Manc", "manchester", Role::Worker).await;
        let admin = add_worker(&app, "a@example.org", "Ada Admin", "hq", Role::Admin).await;

        line(&app, Some(one), Some(leeds_id), "claimed", "mark-one-claim", march(1, 10, 0, 0, 0)).await;
        line(&app, Some(one), None, "signed in", "mark-one-signin", march(2, 8, 0, 0, 0)).await;
        line(&app, Some(two), Some(leeds2_id), "closed", "=1+1,\"x\"", march(2, 9, 0, 0, 0)).await;
        line(&app, Some(two), Some(leeds_id), "noted", "mark-two-note", march(2, 23, 59, 59, 999)).await;
        line(&app, Some(admin), Some(leeds_id), "viewed", "mark-admin-leeds", march(2, 12, 0, 0, 0)).await;
        line(&app, Some(one), Some(leeds_id), "viewed", "mark-one-view", march(3, 0, 0, 0, 0)).await;
        // Another team's: its case, its worker signing in, and an admin (of team hq) on it.
        line(&app, Some(mo), Some(manc_id), "viewed", "mark-manc-view", march(2, 12, 0, 0, 0)).await;
        line(&app, Some(mo), None, "signed in", "mark-manc-signin", march(2, 12, 0, 0, 0)).await;
        line(&app, Some(admin), Some(manc_id), "viewed", "mark-admin-manc", march(2, 13, 0, 0, 0)).await;
        line(&app, Some(admin), None, "disabled", "mark-admin-alone", march(2, 14, 0, 0, 0)).await;
        let manc_link = format!("/cases/{manc}\"");
        let manc_marks = ["mark-manc-view", "mark-manc-signin", "mark-admin-manc", "mark-admin-alone", &manc_link];

        let base = serve(&app).await;
        // A real claim through the dashboard, then placed on 1 March with sqlx.
        let (mut worker, csrf) = Browser::signed_in(&base, "one@example.org").await;
        let claimed = worker.post(&format!("/cases/{leeds2}/claim"), &[("csrf", &csrf)]).await;
        assert_eq!(claimed.status, 303, "{backend}");
        let moved = sqlx::query(
            "UPDATE audit SET at = $1, detail = 'mark-one-ui-claim' WHERE case_id = $2 AND action = 'claimed'",
        )
        .bind(march(1, 9, 30, 0, 0))
        .bind(leeds2_id)
        .execute(pool)
        .await
        .unwrap();
        assert_eq!(moved.rows_affected(), 1, "{backend}");

        let (mut lead, _) = Browser::signed_in(&base, "lead@example.org").await;
        let all = lead.get("/audit").await;
        assert_eq!(all.status, 200, "{backend}");
        for mark in [
            "mark-one-claim",
            "mark-one-signin",
            "mark-two-note",
            "mark-admin-leeds",
            "mark-one-view",
            "mark-one-ui-claim",
        ] {
            assert!(all.body.contains(mark), "{backend}: {mark} missing");
        }
        assert!(all.body.contains("Europe/London") && all.body.contains("latest 500"), "{backend}");
        // The worker choice is the lead's team only.
        assert!(all.body.contains("Una One") && all.body.contains("Tod Two"), "{backend}");
        assert!(!all.body.contains("Max Manc") && !all.body.contains("Ada Admin (hq)"), "{backend}");

        // Whatever the filters, another team's entries never show.
        let paths = [
            "/audit".to_string(),
            format!("/audit?worker={mo}"),
            format!("/audit?worker={admin}"),
            format!("/audit?case={manc}"),
            "/audit?from=2026-03-02&to=2026-03-02".to_string(),
            format!("/audit?worker={mo}&case={manc}&from=2026-03-01&to=2026-03-31"),
        ];
        for path in &paths {
            let page = lead.get(path).await;
            assert_eq!(page.status, 200, "{backend}: {path}");
            for mark in manc_marks {
                assert!(!page.body.contains(mark), "{backend}: {path} shows {mark}");
            }
            let (_, _, _, csv) =
                download(&lead, &format!("{path}{}format=csv", if path.contains('?') { "&" } else { "?" })).await;
            for mark in manc_marks {
                assert!(!csv.contains(mark), "{backend}: CSV of {path} has {mark}");
            }
        }
        let nobody = lead.get(&format!("/audit?worker={mo}")).await.body;
        assert!(nobody.contains("No audit entries match"), "{backend}");

        // By worker: only their lines.
        let page = lead.get(&format!("/audit?worker={one}")).await.body;
        for mark in ["mark-one-claim", "mark-one-signin", "mark-one-view", "mark-one-ui-claim"] {
            assert!(page.contains(mark), "{backend}: {mark} missing for worker one");
        }
        for mark in ["mark-two-note", "mark-admin-leeds", "=1+1"] {
            assert!(!page.contains(mark), "{backend}: worker one's filter shows {mark}");
        }
        assert!(page.contains(&format!("<option value=\"{one}\" selected>")), "{backend}: the choice is kept");

        // By case: the reference is trimmed and upper-cased; an unknown one is no rows, kindly.
        let page = lead.get(&format!("/audit?case=%20{}%20", leeds.to_lowercase())).await;
        assert_eq!(page.status, 200, "{backend}");
        for mark in ["mark-one-claim", "mark-two-note", "mark-admin-leeds", "mark-one-view"] {
            assert!(page.body.contains(mark), "{backend}: {mark} missing for the case");
        }
        for mark in ["mark-one-signin", "mark-one-ui-claim", "=1+1"] {
            assert!(!page.body.contains(mark), "{backend}: the case filter shows {mark}");
        }
        assert!(page.body.contains(&format!("value=\"{leeds}\"")), "{backend}: the case is kept, upper case");
        let unknown = lead.get("/audit?case=LU-ZZZZ").await;
        assert_eq!(unknown.status, 200, "{backend}");
        assert!(unknown.body.contains("No audit entries match") && rows(&unknown.body) == 0, "{backend}");

        // By days, both included, in UTC: 2 March is from 00:00 to 23:59:59.999.
        let page = lead.get("/audit?from=2026-03-02&to=2026-03-02").await;
        assert_eq!(page.status, 200, "{backend}");
        for mark in ["mark-one-signin", "mark-two-note", "mark-admin-leeds", "=1+1"] {
            assert!(page.body.contains(mark), "{backend}: {mark} missing on 2 March");
        }
        for mark in ["mark-one-claim", "mark-one-view", "mark-one-ui-claim"] {
            assert!(!page.body.contains(mark), "{backend}: 2 March shows {mark}");
        }
        assert!(page.body.contains("4 entries match"), "{backend}: {}", page.body);
        assert_eq!(rows(&page.body), 4, "{backend}");
        assert!(page.body.contains("value=\"2026-03-02\""), "{backend}: the dates are kept");
        let from = lead.get("/audit?from=2026-03-03").await.body;
        assert!(from.contains("mark-one-view") && !from.contains("mark-two-note"), "{backend}");
        let to = lead.get("/audit?to=2026-03-01").await.body;
        assert!(to.contains("mark-one-claim") && to.contains("mark-one-ui-claim"), "{backend}");
        assert!(!to.contains("mark-one-signin") && !to.contains("mark-one-view"), "{backend}");
        // Newest first.
        let (a, b) = (page.body.find("mark-two-note").unwrap(), page.body.find("mark-one-signin").unwrap());
        assert!(a < b, "{backend}: newest first");

        // A bad date is a kind 400 that says how to write one.
        for bad in ["from=2026-02-30", "to=yesterday", "from=2026-03-05&to=2026-03-01"] {
            let page = lead.get(&format!("/audit?{bad}")).await;
            assert_eq!(page.status, 400, "{backend}: {bad}");
            assert!(page.body.contains("role=\"alert\""), "{backend}: {bad}");
            assert!(page.body.contains("YYYY-MM-DD") || page.body.contains("before it starts"), "{backend}: {bad}");
            assert_eq!(rows(&page.body), 0, "{backend}: {bad}");
            let (status, kind, _, _) = download(&lead, &format!("/audit?{bad}&format=csv")).await;
            assert_eq!((status, kind.starts_with("text/html")), (400, true), "{backend}: CSV of {bad}");
        }

        // The CSV: every matching row, quoted, formulas defused.
        let page = lead.get("/audit?from=2026-03-02&to=2026-03-02").await.body;
        let page = page.replace("&#38;", "&").replace("&amp;", "&");
        assert!(page.contains("href=\"/audit?worker=&case=&from=2026-03-02&to=2026-03-02&format=csv\""), "{backend}");
        let (status, kind, disposition, csv) =
            download(&lead, "/audit?worker=&case=&from=2026-03-02&to=2026-03-02&format=csv").await;
        assert_eq!(status, 200, "{backend}");
        assert_eq!(kind, "text/csv; charset=utf-8", "{backend}");
        assert_eq!(disposition, "attachment; filename=\"linkup-audit-2026-03-02-to-2026-03-02.csv\"", "{backend}");
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "at_utc,worker,email,case,action,detail", "{backend}");
        assert_eq!(lines.len(), 5, "{backend}: {csv}");
        assert_eq!(lines[1], format!("2026-03-02T23:59:59Z,Tod Two,two@example.org,{leeds},noted,mark-two-note"));
        assert!(
            lines.contains(
                &format!("2026-03-02T09:00:00Z,Tod Two,two@example.org,{leeds2},closed,\"'=1+1,\"\"x\"\"\"").as_str()
            ),
            "{backend}: {csv}"
        );
        assert!(
            lines.contains(&"2026-03-02T08:00:00Z,Una One,one@example.org,,signed in,mark-one-signin"),
            "{backend}: {csv}"
        );
        let (_, _, disposition, csv) = download(&lead, &format!("/audit?worker={two}&format=csv")).await;
        assert_eq!(disposition, "attachment; filename=\"linkup-audit.csv\"", "{backend}");
        assert_eq!(csv.lines().count(), 3, "{backend}: {csv}");

        // A worker sees neither the page nor its CSV.
        assert_eq!(worker.get("/audit").await.status, 403, "{backend}");
        let (status, kind, disposition, body) = download(&worker, "/audit?format=csv").await;
        assert_eq!(status, 403, "{backend}");
        assert!(!kind.starts_with("text/csv") && disposition.is_empty() && !body.contains("mark-"), "{backend}");

        // An admin sees every team, and chooses from every worker.
        let (mut ada, _) = Browser::signed_in(&base, "a@example.org").await;
        let page = ada.get("/audit?from=2026-03-02&to=2026-03-02").await.body;
        for mark in ["mark-manc-view", "mark-manc-signin", "mark-admin-manc", "mark-admin-alone", "mark-two-note"] {
            assert!(page.contains(mark), "{backend}: admin misses {mark}");
        }
        assert!(page.contains("Max Manc (manchester)"), "{backend}");
        let page = ada.get(&format!("/audit?worker={mo}")).await.body;
        assert!(page.contains("mark-manc-view") && !page.contains("mark-two-note"), "{backend}");
    }
}

#[tokio::test]
async fn the_page_shows_the_latest_500_and_the_csv_every_match() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let lead = add_worker(&app, "lead@example.org", "Lara Lead", "main", Role::Lead).await;
        let mut tx = app.store.pool.begin().await.unwrap();
        for i in 0..503 {
            casework::audit(&mut tx, Some(lead), None, "signed in", &format!("n{i}"), march(1, 0, 0, 0, 0) + i)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let base = serve(&app).await;
        let (mut b, _) = Browser::signed_in(&base, "lead@example.org").await;
        let page = b.get("/audit?to=2026-03-01").await.body;
        assert!(page.contains("503 entries match. This page shows the latest 500"), "{backend}");
        assert_eq!(rows(&page), 500, "{backend}");
        assert!(page.contains(">signed in n502<") && !page.contains(">signed in n2<"), "{backend}");
        let (_, _, disposition, csv) = download(&b, "/audit?to=2026-03-01&format=csv").await;
        assert_eq!(disposition, "attachment; filename=\"linkup-audit-to-2026-03-01.csv\"", "{backend}");
        assert_eq!(csv.lines().count(), 504, "{backend}");
    }
}

#[test]
fn csv_fields_are_quoted_and_formulas_defused() {
    use linkup::report::field;
    assert_eq!(field("plain"), "plain");
    assert_eq!(field("a,b"), "\"a,b\"");
    assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(field("two\nlines"), "\"two\nlines\"");
    assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(field("+1"), "'+1");
    assert_eq!(field("-1"), "'-1");
    assert_eq!(field("@cmd"), "'@cmd");
    assert_eq!(field("\tx"), "'\tx");
    assert_eq!(field("\rx"), "\"'\rx\"");
}
