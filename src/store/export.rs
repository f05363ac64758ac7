//! A young person's copy of their data (`/mydata`): every row of every table that belongs to
//! them, found from the database's own catalogue, so a table added later is included without
//! anyone remembering to add it here.
//!
//! A row belongs to a person when its table has a `person_id` column equal to theirs, a
//! `case_id` of one of their cases, or (for raw payloads of any channel) their channel and chat.

use serde_json::{Map, Value};
use sqlx::{AssertSqlSafe, Column, Row};

use super::{Backend, Result, Store, Tx};

/// Tables that are not about one young person: link workers' accounts and sessions, sign-in
/// secrets (a web chat session is a token's hash and a CSRF token: nothing about the person, and
/// nothing a copy should carry), and the activities directory (local services).
const NOT_PERSONAL: &[&str] = &[
    "workers",
    "sessions",
    "login_failures",
    "channel_sessions",
    "_sqlx_migrations",
    "directory_services",
    "directory_service_areas",
    "directory_locations",
    "directory_terms",
];

/// Every table and its columns.
pub async fn catalogue(store: &Store) -> Result<Vec<(String, Vec<String>)>> {
    let mut conn = store.pool.acquire().await?;
    catalogue_on(store.backend, &mut conn).await
}

/// As [`catalogue`], on a connection the caller holds (the transaction an export reads in): an
/// export never waits for a second connection from the pool while it holds the first.
async fn catalogue_on(backend: Backend, conn: &mut sqlx::AnyConnection) -> Result<Vec<(String, Vec<String>)>> {
    let tables: Vec<String> = match backend {
        Backend::Sqlite => {
            sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .fetch_all(&mut *conn)
            .await?
        }
        Backend::Postgres => {
            sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
            )
            .fetch_all(&mut *conn)
            .await?
        }
    };
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> = match backend {
            // Table names come from the catalogue itself, never from input.
            Backend::Sqlite => {
                sqlx::query_scalar(AssertSqlSafe(format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid")))
                    .fetch_all(&mut *conn)
                    .await?
            }
            Backend::Postgres => {
                sqlx::query_scalar(
                    "SELECT column_name::text FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                )
                .bind(&table)
                .fetch_all(&mut *conn)
                .await?
            }
        };
        out.push((table, columns));
    }
    Ok(out)
}

/// Everything stored about a person, table by table, as JSON, read in `tx`.
pub async fn person(store: &Store, tx: &mut Tx<'_>, person: i64) -> Result<Value> {
    let mut tables = Map::new();
    for (table, columns) in catalogue_on(store.backend, tx).await? {
        if NOT_PERSONAL.contains(&table.as_str()) {
            continue;
        }
        let has = |c: &str| columns.iter().any(|x| x == c);
        let condition = if table == "people" {
            "id = $1"
        } else if has("person_id") {
            "person_id = $1"
        } else if has("case_id") {
            "case_id IN (SELECT id FROM cases WHERE person_id = $1)"
        } else if table == "inbox" {
            // A row-value IN, not a correlated EXISTS, so inbox_by_chat finds the rows.
            "(channel, chat) IN (SELECT channel, channel_user FROM people WHERE id = $1)"
        } else {
            continue;
        };
        let rows = sqlx::query(AssertSqlSafe(format!("SELECT * FROM {table} WHERE {condition}")))
            .bind(person)
            .fetch_all(&mut **tx)
            .await?;
        let rows: Vec<Value> = rows.iter().map(row_json).collect();
        if !rows.is_empty() {
            tables.insert(table, Value::Array(rows));
        }
    }
    Ok(Value::Object(tables))
}

fn row_json(row: &sqlx::any::AnyRow) -> Value {
    let mut object = Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else {
            Value::String("(not readable as text)".into())
        };
        object.insert(column.name().to_string(), value);
    }
    Value::Object(object)
}
