-- Data rights: a young person can pause everything (/stop) and erase their data (/delete).
-- An erased case keeps only what anonymous counts need (reference, source, dates, status).
ALTER TABLE people ADD COLUMN paused_at BIGINT;
ALTER TABLE people ADD COLUMN erased_at BIGINT;
ALTER TABLE cases ADD COLUMN erased_at BIGINT;
