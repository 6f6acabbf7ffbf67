-- family_links: the family-link file last loaded (issue 20's recurrent
-- care): each child and their birth mother, both pseudonyms made under
-- the council's key by village pseudonymise. Neither a child's nor a
-- mother's identifier is ever stored, nor the key. The file is the
-- council's whole record of links, so each load replaces it; line is the
-- child's line in it, load_id the family_loads row that stored it.
-- family_loads: each load that changed the links, with the file's name.

-- +goose Up
CREATE TABLE family_loads (
    load_id   BIGINT PRIMARY KEY,
    file      TEXT NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    links     INTEGER NOT NULL
);

CREATE TABLE family_links (
    child    TEXT PRIMARY KEY,
    mother   TEXT NOT NULL,
    line     INTEGER NOT NULL,
    load_id  BIGINT NOT NULL REFERENCES family_loads (load_id)
);

-- +goose Down
DROP TABLE family_links;
DROP TABLE family_loads;
