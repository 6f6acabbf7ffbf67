package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/placements"
)

// sufficiencyPage is the /sufficiency page's content: need against
// supply, as placements.Assess gives it, laid out in tables.
type sufficiencyPage struct {
	Day       string
	Bands     []string
	Need      []needRow // a row for each placement category, then the total
	Projected string    // the month end the forecast's need is for; "" without one
	// ProjectedBands are the forecast's medians a year on by band; the
	// forecast does not cross bands with placement types.
	ProjectedBands []string
	// Withheld is true in publishable mode, where the two-way table of
	// children by band and type is not shown: its small counts could be
	// worked out from its totals.
	Withheld  bool
	Carers    []carerRow
	HasCarers bool
	Gaps      []placements.Gap
	Near      placements.Nearby
	NearMiles int
	Own       string // the share placed with own provision, with its count
	NoAge     string
	Notes     []string
	Pending   bool // the forecast is still being worked out
}

// needRow is one placement category's children now in each age band,
// their total and the forecast's median a year on.
type needRow struct {
	Label     string
	Bands     []string
	Total     string
	Projected string
}

// carerRow is one type of own foster carer.
type carerRow struct {
	Label              string
	Households, Places int
	Bands              []int
}

// sufficiency shows the placement sufficiency: the need by age band and
// placement type now and a year on against the authority's own foster
// carers and the registered provision near it.
func (s *Server) sufficiency(w http.ResponseWriter, r *http.Request) {
	span, ok := s.Set.Span()
	if !ok {
		s.problem(w, http.StatusNotFound, "No returns loaded", "No SSDA903 return is loaded, so there is no need to show.")
		return
	}
	supply := s.Supply
	pending := !done(s.projection.ready)
	if !pending && s.projection.result != nil {
		supply.Forecast = s.projection.result.Baseline
	}
	a := placements.Assess(s.Set, span.End, supply)
	c := sufficiencyContent(a, disclose.PolicyOf(s.Publishable))
	c.Withheld = s.Publishable
	c.Pending = pending && s.Forecast != nil
	pg := page{Title: "Placement sufficiency", Nav: "sufficiency", Content: c}
	if c.Pending {
		pg.Refresh = 5
	}
	s.render(w, http.StatusOK, "sufficiency.html", pg)
}

// sufficiencyContent lays out the sufficiency for the page, each count of
// children as the policy publishes it.
func sufficiencyContent(a placements.Sufficiency, policy disclose.Policy) *sufficiencyPage {
	c := &sufficiencyPage{Day: a.Day.Long(), HasCarers: a.HasCarers, Gaps: a.Gaps, Near: a.Near,
		NearMiles: placements.NearMiles, Notes: a.Notes, NoAge: policy.Count(a.NoAge).Text()}
	count := func(n int) string { return policy.Count(n).Text() }
	for b := range forecast.Bands {
		c.Bands = append(c.Bands, forecast.Band(b).Label())
	}
	if a.HasForecast {
		c.Projected = a.ProjectedAt
		for b := range forecast.Bands {
			c.ProjectedBands = append(c.ProjectedBands, strconv.FormatFloat(a.ProjectedBand[b], 'f', 0, 64))
		}
	}
	total := needRow{Label: "All placements"}
	sums := make([]int, forecast.Bands)
	for cat := range forecast.Categories {
		row := needRow{Label: forecast.Category(cat).Label()}
		n := 0
		for b := range forecast.Bands {
			row.Bands = append(row.Bands, count(a.Need[b][cat]))
			n += a.Need[b][cat]
			sums[b] += a.Need[b][cat]
		}
		row.Total = count(n)
		if a.HasForecast {
			row.Projected = strconv.FormatFloat(a.ProjectedCategory[cat], 'f', 0, 64)
		}
		c.Need = append(c.Need, row)
	}
	all := 0
	for b := range forecast.Bands {
		total.Bands = append(total.Bands, count(sums[b]))
		all += sums[b]
	}
	total.Total = count(all)
	c.Need = append(c.Need, total)
	for _, sup := range a.Carers {
		if a.HasCarers {
			c.Carers = append(c.Carers, carerRow{Label: sup.Type.Label(), Households: sup.Households, Places: sup.Places, Bands: sup.ByBand[:]})
		}
	}
	if share, ok := a.OwnShare(); ok {
		c.Own = fmt.Sprintf("%s%% (%s of %s children)", policy.Share(share, 1, true, a.Own, a.All).Text(), count(a.Own), count(a.All))
	}
	return c
}
