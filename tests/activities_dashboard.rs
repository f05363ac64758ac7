//! The case page's activities over HTTP: the directory search pre-filled from the case (and
//! kind about bad input or an empty directory), sending an activity to the young person with
//! its two buttons, recording an onward referral (counted by kind in the outcome report),
//! who may do either, and a young person's "I'm interested" showing on the case.

use linkup::store::workers::Role;
use linkup::store::{cases, outbox, suggestions};
use linkup::time::now_ms;

use crate::dashboard::{Browser, add_worker, serve};
use crate::support::{TestApp, backends, fixture};

/// Imports the invented sample directory (`tests/fixtures/directory/oruk-sample.json`).
async fn import_sample(app: &TestApp) {
    let text = std::fs::read_to_string(fixture("directory/oruk-sample.json")).unwrap();
    let services = linkup::directory::parse(&text).unwrap();
    linkup::store::directory::replace_all(&app.store.pool, &services, now_ms()).await.unwrap();
}

/// The result cards of a case page (each `<li ... data-service="ID">` to its `</li>`).
fn results(page: &str) -> Vec<String> {
    let Some(start) = page.find("id=\"results\"") else { return vec![] };
    let list = &page[start..page[start..].find("</ol>").map_or(page.len(), |end| start + end)];
    list.split("data-service=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

/// The suggestions list of a case page, as HTML.
fn suggested(page: &str) -> String {
    let Some(start) = page.find("id=\"suggestions\"") else { return String::new() };
    let end = page[start..].find("</ul>").map_or(page.len(), |e| start + e);
    page[start..end].to_string()
}

/// One day as the outcome report takes it, for a case handed off at `ms`.
fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).unwrap().date_naive().to_string()
}

#[tokio::test]
async fn the_search_is_pre_filled_from_the_case_and_lists_only_what_fits() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        // 16–18, M14, music.
        let reference = app.refer("Robin", "M14", "I play guitar").await;
        add_worker(&app, "sam@example.org", "Sam Taylor", "main", Role::Worker).await;
        let base = serve(&app).await;
        let (mut b, _) = Browser::signed_in(&base, "sam@example.org").await;
        let path = format!("/cases/{reference}");

        // An empty directory says so plainly.
        let page = b.get(&path).await;
        assert_eq!(page.status, 200, "{backend}");
        assert!(
            page.body.contains(
                "No activities in the directory yet: a service imports them with <code>linkup directory import</code>"
            ),
            "{backend}: {}",
            page.body
        );
        assert!(results(&page.body).is_empty());

        import_sample(&app).await;
        let page = b.get(&path).await.body;
        assert!(page.contains("<h2>Activities</h2>"), "{backend}");
        assert!(page.contains(r#"name="interests" value="music" checked"#), "{backend}: the case's interests");
        assert!(!page.contains(r#"name="interests" value="sport" checked"#), "{backend}");
        assert!(page.contains(r#"name="age" id="activity-age" value="16-18""#), "{backend}: the case's age band");
        assert!(page.contains(r#"name="area" id="activity-area" value="M14""#), "{backend}: the case's area");
        assert!(page.contains("Nothing suggested yet") && page.contains("No referral recorded yet"), "{backend}");
        // Music in M14 for 16–18: the music hub only; Leeds and other interests are not listed.
        assert_eq!(results(&page), ["sample-mcr-music"], "{backend}");
        assert!(page.contains("Rusholme Music Hub") && page.contains("Ages 11–18"), "{backend}");
        assert!(page.contains("Fits: Music"), "{backend}: what matched, in words");
        // Its referral kind is chosen for the worker (they can pick another).
        assert!(page.contains(r#"<option value="sport-youth" selected>Sport and youth activities</option>"#));
        assert!(page.contains(r#"<option value="other">Other</option>"#), "{backend}");

        // Outside the age range is not listed: football is for 8–16.
        let search = |age: &str, more: &str| format!("{path}?activities=1&interests=sport&age={age}&area=M14{more}");
        let page = b.get(&search("17", "")).await.body;
        assert!(results(&page).is_empty() && page.contains("id=\"no-match\""), "{backend}: {page}");
        assert!(page.contains(r#"name="interests" value="sport" checked"#), "{backend}: shown as asked");
        assert!(!page.contains(r#"name="interests" value="music" checked"#), "{backend}");
        let page = b.get(&search("14", "")).await.body;
        assert_eq!(results(&page), ["sample-mcr-football"], "{backend}");
        // A town the mapping names is an area too.
        let page = b.get(&format!("{path}?activities=1&interests=nature&age=13-15&area=leeds")).await.body;
        assert_eq!(results(&page), ["sample-leeds-nature"], "{backend}");

        // Bad input is a kind word in the section, not an error page.
        for (query, says) in [
            ("activities=1&age=abc&area=M14", "That age could not be read."),
            ("activities=1&age=999&area=M14", "That age could not be read."),
            ("activities=1&age=14&area=the+moon", "is not a postcode or a place the directory knows"),
            ("activities=1&age=&area=M14", "Give an age and an area to search"),
            ("activities=1&age=14&area=M14&interests=knitting", "not one linkup knows"),
            ("activities=1&age=14&area=M14&topics=%3Cscript%3E", "not one linkup knows"),
        ] {
            let page = b.get(&format!("{path}?{query}")).await;
            assert_eq!(page.status, 200, "{backend}: {query}");
            assert!(page.body.contains(says), "{backend}: {query} should say {says:?}");
            assert!(page.body.contains("id=\"search-problem\"") && results(&page.body).is_empty(), "{backend}");
        }
    }
}

#[tokio::test]
async fn a_worker_sends_an_activity_and_the_young_persons_interest_shows() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "I play guitar").await;
        import_sample(&app).await;
        let sam = add_worker(&app, "sam@example.org", "Sam Taylor", "main", Role::Worker).await;
        add_worker(&app, "tod@example.org", "Tod Two", "main", Role::Worker).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "sam@example.org").await;
        let path = format!("/cases/{reference}");
        assert!(b.get(&path).await.body.contains("Send to young person"), "{backend}");

        // Not in the directory: a kind word, nothing sent, and the case not claimed for it.
        let page = b.post(&format!("{path}/activities"), &[("csrf", &csrf), ("service", "no-such-thing")]).await;
        assert_eq!(page.location, format!("{path}?said=activity-gone"), "{backend}");
        assert!(b.get(&page.location).await.body.contains("That activity is no longer in the directory"));
        // The CSRF token is checked.
        let page = b.post(&format!("{path}/activities"), &[("csrf", "wrong"), ("service", "sample-mcr-music")]).await;
        assert_eq!(page.status, 403, "{backend}");
        assert!(outbox::due(&app.store.pool, "test", now_ms() + 1000, 10).await.unwrap().is_empty(), "{backend}");

        // Sending claims the waiting case and queues the activity for the young person's chat.
        let page = b.post(&format!("{path}/activities"), &[("csrf", &csrf), ("service", "sample-mcr-music")]).await;
        assert_eq!(page.location, format!("{path}?said=activity-sent"), "{backend}");
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_eq!((case.claimed_by, case.status.as_str()), (Some(sam), "in_contact"), "{backend}");
        let queued = outbox::due(&app.store.pool, "test", now_ms() + 1000, 10).await.unwrap();
        assert_eq!(queued.len(), 1, "{backend}");
        assert_eq!(queued[0].chat, app.user, "{backend}: to the young person's chat");
        let outbox::Item::Message { text, buttons, .. } = queued[0].item().unwrap() else { panic!("a message") };
        assert!(text.starts_with("Sam from the link team thought you might like this:"), "{backend}: {text}");
        assert!(text.contains("Rusholme Music Hub"), "{backend}: {text}");
        let shown = suggestions::for_case(&app.store.pool, case.id).await.unwrap();
        assert_eq!(shown.len(), 1, "{backend}");
        let id = shown[0].id;
        let pairs: Vec<(&str, String)> = buttons.iter().map(|b| (b.label.as_str(), b.payload.clone())).collect();
        assert_eq!(
            pairs,
            [("Tell me more", format!("#activity|more|{id}")), ("I'm interested", format!("#activity|yes|{id}"))],
            "{backend}"
        );
        let page = b.get(&format!("{path}?said=activity-sent")).await.body;
        assert!(page.contains("Activity sent to the young person"), "{backend}");
        let list = suggested(&page);
        assert!(list.contains("Rusholme Music Hub") && list.contains("By Sam Taylor"), "{backend}: {list}");
        assert!(list.contains(">shown</span>") && !list.contains("interested"), "{backend}: {list}");
        // The search says it was put to them already, so it is not sent twice by mistake.
        assert!(page.contains("Already suggested to them: shown"), "{backend}");
        let audit: Vec<String> =
            sqlx::query_scalar("SELECT detail FROM audit WHERE case_id = $1 AND action = 'sent activity'")
                .bind(case.id)
                .fetch_all(&app.store.pool)
                .await
                .unwrap();
        assert_eq!(audit, ["sample-mcr-music"], "{backend}");

        // Another worker may neither send nor refer on Sam's case.
        let (mut tod, tod_csrf) = Browser::signed_in(&base, "tod@example.org").await;
        let page =
            tod.post(&format!("{path}/activities"), &[("csrf", &tod_csrf), ("service", "sample-mcr-music")]).await;
        assert_eq!(page.location, format!("{path}?said=not-yours"), "{backend}");
        let page = tod
            .post(
                &format!("{path}/referrals"),
                &[("csrf", &tod_csrf), ("service", "sample-mcr-music"), ("kind", "sport-youth"), ("note", "")],
            )
            .await;
        assert_eq!(page.location, format!("{path}?said=not-yours"), "{backend}");
        assert!(tod.get(&page.location).await.body.contains("Only Sam Taylor or a lead can do that."));
        assert_eq!(outbox::due(&app.store.pool, "test", now_ms() + 1000, 10).await.unwrap().len(), 1, "{backend}");
        assert!(suggestions::referrals(&app.store.pool, case.id).await.unwrap().is_empty(), "{backend}");

        // The young person taps "I'm interested": the case page says so, plainly.
        app.press_payload(&format!("#activity|yes|{id}")).await;
        assert!(app.text().contains("Rusholme Music Hub"), "{backend}: {}", app.text());
        let page = b.get(&path).await.body;
        let list = suggested(&page);
        assert!(list.contains(r#"<li class="card interested">"#), "{backend}: {list}");
        assert!(list.contains(r#"<span class="badge state interested">★ interested</span>"#), "{backend}: {list}");
        assert!(list.contains("said they were interested"), "{backend}: {list}");
    }
}

/// Posts the "Record referral" form; returns where it leads.
async fn refer(b: &mut Browser, path: &str, csrf: &str, service: &str, kind: &str, note: &str) -> String {
    let form = [("csrf", csrf), ("service", service), ("kind", kind), ("note", note)];
    b.post(&format!("{path}/referrals"), &form).await.location
}

#[tokio::test]
async fn a_referral_is_checked_listed_and_counted_by_kind() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "I play guitar").await;
        import_sample(&app).await;
        let sam = add_worker(&app, "sam@example.org", "Sam Taylor", "main", Role::Worker).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "sam@example.org").await;
        let path = format!("/cases/{reference}");
        // Refused kindly, nothing recorded and nothing claimed: a made-up kind, a long note,
        // a service not in the directory.
        for (service, kind, note, said) in [
            ("sample-mcr-music", "made-up", String::new(), "referral-kind"),
            ("sample-mcr-music", "", String::new(), "referral-kind"),
            ("sample-mcr-music", "other", "x".repeat(501), "referral-long"),
            ("gone-away", "other", String::new(), "activity-gone"),
        ] {
            let said_now = refer(&mut b, &path, &csrf, service, kind, &note).await;
            assert_eq!(said_now, format!("{path}?said={said}"), "{backend}: {kind:?}");
        }
        let page = b.get(&format!("{path}?said=referral-kind")).await.body;
        assert!(page.contains("Please choose a kind of referral from the list: nothing was recorded."));
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert!(suggestions::referrals(&app.store.pool, case.id).await.unwrap().is_empty(), "{backend}");
        assert_eq!(case.claimed_by, None, "{backend}");

        // A good one claims the case, is listed with its kind's words and note, and audited
        // with the kind only.
        let note = format!("  {}  ", "Rang the hub: Robin starts on Tuesday.");
        let said = refer(&mut b, &path, &csrf, "sample-mcr-music", "sport-youth", &note).await;
        assert_eq!(said, format!("{path}?said=referred"), "{backend}");
        let said = refer(&mut b, &path, &csrf, "sample-uk-advice", "other", &"y".repeat(500)).await;
        assert_eq!(said, format!("{path}?said=referred"), "{backend}: 500 characters is not too long");
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert_eq!(case.claimed_by, Some(sam), "{backend}");
        let recorded = suggestions::referrals(&app.store.pool, case.id).await.unwrap();
        assert_eq!(recorded.len(), 2, "{backend}");
        assert_eq!(recorded[0].note.as_deref(), Some("Rang the hub: Robin starts on Tuesday."), "{backend}: trimmed");
        let page = b.get(&path).await.body;
        let at = page.find("id=\"referrals\"").expect("the referrals list");
        let list = &page[at..at + page[at..].find("</ul>").unwrap()];
        for part in
            ["Rusholme Music Hub", "Sport and youth activities", "Rang the hub: Robin starts on Tuesday.", "Sam Taylor"]
        {
            assert!(list.contains(part), "{backend}: {part} missing from {list}");
        }
        assert!(
            list.contains("Young People&#39;s Money and Housing Line") && list.contains(">Other<"),
            "{backend}: {list}"
        );
        let audit: Vec<String> =
            sqlx::query_scalar("SELECT detail FROM audit WHERE case_id = $1 AND action = 'referred' ORDER BY id")
                .bind(case.id)
                .fetch_all(&app.store.pool)
                .await
                .unwrap();
        assert_eq!(audit, ["sport-youth", "other"], "{backend}");

        // The outcome report counts them by kind, listing every kind.
        let (from, to) = (day(case.created_at - 86_400_000), day(case.created_at + 86_400_000));
        let period = linkup::report::Period::parse(&from, &to).unwrap();
        let linkup = &app.linkup;
        let report = linkup::report::outcomes(
            &linkup.store,
            &linkup.content.measures,
            &linkup.content.directory,
            period,
            None,
            &linkup.duty,
            linkup.config.response_days,
        )
        .await
        .unwrap();
        let count = |label: &str| report.referrals.iter().find(|(l, _)| l == label).map(|(_, n)| *n);
        assert_eq!(count("Sport and youth activities"), Some(1), "{backend}: {:?}", report.referrals);
        assert_eq!(count("Other"), Some(1), "{backend}");
        assert_eq!(count("Education and skills"), Some(0), "{backend}: every kind is listed");
        assert_eq!(report.referrals.last().map(|(l, _)| l.as_str()), Some("Other"), "{backend}");
        assert!(report.csv().contains("referral,Sport and youth activities,referrals,1\n"), "{backend}");
        let page = b.get(&format!("/reports/outcomes?from={from}&to={to}")).await.body;
        assert!(page.contains("<h2>Onward referrals</h2>"), "{backend}");
        assert!(page.contains("<tr><td>Sport and youth activities</td><td>1</td></tr>"), "{backend}: {page}");
        assert!(page.contains("<tr><td>Money and food</td><td>0</td></tr>"), "{backend}");
        assert!(page.contains(r#"<th id="referrals-total">2</th>"#), "{backend}");
        // Outside the period, none.
        let page = b.get("/reports/outcomes?from=2020-01-01&to=2020-01-31").await.body;
        assert!(page.contains("<tr><td>Sport and youth activities</td><td>0</td></tr>"), "{backend}");
    }
}

#[tokio::test]
async fn an_erased_case_takes_no_activity_and_no_referral() {
    for backend in backends() {
        let mut app = TestApp::new(backend).await;
        let reference = app.refer("Robin", "M14", "I play guitar").await;
        import_sample(&app).await;
        add_worker(&app, "sam@example.org", "Sam Taylor", "main", Role::Lead).await;
        let base = serve(&app).await;
        let (mut b, csrf) = Browser::signed_in(&base, "sam@example.org").await;
        let path = format!("/cases/{reference}");
        app.say("/delete").await;
        app.press("Yes, delete it all").await;
        let case = cases::by_reference(&app.store.pool, &reference).await.unwrap().unwrap();
        assert!(case.erased_at.is_some(), "{backend}");

        let page = b.post(&format!("{path}/activities"), &[("csrf", &csrf), ("service", "sample-mcr-music")]).await;
        assert_eq!(page.location, format!("{path}?said=erased"), "{backend}");
        let page = b
            .post(
                &format!("{path}/referrals"),
                &[("csrf", &csrf), ("service", "sample-mcr-music"), ("kind", "sport-youth"), ("note", "")],
            )
            .await;
        assert_eq!(page.location, format!("{path}?said=erased"), "{backend}");
        let page = b.get(&page.location).await.body;
        assert!(page.contains("nothing can be sent or recorded"), "{backend}");
        assert!(!page.contains("Send to young person") && !page.contains("activity-search"), "{backend}");
        let queued = outbox::due(&app.store.pool, "test", now_ms() + 1000, 10).await.unwrap();
        let sent = queued.iter().filter_map(|q| q.item()).any(|i| format!("{i:?}").contains("Rusholme"));
        assert!(!sent, "{backend}: nothing sent");
        assert!(suggestions::for_case(&app.store.pool, case.id).await.unwrap().is_empty(), "{backend}");
        assert!(suggestions::referrals(&app.store.pool, case.id).await.unwrap().is_empty(), "{backend}");
    }
}
