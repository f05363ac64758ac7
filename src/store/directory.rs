//! The activities directory: services imported from Open Referral UK with their areas, postcodes and taxonomy terms; an import written in one transaction.

use sqlx::{AnyPool, FromRow};

use super::{Result, Tx};
use crate::directory::{Postcode, Service, ServiceArea, Term};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
}

#[derive(FromRow)]
struct Row {
    id: String,
    name: String,
    description: String,
    organisation: String,
    url: String,
    email: String,
    status: String,
    application_process: String,
    minimum_age: Option<i64>,
    maximum_age: Option<i64>,
    cost: String,
    free: i64,
    schedule: String,
    contact: String,
}

/// Every service, by name, with its areas, postcodes and terms.
pub async fn load(pool: &AnyPool) -> Result<Vec<Service>> {
    let mut conn = pool.acquire().await?;
    load_in(&mut conn).await
}

/// As [`load`], on a connection or in a transaction.
pub async fn load_in(conn: &mut sqlx::AnyConnection) -> Result<Vec<Service>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, description, organisation, url, email, status, application_process, minimum_age,
                maximum_age, cost, free, schedule, contact
         FROM directory_services ORDER BY name, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let areas: Vec<(String, String, String)> =
        sqlx::query_as("SELECT service_id, name, extent FROM directory_service_areas ORDER BY service_id, position")
            .fetch_all(&mut *conn)
            .await?;
    let locations: Vec<(String, String, String)> =
        sqlx::query_as("SELECT service_id, postcode, district FROM directory_locations ORDER BY service_id, position")
            .fetch_all(&mut *conn)
            .await?;
    let terms: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT service_id, term_id, code, name, vocabulary FROM directory_terms ORDER BY service_id, position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let age = |a: Option<i64>| a.and_then(|a| u32::try_from(a).ok());
    Ok(rows
        .into_iter()
        .map(|r| Service {
            areas: areas
                .iter()
                .filter(|a| a.0 == r.id)
                .map(|a| ServiceArea { name: a.1.clone(), extent: a.2.clone() })
                .collect(),
            postcodes: locations
                .iter()
                .filter(|l| l.0 == r.id)
                .map(|l| Postcode { postcode: l.1.clone(), district: l.2.clone() })
                .collect(),
            terms: terms
                .iter()
                .filter(|t| t.0 == r.id)
                .map(|t| Term { id: t.1.clone(), code: t.2.clone(), name: t.3.clone(), vocabulary: t.4.clone() })
                .collect(),
            minimum_age: age(r.minimum_age),
            maximum_age: age(r.maximum_age),
            free: r.free != 0,
            id: r.id,
            name: r.name,
            description: r.description,
            organisation: r.organisation,
            url: r.url,
            email: r.email,
            status: r.status,
            how: r.application_process,
            cost: r.cost,
            schedule: r.schedule,
            contact: r.contact,
        })
        .collect())
}

/// Makes the directory exactly `services`, in one transaction: new ids added, changed ones
/// updated in place (`updated_at` now), ids absent from `services` removed.
pub async fn replace_all(pool: &AnyPool, services: &[Service], now: i64) -> Result<Imported> {
    let mut tx = pool.begin().await?;
    let before = load_in(&mut tx).await?;
    let mut done = Imported::default();
    for service in services {
        match before.iter().find(|b| b.id == service.id) {
            Some(old) if old == service => done.unchanged += 1,
            found => {
                // New or changed: written in place by id, its areas, places and terms anew.
                sqlx::query(
                    "INSERT INTO directory_services (id, name, description, organisation, url, email, minimum_age,
                         maximum_age, cost, free, schedule, contact, updated_at, status, application_process)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                         organisation = excluded.organisation, url = excluded.url, email = excluded.email,
                         minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age,
                         cost = excluded.cost, free = excluded.free, schedule = excluded.schedule,
                         contact = excluded.contact, updated_at = excluded.updated_at, status = excluded.status,
                         application_process = excluded.application_process",
                )
                .bind(&service.id)
                .bind(&service.name)
                .bind(&service.description)
                .bind(&service.organisation)
                .bind(&service.url)
                .bind(&service.email)
                .bind(service.minimum_age.map(i64::from))
                .bind(service.maximum_age.map(i64::from))
                .bind(&service.cost)
                .bind(i64::from(service.free))
                .bind(&service.schedule)
                .bind(&service.contact)
                .bind(now)
                .bind(&service.status)
                .bind(&service.how)
                .execute(&mut *tx)
                .await?;
                if found.is_some() {
                    delete_children(&mut tx, &service.id).await?;
                    done.changed += 1;
                } else {
                    done.added += 1;
                }
                write_children(&mut tx, service).await?;
            }
        }
    }
    for old in before.iter().filter(|b| !services.iter().any(|s| s.id == b.id)) {
        delete_children(&mut tx, &old.id).await?;
        sqlx::query("DELETE FROM directory_services WHERE id = $1").bind(&old.id).execute(&mut *tx).await?;
        done.removed += 1;
    }
    tx.commit().await?;
    Ok(done)
}

async fn delete_children(tx: &mut Tx<'_>, id: &str) -> Result<()> {
    for table in ["directory_service_areas", "directory_locations", "directory_terms"] {
        let sql = format!("DELETE FROM {table} WHERE service_id = $1");
        // The table names are the constants above.
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

async fn write_children(tx: &mut Tx<'_>, service: &Service) -> Result<()> {
    for (i, a) in service.areas.iter().enumerate() {
        sqlx::query("INSERT INTO directory_service_areas (service_id, position, name, extent) VALUES ($1, $2, $3, $4)")
            .bind(&service.id)
            .bind(i as i64)
            .bind(&a.name)
            .bind(&a.extent)
            .execute(&mut **tx)
            .await?;
    }
    for (i, p) in service.postcodes.iter().enumerate() {
        sqlx::query(
            "INSERT INTO directory_locations (service_id, position, postcode, district) VALUES ($1, $2, $3, $4)",
        )
        .bind(&service.id)
        .bind(i as i64)
        .bind(&p.postcode)
        .bind(&p.district)
        .execute(&mut **tx)
        .await?;
    }
    for (i, t) in service.terms.iter().enumerate() {
        sqlx::query(
            "INSERT INTO directory_terms (service_id, position, term_id, code, name, vocabulary)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&service.id)
        .bind(i as i64)
        .bind(&t.id)
        .bind(&t.code)
        .bind(&t.name)
        .bind(&t.vocabulary)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
