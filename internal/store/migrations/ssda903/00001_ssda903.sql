-- The SSDA903 returns, one table per table of the return, and the
-- history of loads. Every column of the return is TEXT, holding exactly
-- what was submitted; each data table's columns are those of
-- ssda903.Schemas in order (TestMigrationsMatchSchemas checks it), with
-- year (the collection year, by its ending calendar year), row_number
-- (1-based position of the row in its table), line (the line of the
-- source file it came from, 0 if none) and load_id (the load that
-- supplied it). load_id refers to loads (id) but is not declared a
-- foreign key: loads are never deleted, Load writes both in one
-- transaction, and PostgreSQL checks a foreign key with a trigger per row,
-- which doubled the time of a bulk load.
-- Written by hand in SQL that SQLite and PostgreSQL both run, so that one
-- migration serves both: text for times (RFC 3339, UTC) and JSON.
-- This is the schema as first released; 00002 has the database assign
-- the loads' ids. IF NOT EXISTS lets a store made when every module
-- shared one goose table adopt this module's own without change.

-- +goose Up
CREATE TABLE IF NOT EXISTS loads (
    id         BIGINT PRIMARY KEY,  -- assigned by the database from 00002
    loaded_at  TEXT NOT NULL,  -- RFC 3339, UTC
    files      TEXT NOT NULL,  -- JSON array of file names
    la         TEXT NOT NULL,
    years      TEXT NOT NULL,  -- JSON array of collection years (2026 for 2025/26)
    counts     TEXT NOT NULL   -- JSON: children, episodes, inserted, replaced, unchanged, deleted, tables
);

-- returns: which years are stored, for which LA, which tables each year's
-- return had (with their file names and absent optional columns, as JSON)
-- and the load that last changed it.
CREATE TABLE IF NOT EXISTS returns (
    year       INTEGER PRIMARY KEY,
    la         TEXT NOT NULL,
    load_id    BIGINT NOT NULL REFERENCES loads (id),
    tables     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS header (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    sex                   TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    ethnic                TEXT NOT NULL DEFAULT '',
    upn                   TEXT NOT NULL DEFAULT '',
    mother                TEXT NOT NULL DEFAULT '',
    mc_dob                TEXT NOT NULL DEFAULT '',
    uasc                  TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS episodes (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    decom                 TEXT NOT NULL DEFAULT '',
    rne                   TEXT NOT NULL DEFAULT '',
    ls                    TEXT NOT NULL DEFAULT '',
    cin                   TEXT NOT NULL DEFAULT '',
    place                 TEXT NOT NULL DEFAULT '',
    place_provider        TEXT NOT NULL DEFAULT '',
    dec                   TEXT NOT NULL DEFAULT '',
    rec                   TEXT NOT NULL DEFAULT '',
    reason_place_change   TEXT NOT NULL DEFAULT '',
    home_post             TEXT NOT NULL DEFAULT '',
    pl_post               TEXT NOT NULL DEFAULT '',
    urn                   TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS reviews (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    review                TEXT NOT NULL DEFAULT '',
    review_code           TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS uasc (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    sex                   TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    duc                   TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS oc2 (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    sdq_score             TEXT NOT NULL DEFAULT '',
    sdq_reason            TEXT NOT NULL DEFAULT '',
    convicted             TEXT NOT NULL DEFAULT '',
    health_check          TEXT NOT NULL DEFAULT '',
    immunisations         TEXT NOT NULL DEFAULT '',
    teeth_check           TEXT NOT NULL DEFAULT '',
    health_assessment     TEXT NOT NULL DEFAULT '',
    substance_misuse      TEXT NOT NULL DEFAULT '',
    intervention_received TEXT NOT NULL DEFAULT '',
    intervention_offered  TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS oc3 (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    in_touch              TEXT NOT NULL DEFAULT '',
    activ                 TEXT NOT NULL DEFAULT '',
    accom                 TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS ad1 (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    date_int              TEXT NOT NULL DEFAULT '',
    date_match            TEXT NOT NULL DEFAULT '',
    foster_care           TEXT NOT NULL DEFAULT '',
    nb_adoptr             TEXT NOT NULL DEFAULT '',
    sex_adoptr            TEXT NOT NULL DEFAULT '',
    ls_adoptr             TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS placed_adoption (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    date_placed           TEXT NOT NULL DEFAULT '',
    date_placed_ceased    TEXT NOT NULL DEFAULT '',
    reason_placed_ceased  TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS prev_perm (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    prev_perm             TEXT NOT NULL DEFAULT '',
    la_perm               TEXT NOT NULL DEFAULT '',
    date_perm             TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS missing (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    missing               TEXT NOT NULL DEFAULT '',
    mis_start             TEXT NOT NULL DEFAULT '',
    mis_end               TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS sw_episodes (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    sw_id                 TEXT NOT NULL DEFAULT '',
    sw_decom              TEXT NOT NULL DEFAULT '',
    sw_dec                TEXT NOT NULL DEFAULT '',
    sw_reason             TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE IF NOT EXISTS dolo (
    year                  INTEGER NOT NULL,
    row_number            INTEGER NOT NULL,
    child                 TEXT NOT NULL DEFAULT '',
    dob                   TEXT NOT NULL DEFAULT '',
    dolo_start            TEXT NOT NULL DEFAULT '',
    dolo_end              TEXT NOT NULL DEFAULT '',
    line                  INTEGER NOT NULL,
    load_id               BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

-- +goose Down
DROP TABLE dolo;
DROP TABLE sw_episodes;
DROP TABLE missing;
DROP TABLE prev_perm;
DROP TABLE placed_adoption;
DROP TABLE ad1;
DROP TABLE oc3;
DROP TABLE oc2;
DROP TABLE uasc;
DROP TABLE reviews;
DROP TABLE episodes;
DROP TABLE header;
DROP TABLE returns;
DROP TABLE loads;
