package web

import (
	"net/http"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/earlyhelp"
	ehind "github.com/village-uk/village/internal/earlyhelp/indicators"
)

// earlyHelpLoaded reports whether early help or HAF files are loaded.
func (s *Server) earlyHelpLoaded() bool { return s.EarlyHelp != nil && s.EarlyHelp.First != 0 }

// ehCache keeps each collection year's early help figures once computed:
// a Server shows one snapshot of the store.
type ehCache struct {
	mu    sync.Mutex
	years map[calendar.Year][]ehind.Figure
}

// earlyHelpFigures are the early help indicators of year y.
func (s *Server) earlyHelpFigures(y calendar.Year) []ehind.Figure {
	c := &s.earlyHelpCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.years[y]; ok {
		return f
	}
	if c.years == nil {
		c.years = map[calendar.Year][]ehind.Figure{}
	}
	f := ehind.ComputeAll(ehind.Input{Year: y, Data: s.EarlyHelp})
	c.years[y] = f
	return f
}

// ehRow is one indicator's row: its figure this year and the year before.
type ehRow struct {
	ID, Title, Unit, Definition, Href string
	Now, Before                       ehCell
	Groups                            []ehGroup
}

// ehCell is a figure as the mode shows it, with its note.
type ehCell struct {
	Shown string   `json:"shown"`
	Value *float64 `json:"value"`
	Note  string   `json:"note,omitempty"`
}

// ehGroup is one part of a figure (eh_closed by outcome).
type ehGroup struct {
	Name  string `json:"name"`
	Shown string `json:"shown"`
	Count *int   `json:"count"`
}

// ehGroupsOf are a figure's parts as the mode shows them: none when
// publishable, as the parts of a small total are not yet protected from
// each other.
func (s *Server) ehGroupsOf(f ehind.Figure) []ehGroup {
	if s.Publishable {
		return nil
	}
	var out []ehGroup
	for _, g := range f.Groups {
		c := s.policy().Count(g.Value.Numerator)
		out = append(out, ehGroup{Name: g.Name, Shown: c.Text(), Count: c.Count()})
	}
	return out
}

func (s *Server) ehCellOf(f ehind.Figure) ehCell {
	c := f.Cell(s.policy())
	return ehCell{Shown: c.Text(), Value: c.JSON(), Note: f.Note}
}

// earlyHelpPage is /early-help.
type earlyHelpPage struct {
	Loaded         bool
	Year, Previous string
	First, Last    string
	Period         string
	Rows           []ehRow
	Matches        []ehMatch
}

// ehMatch is one source's match rates.
type ehMatch struct {
	Source, Children string
	In               []string // "in the CIN census: 40 (10.0%)"
}

// earlyHelpRows are the indicators of year y beside the year before.
func (s *Server) earlyHelpRows(y calendar.Year, asked calendar.Period) []ehRow {
	now, before := s.earlyHelpFigures(y), s.earlyHelpFigures(y-1)
	var rows []ehRow
	for i, f := range now {
		ind := f.Indicator
		row := ehRow{ID: ind.ID, Title: ind.Title, Unit: ind.Unit, Definition: ind.Definition,
			Href: "/early-help/" + ind.ID + s.query(asked), Now: s.ehCellOf(f), Before: s.ehCellOf(before[i])}
		row.Groups = s.ehGroupsOf(f)
		rows = append(rows, row)
	}
	return rows
}

// earlyHelp is GET /early-help: the early help and HAF indicators of the
// collection year asked for, beside the year before, with their
// definitions, and the match rates with the CIN census.
func (s *Server) earlyHelp(w http.ResponseWriter, r *http.Request) {
	y, asked, _, ok := s.cinYearAsked(w, r, false)
	if !ok {
		return
	}
	p := earlyHelpPage{Period: code(asked), Year: y.String(), Previous: (y - 1).String()}
	json := ""
	if s.earlyHelpLoaded() {
		p.Loaded, p.First, p.Last = true, s.EarlyHelp.First.String(), s.EarlyHelp.Last.String()
		p.Rows = s.earlyHelpRows(y, asked)
		for _, m := range s.EarlyHelp.Matches(y) {
			em := ehMatch{Source: m.Source, Children: s.count(m.Children)}
			for _, o := range []string{earlyhelp.SourceCIN, earlyhelp.SourceEarlyHelp, earlyhelp.SourceHAF} {
				if n, ok := m.In[o]; ok {
					em.In = append(em.In, "in "+o+": "+s.policy().Share(pct(n, m.Children), 1, m.Children > 0, n, m.Children).Text()+"% ("+s.count(n)+")")
				}
			}
			p.Matches = append(p.Matches, em)
		}
		json = "/api/early-help" + s.query(asked)
	}
	s.render(w, http.StatusOK, "earlyhelp.html", page{Title: "Early help and holiday activities", Nav: "early-help",
		Crumbs: []crumb{{"Overview", "/" + s.query(asked)}}, JSON: json, Content: p})
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// earlyHelpIndicatorPage is /early-help/{id}: one indicator's
// definition and its figure for every year loaded.
type earlyHelpIndicatorPage struct {
	Title, Definition, Unit string
	Years                   []ehYear
}

// ehYear is one year's figure of an indicator.
type ehYear struct {
	Year   string    `json:"year"`
	Figure ehCell    `json:"figure"`
	Groups []ehGroup `json:"groups,omitempty"`
}

// earlyHelpIndicator is GET /early-help/{id}.
func (s *Server) earlyHelpIndicator(w http.ResponseWriter, r *http.Request) {
	ind := ehind.ByID(r.PathValue("id"))
	if ind == nil || !s.earlyHelpLoaded() {
		s.notFound(w, r)
		return
	}
	p := earlyHelpIndicatorPage{Title: ind.Title, Definition: ind.Definition, Unit: ind.Unit, Years: s.ehYears(ind)}
	s.render(w, http.StatusOK, "earlyhelpindicator.html", page{Title: ind.Title, Nav: "early-help",
		Crumbs: []crumb{{"Overview", "/"}, {"Early help and holiday activities", "/early-help"}}, Content: p})
}

// ehYears is an indicator's figure for every year loaded, the latest first.
func (s *Server) ehYears(ind *ehind.Indicator) []ehYear {
	var out []ehYear
	for y := s.EarlyHelp.Last; y >= s.EarlyHelp.First; y-- {
		for _, f := range s.earlyHelpFigures(y) {
			if f.Indicator.ID != ind.ID {
				continue
			}
			out = append(out, ehYear{Year: y.String(), Figure: s.ehCellOf(f), Groups: s.ehGroupsOf(f)})
		}
	}
	return out
}

// apiEarlyHelp is GET /api/early-help: the indicators of the year asked
// for, each with its definition and its figure for every year loaded.
func (s *Server) apiEarlyHelp(w http.ResponseWriter, r *http.Request) {
	y, _, _, ok := s.cinYearAsked(w, r, true)
	if !ok {
		return
	}
	type apiIndicator struct {
		ID         string   `json:"id"`
		Title      string   `json:"title"`
		Unit       string   `json:"unit"`
		Definition string   `json:"definition"`
		Figure     ehCell   `json:"figure"`
		Years      []ehYear `json:"years"`
	}
	out := struct {
		Mode       string         `json:"mode"`
		Year       string         `json:"year"`
		Loaded     bool           `json:"loaded"`
		Indicators []apiIndicator `json:"indicators"`
	}{Mode: s.mode(), Year: y.String(), Loaded: s.earlyHelpLoaded(), Indicators: []apiIndicator{}}
	if s.earlyHelpLoaded() {
		for _, f := range s.earlyHelpFigures(y) {
			ind := f.Indicator
			out.Indicators = append(out.Indicators, apiIndicator{ID: ind.ID, Title: ind.Title, Unit: ind.Unit,
				Definition: ind.Definition, Figure: s.ehCellOf(f), Years: s.ehYears(ind)})
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}

// flowsPage is /flows.
type flowsPage struct {
	Year, Period  string
	Stages, Moves []flowRow
	Rated         bool
}

// flowRow is one stage or move as the mode shows it.
type flowRow struct {
	Name       string   `json:"name"`
	Definition string   `json:"definition"`
	Shown      string   `json:"shown"`
	Children   *int     `json:"children"`
	Per10k     string   `json:"per_10000_shown"`
	Rate       *float64 `json:"per_10000"`
}

// flowsOf computes the flows of year y as the mode shows them.
func (s *Server) flowsOf(y calendar.Year) ([]flowRow, []flowRow, bool) {
	f := earlyhelp.ComputeFlows(earlyhelp.FlowInput{Year: y, Data: s.EarlyHelp, Front: s.Front, Care: s.Set, Population: s.Population})
	rated := false
	rows := func(fs []earlyhelp.Flow) []flowRow {
		var out []flowRow
		for _, fl := range fs {
			row := flowRow{Name: fl.Name, Definition: fl.Definition, Shown: "x", Per10k: "x"}
			if fl.Known {
				c := s.policy().Count(fl.Children)
				row.Shown, row.Children = c.Text(), c.Count()
				rc := s.policy().Number(fl.Per10k, 1, fl.Rated, fl.Children)
				row.Per10k, row.Rate = rc.Text(), rc.JSON()
				rated = rated || fl.Rated
			}
			out = append(out, row)
		}
		return out
	}
	stages, moves := rows(f.Stages), rows(f.Moves)
	return stages, moves, rated
}

// flows is GET /flows: the whole system in one collection year, counts
// and per 10,000 children as the mode publishes them (no child-level
// detail in any mode), for partners to look at together.
func (s *Server) flows(w http.ResponseWriter, r *http.Request) {
	y, asked, _, ok := s.cinYearAsked(w, r, false)
	if !ok {
		return
	}
	p := flowsPage{Year: y.String(), Period: code(asked)}
	p.Stages, p.Moves, p.Rated = s.flowsOf(y)
	s.render(w, http.StatusOK, "flows.html", page{Title: "How children move through the system", Nav: "flows",
		Crumbs: []crumb{{"Overview", "/" + s.query(asked)}}, JSON: "/api/flows" + s.query(asked), Content: p})
}

// apiFlows is GET /api/flows.
func (s *Server) apiFlows(w http.ResponseWriter, r *http.Request) {
	y, _, _, ok := s.cinYearAsked(w, r, true)
	if !ok {
		return
	}
	stages, moves, _ := s.flowsOf(y)
	s.writeJSON(w, http.StatusOK, struct {
		Mode   string    `json:"mode"`
		Year   string    `json:"year"`
		Stages []flowRow `json:"stages"`
		Moves  []flowRow `json:"moves"`
	}{s.mode(), y.String(), stages, moves})
}
