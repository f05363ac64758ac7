-- A young person may withdraw their consent: the case closes and nothing more is sent to them
-- by link workers or check-ins until they refer themselves again.
ALTER TABLE cases ADD COLUMN consent_withdrawn_at BIGINT;
