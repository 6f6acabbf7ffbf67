-- failures: what validation found in each stored year, stored with the
-- data so that pages can show it. A load that validates a year replaces
-- that year's failures. IF NOT EXISTS lets a store made when every module
-- shared one goose table adopt this module's own without change.

-- +goose Up
CREATE TABLE IF NOT EXISTS failures (
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

-- +goose Down
DROP TABLE failures;
