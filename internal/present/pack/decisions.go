package pack

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/present/sheet"
)

// decisionsSheet is the workbook's sheet of the decisions affecting
// children in care.
const decisionsSheet = "Decisions"

// DecisionsTitle is the section's heading.
const DecisionsTitle = "Decisions this quarter affecting children in care"

// Decisions is the pack's section on the partnership's decisions this
// quarter affecting children in care: those of the decision register
// whose decision or effective date falls in the quarter and whose cohorts
// include children looked after (however narrowed) or care leavers. The
// pack is given it (whoever assembles the pack reads the register); nil
// leaves the section out.
type Decisions struct {
	// Kept is false when the store keeps no decision register (none was
	// ever set up): the section says so rather than "none".
	Kept bool
	Rows []DecisionRow
}

// DecisionRow is one decision of the section.
type DecisionRow struct {
	ID                 int64
	Title              string
	Agency             string // the deciding agency's name
	Decided, Effective calendar.Date
	Status             string // in words, such as "In effect"
	Cohorts            []DecisionCohort
	// Notices sent, acknowledged and overdue (open past their due date).
	Notices, Acknowledged, Overdue int
	Supports, Concerns, Discussion int // the leads' latest responses, by kind
}

// DecisionCohort is one cohort of a decision with its count of children,
// under the pack's policy (suppressed, c, when publishable and 1 to 5).
type DecisionCohort struct {
	Name    string
	Count   disclose.Cell
	Entered bool // entered by whoever recorded the decision, not counted
}

// CohortsText is the cohorts and their counts in words, for one cell:
// "Children looked after 412; Care leavers c".
func (r DecisionRow) CohortsText() string {
	parts := make([]string, len(r.Cohorts))
	for i, c := range r.Cohorts {
		parts[i] = c.Name + " " + c.Count.Text()
		if c.Entered {
			parts[i] += " (entered)"
		}
	}
	return strings.Join(parts, "; ")
}

// AckText is the acknowledgements in words: "2 of 3".
func (r DecisionRow) AckText() string { return fmt.Sprintf("%d of %d", r.Acknowledged, r.Notices) }

// ResponsesText is the responses in words: "1 supports, 1 has concerns";
// "none" when no lead has responded.
func (r DecisionRow) ResponsesText() string {
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{r.Supports, "supports"}, {r.Concerns, "has concerns"}, {r.Discussion, "needs discussion"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.word))
		}
	}
	if parts == nil {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Sentence says what the section holds when it has no table: no register
// kept, or none this quarter.
func (d *Decisions) Sentence(quarter string) string {
	switch {
	case !d.Kept:
		return "This store keeps no decision register (village agencies add sets one up), so there are no decisions to show."
	case len(d.Rows) == 0:
		return "None this quarter: no decision in the register affecting children looked after or care leavers was decided or took effect in " + quarter + "."
	}
	return ""
}

// writeDecisions writes the decisions' sheet: what it is, then a
// decision a row, or the sentence saying why there is none.
func (m *Model) writeDecisions(f *excelize.File, st *sheet.Styles) error {
	d := m.Decisions
	intro := [][]any{{DecisionsTitle + ", " + m.Quarter}, {m.Mode},
		{"Decisions of the partnership's register decided or taking effect in the quarter whose cohorts include children looked after or care leavers, with the leads' acknowledgements as they stand."}}
	if s := d.Sentence(m.Quarter); s != "" {
		intro = append(intro, []any{s})
	}
	if err := sheet.WriteRows(f, decisionsSheet, intro); err != nil {
		return err
	}
	if err := boldCell(f, st, decisionsSheet, "A1"); err != nil {
		return err
	}
	if len(d.Rows) == 0 {
		return nil
	}
	var rows [][]any
	for _, r := range d.Rows {
		rows = append(rows, []any{r.ID, r.Title, r.Agency, r.Decided.Time(), r.Effective.Time(), r.Status, r.CohortsText(),
			r.Notices, r.Acknowledged, r.Overdue, r.Supports, r.Concerns, r.Discussion})
	}
	columns := []sheet.Column{{Heading: "ID"}, {Heading: "Decision", Width: 40}, {Heading: "Deciding agency", Width: 24},
		{Heading: "Decided", Format: sheet.Date}, {Heading: "Effective", Format: sheet.Date}, {Heading: "Status"},
		{Heading: "Cohorts and children", Width: 50}, {Heading: "Notices sent", Format: sheet.Count},
		{Heading: "Acknowledged", Format: sheet.Count}, {Heading: "Overdue", Format: sheet.Count}, {Heading: "Supports", Format: sheet.Count},
		{Heading: "Has concerns", Format: sheet.Count}, {Heading: "Needs discussion", Format: sheet.Count}}
	first := len(intro) + 2
	if err := st.WriteTable(sheet.Table{Sheet: decisionsSheet, Name: "Decisions", Row: first, Columns: columns, Rows: rows}); err != nil {
		return err
	}
	return sheet.Freeze(f, decisionsSheet, first)
}
