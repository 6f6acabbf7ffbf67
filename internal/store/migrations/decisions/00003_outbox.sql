-- notify_outbox: each notice, reminder and escalation email, by the key
-- package notify gives it ("notice/12", "reminder/12/3",
-- "escalation/12"). A runner claims a key by inserting its row before
-- sending, so that two runners at once send it once; sent is filled in
-- once the mail server has taken it, and a claim never sent is released
-- (deleted) or, after a crash, taken over once it is stale.

-- +goose Up
CREATE TABLE notify_outbox (
    key        TEXT PRIMARY KEY,
    notice_id  BIGINT NOT NULL,
    claimed    TEXT NOT NULL,           -- fixed-width UTC
    sent       TEXT NOT NULL DEFAULT '' -- fixed-width UTC; blank until sent
);

-- +goose Down
DROP TABLE notify_outbox;
