// Package rules validates an SSDA903 return against the DfE's validation
// rules for its collection year, and against checks of Village's own. The
// engine that runs them is package validate; this package holds what is
// the 903's: its typed tables (Input, Tables and their rows), its needs,
// and its rules.
//
// Each rule is one block: a package-level value such as rule503A, a Rule
// literal with the DfE's code and message word for word, its description,
// the tables and fields it reads, what extra input it needs, the years it
// applies in, and its Check inline, so that a local authority analyst can
// review one rule at a time against the DfE's wording. Rules are grouped
// into families by theme, one file each (children.go, episodes.go,
// legal_status.go, placements.go, reviews.go, uasc.go, health.go,
// care_leavers.go, adoption.go, permanence.go, missing.go,
// social_workers.go, deprivation_of_liberty.go, last_year.go for the
// comparisons with last year's return, integrity.go for Village's own
// checks), in the DfE's numeric order, each file starting with its family.
// A helper used by one rule sits beside it; one its file's rules share
// sits at the foot of the file; one shared across themes is in
// vocabulary.go (or explain.go, for wording explanations).
//
// Rule sets are per collection year, kept as data: a rule has the years
// it applies from and until, so a year's set is the previous year's with
// rules added, modified (a new version from that year) and deleted. Rules
// builds the set from the families, with no init and no registry; Validate
// runs a year's set.
//
// The package imports no database, file system or network code, so that
// it can be compiled to WebAssembly and run in a browser.
package rules
