-- Telegram updates are stored here before Telegram is told they arrived, and processed once,
-- in order per chat. Replies are queued in the outbox in the same transaction as the state
-- change that caused them, and a sender delivers them with retries.
CREATE TABLE telegram_inbox (
    update_id BIGINT PRIMARY KEY,
    chat TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    processed_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX telegram_inbox_pending ON telegram_inbox (processed_at, chat, update_id);

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id),
    channel TEXT NOT NULL,
    chat TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_error TEXT,
    sent_message_id TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_chat ON outbox (channel, chat, id);

ALTER TABLE people ADD COLUMN unreachable BIGINT NOT NULL DEFAULT 0;
