-- Safeguarding flags: what a message disclosed, the exact words, and who cleared it (never
-- cleared automatically). A flag raised before any case exists is attached at hand-off.
CREATE TABLE risk_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people (id),
    case_id BIGINT REFERENCES cases (id),
    category TEXT NOT NULL,
    level TEXT NOT NULL,
    denial INTEGER NOT NULL DEFAULT 0,
    rule TEXT NOT NULL,
    matched TEXT NOT NULL,
    words TEXT NOT NULL,
    step TEXT,
    created_at BIGINT NOT NULL,
    cleared_at BIGINT,
    cleared_by TEXT,
    clear_note TEXT
);
CREATE INDEX risk_flags_by_person ON risk_flags (person_id);
CREATE INDEX risk_flags_by_case ON risk_flags (case_id);
