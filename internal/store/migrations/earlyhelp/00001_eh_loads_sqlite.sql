-- The early help and HAF files' history of loads and stored years, as the
-- CIN census's are, in tables of their own. eh_loads.id is an INTEGER PRIMARY KEY AUTOINCREMENT, never reused.

-- +goose Up
CREATE TABLE eh_loads (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    loaded_at      TEXT NOT NULL,  -- RFC 3339, UTC
    files          TEXT NOT NULL,  -- JSON array of file names
    la             TEXT NOT NULL,
    years          TEXT NOT NULL,  -- JSON array of collection years (2026 for 2025/26)
    counts         TEXT NOT NULL,  -- JSON: children, episodes, inserted, replaced, unchanged, deleted, tables
    loaded_by      TEXT NOT NULL DEFAULT '',
    identified_by  TEXT NOT NULL DEFAULT ''
);

-- eh_returns: which years are stored, which of the two files each had
-- (as JSON) and the load that last changed it.
CREATE TABLE eh_returns (
    year       INTEGER PRIMARY KEY,
    la         TEXT NOT NULL,
    load_id    BIGINT NOT NULL REFERENCES eh_loads (id),
    tables     TEXT NOT NULL
);

-- +goose Down
DROP TABLE eh_returns;
DROP TABLE eh_loads;
