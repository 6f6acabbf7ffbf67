// Package ssda903 reads and writes the SSDA903 return, the statutory
// children looked after collection that every English local authority
// submits to the Department for Education each year.
//
// A Return is the set of tables for one collection year and one local
// authority. Every value keeps the exact text that was submitted, because
// the validation rules must judge what the council sent rather than what a
// reader guessed it meant; typed views (Date, PartialDate, codes) are
// offered on top of that text.
//
// Files come as CSV, one table per file and recognised by its column
// headers, or as XML in the EXPSSDA903 layout. Code lists are kept per
// collection year in codes.csv, embedded in the package.
//
// The machinery is package returns, which every return shares: this
// package holds only what is the 903's (its schemas, its code lists, its
// XML mapping, its writer and how its collection year is told) and names
// the shared types as its own (Table is returns.Table, Problem is
// returns.Problem) so that code written against it reads as before.
// Collection hands the 903 to the shared readers and to returns/folder.
package ssda903
