package ssda903

import "io"

// ReadCSV reads one table from a CSV file. The table is recognised by its
// set of column headers, in any order, with case and surrounding spaces
// ignored; its name plays no part. The text may be UTF-8 with or without a
// byte-order mark, UTF-16 with a mark, or Windows-1252 as Excel saves it.
//
// The returned problems hold warnings (unknown extra columns, blank rows)
// and invalid values (a date that is not DD/MM/YYYY); the rows still keep
// the submitted text. The error, when not nil, is a Problems list of
// fatal problems and the table is nil: nothing of the file is used.
func ReadCSV(file string, r io.Reader) (*Table, Problems, error) { return Collection.ReadCSV(file, r) }
