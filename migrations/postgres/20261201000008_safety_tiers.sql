-- The safety check's tiers: which decided a flag (rules, learned, context, question), the
-- learned tier's probability, and the young person's answer when they were asked directly.
ALTER TABLE risk_flags ADD COLUMN tier TEXT NOT NULL DEFAULT 'rules';
ALTER TABLE risk_flags ADD COLUMN score_milli BIGINT;
ALTER TABLE risk_flags ADD COLUMN answer TEXT;
CREATE INDEX risk_flags_by_person_time ON risk_flags (person_id, created_at);
