//! A young person's data as linkup holds it, for the data-rights flow
//! (`flows/data-rights.toml`, run in [`super::side`]): the file of everything stored, the
//! summary's words, and the copy a channel hands over when asked (the web chat's download).

use serde_json::json;

use super::Linkup;
use crate::message::Arg;
use crate::store::{self, export};

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &["mydata-file", "mydata-summary", "mydata-nothing"];

/// The file of a young person's data: its name, and everything stored, table by table.
pub(super) fn my_data_file(data: &serde_json::Value, now: i64) -> (String, String) {
    let file = json!({
        "about": "Everything linkup has stored about you, table by table.",
        "made_at": crate::time::date(now),
        "data": data,
    });
    (format!("linkup-my-data-{}.json", crate::time::date(now)), serde_json::to_string_pretty(&file).unwrap_or_default())
}

/// The summary's arguments (`mydata-summary`, `mydata-nothing`) from the export: the latest
/// case's details and how many messages and scores there are.
pub(super) fn summary_args(data: &serde_json::Value) -> Vec<(String, Arg)> {
    let case = data["cases"].as_array().and_then(|c| c.last()).cloned().unwrap_or_default();
    let count = |table: &str| data[table].as_array().map_or(0, Vec::len) as i64;
    let text_of = |v: &serde_json::Value| v.as_str().filter(|s| !s.is_empty()).unwrap_or("—").to_string();
    let consent = case["consent_at"].as_i64().map_or("—".to_string(), crate::time::date);
    let str_arg = |name: &str, value: String| (name.to_string(), Arg::Str(value));
    vec![
        str_arg("reference", text_of(&case["reference"])),
        str_arg("name", text_of(&case["preferred_name"])),
        str_arg("age", text_of(&case["age_band"])),
        str_arg("area", text_of(&case["area"])),
        str_arg("contact", text_of(&case["contact_method"])),
        str_arg("phone", text_of(&case["phone"])),
        str_arg("consent", consent),
        str_arg("shared", case["shared_without_consent"].as_str().unwrap_or("none").to_string()),
        ("messages".to_string(), Arg::Num(count("messages"))),
        ("scores".to_string(), Arg::Num(count("case_scores"))),
    ]
}

impl Linkup {
    /// A person's copy of their data as a file, read now: for a channel that hands files over
    /// when asked (the web chat's download) rather than sending them.
    pub async fn my_data_now(&self, person: i64, now: i64) -> Result<(String, String), store::Error> {
        let mut tx = self.store.begin().await?;
        let data = export::person(&self.store, &mut tx, person).await?;
        tx.commit().await?;
        Ok(my_data_file(&data, now))
    }
}
