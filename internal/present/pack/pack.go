// Package pack builds the quarterly looked-after-children seminar pack,
// replacing the hand-built Excel packs: a contents list, the headline
// table against a year earlier, and for each indicator its definition,
// its monthly trend with the control-chart signals in words, and its
// breakdowns. The pack is computed once as a Model and rendered as a
// workbook (WriteXLSX) or as one printable, self-contained HTML page
// (WriteHTML), so the two cannot disagree.
package pack

import (
	"io"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/published"
	"github.com/village-uk/village/internal/spc"
)

// Pack is what a pack reports on.
type Pack struct {
	Set         *journey.Set
	Population  indicators.Population
	Quarter     calendar.Period // the quarter the pack is for: financial or calendar
	Publishable bool            // suppress counts of 1 to 5, as for circulation outside the analysts
	// Full gives every indicator a page (a sheet); otherwise only the
	// summary's key measures have one, as a quarterly seminar reads.
	Full      bool
	Authority indicators.Authority // the authority, for the summary
	Covered   calendar.Period      // the time the loaded returns cover, for the summary's trends and changes
	// Front is every child's front door from the CIN censuses loaded, for
	// the pack's front door; nil when none is.
	Front *frontdoor.Set
	// Decisions are the register's decisions this quarter affecting
	// children in care (decisions.go); nil leaves the section out.
	Decisions *Decisions
	// National is the DfE's published tables, for the comparison with
	// England, the region and the neighbours; nil leaves it out.
	National *published.Tables
	// Savings is the savings ledger's section (savings.go), worked out
	// by the caller; nil for none.
	Savings *Savings
	// EarlyHelp is the early help and HAF indicators (earlyhelp.go),
	// computed by the caller; nil leaves the section out.
	EarlyHelp *EarlyHelpInput
}

// trendMonths is how many months each indicator's trend covers; the
// headline table notes the signals that reach into the last recentMonths,
// and each indicator's section all of them.
const (
	trendMonths  = 36
	recentMonths = 12
)

// Model is a pack's content, every figure computed and formatted as the
// pack shows it (exact, or with small counts suppressed).
type Model struct {
	Title       string // "Looked-after children: quarterly pack, Q4 2025/26 (January to March 2026)"
	Quarter     string // the quarter's label, "Q4 2025/26 (January to March 2026)"
	YearEarlier string // the same quarter a year before, "Q4 2024/25 (January to March 2025)"
	Publishable bool
	Mode        string // what kind of figures these are, in a sentence
	Recent      int    // how many months the headline table's signals reach back
	Coverage    string // how the returns partly cover the quarter; "" when they cover it all
	Sections    []Section

	// Period and Earlier are the quarter and the same quarter a year
	// before, for the workbook's dates and codes.
	Period, Earlier calendar.Period
	Summary         *indicators.Summary // the director's summary, the pack's first page
	Full            bool                // every section has a page
	// FrontDoor is the children in need indicators for the collection
	// year the quarter ends in; nil when no CIN census is loaded.
	FrontDoor *FrontDoor
	// Decisions is the section on decisions affecting children in care;
	// nil when the pack was given none.
	Decisions *Decisions
	// Benchmark is the comparison with England, the region and the
	// neighbours; nil without published tables.
	Benchmark *Benchmark
	// Savings is the savings ledger's section; nil for none.
	Savings *Savings
	// EarlyHelp is the early help and HAF section; nil when the pack was
	// given none.
	EarlyHelp *EarlyHelp
}

// Section is one indicator of the pack.
type Section struct {
	Indicator *indicators.Indicator
	Family    string // the indicator's family (indicators.Families)
	// FirstOfFamily marks the first section of each family, where the
	// headline table starts the family's rows.
	FirstOfFamily bool
	Sheet         string // its sheet in the workbook
	Page          bool   // it has a page (a sheet) of its own, not only its headline row
	Direction     string // which way is better, as a sentence
	Unit          string // the unit of the quarter's figures ("per 10,000 children aged 0-17, in the quarter")
	MonthUnit     string // the unit of the monthly trend's figures

	Now, Before         indicators.Value // the quarter and a year earlier
	NowText, BeforeText string           // the same as shown: exact, or suppressed
	Change              string           // "up, better", "down", "no change"...

	Yearly bool   // the trend is a point a collection year (OC2, SDQ, OC3), not a month
	Every  string // what each point of the trend is: "Month" or "Collection year"
	Note   string // children left out, or the collection year a yearly indicator is shown for

	Months []calendar.Period  // the trend's months (or collection years), oldest first, those the returns cover
	Series []indicators.Value // the indicator for each month
	Trend  []Figure           // the same as shown
	// Hidden is how many months of the trend are suppressed; the control
	// chart is drawn only when none are, since its points and data table
	// would show the suppressed figures.
	Hidden int
	Notes  []spc.Note // every signal of the trend, in words, after the chart's cautions
	Recent []spc.Note // the signals that reach into the last Model.Recent months
	// Signals is how many special causes Notes has.
	Signals int

	Breakdowns []Breakdown

	// NowFigure and BeforeFigure are Now and Before as published, with
	// the children counted and the denominator, for the workbook.
	NowFigure, BeforeFigure indicators.Figure
}

// Figure is one labelled figure as shown.
type Figure struct {
	Label, Text string
	Shown       indicators.Figure // the same, with its numerator and denominator, for the workbook
}

// Breakdown is an indicator for the quarter by one characteristic.
type Breakdown struct {
	By     string // "age", "sex"...
	Groups []Figure
}

// noSignal is what a section says when its chart has no special cause.
const noSignal = "No special-cause signal: the monthly figures vary within their usual range."

// Model computes every figure of the pack.
func (p Pack) Model() *Model {
	m := &Model{
		Title:       "Looked-after children: quarterly pack, " + p.Quarter.Label,
		Quarter:     p.Quarter.Label,
		Publishable: p.Publishable,
		Mode:        "Exact figures, for analysts: not for publication.",
		Recent:      recentMonths,
		Period:      p.Quarter,
		Earlier:     p.Quarter.YearEarlier(),
	}
	if p.Publishable {
		m.Mode = "Publishable: counts of 1 to 5, and figures derived from them, are suppressed (c)."
	}
	before := p.Quarter.YearEarlier()
	m.YearEarlier = before.Label
	cover := p.Set.Cover(p.Quarter)
	m.Coverage = cover.Note()
	comparable := indicators.Comparable(p.Set, before)
	var ordered []Section
	for _, f := range indicators.Families() {
		for j, ind := range f.Indicators {
			ordered = append(ordered, Section{Indicator: ind, Family: f.Name, FirstOfFamily: j == 0})
		}
	}
	for i, s := range ordered {
		ind := s.Indicator
		months := indicators.Trend(ind, p.Set, p.Quarter, trendMonths/12)
		s.Sheet, s.Direction, s.Months = sheetName(i, ind.ID), ind.Direction.Sentence(), months
		s.Unit, s.MonthUnit = ind.UnitIn(p.Quarter), ind.UnitIn(p.Quarter)
		if len(months) > 0 {
			s.MonthUnit = ind.UnitIn(months[0])
		}
		s.Yearly, s.Every = ind.Cadence == indicators.Yearly, "Month"
		if s.Yearly {
			s.Every = "Collection year"
		}
		// A yearly indicator is computed for its collection year, any
		// other over the days of the quarter the returns cover.
		quarter, yearly := ind.PeriodFor(p.Quarter)
		if yearly == "" {
			quarter = cover.Covered()
		}
		earlier, _ := ind.PeriodFor(before)
		s.Now = ind.Compute(p.Set, quarter, p.Population)
		s.Note = indicators.JoinNotes(yearly, s.Now.Note(p.policy()))
		now, tables := indicators.Breakdowns(ind, p.Set, quarter, s.Now, p.policy())
		s.NowText, s.NowFigure = now.Value.Text(), now
		if comparable {
			s.Before = ind.Compute(p.Set, earlier, p.Population)
			then := indicators.Headline(ind, p.Set, earlier, s.Before, p.policy())
			s.BeforeText, s.BeforeFigure = then.Value.Text(), then
			s.Change = change(ind, s.Now, s.Before)
			if now.Value.Suppressed() || then.Value.Suppressed() {
				s.Change = "not shown" // which way a suppressed count moved says something about it
			}
		} else {
			s.BeforeText, s.Change = "no data", "no comparison: no data for "+before.Label
		}
		s.Series = indicators.Series(ind, p.Set, p.Population, months)
		for j, v := range s.Series {
			figure := indicators.Headline(ind, p.Set, months[j], v, p.policy())
			shown := figure.Value
			if shown.Suppressed() {
				s.Hidden++
			}
			s.Trend = append(s.Trend, Figure{Label: months[j].Label, Text: shown.Text(), Shown: figure})
		}
		recent := recentMonths
		if s.Yearly {
			recent = 1
		}
		read := indicators.ChartSeries(ind, months, s.Series).Read()
		s.Notes = read.Notes(0)
		s.Signals = spc.Signals(s.Notes)
		s.Recent = signals(read.Notes(max(0, len(months)-recent)))
		for _, table := range tables {
			if len(table.Groups) == 0 {
				continue
			}
			b := Breakdown{By: table.By.String()}
			for _, g := range table.Groups {
				b.Groups = append(b.Groups, Figure{Label: g.Label, Text: g.Figure.Value.Text(), Shown: g.Figure})
			}
			s.Breakdowns = append(s.Breakdowns, b)
		}
		m.Sections = append(m.Sections, s)
	}
	p.summarise(m)
	m.FrontDoor = p.frontDoorOf()
	m.Decisions = p.Decisions
	m.Benchmark = p.benchmarkOf()
	m.EarlyHelp = p.earlyHelpOf()
	if p.Savings != nil {
		sv := *p.Savings
		sv.Chart = SavingsChart(&sv)
		m.Savings = &sv
	}
	return m
}

// WriteXLSX computes the pack and writes it as an Excel workbook.
func (p Pack) WriteXLSX(w io.Writer) error { return p.Model().WriteXLSX(w) }

// WriteHTML computes the pack and writes it as one printable HTML page.
func (p Pack) WriteHTML(w io.Writer) error { return p.Model().WriteHTML(w) }

// policy is the disclosure policy the pack is written under.
func (p Pack) policy() disclose.Policy { return disclose.PolicyOf(p.Publishable) }

// change says which way an indicator moved from then to now, and whether
// that is better.
func change(ind *indicators.Indicator, now, then indicators.Value) string {
	if !now.Known || !then.Known {
		return "not known"
	}
	if now.Value == then.Value {
		return "no change"
	}
	up := now.Value > then.Value
	word := map[bool]string{true: "up", false: "down"}[up]
	switch {
	case ind.Direction == indicators.Neither:
		return word
	case ind.Direction == indicators.HigherIsBetter && up, ind.Direction == indicators.LowerIsBetter && !up:
		return word + ", better"
	}
	return word + ", worse"
}

// signals is the notes that are special causes, leaving out cautions.
func signals(notes []spc.Note) []spc.Note {
	var out []spc.Note
	for _, n := range notes {
		if n.Signal() {
			out = append(out, n)
		}
	}
	return out
}
