-- decisions: the partnership's register of decisions affecting shared
-- cohorts (package internal/decisions). Dates are ISO text (2026-11-02);
-- times are fixed-width UTC text, as in the people module. Ids differ
-- between the engines, so this migration comes in two files.

-- +goose Up
CREATE TABLE agencies (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL
);

-- leads: the users who lead for cohorts, one row each, and their cohorts.
CREATE TABLE leads (
    user_name  TEXT PRIMARY KEY,
    agency     TEXT NOT NULL REFERENCES agencies (id),
    title      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE lead_cohorts (
    user_name  TEXT NOT NULL REFERENCES leads (user_name) ON DELETE CASCADE,
    cohort     TEXT NOT NULL,  -- a base cohort, such as looked_after
    PRIMARY KEY (user_name, cohort)
);

CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    agency       TEXT NOT NULL REFERENCES agencies (id),
    decided      TEXT NOT NULL,
    effective    TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    services     TEXT NOT NULL DEFAULT '',  -- one a line
    status       TEXT NOT NULL,
    review       TEXT NOT NULL DEFAULT '',  -- blank when none is set
    links        TEXT NOT NULL DEFAULT '',  -- one a line
    recorded_by  TEXT NOT NULL,
    recorded     TEXT NOT NULL
);

-- decision_cohorts: each cohort a decision affects, in the order given,
-- with the count the recorder entered for one Village cannot count.
CREATE TABLE decision_cohorts (
    decision_id  INTEGER NOT NULL REFERENCES decisions (id),
    place        INTEGER NOT NULL,
    cohort       TEXT NOT NULL,
    entered      INTEGER,  -- NULL unless entered
    PRIMARY KEY (decision_id, place)
);

CREATE TABLE notices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    decision_id  INTEGER NOT NULL REFERENCES decisions (id),
    lead         TEXT NOT NULL,
    due          TEXT NOT NULL,
    state        TEXT NOT NULL,
    UNIQUE (decision_id, lead)
);

CREATE TABLE acknowledgements (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    decision_id  INTEGER NOT NULL REFERENCES decisions (id),
    lead         TEXT NOT NULL,
    response     TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
);

-- decision_changes: each decision's timeline, oldest first by id.
CREATE TABLE decision_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    decision_id  INTEGER NOT NULL REFERENCES decisions (id),
    at           TEXT NOT NULL,
    who          TEXT NOT NULL,
    what         TEXT NOT NULL
);

-- +goose Down
DROP TABLE decision_changes;
DROP TABLE acknowledgements;
DROP TABLE notices;
DROP TABLE decision_cohorts;
DROP TABLE decisions;
DROP TABLE lead_cohorts;
DROP TABLE leads;
DROP TABLE agencies;
