-- audit.identified_by: how the person in who was identified, such as
-- "the reverse proxy's X-Remote-User header" or "the operating-system
-- user", so that the log says how far to trust the name. Entries made
-- before it was kept have it blank.

-- +goose Up
ALTER TABLE audit ADD COLUMN identified_by TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE audit DROP COLUMN identified_by;
