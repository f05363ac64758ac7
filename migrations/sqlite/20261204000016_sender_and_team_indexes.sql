-- The sender's look at what is still ahead of a message in its chat (`outbox::due_runs`,
-- `outbox::claim_many`) reads only the chat's undelivered rows, never its delivered history.
CREATE INDEX IF NOT EXISTS outbox_undelivered ON outbox (channel, chat, id) WHERE status IN ('queued', 'sending');

-- The admin's team filter lists the teams cases are in (`workers::teams`) a team at a time.
CREATE INDEX IF NOT EXISTS cases_by_team ON cases (team);
