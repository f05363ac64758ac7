-- The link-worker dashboard: accounts, sessions, failed logins (for rate limiting), and on
-- each case its team, who holds it, status history, notes and an audit of every view and change.

CREATE TABLE workers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    team TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled_at BIGINT
);

-- Only a hash of the session token is stored: a copy of the database cannot be used to log in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    worker_id BIGINT NOT NULL REFERENCES workers (id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_worker ON sessions (worker_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, at);
CREATE INDEX login_failures_by_ip ON login_failures (ip, at);

ALTER TABLE cases ADD COLUMN team TEXT NOT NULL DEFAULT 'main';
ALTER TABLE cases ADD COLUMN claimed_by BIGINT REFERENCES workers (id);
ALTER TABLE cases ADD COLUMN outcome TEXT;
ALTER TABLE cases ADD COLUMN closed_at BIGINT;
ALTER TABLE cases ADD COLUMN first_contact_at BIGINT;
-- The young person's latest message to their link worker, and the latest message the worker
-- had seen when they last opened the case (transcript ids): "new message" in the queue.
ALTER TABLE cases ADD COLUMN last_inbound_message BIGINT;
ALTER TABLE cases ADD COLUMN worker_seen_message BIGINT;

-- While a link worker is in contact, the young person's messages go to the case, not the flow;
-- /menu sets this back to 0.
ALTER TABLE people ADD COLUMN with_worker INTEGER NOT NULL DEFAULT 0;

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    worker_id BIGINT REFERENCES workers (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    note TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

CREATE TABLE case_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases (id),
    worker_id BIGINT NOT NULL REFERENCES workers (id),
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX case_notes_by_case ON case_notes (case_id, id);

-- Who looked at or changed what, and when. Details name statuses and outcomes, never content.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    worker_id BIGINT REFERENCES workers (id),
    case_id BIGINT REFERENCES cases (id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX audit_by_case ON audit (case_id, id);
CREATE INDEX audit_by_worker ON audit (worker_id, id);
