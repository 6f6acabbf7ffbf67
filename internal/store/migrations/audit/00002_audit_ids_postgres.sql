-- audit.id assigned by the database (PostgreSQL): an identity column,
-- whose sequence starts after the entries already in the log, so that
-- two people viewing records at once never contend for an id. ALWAYS
-- refuses an id given by a program.

-- +goose Up
ALTER TABLE audit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('audit', 'id'), COALESCE((SELECT MAX(id) FROM audit), 0) + 1, false);

-- +goose Down
ALTER TABLE audit ALTER COLUMN id DROP IDENTITY;
