-- Indexes for the queries run per message, per send and per dashboard refresh, which read
-- whole tables before (tests/indexes.rs checks every such query's plan; docs/performance.md).
-- A person's cases, latest first: open_for_person, consented, latest_reference, check-ins, erasure.
CREATE INDEX IF NOT EXISTS cases_by_person ON cases (person_id, id);
-- A person's queued messages: delivery ticks on the case page, unreachable, /mydata, erasure.
CREATE INDEX IF NOT EXISTS outbox_by_person ON outbox (person_id);
-- A person's check-in schedule: stop, snooze, reminders_running, erasure.
CREATE INDEX IF NOT EXISTS checkin_schedules_by_person ON checkin_schedules (person_id);
-- A check-in's answers so far, asked after every answer.
CREATE INDEX IF NOT EXISTS case_scores_by_checkin ON case_scores (checkin_id);
-- Open flags for the queue's badges (covering: no table read).
CREATE INDEX IF NOT EXISTS risk_flags_open ON risk_flags (cleared_at, case_id, category);
-- The audit page by time, newest first.
CREATE INDEX IF NOT EXISTS audit_by_at ON audit (at, id);
-- Tidying at every sign-in: expired sessions and old failed sign-ins.
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
CREATE INDEX IF NOT EXISTS login_failures_by_at ON login_failures (at);
-- A chat's payloads whatever their state: /mydata and erasure.
CREATE INDEX IF NOT EXISTS inbox_by_chat ON inbox (channel, chat);
