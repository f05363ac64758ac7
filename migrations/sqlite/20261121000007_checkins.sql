-- Wellbeing check-ins after the hand-off. A schedule per case, for young people who said yes
-- to check-ins; `next_at` is the next reminder (NULL once finished or stopped). A reminder is
-- sent by whichever replica moves `next_at` on first (compare-and-set), so it goes once.
CREATE TABLE checkin_schedules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people (id),
    case_id BIGINT NOT NULL REFERENCES cases (id),
    started_at BIGINT NOT NULL,
    until_at BIGINT NOT NULL,
    next_at BIGINT,
    reminders_sent BIGINT NOT NULL DEFAULT 0,
    last_reminded_at BIGINT,
    snoozes BIGINT NOT NULL DEFAULT 0,
    stopped_at BIGINT
);
CREATE UNIQUE INDEX checkin_schedules_one_per_case ON checkin_schedules (case_id);
CREATE INDEX checkin_schedules_due ON checkin_schedules (next_at);

-- One check-in: asked for (/checkin) or after a reminder. Its answers are case_scores rows
-- with its id; the hand-off's own scores have none.
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people (id),
    case_id BIGINT NOT NULL REFERENCES cases (id),
    measure TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX checkins_by_person ON checkins (person_id);

ALTER TABLE case_scores ADD COLUMN checkin_id BIGINT REFERENCES checkins (id);
