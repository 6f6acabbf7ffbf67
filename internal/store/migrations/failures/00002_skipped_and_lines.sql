-- Each failure's file and line as the file has them (the header on line
-- 1), and the rules a load's validation skipped and why, so that the
-- validation page counts as "village validate" does and says what was not
-- checked.

-- +goose Up
ALTER TABLE failures ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE failures ADD COLUMN line_number INTEGER NOT NULL DEFAULT 0;
CREATE TABLE skipped_rules (
    year     INTEGER NOT NULL,
    position INTEGER NOT NULL,  -- the rule's place in the report
    rule     TEXT NOT NULL,
    reason   TEXT NOT NULL,     -- what the rule needed that the load lacked
    load_id  BIGINT NOT NULL,
    PRIMARY KEY (year, position)
);

-- +goose Down
DROP TABLE skipped_rules;
ALTER TABLE failures DROP COLUMN line_number;
ALTER TABLE failures DROP COLUMN file_name;
