package ssda903

import "github.com/village-uk/village/returns"

// Severity says whether a problem stops the data being used.
type Severity = returns.Severity

// The severities, least serious first.
const (
	Warning = returns.Warning // noted, the data is still used as read
	Invalid = returns.Invalid // a value is not of the form its column needs
	Fatal   = returns.Fatal   // the file cannot be read as a table
)

// Problem is something wrong with an input file, located as precisely as
// the format allows so that a person can find and fix it.
type Problem = returns.Problem

// Problems is a list of problems. As an error it reports the most serious
// ones; a nil or empty list is no error.
type Problems = returns.Problems

// AsProblems extracts the problems from an error returned by this package's
// readers: a Problems list, a single *Problem, or any other error, which is
// wrapped as a fatal problem with the given file.
func AsProblems(err error, file string) Problems { return returns.AsProblems(err, file) }
