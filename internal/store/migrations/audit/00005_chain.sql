-- audit chain: each entry carries seq (its place in the chain, 1, 2, 3 ...
-- with no gaps), prev_hash (the hash of the entry before it) and hash
-- (SHA-256 over its own content and prev_hash), so that changing,
-- removing, inserting or reordering an entry shows. audit_head is the
-- chain's last link, one row that appending locks (FOR UPDATE on
-- PostgreSQL; SQLite has one writer), so that two writers never fork the
-- chain, and that shows when entries are cut off the end.
--
-- SQL cannot compute SHA-256 on both engines, so the entries already in
-- the log are chained by the store when it is first opened after this
-- migration (Open, chainLegacy): legacy_to is the last of them; any
-- unchained entry after it is reported by verify as inserted.

-- +goose Up
ALTER TABLE audit ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX audit_seq ON audit (seq) WHERE seq > 0;
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT NOT NULL,   -- the last entry's seq; 0 for none
    last_hash TEXT NOT NULL,     -- the last entry's hash; '' for none
    legacy_to BIGINT NOT NULL    -- the last id made before the chain; 0 once chained
);
INSERT INTO audit_head (id, last_seq, last_hash, legacy_to)
    SELECT 1, 0, '', COALESCE(MAX(id), 0) FROM audit;

-- +goose Down
DROP TABLE audit_head;
DROP INDEX audit_seq;
ALTER TABLE audit DROP COLUMN hash;
ALTER TABLE audit DROP COLUMN prev_hash;
ALTER TABLE audit DROP COLUMN seq;
