-- audit: every view of a child's record, with who looked, when and why.
-- Rows are only ever added. IF NOT EXISTS lets a store made when every
-- module shared one goose table adopt this module's own without change.

-- +goose Up
CREATE TABLE IF NOT EXISTS audit (
    id       BIGINT PRIMARY KEY,  -- assigned by the database from 00002
    at       TEXT NOT NULL,  -- RFC 3339, UTC
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,  -- what was done, such as "view journey"
    subject  TEXT NOT NULL,  -- whose record: the child's ID
    reason   TEXT NOT NULL
);

-- +goose Down
DROP TABLE audit;
