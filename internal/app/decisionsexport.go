package app

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/present/sheet"
)

// Table is one table of an export or report: a CSV file, or a sheet of a
// workbook. Its cells are text, whole numbers, calendar dates, times or
// nil for an empty cell.
type Table struct {
	Name    string // the sheet's name
	Columns []sheet.Column
	Rows    [][]any
}

// Tables are the export's two tables: the decisions, one a row, and the
// acknowledgements.
func (e Export) Tables() []Table {
	decided := Table{Name: "Decisions", Columns: []sheet.Column{
		{Heading: "ID"}, {Heading: "Title", Width: 40}, {Heading: "Deciding agency"},
		{Heading: "Decided", Format: sheet.Date}, {Heading: "Effective", Format: sheet.Date}, {Heading: "Status"},
		{Heading: "Review", Format: sheet.Date}, {Heading: "Services", Width: 30}, {Heading: "Cohorts", Width: 30},
		{Heading: "Cohort counts (" + e.Policy.String() + ")", Width: 40},
		{Heading: "Notices sent", Format: sheet.Count}, {Heading: "Acknowledged", Format: sheet.Count}, {Heading: "Overdue", Format: sheet.Count},
		{Heading: "Supports", Format: sheet.Count}, {Heading: "Has concerns", Format: sheet.Count}, {Heading: "Needs discussion", Format: sheet.Count}}}
	for _, r := range e.Rows {
		d := r.Decision
		var review any
		if d.HasReview {
			review = d.Review
		}
		ids := make([]string, len(d.Cohorts))
		for i, c := range d.Cohorts {
			ids[i] = c.ID()
		}
		decided.Rows = append(decided.Rows, []any{d.ID, d.Title, d.Agency, d.Decided, d.Effective, d.Status.Label(), review,
			strings.Join(d.Services, "; "), strings.Join(ids, "; "), CohortCounts(r.Impacts), r.Sent, r.Acknowledged, r.Overdue,
			r.Responses[decisions.Supports], r.Responses[decisions.Concerns], r.Responses[decisions.NeedsDiscussion]})
	}
	acks := Table{Name: "Acknowledgements", Columns: []sheet.Column{
		{Heading: "Decision"}, {Heading: "Title", Width: 40}, {Heading: "Lead"}, {Heading: "Lead's agency"},
		{Heading: "Response"}, {Heading: "Comment", Width: 50}, {Heading: "When", Width: 22}}}
	for _, a := range e.Acks {
		acks.Rows = append(acks.Rows, []any{a.Decision, a.Title, a.Lead, a.Agency, a.Response.Label(), a.Comment, a.At})
	}
	return []Table{decided, acks}
}

// CohortCounts writes the cohorts' counts in one cell: "looked_after 412;
// send c (entered)", each as the policy shows it (c suppressed, x not
// known).
func CohortCounts(impacts []Impact) string {
	parts := make([]string, len(impacts))
	for i, im := range impacts {
		parts[i] = im.Cohort.ID() + " " + im.Count.Text()
		if im.Entered {
			parts[i] += " (entered)"
		}
	}
	return strings.Join(parts, "; ")
}

// text is a cell as CSV writes it: dates as 2026-11-02, times in UTC as
// RFC 3339, text made safe from being read as a formula.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return sheet.Escape(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case calendar.Date:
		return v.Time().Format(time.DateOnly)
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	}
	return sheet.Escape(fmt.Sprint(v))
}

// Words is a cell as a page or a terminal shows it: dates as 1 April
// 2025, nothing for an empty cell.
func Words(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case calendar.Date:
		return v.Long()
	}
	return fmt.Sprint(v)
}

// WriteCSV writes the table as CSV, its headings first; a cell that
// starts = + - or @ gets a leading apostrophe so that a spreadsheet shows
// it as text and does not run it.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	heading := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		heading[i] = sheet.Escape(c.Heading)
	}
	if err := cw.Write(heading); err != nil {
		return fmt.Errorf("writing %s as CSV: %w", t.Name, err)
	}
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = text(v)
		}
		if err := cw.Write(cells); err != nil {
			return fmt.Errorf("writing %s as CSV: %w", t.Name, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing %s as CSV: %w", t.Name, err)
	}
	return nil
}

// WriteXLSX writes the tables as a workbook, a sheet each, with styled
// headings, filters, dates as dates and times as text in UTC.
func WriteXLSX(w io.Writer, tables ...Table) error {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Name
	}
	f, err := sheet.New(names...)
	if err != nil {
		return err
	}
	defer f.Close()
	st := sheet.NewStyles(f)
	for _, t := range tables {
		rows := make([][]any, len(t.Rows))
		for i, row := range t.Rows {
			rows[i] = make([]any, len(row))
			for j, v := range row {
				switch v := v.(type) {
				case calendar.Date:
					rows[i][j] = v.Time()
				case time.Time:
					rows[i][j] = v.UTC().Format(time.RFC3339)
				default:
					rows[i][j] = v
				}
			}
		}
		if err := st.WriteTable(sheet.Table{Sheet: t.Name, Row: 1, Columns: t.Columns, Rows: rows}); err != nil {
			return fmt.Errorf("writing the %s sheet: %w", t.Name, err)
		}
		if err := sheet.Freeze(f, t.Name, 1); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// NotRecorded is what the report says of escalations when the store does
// not record them: not 0, which would claim there were none.
const NotRecorded = "not recorded"

// EscalationsText is the escalations as the report shows them.
func (rep YearReport) EscalationsText() string {
	if rep.Escalations == nil {
		return NotRecorded
	}
	return strconv.Itoa(*rep.Escalations)
}

// MedianText is the median working days to acknowledge, or "none
// acknowledged".
func (rep YearReport) MedianText() string {
	if !rep.HasMedian {
		return "none acknowledged"
	}
	return strconv.FormatFloat(rep.MedianDays, 'f', -1, 64)
}

// Measures are the report's headline counts in words, in order.
func (rep YearReport) Measures() [][2]string {
	n := strconv.Itoa
	return [][2]string{
		{"Reporting period", rep.Period.Label + " (" + rep.Period.Start.String() + " to " + rep.Period.End.String() + ")"},
		{"Decisions decided in the period", n(rep.Decided)},
		{"Notices sent to leads", n(rep.Sent)},
		{"Acknowledged by the due date", n(rep.OnTime)},
		{"Acknowledged after the due date", n(rep.Late)},
		{"Never acknowledged (as of " + rep.On.String() + ")", n(rep.Never)},
		{"Of those, not yet due", n(rep.NotYetDue)},
		{"Median working days to acknowledge", rep.MedianText()},
		{"Escalations to the partnership's chairs", rep.EscalationsText()},
		{"Decisions still awaiting acknowledgement", n(len(rep.Awaiting))},
		{"Decisions a lead raised concerns about", n(len(rep.Concerned))},
	}
}

// Tables are the report as tables: the measures, decisions by agency and
// by cohort, responses by agency, the decisions awaiting
// acknowledgement and those with concerns raised.
func (rep YearReport) Tables() []Table {
	summary := Table{Name: "Summary", Columns: []sheet.Column{{Heading: "Measure", Width: 45}, {Heading: "Value", Width: 30}}}
	for _, m := range rep.Measures() {
		summary.Rows = append(summary.Rows, []any{m[0], m[1]})
	}
	counted := func(name, what string, cs []Counted) Table {
		t := Table{Name: name, Columns: []sheet.Column{{Heading: "ID"}, {Heading: what, Width: 45}, {Heading: "Decisions", Format: sheet.Count}}}
		for _, c := range cs {
			t.Rows = append(t.Rows, []any{c.ID, c.Name, c.N})
		}
		return t
	}
	responses := Table{Name: "Responses", Columns: []sheet.Column{{Heading: "ID"}, {Heading: "Lead's agency", Width: 45},
		{Heading: "Supports", Format: sheet.Count}, {Heading: "Has concerns", Format: sheet.Count}, {Heading: "Needs discussion", Format: sheet.Count}}}
	for _, r := range rep.Responses {
		responses.Rows = append(responses.Rows, []any{r.Agency, r.Name,
			r.Responses[decisions.Supports], r.Responses[decisions.Concerns], r.Responses[decisions.NeedsDiscussion]})
	}
	counts := "Cohort counts (" + rep.Policy.String() + ")"
	awaiting := Table{Name: "Awaiting", Columns: []sheet.Column{{Heading: "ID"}, {Heading: "Title", Width: 40}, {Heading: "Deciding agency"},
		{Heading: "Decided", Format: sheet.Date}, {Heading: "Notices sent", Format: sheet.Count}, {Heading: "Acknowledged", Format: sheet.Count},
		{Heading: "Overdue", Format: sheet.Count}, {Heading: counts, Width: 40}}}
	for _, d := range rep.Awaiting {
		awaiting.Rows = append(awaiting.Rows, []any{d.Decision.ID, d.Decision.Title, d.Decision.Agency, d.Decision.Decided,
			d.Sent, d.Acknowledged, d.Overdue, CohortCounts(d.Impacts)})
	}
	concerns := Table{Name: "Concerns", Columns: []sheet.Column{{Heading: "ID"}, {Heading: "Title", Width: 40}, {Heading: "Deciding agency"},
		{Heading: "Decided", Format: sheet.Date}, {Heading: "Lead"}, {Heading: "Lead's agency"}, {Heading: "Comment", Width: 50}, {Heading: counts, Width: 40}}}
	for _, d := range rep.Concerned {
		for _, c := range d.Concerns {
			concerns.Rows = append(concerns.Rows, []any{d.Decision.ID, d.Decision.Title, d.Decision.Agency, d.Decision.Decided,
				c.Lead, c.Agency, c.Comment, CohortCounts(d.Impacts)})
		}
	}
	return []Table{summary, counted("By agency", "Deciding agency", rep.ByAgency), counted("By cohort", "Cohort", rep.ByCohort),
		responses, awaiting, concerns}
}

// LongTable is the tables in one, a cell a row (table, row, column,
// value), for the report's CSV: one file however many tables.
func LongTable(tables []Table) Table {
	long := Table{Name: "Report", Columns: []sheet.Column{{Heading: "table"}, {Heading: "row"}, {Heading: "column"}, {Heading: "value"}}}
	for _, t := range tables {
		for i, row := range t.Rows {
			for j, v := range row {
				long.Rows = append(long.Rows, []any{t.Name, i + 1, t.Columns[j].Heading, v})
			}
		}
	}
	return long
}

// ReportJSON is the yearly report as the API and `village decisions
// report --format json` give it.
type ReportJSON struct {
	Period struct {
		Label string `json:"label"`
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"period"`
	Mode     string        `json:"mode"` // how the cohorts' child counts are shown: exact or publishable
	On       string        `json:"on"`   // the day open notices are counted as of
	Decided  int           `json:"decided"`
	ByAgency []countedJSON `json:"by_agency"`
	ByCohort []countedJSON `json:"by_cohort"`
	Notices  struct {
		Sent   int `json:"sent"`
		OnTime int `json:"acknowledged_on_time"`
		Late   int `json:"acknowledged_late"`
		Never  int `json:"never_acknowledged"`
		// NotYetDue are those of Never whose due date has not passed.
		NotYetDue int `json:"not_yet_due"`
	} `json:"notices"`
	// MedianWorkingDays is null when no notice was acknowledged.
	MedianWorkingDays *float64        `json:"median_working_days_to_acknowledge"`
	Responses         []responsesJSON `json:"responses_by_agency"`
	// Escalations is null, and EscalationsText "not recorded", when the
	// store does not record escalations.
	Escalations     *int                 `json:"escalations"`
	EscalationsText string               `json:"escalations_text"`
	Awaiting        []reportDecisionJSON `json:"awaiting_acknowledgement"`
	Concerns        []reportDecisionJSON `json:"concerns_raised"`
}

type countedJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Decisions int    `json:"decisions"`
}

type responsesJSON struct {
	Agency          string `json:"agency"`
	Name            string `json:"name"`
	Supports        int    `json:"supports"`
	Concerns        int    `json:"concerns"`
	NeedsDiscussion int    `json:"needs_discussion"`
}

type reportDecisionJSON struct {
	ID           int64             `json:"id"`
	Title        string            `json:"title"`
	Agency       string            `json:"agency"`
	Decided      string            `json:"decided"`
	Sent         int               `json:"notices"`
	Acknowledged int               `json:"acknowledged"`
	Overdue      int               `json:"overdue"`
	Cohorts      []cohortCountJSON `json:"cohorts"`
	Concerns     []concernJSON     `json:"concerns,omitempty"`
}

type cohortCountJSON struct {
	ID        string `json:"id"`
	Count     *int   `json:"count"` // null when suppressed or not known
	CountText string `json:"count_text"`
}

type concernJSON struct {
	Lead    string `json:"lead"`
	Agency  string `json:"agency"`
	Comment string `json:"comment"`
}

// JSON is the report for the API.
func (rep YearReport) JSON() ReportJSON {
	iso := func(d calendar.Date) string { return d.Time().Format(time.DateOnly) }
	var j ReportJSON
	j.Period.Label, j.Period.Start, j.Period.End = rep.Period.Label, iso(rep.Period.Start), iso(rep.Period.End)
	j.Mode, j.On, j.Decided = rep.Policy.String(), iso(rep.On), rep.Decided
	j.Notices.Sent, j.Notices.OnTime, j.Notices.Late, j.Notices.Never, j.Notices.NotYetDue = rep.Sent, rep.OnTime, rep.Late, rep.Never, rep.NotYetDue
	if rep.HasMedian {
		m := rep.MedianDays
		j.MedianWorkingDays = &m
	}
	j.Escalations, j.EscalationsText = rep.Escalations, rep.EscalationsText()
	j.ByAgency, j.ByCohort = countedJSONOf(rep.ByAgency), countedJSONOf(rep.ByCohort)
	j.Responses = []responsesJSON{}
	for _, r := range rep.Responses {
		j.Responses = append(j.Responses, responsesJSON{Agency: r.Agency, Name: r.Name, Supports: r.Responses[decisions.Supports],
			Concerns: r.Responses[decisions.Concerns], NeedsDiscussion: r.Responses[decisions.NeedsDiscussion]})
	}
	list := func(ds []ReportDecision) []reportDecisionJSON {
		out := []reportDecisionJSON{}
		for _, d := range ds {
			rd := reportDecisionJSON{ID: d.Decision.ID, Title: d.Decision.Title, Agency: d.Decision.Agency, Decided: iso(d.Decision.Decided),
				Sent: d.Sent, Acknowledged: d.Acknowledged, Overdue: d.Overdue, Cohorts: []cohortCountJSON{}}
			for _, im := range d.Impacts {
				c := cohortCountJSON{ID: im.Cohort.ID(), CountText: im.Count.Text()}
				if im.Count.Known {
					c.Count = im.Count.Count()
				}
				rd.Cohorts = append(rd.Cohorts, c)
			}
			for _, c := range d.Concerns {
				rd.Concerns = append(rd.Concerns, concernJSON(c))
			}
			out = append(out, rd)
		}
		return out
	}
	j.Awaiting, j.Concerns = list(rep.Awaiting), list(rep.Concerned)
	return j
}

func countedJSONOf(cs []Counted) []countedJSON {
	out := make([]countedJSON, len(cs))
	for i, c := range cs {
		out[i] = countedJSON{ID: c.ID, Name: c.Name, Decisions: c.N}
	}
	return out
}
