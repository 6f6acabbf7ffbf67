-- Regional groups and their figures (issue 21): a region, a regional
-- care co-operative or any other group of authorities an administrator
-- names, and the figures village region refresh computes for each
-- member and for the group from the members' returns.
--
-- These tables hold no child's data: no child ID, pseudonym or row of a
-- return, only counts of children and the figures made from them. So they
-- have no la column and no row-level security: every member's connection
-- may read every group's figures, which is what makes them regional. The
-- pages and the API publish only the suppressed figures (shown, as the
-- disclosure policy publishes them). A figure's numerator, denominator
-- and value are kept beside it only where it is shown: a suppressed one's
-- are 0, since every member's server role may read this table directly.

-- +goose Up
CREATE TABLE region_groups (
    name TEXT PRIMARY KEY,
    added TEXT NOT NULL
);
CREATE TABLE region_members (
    group_name TEXT NOT NULL REFERENCES region_groups (name) ON DELETE CASCADE,
    code TEXT NOT NULL,   -- the member authority's GSS code
    display TEXT NOT NULL, -- its name as the group's pages show it; '' for the code alone
    PRIMARY KEY (group_name, code)
);
-- One row per figure: member is a member's code, or '' for the group's
-- own figure (summed, or computed on the members' journeys pooled).
CREATE TABLE region_figures (
    group_name TEXT NOT NULL REFERENCES region_groups (name) ON DELETE CASCADE,
    member TEXT NOT NULL,
    period TEXT NOT NULL,     -- a collection year, 2024/25
    indicator TEXT NOT NULL,  -- an indicator's id, or a figure of the group's own (cla_during_counted_once)
    known BOOLEAN NOT NULL,   -- false: the value is not known, and numerator, denominator and value are 0
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    shown TEXT NOT NULL,      -- as published: the figure, c (suppressed) or x (not known)
    reason TEXT NOT NULL,     -- why it is suppressed; '' when shown
    note TEXT NOT NULL,       -- what the figure leaves out, or how it was made
    refreshed TEXT NOT NULL,  -- when village region refresh computed it (UTC, fixed width)
    PRIMARY KEY (group_name, member, period, indicator)
);

-- +goose Down
DROP TABLE region_figures;
DROP TABLE region_members;
DROP TABLE region_groups;
