//! The dashboard under attack and in daily use: a parallel burst of guesses checks no more
//! than the limit, disabled workers and changed passwords end sessions, an open tab that only
//! refreshes itself still signs out, urgent marks and reopening are the holder's or a lead's,
//! other sites cannot post, direction controls are shown, and the conversation refresh sends
//! only what changed.

use linkup::dashboard::auth;
use linkup::store::workers::Role;
use linkup::store::{cases, outbox};
use linkup::time::now_ms;

use crate::dashboard::{Browser, PASSWORD, add_worker, serve};
use crate::support::{TestApp, backends, linkup};

#[tokio::test]
async fn a_parallel_burst_of_guesses_checks_at_most_the_limit() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
        let base = serve(&app).await;
        let mut forms = Vec::new();
        for _ in 0..40 {
            let mut b = Browser::new(&base);
            let csrf = Browser::csrf(&b.get("/login").await.body);
            forms.push((b, csrf));
        }
        let burst: Vec<_> = forms
            .into_iter()
            .map(|(mut b, csrf)| {
                tokio::spawn(async move {
                    let form =
                        [("csrf", csrf.as_str()), ("email", "kim@example.org"), ("password", "guess guess guess")];
                    b.post("/login", &form).await.status
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for task in burst {
            statuses.push(task.await.unwrap());
        }
        let checked = statuses.iter().filter(|s| **s == 401).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!(checked + refused, 40, "{backend}: {statuses:?}");
        assert!(checked as i64 <= auth::MAX_FAILURES_PER_EMAIL, "{backend}: {checked} guesses were checked");
        // The right password waits for the lock to end...
        let mut b = Browser::new(&base);
        assert_eq!(b.sign_in("kim@example.org", PASSWORD).await.status, 429, "{backend}");
        // ...and gets in once the window has passed (the failures moved back 16 minutes).
        sqlx::query("UPDATE login_failures SET at = at - 960000").execute(&app.store.pool).await.unwrap();
        assert_eq!(b.sign_in("kim@example.org", PASSWORD).await.status, 303, "{backend}");
    }
}

#[tokio::test]
async fn behind_a_proxy_the_limit_per_address_is_per_browser_not_per_service() {
    let mut config = linkup::config::Config::default();
    config.web.behind_proxy = true;
    let app = TestApp::with_config("sqlite", config).await;
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    // 20 wrong guesses from one browser, across 20 emails so no account locks.
    for n in 0..auth::MAX_FAILURES_PER_ADDRESS {
        let mut b = Browser::new(&base);
        let csrf = Browser::csrf(&b.get("/login").await.body);
        let email = format!("guess{n}@example.org");
        let form = [("csrf", csrf.as_str()), ("email", email.as_str()), ("password", "wrong wrong wrong")];
        assert_eq!(b.post_with("/login", &form, &[("x-forwarded-for", "203.0.113.5")]).await.status, 401);
    }
    let sign_in_from = |address: &'static str| {
        let base = base.clone();
        async move {
            let mut b = Browser::new(&base);
            let csrf = Browser::csrf(&b.get("/login").await.body);
            let form = [("csrf", csrf.as_str()), ("email", "kim@example.org"), ("password", PASSWORD)];
            b.post_with("/login", &form, &[("x-forwarded-for", address)]).await.status
        }
    };
    assert_eq!(sign_in_from("203.0.113.5").await, 429, "that browser is held back");
    assert_eq!(sign_in_from("198.51.100.7").await, 303, "a colleague behind the same proxy is not");
}

#[tokio::test]
async fn disabling_a_worker_or_a_new_password_ends_their_sessions() {
    let mut app = TestApp::new("sqlite").await;
    app.refer("Robin", "M14", "football").await;
    let kim = add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    add_worker(&app, "lea@example.org", "Lea Lead", "main", Role::Lead).await;
    let far = add_worker(&app, "far@example.org", "Fay Far", "leeds", Role::Worker).await;
    let base = serve(&app).await;
    let (mut worker, worker_csrf) = Browser::signed_in(&base, "kim@example.org").await;
    let (mut lead, csrf) = Browser::signed_in(&base, "lea@example.org").await;

    // Workers do not look after accounts; leads only their own team's.
    assert_eq!(worker.get("/workers").await.status, 403);
    let page = worker.post(&format!("/workers/{far}/disable"), &[("csrf", &worker_csrf)]).await;
    assert_eq!(page.status, 403);
    let list = lead.get("/workers").await.body;
    assert!(list.contains("Kim Lee") && !list.contains("Fay Far"), "{list}");
    assert_eq!(lead.post(&format!("/workers/{far}/disable"), &[("csrf", &csrf)]).await.status, 404);

    let page = lead.post(&format!("/workers/{kim}/disable"), &[("csrf", &csrf)]).await;
    assert!(page.location.ends_with("said=disabled"), "{}", page.location);
    assert_eq!(worker.get("/").await.location, "/login", "signed out at once");
    assert_eq!(Browser::new(&base).sign_in("kim@example.org", PASSWORD).await.status, 401);
    assert!(lead.get("/workers").await.body.contains("disabled"));
    lead.post(&format!("/workers/{kim}/enable"), &[("csrf", &csrf)]).await;
    let (mut worker, _) = Browser::signed_in(&base, "kim@example.org").await;

    // A new password: typed twice, 10 characters or more, and every old session ends.
    let short = [("csrf", csrf.as_str()), ("password", "short"), ("again", "short")];
    assert!(lead.post(&format!("/workers/{kim}/password"), &short).await.location.ends_with("said=short"));
    let new = "a brand new passphrase";
    let differ = [("csrf", csrf.as_str()), ("password", new), ("again", "a brand new passphrasf")];
    assert!(lead.post(&format!("/workers/{kim}/password"), &differ).await.location.ends_with("said=different"));
    assert_eq!(worker.get("/").await.status, 200, "nothing changed yet");
    let form = [("csrf", csrf.as_str()), ("password", new), ("again", new)];
    assert!(lead.post(&format!("/workers/{kim}/password"), &form).await.location.ends_with("said=password"));
    assert_eq!(worker.get("/").await.location, "/login");
    assert_eq!(Browser::new(&base).sign_in("kim@example.org", PASSWORD).await.status, 401);
    assert_eq!(Browser::new(&base).sign_in("kim@example.org", new).await.status, 303);
    let audit = lead.get("/audit").await.body;
    for line in
        ["disabled worker kim@example.org", "enabled worker kim@example.org", "changed a password kim@example.org"]
    {
        assert!(audit.contains(line), "{line} missing from the audit");
    }

    // A lead looks after workers, not other leads; an admin after everyone.
    let other_lead = add_worker(&app, "lee@example.org", "Lee Lead", "main", Role::Lead).await;
    assert_eq!(lead.post(&format!("/workers/{other_lead}/password"), &form).await.status, 404);
    assert_eq!(lead.post(&format!("/workers/{other_lead}/disable"), &[("csrf", &csrf)]).await.status, 404);
    // A new password also ends a lock on signing in.
    for _ in 0..6 {
        Browser::new(&base).sign_in("kim@example.org", "wrong wrong wrong").await;
    }
    assert_eq!(Browser::new(&base).sign_in("kim@example.org", new).await.status, 429);
    let reset = [("csrf", csrf.as_str()), ("password", "the reset passphrase"), ("again", "the reset passphrase")];
    lead.post(&format!("/workers/{kim}/password"), &reset).await;
    assert_eq!(Browser::new(&base).sign_in("kim@example.org", "the reset passphrase").await.status, 303);
    // Disabling gives their open cases back to the queue, so none is stranded.
    let (mut kim_b, kim_csrf) = {
        let mut b = Browser::new(&base);
        assert_eq!(b.sign_in("kim@example.org", "the reset passphrase").await.status, 303);
        let csrf = Browser::csrf(&b.get("/").await.body);
        (b, csrf)
    };
    let held = app.reference_of("Robin").await;
    kim_b.post(&format!("/cases/{held}/claim"), &[("csrf", &kim_csrf)]).await;
    assert_eq!(cases::by_reference(&app.store.pool, &held).await.unwrap().unwrap().claimed_by, Some(kim));
    let page = lead.post(&format!("/workers/{kim}/disable"), &[("csrf", &csrf)]).await;
    assert!(page.location.ends_with("released=1"), "{}", page.location);
    assert!(lead.get(&page.location).await.body.contains("Their 1 open case is back in the queue."));
    assert_eq!(cases::by_reference(&app.store.pool, &held).await.unwrap().unwrap().claimed_by, None);
    lead.post(&format!("/workers/{kim}/enable"), &[("csrf", &csrf)]).await;
    // An admin's change to another team's account is that team's business, not the admin's team's.
    add_worker(&app, "ad@example.org", "Ada Admin", "main", Role::Admin).await;
    let (mut admin, admin_csrf) = Browser::signed_in(&base, "ad@example.org").await;
    assert!(admin.get("/workers").await.body.contains("Fay Far"), "an admin sees every team");
    admin.post(&format!("/workers/{far}/disable"), &[("csrf", &admin_csrf)]).await;
    assert!(admin.get("/audit").await.body.contains("disabled worker far@example.org"));
    assert!(!lead.get("/audit").await.body.contains("far@example.org"), "another team's account change");

    // The same from the command line; `worker add` again ends sessions too.
    let (mut worker, _) = Browser::signed_in(&base, "lea@example.org").await;
    let out = linkup(&app.db.url, &["worker", "disable", "--email", "LEA@example.org"], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("disabled and signed out"));
    assert_eq!(worker.get("/").await.location, "/login");
    let out = linkup(&app.db.url, &["worker", "list"], "");
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(listed.contains("lea@example.org\tLea Lead\tmain\tlead\tdisabled"), "{listed}");
    assert!(listed.contains("kim@example.org\tKim Lee\tmain\tworker\tactive"), "{listed}");
    linkup(&app.db.url, &["worker", "enable", "--email", "lea@example.org"], "");
    let (mut again, _) = Browser::signed_in(&base, "lea@example.org").await;
    let out = linkup(&app.db.url, &["worker", "password", "--email", "lea@example.org"], "another long password\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(again.get("/").await.location, "/login");
    let mut again = Browser::new(&base);
    assert_eq!(again.sign_in("kim@example.org", "the reset passphrase").await.status, 303);
    let args = ["worker", "add", "--email", "kim@example.org", "--name", "Kim Lee", "--team", "main"];
    assert!(linkup(&app.db.url, &args, "yet another password\n").status.success());
    assert_eq!(again.get("/").await.location, "/login", "re-adding with a new password signs out");
    let out = linkup(&app.db.url, &["worker", "disable", "--email", "nobody@example.org"], "");
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no worker has the email"));
}

#[tokio::test]
async fn an_open_tab_that_only_refreshes_itself_still_signs_out() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football").await;
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let (mut b, _) = Browser::signed_in(&base, "kim@example.org").await;
    let token = auth::token_hash(&b.cookies[auth::SESSION_COOKIE]);
    let expiry = || async {
        sqlx::query_scalar::<_, i64>("SELECT expires_at FROM sessions WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&app.store.pool)
            .await
            .unwrap()
    };
    let before = expiry().await;
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    for _ in 0..3 {
        assert_eq!(b.get("/queue/rows").await.status, 200);
        assert_eq!(b.get(&format!("/cases/{reference}/conversation")).await.status, 200);
    }
    assert_eq!(expiry().await, before, "the refresh is not activity");
    assert_eq!(b.get("/").await.status, 200);
    assert!(expiry().await > before, "loading a page is");
    // Time passes with only the refresh running: the idle limit is reached (the clock injected
    // by moving the session's expiry to now), and the next refresh is sent to sign in.
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind(now_ms())
        .bind(&token)
        .execute(&app.store.pool)
        .await
        .unwrap();
    assert_eq!(b.get("/queue/rows").await.location, "/login");
    assert_eq!(b.get("/").await.location, "/login");
}

#[tokio::test]
async fn only_the_holder_or_a_lead_clears_urgent_or_reopens() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "football").await;
        app.say("i want to kill myself").await;
        add_worker(&app, "one@example.org", "Una One", "main", Role::Worker).await;
        add_worker(&app, "two@example.org", "Tod Two", "main", Role::Worker).await;
        add_worker(&app, "lea@example.org", "Lea Lead", "main", Role::Lead).await;
        let base = serve(&app).await;
        let path = format!("/cases/{reference}");
        let (mut one, c1) = Browser::signed_in(&base, "one@example.org").await;
        let (mut two, c2) = Browser::signed_in(&base, "two@example.org").await;
        let note = ("note", "Spoke to Robin, safety plan agreed");
        // Nobody holds it yet: a worker must claim it first.
        let page = two.post(&format!("{path}/clear-urgent"), &[("csrf", &c2), note]).await;
        assert!(page.location.ends_with("said=not-yours"), "{backend}: {}", page.location);
        assert!(two.get(&page.location).await.body.contains("Claim it first"));
        one.post(&format!("{path}/claim"), &[("csrf", &c1)]).await;
        let page = two.post(&format!("{path}/clear-urgent"), &[("csrf", &c2), note]).await;
        assert!(page.location.ends_with("said=not-yours"), "{backend}");
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_ne!(case.urgent, 0, "{backend}: a colleague cannot clear it");
        assert!(!two.get(&path).await.body.contains("Clear urgent"), "{backend}: nor is offered the button");
        one.post(&format!("{path}/clear-urgent"), &[("csrf", &c1), note]).await;
        assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().urgent, 0, "{backend}");

        let close = [("csrf", c1.as_str()), ("outcome", "connected"), ("note", "Joined Saturday club")];
        one.post(&format!("{path}/close"), &close).await;
        let page = two.post(&format!("{path}/reopen"), &[("csrf", &c2), ("note", "Want to look again")]).await;
        assert!(page.location.ends_with("said=not-yours"), "{backend}");
        assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().status.as_str(), "closed");
        let (mut lead, c3) = Browser::signed_in(&base, "lea@example.org").await;
        assert!(
            lead.post(&format!("{path}/reopen"), &[("csrf", &c3), ("note", "")])
                .await
                .location
                .ends_with("said=note-needed")
        );
        lead.post(&format!("{path}/reopen"), &[("csrf", &c3), ("note", "Robin wrote to the service")]).await;
        assert_eq!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().status.as_str(), "claimed");
        let audit = lead.get(&path).await.body;
        assert!(audit.contains("cleared urgent") && audit.contains("reopened"), "{backend}");
    }
}

#[tokio::test]
async fn forms_from_another_site_are_refused_even_with_the_token() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football").await;
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let (mut b, csrf) = Browser::signed_in(&base, "kim@example.org").await;
    let claim = format!("/cases/{reference}/claim");
    for headers in [[("origin", "https://evil.example")], [("sec-fetch-site", "cross-site")], [("origin", "null")]] {
        let page = b.post_with(&claim, &[("csrf", &csrf)], &headers).await;
        assert_eq!(page.status, 403, "{headers:?}");
        assert!(page.body.contains("came from another website"));
    }
    assert!(cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap().claimed_by.is_none());
    // The web chat's forms too (its own check, in the young person's words).
    let page = b.post_with("/chat/send", &[("csrf", "x"), ("text", "hi")], &[("sec-fetch-site", "cross-site")]).await;
    assert_eq!(page.status, 403);
    // Our own pages, as a browser sends them.
    let page = b.post_with(&claim, &[("csrf", &csrf)], &[("sec-fetch-site", "same-origin"), ("origin", &base)]).await;
    assert!(page.location.ends_with("said=claimed"), "{}", page.location);
}

#[tokio::test]
async fn direction_controls_in_a_young_persons_words_are_shown_not_obeyed() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "i like \u{202E}llabtoof").await;
    app.say("my name is really \u{202E}nibor").await;
    // A name from elsewhere (an older version, another channel) with an override in it.
    sqlx::query("UPDATE cases SET preferred_name = $1")
        .bind("Robin\u{202E}nuf")
        .execute(&app.store.pool)
        .await
        .unwrap();
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let (mut b, _) = Browser::signed_in(&base, "kim@example.org").await;
    for path in ["/queue/rows".to_string(), format!("/cases/{reference}"), format!("/cases/{reference}/conversation")] {
        let body = b.get(&path).await.body;
        assert!(!body.contains('\u{202E}'), "{path} shows a raw override");
        assert!(body.contains("[U+202E]"), "{path}: {body}");
    }
    // Stored as sent: nothing is lost.
    assert!(app.transcript().await.iter().any(|e| e.body == "my name is really \u{202E}nibor"));
}

#[tokio::test]
async fn the_conversation_refresh_sends_only_what_changed() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football").await;
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let (mut b, csrf) = Browser::signed_in(&base, "kim@example.org").await;
    let path = format!("/cases/{reference}/conversation");
    let whole = b.get(&path).await.body;
    let ids: Vec<i64> =
        whole.split("data-id=\"").skip(1).map(|rest| rest.split('"').next().unwrap().parse().unwrap()).collect();
    assert!(ids.len() > 20, "the whole transcript: {}", ids.len());
    let last = *ids.last().unwrap();
    let page = b.get(&format!("{path}?after={last}&pending=")).await;
    assert_eq!((page.status, page.body.as_str()), (204, ""), "nothing new, nothing sent");

    app.say("is anyone there").await;
    let page = b.get(&format!("{path}?after={last}")).await;
    assert_eq!(page.status, 200);
    let new: Vec<i64> =
        page.body.split("data-id=\"").skip(1).map(|rest| rest.split('"').next().unwrap().parse().unwrap()).collect();
    assert!(!new.is_empty() && new.iter().all(|id| *id > last), "only what is new: {}", page.body);
    assert!(page.body.contains("is anyone there") && !page.body.contains("football"));

    // A link worker's message shows queued, then (asked for by id) sent.
    b.post(&format!("/cases/{reference}/messages"), &[("csrf", &csrf), ("text", "Hi Robin, it's Kim")]).await;
    let page = b.get(&format!("{path}?after={last}")).await;
    let worker_li = page.body.split("<li").find(|li| li.contains("Hi Robin, it")).unwrap().to_string();
    assert!(worker_li.contains("data-pending") && worker_li.contains("queued"), "{worker_li}");
    let id: i64 = worker_li.split("data-id=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let queued = outbox::due(&app.store.pool, "test", now_ms() + 1000, 10).await.unwrap();
    outbox::sent(&app.store.pool, queued[0].id, Some("1"), now_ms()).await.unwrap();
    let page = b.get(&format!("{path}?after={id}&pending={id}")).await;
    assert_eq!(page.body.matches("<li").count(), 1, "{}", page.body);
    assert!(page.body.contains("delivery sent") && !page.body.contains("data-pending"), "{}", page.body);
    // Nonsense in the query is ignored, not an error (the last minute's entries come again, so
    // one committed late is never missed).
    let page = b.get(&format!("{path}?after={id}&pending=x,,-3")).await;
    assert_eq!((page.status, page.body.matches("<li").count()), (200, 1), "{}", page.body);
}

/// The references a queue page lists, in order.
async fn listed(b: &mut Browser, query: &str) -> Vec<String> {
    let body = b.get(&format!("/queue/rows?{query}")).await.body;
    body.split("data-reference=\"").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_queue_finds_filters_and_sorts_and_deleted_cases_leave_it() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let robin = app.refer("Robin", "M14", "football").await;
        app.user = "young-person-2".into();
        let sky = app.refer("Sky", "LS6", "drawing").await;
        app.say("i want to kill myself").await;
        app.user = "young-person-3".into();
        let ash = app.refer("Ash", "M20", "music").await;
        add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "kim@example.org").await;
        b.post(&format!("/cases/{ash}/claim"), &[("csrf", &csrf)]).await;
        let (r, s, a) = (robin.as_str(), sky.as_str(), ash.as_str());
        assert_eq!(listed(&mut b, "").await, [s, r, a], "{backend}: urgent first");
        assert_eq!(listed(&mut b, "sort=waited").await, [r, s, a], "{backend}");
        assert_eq!(listed(&mut b, "sort=newest").await, [a, s, r], "{backend}");
        assert_eq!(listed(&mut b, "urgent=1").await, [s], "{backend}");
        assert_eq!(listed(&mut b, "unassigned=1&sort=waited").await, [r, s], "{backend}");
        assert_eq!(listed(&mut b, "area=m").await, [r, a], "{backend}: area M, any case");
        assert_eq!(listed(&mut b, "area=M14").await, [r], "{backend}");
        assert_eq!(listed(&mut b, "q=rob").await, [r], "{backend}: part of a name");
        assert_eq!(listed(&mut b, &format!("q={}", s.to_lowercase())).await, [s], "{backend}: a reference");
        assert!(listed(&mut b, "q=%25").await.is_empty(), "{backend}: a % is a percent sign, not everything");
        assert!(listed(&mut b, "q=zzz").await.is_empty());
        // The page keeps what was asked, and opens the box to show it.
        let page = b.get("/?q=rob&urgent=1").await.body;
        assert!(page.contains("value=\"rob\"") && page.contains("<details class=\"find\" open>"), "{backend}");
        assert!(page.contains("No cases here."));

        // Deleted at their request: out of the open queue, still under "Deleted".
        app.user = "young-person-1".into();
        app.say("/delete").await;
        app.press("Yes, delete it all").await;
        let case = cases::by_reference(&app.store.pool, &robin).await.unwrap().unwrap();
        assert_eq!(case.status.as_str(), "deleted", "{backend}: {}", app.text());
        assert!(!listed(&mut b, "").await.contains(&robin), "{backend}: a deleted case left the open queue");
        assert_eq!(listed(&mut b, "status=deleted").await, [r], "{backend}");
    }
}

#[tokio::test]
async fn the_queue_marks_cases_due_soon_and_overdue_in_working_time() {
    // Working time every day and hour: the queue is read at the real clock, and with office
    // hours no hand-off is due in the next 4 hours from the evening to early morning (a run of
    // this at 17:00 found none).
    let mut config = linkup::config::Config::default();
    config.urgent.days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(String::from).to_vec();
    config.urgent.from = "00:00".into();
    config.urgent.until = "23:59".into();
    config.urgent.closed = vec![];
    let mut app = TestApp::with_config("sqlite", config).await;
    let on_time = app.refer("Robin", "M14", "football").await;
    app.user = "young-person-2".into();
    let soon = app.refer("Sky", "LS6", "drawing").await;
    app.user = "young-person-3".into();
    let late = app.refer("Ash", "M20", "music").await;
    let now = now_ms();
    let duty = &app.linkup.duty;
    let days = app.linkup.config.response_days;
    // A hand-off whose reply is due in under 4 hours, found by walking back from now.
    let soon_at = (1..2000)
        .map(|steps| now - steps * 15 * 60_000)
        .find(|at| {
            let due = duty.due(*at, days);
            due > now + 60_000 && due - now < linkup::duty::DUE_SOON_MS
        })
        .expect("some hand-off time is due soon");
    for (reference, at) in [(&on_time, now), (&soon, soon_at), (&late, now - 30 * 86_400_000)] {
        sqlx::query("UPDATE cases SET created_at = $1 WHERE reference = $2")
            .bind(at)
            .bind(reference)
            .execute(&app.store.pool)
            .await
            .unwrap();
    }
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let (mut b, _) = Browser::signed_in(&base, "kim@example.org").await;
    let body = b.get("/queue/rows").await.body;
    let card = |reference: &str| {
        let at = body.find(&format!("data-reference=\"{reference}\"")).unwrap();
        body[at..].split("</li>").next().unwrap().to_string()
    };
    assert!(!card(&on_time).contains("due soon") && !card(&on_time).contains("overdue"), "{}", card(&on_time));
    assert!(card(&soon).contains("· due soon"), "{}", card(&soon));
    assert!(card(&late).contains("· overdue"), "{}", card(&late));
    assert!(b.get("/").await.body.contains("2 working days"));
    // Times are the service's own (Europe/London by default), each with its zone's name.
    let page = b.get(&format!("/cases/{late}")).await.body;
    assert!(page.contains(" GMT") || page.contains(" BST"), "no zone named on the case page");
    assert!(!page.contains(" UTC"), "the case page speaks the service's time, not UTC");
}

#[tokio::test]
async fn alerts_watch_every_urgent_case_and_a_deleted_case_reloads_its_page() {
    let mut app = TestApp::new("sqlite").await;
    let robin = app.refer("Robin", "M14", "football").await;
    app.user = "young-person-2".into();
    let sky = app.refer("Sky", "LS6", "drawing").await;
    app.say("i want to kill myself").await;
    add_worker(&app, "kim@example.org", "Kim Lee", "main", Role::Worker).await;
    let base = serve(&app).await;
    let (mut b, csrf) = Browser::signed_in(&base, "kim@example.org").await;
    b.post(&format!("/cases/{robin}/claim"), &[("csrf", &csrf)]).await;
    // "Only mine" shows Robin alone, but the alerts still know of Sky's urgent case.
    let client = reqwest::Client::new();
    let cookie = format!("{}={}", auth::SESSION_COOKIE, b.cookies[auth::SESSION_COOKIE]);
    let rows = client.get(format!("{base}/queue/rows?mine=1")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(rows.headers()["x-linkup-urgent"].to_str().unwrap(), sky);
    let body = rows.text().await.unwrap();
    assert!(body.contains(&robin) && !body.contains(&sky));
    assert!(b.get("/?mine=1").await.body.contains(&format!("data-urgent-all=\"{sky}\"")));
    assert_eq!(b.get("/sw.js").await.status, 200, "the service worker for phone notifications");

    // Robin deletes their data while the case is open: the next refresh makes the page reload.
    let conversation = format!("/cases/{robin}/conversation");
    app.user = "young-person-1".into();
    app.say("/delete").await;
    app.press("Yes, delete it all").await;
    assert_eq!(b.get(&format!("{conversation}?after=1")).await.status, 205);
    assert!(!b.get(&format!("/cases/{robin}")).await.body.contains("football"), "the words are gone");
}
