-- Activities from the directory put to a young person, and onward referrals a link worker
-- records. A suggestion keeps the service as it was shown (JSON), so its buttons still work
-- after a re-import; what the young person did with it is the two times.
CREATE TABLE case_suggestions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    service_id TEXT NOT NULL,
    name TEXT NOT NULL,
    service TEXT NOT NULL,
    -- The link worker who sent it; NULL when the bot offered it at the hand-off.
    worker_id BIGINT REFERENCES workers (id),
    shown_at BIGINT NOT NULL,
    more_at BIGINT,
    interested_at BIGINT
);
CREATE INDEX case_suggestions_by_case ON case_suggestions (case_id, id);

-- An onward referral: the case, the service (as named then) and its kind for the outcome
-- report. Erasure blanks the service and note and keeps the kind and time for the counts.
CREATE TABLE case_referrals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    service_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    note TEXT,
    worker_id BIGINT REFERENCES workers (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_referrals_by_case ON case_referrals (case_id, id);
CREATE INDEX case_referrals_by_time ON case_referrals (created_at);
