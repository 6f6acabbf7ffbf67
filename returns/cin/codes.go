package cin

import (
	_ "embed"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// codes.csv holds the census's code lists from 2023/24, taken from the
// DfE's schemas for each year. A field is named after the column it fills;
// the two categories of abuse share one list, written under each column.
// ReferralNFA and ICPCnotRequired take 1 or 0, which the schema names, and
// true or false, which rule 8568 accepts too.
//
// The pre-proceedings module's lists (2026/27 on) are not in any schema
// found: FGDMMeetingOffer and FGDMMeetingFac take 1 or 0, as the DfE's
// rule 9010Q (which tests for 1) and the peer validator's 2026 sample
// census give them; PPOutcome is A, B or C, the DfE's codeset CS131 as
// rule 9011 lists it (data-to-insight/csc-validator-be-cin,
// cin_validator/rules/cin2026_27). What A, B and C mean was not found.
//
//go:embed codes.csv
var codesCSV []byte

// codeLists are the census's code lists by collection year.
var codeLists = returns.NewCodeLists("cin/codes.csv", codesCSV)

// Codes returns the codes valid for field in collection year y, in the
// order the DfE lists them. It returns nil for a field with no code list.
func Codes(field string, y calendar.Year) []string { return codeLists.Codes(field, y) }

// ValidCode reports whether code is in field's code list for year y. The
// comparison is exact, as the DfE's portal makes it.
func ValidCode(field, code string, y calendar.Year) bool { return codeLists.Valid(field, code, y) }

// CodeMeaning returns what a code means, in the first year it was used.
func CodeMeaning(field, code string) (string, bool) { return codeLists.Meaning(field, code) }

// CodeFields lists the fields that have code lists, sorted.
func CodeFields() []string { return codeLists.Fields() }
