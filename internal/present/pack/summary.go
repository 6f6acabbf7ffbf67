package pack

import (
	_ "embed"
	"html/template"
	"slices"
	"strings"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/chart"
)

//go:embed summary.html
var summaryText string

// The summary's part of the page, parsed into it: the page includes it as
// "summary".
var _ = template.Must(page.Funcs(template.FuncMap{"sparkline": chart.KeyMeasureLine,
	"noChange": func() string { return noChange }, "notPublished": func() string { return notPublished }}).Parse(summaryText))

// summarise adds the director's summary to the model, and marks the
// sections that have a page (a sheet): every one, with its breakdowns, in
// the full pack; the summary's key measures, without them, otherwise.
func (p Pack) summarise(m *Model) {
	m.Summary = indicators.SummaryOf{Set: p.Set, Population: p.Population, Period: p.Quarter, Covered: p.Covered,
		Authority: p.Authority, Policy: p.policy()}.Summarise()
	m.Full = p.Full
	keys := indicators.KeyMeasureIDs()
	pages := 0
	for i := range m.Sections {
		s := &m.Sections[i]
		s.Page = p.Full || slices.Contains(keys, s.Indicator.ID)
		if p.Full {
			continue
		}
		s.Breakdowns = nil // a page a measure: the breakdowns take three more each
		if s.Page {
			s.Sheet = sheetName(pages, s.Indicator.ID) // numbered without gaps
			pages++
		}
	}
}

// summaryRows are the workbook's Summary sheet: the same as the page's
// first page, the trend written out month by month.
func summaryRows(m *Model) [][]any {
	s := m.Summary
	rows := [][]any{{m.Title}, {s.Authority.String() + ": summary to " + s.AsAt}, {m.Mode}, {},
		{"What changed against a year earlier"}}
	if len(s.Changes) == 0 {
		rows = append(rows, []any{noChange})
	}
	for _, c := range s.Changes {
		rows = append(rows, []any{c})
	}
	rows = append(rows, []any{}, []any{"Measure", s.Year, "Per 10,000 children", "A year earlier", "England", "England, per 10,000",
		"England's year", "England's source", "Last 12 months, oldest first"})
	for _, k := range s.Measures {
		row := []any{k.Name, k.WithUnit(k.Now), k.Rate, k.WithUnit(k.Before)}
		if e := k.England; e != nil {
			row = append(row, k.WithUnit(e.Value), e.Rate, e.Year, e.Source+", "+e.Edition)
		} else {
			row = append(row, notPublished, "", "", "")
		}
		var trend []string
		for _, p := range k.Trend {
			trend = append(trend, p.Label+": "+k.WithUnit(p.Text))
		}
		rows = append(rows, append(row, strings.Join(trend, "; ")))
	}
	return rows
}

// What the summary says when it has no line on what changed, and beside a
// measure England publishes no figure for.
const (
	noChange     = "No key measure can be compared with a year earlier: that year is not loaded, or its figures are suppressed."
	notPublished = "Not published in these terms"
)
