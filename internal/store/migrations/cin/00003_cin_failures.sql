-- cin_failures and cin_skipped_rules: what validation found in each
-- stored CIN census year and the rules it did not run, stored with the
-- census in the load's transaction, as failures and skipped_rules are for
-- the SSDA903. A load that validates a year replaces that year's. The
-- columns are those of the 903's tables; rule codes ending in Q are the
-- DfE's queries, the others its errors (or Village's own checks).
-- cin_validated lists the years whose stored census was validated, so
-- that a year without failures is told from one never checked (no CIN
-- rule set is complete, so that cannot be told from the rules).

-- +goose Up
CREATE TABLE cin_failures (
    year         INTEGER NOT NULL,
    position     INTEGER NOT NULL,  -- the failure's place in the report
    rule         TEXT NOT NULL,
    origin       TEXT NOT NULL,     -- DfE or Village
    table_name   TEXT NOT NULL,
    last_year    INTEGER NOT NULL,  -- 1 when the row is in last year's census
    row_number   INTEGER NOT NULL,
    child        TEXT NOT NULL,     -- the LAchildID
    fields       TEXT NOT NULL,     -- JSON object: field name to submitted value
    explanation  TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    line_number  INTEGER NOT NULL,  -- the row's line in file_name; 0 when not known
    load_id      BIGINT NOT NULL,   -- the cin_loads entry that stored it
    PRIMARY KEY (year, position)
);

CREATE TABLE cin_skipped_rules (
    year     INTEGER NOT NULL,
    position INTEGER NOT NULL,  -- the rule's place in the report
    rule     TEXT NOT NULL,
    reason   TEXT NOT NULL,     -- what the rule needed that the load lacked
    load_id  BIGINT NOT NULL,
    PRIMARY KEY (year, position)
);

CREATE TABLE cin_validated (
    year     INTEGER PRIMARY KEY
);

-- +goose Down
DROP TABLE cin_validated;
DROP TABLE cin_skipped_rules;
DROP TABLE cin_failures;
