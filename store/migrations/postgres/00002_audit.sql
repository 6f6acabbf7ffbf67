-- audit: every view of a child's record, with who looked, when and why.
-- Rows are only ever added.

-- +goose Up
CREATE TABLE audit (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    reason   TEXT NOT NULL
);

-- +goose Down
DROP TABLE audit;
