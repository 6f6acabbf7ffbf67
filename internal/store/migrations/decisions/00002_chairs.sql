-- chairs: the partnership's chairs, users an administrator marks as
-- chairs (village leads chair add). They receive the escalation of a
-- notice still unacknowledged on its due date.

-- +goose Up
CREATE TABLE chairs (
    user_name  TEXT PRIMARY KEY,
    added      TEXT NOT NULL  -- fixed-width UTC, as in the people module
);

-- +goose Down
DROP TABLE chairs;
