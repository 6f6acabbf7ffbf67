-- audit.id assigned by the database (SQLite): an INTEGER PRIMARY KEY
-- AUTOINCREMENT is the row id, never reused. SQLite cannot change a
-- column's type in place, so the log is copied into a new table.

-- +goose Up
CREATE TABLE audit_new (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    reason   TEXT NOT NULL
);
INSERT INTO audit_new (id, at, who, action, subject, reason)
    SELECT id, at, who, action, subject, reason FROM audit ORDER BY id;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;

-- +goose Down
CREATE TABLE audit_old (
    id       BIGINT PRIMARY KEY,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    reason   TEXT NOT NULL
);
INSERT INTO audit_old (id, at, who, action, subject, reason)
    SELECT id, at, who, action, subject, reason FROM audit ORDER BY id;
DROP TABLE audit;
ALTER TABLE audit_old RENAME TO audit;
