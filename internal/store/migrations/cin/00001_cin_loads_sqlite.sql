-- The CIN census's history of loads and its stored years (SQLite), as
-- the SSDA903's loads and returns are, in tables of their own: the
-- module's loads and years never mix with the 903's. cin_loads.id is an
-- INTEGER PRIMARY KEY AUTOINCREMENT, assigned by the database and never
-- reused.

-- +goose Up
CREATE TABLE cin_loads (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    loaded_at      TEXT NOT NULL,  -- RFC 3339, UTC
    files          TEXT NOT NULL,  -- JSON array of file names
    la             TEXT NOT NULL,
    years          TEXT NOT NULL,  -- JSON array of collection years (2026 for 2025/26)
    counts         TEXT NOT NULL,  -- JSON: children, episodes (referrals), inserted, replaced, unchanged, deleted, tables
    loaded_by      TEXT NOT NULL DEFAULT '',
    identified_by  TEXT NOT NULL DEFAULT ''
);

-- cin_returns: which years are stored, for which LA, which tables each
-- year's census had (with their file names and absent optional columns,
-- as JSON) and the load that last changed it.
CREATE TABLE cin_returns (
    year       INTEGER PRIMARY KEY,
    la         TEXT NOT NULL,
    load_id    BIGINT NOT NULL REFERENCES cin_loads (id),
    tables     TEXT NOT NULL
);

-- +goose Down
DROP TABLE cin_returns;
DROP TABLE cin_loads;
