// Package rules validates an SSDA903 return against the DfE's validation
// rules for its collection year, and against checks of Village's own.
//
// A Rule carries the DfE's code and message word for word, the tables and
// fields it reads, what extra input it needs, and a Check function. Each
// rule lives in its own function beside its code and message, so that a
// local authority analyst can review one rule at a time against the DfE's
// wording. Rule sets are per collection year, kept as data: a rule has the
// years it applies from and until, so a year's set is the previous year's
// with rules added, modified (a new version from that year) and deleted.
//
// The package imports no database, file system or network code, so that
// it can be compiled to WebAssembly and run in a browser.
package rules
