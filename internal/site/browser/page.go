package browser

import (
	"fmt"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/validate"
)

// shownFailures caps the failures the page lists with their
// explanations; the downloads hold every one.
const shownFailures = 1000

// Page is what the page shows of a result, as JSON for its script: the
// summary "village validate" prints, by rule and table, the skipped rules
// and the first failures with their explanations.
type Page struct {
	Return       string        `json:"return"` // "SSDA903" or "CIN"
	Year         string        `json:"year"`
	Files        []string      `json:"files"`
	Invalid      int           `json:"invalid_values"` // values not in the form their column needs
	Missing      []string      `json:"tables_missing,omitempty"`
	RulesRun     int           `json:"rules_run"`
	Failures     int           `json:"failures"`
	DfEFailures  int           `json:"dfe_failures"`
	Children     int           `json:"children_affected"`
	ByRule       []PageRule    `json:"by_rule"`
	ByTable      []PageTable   `json:"by_table"`
	Skipped      []PageSkip    `json:"skipped"`
	Explanations []PageFailure `json:"explanations"` // the first shownFailures, in rule order
}

// PageRule is one rule's count.
type PageRule struct {
	Code     string `json:"rule"`
	Origin   string `json:"origin"`
	Message  string `json:"message"`
	Failures int    `json:"failures"`
	Children int    `json:"children"`
}

// PageTable is one table's count.
type PageTable struct {
	Table    string `json:"table"`
	Failures int    `json:"failures"`
}

// PageSkip is one reason rules were skipped, and their codes.
type PageSkip struct {
	Reason string   `json:"reason"`
	Codes  []string `json:"rules"`
}

// PageFailure is one failure as the page lists it.
type PageFailure struct {
	Rule        string `json:"rule"`
	Where       string `json:"where"`
	Child       string `json:"child"`
	Explanation string `json:"explanation"`
}

// Page describes the result for the page.
func (res *Result) Page() Page {
	s := res.Summary
	p := Page{Return: res.Return.Collection.Name, Year: res.Return.Year.String(), Files: res.Files,
		RulesRun: len(res.Report.Ran), Failures: s.Failures, DfEFailures: s.DfEFailures, Children: s.Children,
		ByRule: []PageRule{}, ByTable: []PageTable{}, Skipped: []PageSkip{}, Explanations: []PageFailure{}}
	for _, pr := range res.Return.Problems {
		if pr.Severity == returns.Invalid {
			p.Invalid++
		}
	}
	for _, t := range s.Missing {
		p.Missing = append(p.Missing, string(t))
	}
	for _, r := range s.ByRule {
		p.ByRule = append(p.ByRule, PageRule{r.Rule.Code, r.Rule.Origin.String(), r.Rule.Message, r.Failures, r.Children})
	}
	for _, t := range s.ByTable {
		name := string(t.Table)
		if t.Last {
			name += " (last year)"
		}
		p.ByTable = append(p.ByTable, PageTable{name, t.Failures})
	}
	for _, r := range s.SkipReasons {
		p.Skipped = append(p.Skipped, PageSkip{r.Reason, r.Codes})
	}
	for _, f := range res.Report.Failures[:min(len(res.Report.Failures), shownFailures)] {
		p.Explanations = append(p.Explanations, PageFailure{f.Rule.Code, where(f), f.Child, f.Explanation})
	}
	return p
}

// where says where a failure's row is, as "village validate --explain"
// does: "header.csv:104 (Header)", or the table and data row.
func where(f validate.Failure) string {
	if f.File == "" || f.Line == 0 {
		return fmt.Sprintf("%s row %d", f.Table, f.Row)
	}
	return fmt.Sprintf("%s:%d (%s)", f.File, f.Line, f.Table)
}
