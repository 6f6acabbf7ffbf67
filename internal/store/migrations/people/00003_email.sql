-- email: a user's email address, for the decision register's notices,
-- reminders and escalations. NULL when none is known: a user without one
-- sees their notices only in the service.

-- +goose Up
ALTER TABLE users ADD COLUMN email TEXT;

-- +goose Down
ALTER TABLE users DROP COLUMN email;
