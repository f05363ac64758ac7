-- One inbox for every channel: a payload is stored here, unique by its channel and the
-- channel's own id for it (Telegram's update_id, a web post's client message id), before the
-- channel is told it arrived. `seq` is the channel's own order number when it has one (polling
-- resumes after the highest). Existing Telegram updates move across unchanged.
CREATE TABLE inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    external_id TEXT NOT NULL,
    seq BIGINT,
    chat TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    processed_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (channel, external_id)
);
INSERT INTO inbox (channel, external_id, seq, chat, payload, received_at, processed_at, attempts, last_error)
SELECT 'telegram', CAST(update_id AS TEXT), update_id, chat, payload, received_at, processed_at, attempts, last_error
FROM telegram_inbox ORDER BY telegram_inbox.update_id;
DROP TABLE telegram_inbox;
CREATE INDEX inbox_pending ON inbox (processed_at, channel, chat, id);
