-- people: who may sign in, their sessions and their failed sign-ins.
-- Times are UTC text of fixed width (2006-01-02T15:04:05.000000000Z),
-- so that text order is time order.
-- Personal access tokens, whose ids differ between the engines, are in 00002.

-- +goose Up
CREATE TABLE users (
    name           TEXT PRIMARY KEY,
    display_name   TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL,
    agency         TEXT NOT NULL DEFAULT '',   -- a partner's agency
    disabled       INTEGER NOT NULL DEFAULT 0, -- 1 when they may no longer sign in
    password_hash  TEXT NOT NULL DEFAULT '',   -- argon2id, PHC string; blank for an identity provider's user
    subject        TEXT NOT NULL DEFAULT '',   -- the identity provider's subject; blank for a local account
    created        TEXT NOT NULL
);

-- sessions: the server's side of a signed-in browser. hash is the SHA-256
-- of the secret in the cookie; the secret itself is never stored.
CREATE TABLE sessions (
    hash       TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users (name),
    created    TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);

-- failed_sign_ins: each failed attempt by the name tried (which need not
-- be a user's), never the password, for the lockout.
CREATE TABLE failed_sign_ins (
    name  TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX failed_sign_ins_name ON failed_sign_ins (name, at);

-- +goose Down
DROP TABLE failed_sign_ins;
DROP TABLE sessions;
DROP TABLE users;
