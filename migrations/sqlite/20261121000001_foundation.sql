-- People, conversations, the transcript and cases: the self-referral foundation.
-- Timestamps are unix milliseconds (BIGINT) and flags INTEGER, so the same queries run on
-- PostgreSQL through sqlx's Any driver.

CREATE TABLE people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    channel_user TEXT NOT NULL,
    locale TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'self',
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    UNIQUE (channel, channel_user)
);

CREATE TABLE conversations (
    person_id BIGINT PRIMARY KEY REFERENCES people (id),
    flow TEXT NOT NULL,
    state TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people (id),
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    step TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX messages_by_person ON messages (person_id, id);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    flow TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    urgent INTEGER NOT NULL DEFAULT 0,
    partial INTEGER NOT NULL DEFAULT 0,
    locale TEXT NOT NULL,
    preferred_name TEXT,
    age_band TEXT,
    area TEXT,
    area_kind TEXT,
    what_matters TEXT,
    topics TEXT NOT NULL DEFAULT '[]',
    interests TEXT NOT NULL DEFAULT '[]',
    help TEXT NOT NULL DEFAULT '[]',
    contact_method TEXT,
    contact_times TEXT NOT NULL DEFAULT '[]',
    phone TEXT,
    answers TEXT NOT NULL DEFAULT '{}',
    consent_at BIGINT,
    consent_version TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_queue ON cases (status, urgent, created_at);

CREATE TABLE case_scores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    measure TEXT NOT NULL,
    item TEXT NOT NULL,
    score BIGINT NOT NULL,
    band TEXT,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX case_scores_by_case ON case_scores (case_id);
