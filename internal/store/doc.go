// Package store keeps SSDA903 returns and CIN censuses, every year of them,
// in a database: a SQLite file on the council's own machine or a PostgreSQL
// server, behind the one Store type. The 903 is the Store's own (Load,
// Return, Years, LatestLoad, Loads); the CIN census is Store.CIN, whose
// methods of the same names do the same for it (see The CIN census).
//
// # Tables
//
// Each table of the return has an SQL table of its own, named in lower
// case with underscores between words (header, episodes, reviews, uasc,
// oc2, oc3, ad1, placed_adoption, prev_perm, missing, sw_episodes, dolo),
// whose columns are the table's columns in ssda903.Schemas, in order and in lower
// case, all TEXT and holding exactly the submitted text, plus
//
//   - year: the collection year, by the calendar year it ends in (2026 for 2025/26);
//   - row_number: the row's 1-based position in its table, which keeps the order rows were read in;
//   - line: the line of the source file the row came from (0 for rows made in memory);
//   - load_id: the load that supplied the row.
//
// (year, row_number) is each table's primary key. More tables go with
// them: audit, every view of a child's record (who, how they were identified, when, why); failures,
// what validation found in each stored year; loads, the history of loads (when, by whom, which files, which years, what
// changed); returns, one row per stored year, with its LA, the tables its
// return had (a table sent empty is not the same as one not sent), their
// file names and the optional columns their files lacked.
//
// # Migrations
//
// Each module of the store owns its tables and their migrations: the
// SSDA903's (its data tables, loads and returns), the audit log's, the
// failures' and the CIN census's each have a folder under migrations and a
// goose version table of their own (goose_ssda903_version,
// goose_audit_version, goose_failures_version, goose_cin_version), so
// that a new module adds a folder, and its name to modules, without
// touching another's. The migrations are plain SQL, written by hand, that
// SQLite and PostgreSQL both run (times and JSON are stored as text)
// unless a file's name ends _sqlite.sql or _postgres.sql, when only that
// engine runs it. The data tables are checked against ssda903.Schemas and
// cin.Schemas by the tests.
//
// Ids are assigned by the database, never worked out by the program: the
// ids of loads and audit entries are SQLite's INTEGER PRIMARY KEY
// AUTOINCREMENT and PostgreSQL's identity columns, so any number of
// people can record accesses at once. A store made when every module
// shared goose's one table, goose_db_version, adopts the modules' own
// tables when opened (their first migrations create tables only if they
// are absent) and is then upgraded in place; goose_db_version is left as
// it was.
//
// # The audit chain
//
// Each audit entry also has a seq, its place in a chain with no gaps, and
// a hash: SHA-256 over its seq, time, who, how identified, from where,
// action, subject and reason, each written as its length and its bytes,
// and the previous entry's hash (prev_hash). audit_head holds the last
// link; appending reads it FOR UPDATE on PostgreSQL (SQLite's one writer
// serialises on its own), so concurrent writers never fork the chain.
// VerifyAudit names the first entry changed, removed, inserted or
// reordered, or cut off the end; PruneAudit removes old entries and
// leaves a checkpoint entry, standing in the last one's place with its
// hash, from which the chain verifies. Entries made before the chain
// (migration audit/00005) are chained, in id order, when the store is
// first opened after it, as SQL cannot compute SHA-256 on both engines.
//
// # Loading
//
// The 903 is longitudinal: each year's return is complete for that year,
// so loading a year replaces what was stored for it. Load compares each
// table's new rows with the stored ones by the table's natural key: CHILD
// for the Header, CHILD and DECOM for Episodes, CHILD and REVIEW for
// Reviews, and for the others CHILD and the first date that is not the
// child's DOB (DUC, DATE_INT, DATE_PLACED, DATE_PERM, MIS_START, SW_DECOM,
// DOLO_START), or DOB in OC2 and OC3, which have no other. A row whose key is new is inserted, one whose key was there
// with other values is replaced, one with the same values is unchanged, and
// stored rows whose key is gone are deleted. Where a key occurs more than
// once in a table, the n-th row with that key is matched with the n-th
// stored row with it, so rows are in effect told apart by their order.
// Unchanged rows keep the load_id of the load that first supplied them.
// A table whose rows are the same, in the same order and from the same
// lines, is not written at all; any other is rewritten whole for the year
// (delete the year's rows, insert the new ones).
//
// All of a call's years go in one transaction: either everything is
// stored or, on any failure, including a cancelled context, nothing is.
// Loads are serialised: SQLite transactions begin IMMEDIATE and PostgreSQL
// loads take a transaction-level advisory lock.
//
// Every load is recorded in the history, including one that changed
// nothing (its counts are then all Unchanged; Load.Changed reports it), so
// the history shows when each set of files was loaded.
//
// # The CIN census
//
// The CIN census is kept as the 903 is, by the same code: one SQL table
// per table of cin.Schemas (cin_header, cin_child_identifiers,
// cin_child_characteristics, cin_disabilities, cin_details,
// cin_assessments, cin_assessment_factors_list, cin_plan_dates,
// cin_section47, cin_child_protection_plans, cin_reviews), whose columns
// are the census's in lower case (the Header's Year is return_year, since
// year is the collection year every data table has) with year,
// row_number, line and load_id; a history of loads of its own (cin_loads)
// and its stored years (cin_returns). Its loads are all or nothing,
// idempotent and replace a year as the 903's do, and take the same lock,
// so a CIN load and a 903 load wait for each other. Its natural keys are
// the child with the referral, assessment or plan a row belongs to and
// the date of its event (cin.go lists them). Its validation failures and
// skipped rules are stored with it, in the load's transaction, in
// cin_failures and cin_skipped_rules (as failures and skipped_rules are
// the 903's), and cin_validated lists the years validated. A load whose
// failures for a year are those stored writes none, for either return.
package store
