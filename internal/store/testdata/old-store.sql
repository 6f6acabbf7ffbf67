-- A store as Village made it before each module owned its migrations
-- (commit 5921ae0): the three migrations of that time, run in order and
-- recorded in goose's one version table, goose_db_version, with two loads,
-- one stored year, two audit entries and a failure. TestUpgradeOldStore
-- opens it with the current code. Plain SQL that SQLite and PostgreSQL both run.

-- migrations/00001_ssda903.sql, Up
CREATE TABLE loads (
    id         BIGINT PRIMARY KEY,  -- assigned by Load under its lock
    loaded_at  TEXT NOT NULL,  -- RFC 3339, UTC
    files      TEXT NOT NULL,  -- JSON array of file names
    la         TEXT NOT NULL,
    years      TEXT NOT NULL,  -- JSON array of collection years (2026 for 2025/26)
    counts     TEXT NOT NULL   -- JSON: children, episodes, inserted, replaced, unchanged, deleted, tables
);

-- returns: which years are stored, for which LA, which tables each year's
-- return had (with their file names and absent optional columns, as JSON)
-- and the load that last changed it.
CREATE TABLE returns (
    year       INTEGER PRIMARY KEY,
    la         TEXT NOT NULL,
    load_id    BIGINT NOT NULL REFERENCES loads (id),
    tables     TEXT NOT NULL
);

CREATE TABLE header (
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

CREATE TABLE episodes (
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

CREATE TABLE reviews (
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

CREATE TABLE uasc (
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

CREATE TABLE oc2 (
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

CREATE TABLE oc3 (
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

CREATE TABLE ad1 (
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

CREATE TABLE placed_adoption (
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

CREATE TABLE prev_perm (
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

CREATE TABLE missing (
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

CREATE TABLE sw_episodes (
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

CREATE TABLE dolo (
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

-- migrations/00002_audit.sql, Up
CREATE TABLE audit (
    id       BIGINT PRIMARY KEY,  -- assigned by Audit
    at       TEXT NOT NULL,  -- RFC 3339, UTC
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,  -- what was done, such as "view journey"
    subject  TEXT NOT NULL,  -- whose record: the child's ID
    reason   TEXT NOT NULL
);

-- migrations/00003_failures.sql, Up
CREATE TABLE failures (
    year         INTEGER NOT NULL,
    position     INTEGER NOT NULL,  -- the failure's place in the report
    rule         TEXT NOT NULL,
    origin       TEXT NOT NULL,     -- DfE or Village
    table_name   TEXT NOT NULL,
    last_year    INTEGER NOT NULL,  -- 1 when the row is in last year's return
    row_number   INTEGER NOT NULL,
    child        TEXT NOT NULL,
    fields       TEXT NOT NULL,     -- JSON object: field name to submitted value
    explanation  TEXT NOT NULL,
    load_id      BIGINT NOT NULL,
    PRIMARY KEY (year, position)
);


-- goose's version table then, one for every module.
CREATE TABLE goose_db_version (
    id          BIGINT PRIMARY KEY,
    version_id  BIGINT NOT NULL,
    is_applied  BOOLEAN NOT NULL,
    tstamp      TEXT
);
INSERT INTO goose_db_version (id, version_id, is_applied, tstamp) VALUES
    (1, 0, TRUE, '2026-11-01 09:00:00'),
    (2, 1, TRUE, '2026-11-01 09:00:00'),
    (3, 2, TRUE, '2026-11-01 09:00:00'),
    (4, 3, TRUE, '2026-11-01 09:00:00');

-- Two loads of the same year, ids chosen by the code of the time.
INSERT INTO loads (id, loaded_at, files, la, years, counts) VALUES
    (1, '2026-11-01T09:00:00Z', '["header.csv"]', 'E06000999', '[2026]', '{"children":2,"episodes":0,"total":{"inserted":2,"replaced":0,"unchanged":0,"deleted":0}}'),
    (2, '2026-11-02T09:00:00Z', '["header.csv"]', 'E06000999', '[2026]', '{"children":2,"episodes":0,"total":{"inserted":0,"replaced":1,"unchanged":1,"deleted":0}}');
INSERT INTO returns (year, la, load_id, tables) VALUES
    (2026, 'E06000999', 2, '{"tables":[{"name":"Header","file":"header.csv"}]}');
INSERT INTO header (year, row_number, child, sex, dob, ethnic, upn, mother, mc_dob, uasc, line, load_id) VALUES
    (2026, 1, 'OLD001', '1', '01/02/2015', 'WBRI', 'UN1', '', '', '0', 2, 1),
    (2026, 2, 'OLD002', '2', '03/04/2016', 'WBRI', 'UN2', '', '', '0', 3, 2);
INSERT INTO audit (id, at, who, action, subject, reason) VALUES
    (1, '2026-11-03T10:00:00Z', 'analyst', 'view journey', 'OLD001', 'checking a placement move'),
    (2, '2026-11-03T10:05:00Z', 'manager', 'view journey', 'OLD002', 'case audit');
INSERT INTO failures (year, position, rule, origin, table_name, last_year, row_number, child, fields, explanation, load_id) VALUES
    (2026, 1, '101', 'DfE', 'Header', 0, 2, 'OLD002', '{"SEX":"2"}', 'x', 2);
