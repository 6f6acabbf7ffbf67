-- interventions: the register of interventions and the savings targets
-- of their programmes (package internal/interventions). Dates are ISO
-- text (2026-07-01); times are fixed-width UTC text, as in the people
-- module; money is whole pounds. Ids differ between the engines, so this
-- migration comes in two files.

-- +goose Up
CREATE TABLE interventions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL DEFAULT '',  -- blank while it runs
    series       TEXT NOT NULL,             -- one id a line
    cohort       TEXT NOT NULL DEFAULT '',
    effect       DOUBLE PRECISION,          -- NULL when none is expected
    annual_cost  BIGINT NOT NULL DEFAULT 0,
    programme    TEXT NOT NULL DEFAULT '',
    scenario     TEXT NOT NULL DEFAULT '',  -- forecast scenario fields, YAML
    precedence   INTEGER NOT NULL DEFAULT 0,
    recorded_by  TEXT NOT NULL,
    recorded     TEXT NOT NULL
);

-- intervention_changes: each intervention's timeline, oldest first by id.
CREATE TABLE intervention_changes (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    intervention_id  INTEGER NOT NULL REFERENCES interventions (id),
    at               TEXT NOT NULL,
    who              TEXT NOT NULL,
    what             TEXT NOT NULL
);

-- savings_targets: a programme's target for a financial quarter.
CREATE TABLE savings_targets (
    programme  TEXT NOT NULL,
    quarter    TEXT NOT NULL,  -- 2026/27 Q1
    pounds     BIGINT NOT NULL,
    PRIMARY KEY (programme, quarter)
);

-- +goose Down
DROP TABLE savings_targets;
DROP TABLE intervention_changes;
DROP TABLE interventions;
