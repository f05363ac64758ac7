//! A young person's data as linkup holds it, for the data-rights flow
//! (`flows/data-rights.toml`, run in [`super::side`]): the file of everything stored, the
//! summary's words, and the copy a channel hands over when asked (the web chat's download).

use serde_json::json;

use super::Linkup;
use crate::message::Arg;
use crate::store::{self, export};

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &["mydata-file", "mydata-summary", "mydata-nothing"];

/// The file of a young person's data: its name, and everything stored, table by table, with
/// every time written as a date and time people read ("2026-11-21 17:03:05 UTC"), not a count
/// of milliseconds.
pub(super) fn my_data_file(data: &serde_json::Value, now: i64) -> (String, String) {
    let file = json!({
        "about": "Everything linkup has stored about you, table by table. Times are UTC.",
        "made_at": crate::time::date(now),
        "data": readable_times(data.clone()),
    });
    (format!("linkup-my-data-{}.json", crate::time::date(now)), serde_json::to_string_pretty(&file).unwrap_or_default())
}

/// Columns that hold JSON as text.
const JSON_COLUMNS: &[&str] = &["meta", "state", "payload"];

/// Every column holding a time (`*_at`, `at`) as text with seconds, in UTC; JSON stored as
/// text opened up.
fn readable_times(mut value: serde_json::Value) -> serde_json::Value {
    match &mut value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let is_time = key == "at" || key.ends_with("_at");
                // JSON linkup keeps as text (a conversation's state, a message's details, a raw
                // update) is shown as the JSON it is, so its times are read the same way. Only
                // those columns, and only objects: a young person's own words stay as typed.
                let nested = v
                    .as_str()
                    .filter(|t| JSON_COLUMNS.contains(&key.as_str()) && t.starts_with('{'))
                    .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                    .filter(serde_json::Value::is_object);
                match (v.as_i64(), nested) {
                    (Some(ms), _) if is_time => *v = serde_json::Value::String(crate::time::utc_seconds(ms)),
                    (_, Some(inner)) => *v = readable_times(inner),
                    _ => *v = readable_times(v.take()),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for v in items.iter_mut() {
                *v = readable_times(v.take());
            }
        }
        _ => {}
    }
    value
}

/// The summary's arguments (`mydata-summary`, `mydata-nothing`) from the export: the latest
/// case's details, chosen answers in the young person's words (not their ids), and how many
/// messages and scores there are.
pub(super) fn summary_args(data: &serde_json::Value, content: &super::Content, locale: &str) -> Vec<(String, Arg)> {
    let case = data["cases"].as_array().and_then(|c| c.last()).cloned().unwrap_or_default();
    let count = |table: &str| data[table].as_array().map_or(0, Vec::len) as i64;
    let text_of = |v: &serde_json::Value| v.as_str().filter(|s| !s.is_empty()).unwrap_or("—").to_string();
    let flow = case["flow"].as_str().unwrap_or_default();
    let label = |key: &str, v: &serde_json::Value| match v.as_str().filter(|s| !s.is_empty()) {
        Some(id) => content.option_label_in(locale, flow, key, id),
        None => "—".to_string(),
    };
    let consent = case["consent_at"].as_i64().map_or("—".to_string(), crate::time::date);
    let str_arg = |name: &str, value: String| (name.to_string(), Arg::Str(value));
    vec![
        str_arg("reference", text_of(&case["reference"])),
        str_arg("name", text_of(&case["preferred_name"])),
        str_arg("age", label(super::keys::AGE_BAND, &case["age_band"])),
        str_arg("area", text_of(&case["area"])),
        str_arg("contact", label(super::keys::CONTACT_METHOD, &case["contact_method"])),
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
