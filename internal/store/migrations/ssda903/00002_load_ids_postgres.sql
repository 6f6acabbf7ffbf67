-- loads.id assigned by the database (PostgreSQL): an identity column,
-- whose sequence starts after the loads already recorded. ALWAYS refuses
-- an id given by a program, so nothing can go back to choosing its own.

-- +goose Up
ALTER TABLE loads ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('loads', 'id'), COALESCE((SELECT MAX(id) FROM loads), 0) + 1, false);

-- +goose Down
ALTER TABLE loads ALTER COLUMN id DROP IDENTITY;
