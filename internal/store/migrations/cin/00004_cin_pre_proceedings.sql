-- The CIN census's pre-proceedings and family group decision making
-- module (cin.PreProceedings, the XML's PreProceedingsandFGDM under
-- CINdetails), which censuses carry from 2026/27. Laid out as the other
-- CIN tables (00002): every column TEXT holding exactly what was
-- submitted, with year, row_number, line and load_id. A year stored before
-- this migration simply has no rows here.

-- +goose Up
CREATE TABLE cin_pre_proceedings (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    ppstartdate                  TEXT NOT NULL DEFAULT '',
    lbpsentdate                  TEXT NOT NULL DEFAULT '',
    fgdmmeetingoffer             TEXT NOT NULL DEFAULT '',
    fgdmmeetingfac               TEXT NOT NULL DEFAULT '',
    initialppmeetingdate         TEXT NOT NULL DEFAULT '',
    reviewmeetingscount          TEXT NOT NULL DEFAULT '',
    stepdecisiondate             TEXT NOT NULL DEFAULT '',
    ppoutcome                    TEXT NOT NULL DEFAULT '',
    courtappdate                 TEXT NOT NULL DEFAULT '',
    letterinitcpdate             TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

-- +goose Down
DROP TABLE cin_pre_proceedings;
