-- tokens: personal access tokens for the JSON API, kept as their SHA-256,
-- never the token. The id, by which a token is listed and revoked, is
-- an identity column; ALWAYS refuses an id given by a program.

-- +goose Up
CREATE TABLE tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    user_name  TEXT NOT NULL REFERENCES users (name),
    hash       TEXT NOT NULL UNIQUE,
    created    TEXT NOT NULL,  -- fixed-width UTC, as in 00001
    expires    TEXT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE tokens;
