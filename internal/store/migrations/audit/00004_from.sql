-- audit.from_address: where the request came from (the client's address,
-- or "command line"), so that the log says from where as well as who.
-- Entries made before it was kept have it blank. From this version the
-- log also holds events that name no child (a sign-in, a failed attempt,
-- a change of users or settings): their subject and reason may be blank.

-- +goose Up
ALTER TABLE audit ADD COLUMN from_address TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE audit DROP COLUMN from_address;
