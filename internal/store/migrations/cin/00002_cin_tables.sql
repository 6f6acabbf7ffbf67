-- The CIN census's tables, one SQL table per table of cin.Schemas, as the
-- SSDA903's are: every column of the census is TEXT holding exactly what
-- was submitted, in the schema's order and in lower case (the Header's
-- Year is return_year, as year is the collection year of every data
-- table), with year (the collection year, by its ending calendar year),
-- row_number (1-based position of the row in its table), line (the line
-- of the source file, 0 if none) and load_id (the cin_loads entry that
-- supplied it; not a declared foreign key, for the speed of bulk loads,
-- as for the 903). TestMigrationsMatchSchemas checks them against
-- cin.Schemas.

-- +goose Up
CREATE TABLE cin_header (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    collection                   TEXT NOT NULL DEFAULT '',
    return_year                  TEXT NOT NULL DEFAULT '',
    referencedate                TEXT NOT NULL DEFAULT '',
    sourcelevel                  TEXT NOT NULL DEFAULT '',
    lea                          TEXT NOT NULL DEFAULT '',
    softwarecode                 TEXT NOT NULL DEFAULT '',
    release                      TEXT NOT NULL DEFAULT '',
    serialno                     TEXT NOT NULL DEFAULT '',
    datetime                     TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_child_identifiers (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    upn                          TEXT NOT NULL DEFAULT '',
    formerupn                    TEXT NOT NULL DEFAULT '',
    upnunknown                   TEXT NOT NULL DEFAULT '',
    personbirthdate              TEXT NOT NULL DEFAULT '',
    expectedpersonbirthdate      TEXT NOT NULL DEFAULT '',
    gendercurrent                TEXT NOT NULL DEFAULT '',
    sex                          TEXT NOT NULL DEFAULT '',
    persondeathdate              TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_child_characteristics (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    ethnicity                    TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_disabilities (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    disability                   TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_details (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    cinreferraldate              TEXT NOT NULL DEFAULT '',
    referralsource               TEXT NOT NULL DEFAULT '',
    primaryneedcode              TEXT NOT NULL DEFAULT '',
    cinclosuredate               TEXT NOT NULL DEFAULT '',
    reasonforclosure             TEXT NOT NULL DEFAULT '',
    dateofinitialcpc             TEXT NOT NULL DEFAULT '',
    referralnfa                  TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_assessments (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    assessmentid                 TEXT NOT NULL DEFAULT '',
    assessmentactualstartdate    TEXT NOT NULL DEFAULT '',
    assessmentinternalreviewdate TEXT NOT NULL DEFAULT '',
    assessmentauthorisationdate  TEXT NOT NULL DEFAULT '',
    assessmentfactors            TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_assessment_factors_list (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    assessmentid                 TEXT NOT NULL DEFAULT '',
    assessmentfactor             TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_plan_dates (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    cinplanstartdate             TEXT NOT NULL DEFAULT '',
    cinplanenddate               TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_section47 (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    s47actualstartdate           TEXT NOT NULL DEFAULT '',
    initialcpctarget             TEXT NOT NULL DEFAULT '',
    dateofinitialcpc             TEXT NOT NULL DEFAULT '',
    icpcnotrequired              TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_child_protection_plans (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    cppid                        TEXT NOT NULL DEFAULT '',
    cppstartdate                 TEXT NOT NULL DEFAULT '',
    cppenddate                   TEXT NOT NULL DEFAULT '',
    initialcategoryofabuse       TEXT NOT NULL DEFAULT '',
    latestcategoryofabuse        TEXT NOT NULL DEFAULT '',
    numberofpreviouscpp          TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

CREATE TABLE cin_reviews (
    year                         INTEGER NOT NULL,
    row_number                   INTEGER NOT NULL,
    lachildid                    TEXT NOT NULL DEFAULT '',
    cindetailsid                 TEXT NOT NULL DEFAULT '',
    cppid                        TEXT NOT NULL DEFAULT '',
    cppreviewdate                TEXT NOT NULL DEFAULT '',
    line                         INTEGER NOT NULL,
    load_id                      BIGINT NOT NULL,
    PRIMARY KEY (year, row_number)
);

-- +goose Down
DROP TABLE cin_reviews;
DROP TABLE cin_child_protection_plans;
DROP TABLE cin_section47;
DROP TABLE cin_plan_dates;
DROP TABLE cin_assessment_factors_list;
DROP TABLE cin_assessments;
DROP TABLE cin_details;
DROP TABLE cin_disabilities;
DROP TABLE cin_child_characteristics;
DROP TABLE cin_child_identifiers;
DROP TABLE cin_header;
