-- Sessions of channels that have no accounts of their own (the web chat): a browser's cookie
-- holds a random token, kept here only as its hash, tied to a random chat id (the person's id
-- on that channel). Erasure deletes a person's sessions by channel and chat.
CREATE TABLE channel_sessions (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    chat TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    UNIQUE (channel, chat)
);
