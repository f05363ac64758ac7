//! What the outcome report reads: the cases handed off in a period, and their scores from the
//! hand-off and from finished check-ins.

use sqlx::{AnyPool, FromRow};

use super::Result;

#[derive(Debug, Clone, FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub source: String,
    pub team: String,
    pub area: Option<String>,
    pub area_kind: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: super::cases::Status,
    pub outcome: Option<String>,
    pub created_at: i64,
    pub first_contact_at: Option<i64>,
    pub closed_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct ScoreRow {
    pub case_id: i64,
    /// None: the hand-off's answers.
    pub checkin_id: Option<i64>,
    pub measure: String,
    pub item: String,
    pub score: i64,
    pub at: i64,
}

/// Cases handed off in `from..to` (unix ms), of `team` or every team.
pub async fn cases(pool: &AnyPool, from: i64, to: i64, team: Option<&str>) -> Result<Vec<CaseRow>> {
    Ok(sqlx::query_as::<_, CaseRow>(
        "SELECT id, source, team, area, area_kind, status, outcome, created_at, first_contact_at, closed_at
         FROM cases WHERE created_at >= $1 AND created_at < $2 AND ($3 = '' OR team = $3) ORDER BY id",
    )
    .bind(from)
    .bind(to)
    .bind(team.unwrap_or_default())
    .fetch_all(pool)
    .await?)
}

/// The scores that count for those cases: the hand-off's and finished check-ins', oldest first.
pub async fn scores(pool: &AnyPool, from: i64, to: i64, team: Option<&str>) -> Result<Vec<ScoreRow>> {
    Ok(sqlx::query_as::<_, ScoreRow>(
        "SELECT s.case_id, s.checkin_id, s.measure, s.item, s.score, COALESCE(k.completed_at, s.recorded_at) AS at
         FROM case_scores s JOIN cases c ON c.id = s.case_id LEFT JOIN checkins k ON k.id = s.checkin_id
         WHERE c.created_at >= $1 AND c.created_at < $2 AND ($3 = '' OR c.team = $3)
           AND (s.checkin_id IS NULL OR k.completed_at IS NOT NULL)
         ORDER BY s.case_id, COALESCE(k.completed_at, s.recorded_at), s.id",
    )
    .bind(from)
    .bind(to)
    .bind(team.unwrap_or_default())
    .fetch_all(pool)
    .await?)
}
