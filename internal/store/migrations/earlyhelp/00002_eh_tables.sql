-- The early help episodes and HAF sessions, one SQL table each for the
-- tables of earlyhelp.Schemas, kept as the returns' tables are: every
-- column TEXT holding exactly what was sent, in lower case, with year,
-- row_number, line and load_id. The child columns hold pseudonyms, never
-- identifiers: the reader refuses a file that holds a raw UPN or NHS
-- number.

-- +goose Up
CREATE TABLE eh_episodes (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    episodeid                    TEXT NOT NULL DEFAULT '',
    child                        TEXT NOT NULL DEFAULT '',
    startdate                    TEXT NOT NULL DEFAULT '',
    enddate                      TEXT NOT NULL DEFAULT '',
    reason                       TEXT NOT NULL DEFAULT '',
    leadagency                   TEXT NOT NULL DEFAULT '',
    outcome                      TEXT NOT NULL DEFAULT '',
    childupn                     TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE haf_sessions (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    child                        TEXT NOT NULL DEFAULT '',
    programme                    TEXT NOT NULL DEFAULT '',
    programmeyear                TEXT NOT NULL DEFAULT '',
    sessiondate                  TEXT NOT NULL DEFAULT '',
    provider                     TEXT NOT NULL DEFAULT '',
    fsm                          TEXT NOT NULL DEFAULT '',
    send                         TEXT NOT NULL DEFAULT '',
    yeargroup                    TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

-- +goose Down
DROP TABLE haf_sessions;
DROP TABLE eh_episodes;
