package cin

import (
	"fmt"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// PreProceedingsFrom is the first collection year whose census carries
// the pre-proceedings and family group decision making module (the XML's
// PreProceedingsandFGDM under CINdetails, the PreProceedings table):
// 2026/27, the year ending 31 March 2027.
const PreProceedingsFrom calendar.Year = 2027

// preProceedingsLeaves are the module's elements in the order the
// census gives them; each fills the PreProceedings column of its name.
var preProceedingsLeaves = []string{"PPStartDate", "LBPSentDate", "FGDMMeetingOffer", "FGDMMeetingFac",
	"InitialPPMeetingDate", "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate",
	"LetterInitCPDate"}

// preProceedingsPath is where the module's element sits in the XML.
const preProceedingsPath = "Message/Children/Child/CINdetails/PreProceedingsandFGDM"

// withPreProceedingsYear adds to the reader's problems those of
// preProceedingsOutOfYear, keeping the list in line order.
func withPreProceedingsYear(file string, tables map[TableName]*returns.Table, problems returns.Problems) returns.Problems {
	more := preProceedingsOutOfYear(file, tables)
	if len(more) == 0 {
		return problems
	}
	problems = append(problems, more...)
	slices.SortStableFunc(problems, func(a, b *returns.Problem) int { return a.Line - b.Line })
	return problems
}

// preProceedingsOutOfYear reports each PreProceedingsandFGDM element of a
// census whose Header puts it before 2026/27, where the module does not
// exist. The rows are kept as submitted, so that nothing read is lost;
// a census whose Header gives no year is not judged here.
func preProceedingsOutOfYear(file string, tables map[TableName]*returns.Table) returns.Problems {
	pp := tables[PreProceedings]
	if pp.Len() == 0 {
		return nil
	}
	y, ok := headerYearOf(tables[Header])
	if !ok || y >= PreProceedingsFrom {
		return nil
	}
	problems := make(returns.Problems, 0, pp.Len())
	for _, r := range pp.Rows {
		problems = append(problems, &returns.Problem{Severity: returns.Invalid, File: file, Line: r.Line,
			Field: "PreProceedingsandFGDM", Path: preProceedingsPath,
			Message: fmt.Sprintf("is not part of the %s census (the Header's year); its rows are kept as given", y),
			Expected: fmt.Sprintf("PreProceedingsandFGDM only in censuses from %s (the year ending 31 March %d)",
				PreProceedingsFrom, int(PreProceedingsFrom))})
	}
	return problems
}

// headerYearOf returns the collection year the Header names: the one its
// ReferenceDate falls in, else the one its Year ends in.
func headerYearOf(h *returns.Table) (calendar.Year, bool) {
	if h.Len() == 0 {
		return 0, false
	}
	row := h.Rows[0].Values
	if d, ok := calendar.ParseISODate(row[h.Schema.Index("ReferenceDate")]); ok {
		return calendar.YearOf(d), true
	}
	return headerYear(row[h.Schema.Index("Year")])
}
