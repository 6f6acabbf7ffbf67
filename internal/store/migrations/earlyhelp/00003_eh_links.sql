-- eh_links: the pseudonyms of the children of the SSDA903 and the CIN
-- census, made under the council's key when a load is given it, so that
-- early help and HAF, which hold pseudonyms only, link with social care.
-- Each row is one identifier of one child of a stored year of a source
-- ('ssda903': the Header's CHILD and UPN; 'cin': ChildIdentifiers'
-- LAchildID and UPN): the source's row (row_number of header or
-- cin_child_identifiers), the identifier's kind (la_child_id, upn) and
-- its pseudonym. Neither the identifier nor the key is stored.
-- source_load is the source year's load_id when the links were made: a
-- later load of that year without the key leaves them stale, and they are
-- not used until a load with the key makes them again.

-- +goose Up
CREATE TABLE eh_links (
    source       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    row_number   INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    pseudonym    TEXT NOT NULL,
    source_load  BIGINT NOT NULL,
    PRIMARY KEY (source, year, row_number, kind)
);
CREATE INDEX eh_links_pseudonym ON eh_links (pseudonym);

-- +goose Down
DROP TABLE eh_links;
