package earlyhelp

import (
	"bytes"
	"encoding/csv"
	"sort"
)

// Code is one value of a code list with what it means.
type Code struct {
	Code, Meaning string
}

// The outcomes on closing an episode of early help.
const (
	NeedsMet    = "needs_met"
	SteppedUp   = "stepped_up"
	SteppedDown = "stepped_down"
	MovedAway   = "moved_away"
	Disengaged  = "disengaged"
)

// Outcomes is the code list of Outcome, in the order pages show it.
var Outcomes = []Code{
	{NeedsMet, "Needs met"},
	{SteppedUp, "Stepped up to children's social care"},
	{SteppedDown, "Stepped down to universal services"},
	{MovedAway, "Moved away"},
	{Disengaged, "Family disengaged"},
}

// StepDown is the Reason of an episode that began as a step down from
// children's social care.
const StepDown = "step_down"

// Reasons is the code list of Reason: the Supporting Families outcome
// framework's headline needs, a step down from social care, or other.
var Reasons = []Code{
	{"education", "Getting a good education"},
	{"early_years", "Good early years development"},
	{"health", "Improved mental and physical health"},
	{"substance_use", "Recovery and reduced harm from substance use"},
	{"family_relationships", "Improved family relationships"},
	{"safeguarding", "Children safe from abuse and exploitation"},
	{"crime", "Crime prevention and tackling crime"},
	{"domestic_abuse", "Safe from domestic abuse"},
	{"housing", "Secure housing"},
	{"financial", "Financial stability"},
	{StepDown, "Stepped down from children's social care"},
	{"other", "Other"},
}

// The HAF programmes: the three holidays it runs in.
const (
	Easter    = "easter"
	Summer    = "summer"
	Christmas = "christmas"
)

// Programmes is the code list of Programme, in the order they fall in a
// collection year.
var Programmes = []Code{{Easter, "Easter"}, {Summer, "Summer"}, {Christmas, "Christmas"}}

// YesNo is the code list of FSM and SEND.
var YesNo = []Code{{"Y", "Yes"}, {"N", "No"}}

// YearGroups is the code list of YearGroup: reception to year 11, the
// years HAF is for.
var YearGroups = []Code{{"R", "Reception"}, {"1", "Year 1"}, {"2", "Year 2"}, {"3", "Year 3"}, {"4", "Year 4"},
	{"5", "Year 5"}, {"6", "Year 6"}, {"7", "Year 7"}, {"8", "Year 8"}, {"9", "Year 9"}, {"10", "Year 10"}, {"11", "Year 11"}}

// codeLists are the columns with code lists.
var codeLists = map[string][]Code{
	"Outcome": Outcomes, "Reason": Reasons, "Programme": Programmes,
	"FSM": YesNo, "SEND": YesNo, "YearGroup": YearGroups,
}

// Meaning returns what a code of a column means, and whether it is one.
func Meaning(column, code string) (string, bool) {
	for _, c := range codeLists[column] {
		if c.Code == code {
			return c.Meaning, true
		}
	}
	return "", false
}

// codesText lists a column's codes, for messages.
func codesText(column string) string {
	s := ""
	for i, c := range codeLists[column] {
		if i > 0 {
			s += ", "
		}
		s += c.Code
	}
	return s
}

// codeListsCSV is the code lists as returns.CodeLists reads them
// (field,code,from,until,meaning; every code valid in every year), so
// that the shared summary counts the codes of each column with one.
func codeListsCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"field", "code", "from", "until", "meaning"})
	columns := make([]string, 0, len(codeLists))
	for column := range codeLists {
		columns = append(columns, column)
	}
	sort.Strings(columns)
	for _, column := range columns {
		for _, c := range codeLists[column] {
			w.Write([]string{column, c.Code, "", "", c.Meaning})
		}
	}
	w.Flush() // writing to memory cannot fail
	return b.Bytes()
}
