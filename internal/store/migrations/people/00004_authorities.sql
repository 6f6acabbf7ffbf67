-- authorities: the GSS codes of the authorities whose children a user may
-- see, separated by commas (E06000999,E06000001); blank for every
-- authority, which only a store of one authority allows (issue 21). The
-- users table is not an authority's: a region's servers share it, and
-- each admits only the users given the authority it serves.

-- +goose Up
ALTER TABLE users ADD COLUMN authorities TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN authorities;
