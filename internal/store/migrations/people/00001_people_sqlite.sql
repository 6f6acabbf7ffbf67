-- people: who may sign in, their sessions, their failed sign-ins and
-- their personal access tokens. Times are UTC text of fixed width
-- (2006-01-02T15:04:05.000000000Z), so that text order is time order.
-- Ids are an INTEGER PRIMARY KEY AUTOINCREMENT, never reused.

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
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL,
    at    TEXT NOT NULL
);
CREATE INDEX failed_sign_ins_name ON failed_sign_ins (name, at);

-- tokens: personal access tokens for the JSON API, kept as their SHA-256.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    user_name  TEXT NOT NULL REFERENCES users (name),
    hash       TEXT NOT NULL UNIQUE,
    created    TEXT NOT NULL,
    expires    TEXT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE tokens;
DROP TABLE failed_sign_ins;
DROP TABLE sessions;
DROP TABLE users;
