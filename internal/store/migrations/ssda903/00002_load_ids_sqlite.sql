-- loads.id assigned by the database (SQLite): an INTEGER PRIMARY KEY
-- AUTOINCREMENT is the row id, never reused. SQLite cannot change a
-- column's type in place, so loads is copied into a new table, and
-- returns, whose load_id refers to it, with it; renaming loads_new to
-- loads renames the reference in returns_new too.

-- +goose Up
CREATE TABLE loads_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    loaded_at  TEXT NOT NULL,
    files      TEXT NOT NULL,
    la         TEXT NOT NULL,
    years      TEXT NOT NULL,
    counts     TEXT NOT NULL
);
INSERT INTO loads_new (id, loaded_at, files, la, years, counts)
    SELECT id, loaded_at, files, la, years, counts FROM loads ORDER BY id;
CREATE TABLE returns_new (
    year       INTEGER PRIMARY KEY,
    la         TEXT NOT NULL,
    load_id    BIGINT NOT NULL REFERENCES loads_new (id),
    tables     TEXT NOT NULL
);
INSERT INTO returns_new (year, la, load_id, tables) SELECT year, la, load_id, tables FROM returns;
DROP TABLE returns;
DROP TABLE loads;
ALTER TABLE loads_new RENAME TO loads;
ALTER TABLE returns_new RENAME TO returns;

-- +goose Down
CREATE TABLE loads_old (
    id         BIGINT PRIMARY KEY,
    loaded_at  TEXT NOT NULL,
    files      TEXT NOT NULL,
    la         TEXT NOT NULL,
    years      TEXT NOT NULL,
    counts     TEXT NOT NULL
);
INSERT INTO loads_old (id, loaded_at, files, la, years, counts)
    SELECT id, loaded_at, files, la, years, counts FROM loads ORDER BY id;
CREATE TABLE returns_old (
    year       INTEGER PRIMARY KEY,
    la         TEXT NOT NULL,
    load_id    BIGINT NOT NULL REFERENCES loads_old (id),
    tables     TEXT NOT NULL
);
INSERT INTO returns_old (year, la, load_id, tables) SELECT year, la, load_id, tables FROM returns;
DROP TABLE returns;
DROP TABLE loads;
ALTER TABLE loads_old RENAME TO loads;
ALTER TABLE returns_old RENAME TO returns;
