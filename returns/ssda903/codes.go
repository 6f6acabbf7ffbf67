package ssda903

import (
	_ "embed"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

//go:embed codes.csv
var codesCSV []byte

// codeLists are the return's code lists by collection year.
var codeLists = returns.NewCodeLists("ssda903/codes.csv", codesCSV)

// CodeInfo is one code of a code list with the collection years in which it
// is valid. From and Until are inclusive; zero means unbounded.
type CodeInfo = returns.CodeInfo

// Codes returns the codes valid for field in collection year y, in the
// order the DfE lists them. It returns nil for a field with no code list.
func Codes(field string, y calendar.Year) []string { return codeLists.Codes(field, y) }

// ValidCode reports whether code is in field's code list for year y. The
// comparison is exact: "wbri" is not WBRI, because the DfE's portal does
// not accept it either.
func ValidCode(field, code string, y calendar.Year) bool { return codeLists.Valid(field, code, y) }

// CodeMeaning returns what a code means, in any year it has been used.
func CodeMeaning(field, code string) (string, bool) { return codeLists.Meaning(field, code) }

// CodeFields lists the fields that have code lists, sorted.
func CodeFields() []string { return codeLists.Fields() }
