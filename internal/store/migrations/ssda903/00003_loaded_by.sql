-- loads.loaded_by and loads.identified_by: who made each load, and how
-- they were identified, as the audit log records who viewed a record.
-- Loads made before they were kept have them blank.

-- +goose Up
ALTER TABLE loads ADD COLUMN loaded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE loads ADD COLUMN identified_by TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE loads DROP COLUMN identified_by;
ALTER TABLE loads DROP COLUMN loaded_by;
