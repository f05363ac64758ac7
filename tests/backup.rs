//! `linkup backup FILE`: a copy of the SQLite database made while it is open, which opens as
//! linkup and holds the cases; it never overwrites, and a PostgreSQL database is pointed at
//! pg_dump without being touched.

use linkup::store::{Store, cases};

use crate::support::{TestApp, linkup};

#[tokio::test]
async fn a_backup_is_a_working_copy_and_never_overwrites() {
    let mut app = TestApp::new("sqlite").await;
    let reference = app.refer("Robin", "M14", "football").await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let copy_arg = copy.to_str().unwrap();
    // The app's pool is still open: the copy is made online.
    let out = linkup(&app.db.url, &["backup", copy_arg], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Backed up to"));
    let restored = Store::connect(&format!("sqlite://{copy_arg}")).await.unwrap();
    let case = cases::by_reference(&restored.pool, &reference).await.unwrap().expect("the case is in the copy");
    assert_eq!(case.preferred_name.as_deref(), Some("Robin"));
    restored.close().await;

    let again = linkup(&app.db.url, &["backup", copy_arg], "");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));

    let pg = linkup("postgres://nobody@127.0.0.1:1/none", &["backup", "x.db"], "");
    assert!(!pg.status.success() && String::from_utf8_lossy(&pg.stderr).contains("pg_dump"));
}
