-- Sessions of channels that have no accounts of their own (the web chat): a browser's cookie
-- holds a random token, kept here only as its hash, tied to a random chat id (the person's id
-- on that channel). A chat may have several sessions (a phone and a laptop): a "come back code"
-- made from a session's token opens a new session on another device; only its hash is kept.
-- Erasure deletes a person's sessions by channel and chat.
CREATE TABLE channel_sessions (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    chat TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    return_hash TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX channel_sessions_chat ON channel_sessions (channel, chat);
CREATE INDEX channel_sessions_return ON channel_sessions (channel, return_hash);
