package benchmark

import (
	"strconv"

	"github.com/village-uk/village/internal/disclose"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/refdata/published"
)

// View is a comparison as the API and village benchmark give it.
type View struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Unit        string   `json:"unit"`
	Year        string   `json:"year"` // the collection year compared, 2024/25 for the DfE's 2025
	Value       *float64 `json:"value"`
	ValueText   string   `json:"value_text"`       // as shown: the value, c or x
	ValueReason string   `json:"reason,omitempty"` // why the value is not given
	Denominator *int     `json:"denominator"`      // the population of a rate, the children of a share
	England     *float64 `json:"england"`
	Region      *float64 `json:"region"`
	RegionName  string   `json:"region_name,omitempty"`
	// NeighboursMean is over the neighbours with a value; LeftOut counts
	// those without (suppressed, not available or not in the tables).
	NeighboursMean    *float64 `json:"neighbours_mean"`
	NeighboursMin     *float64 `json:"neighbours_min"`
	NeighboursMax     *float64 `json:"neighbours_max"`
	NeighboursCount   int      `json:"neighbours_count"`
	NeighboursLeftOut int      `json:"neighbours_left_out"`
	Rank              *int     `json:"rank"` // 1 is the highest
	Of                *int     `json:"of"`
	Quartile          *int     `json:"quartile"` // 1 is the highest quarter
	Funnel            *Funnel  `json:"funnel"`
	Outside           string   `json:"outside"`   // "high" or "low" beyond the 99.8% limits, else ""
	Outside95         string   `json:"outside95"` // the same for the 95% limits
	Notes             []string `json:"notes,omitempty"`
	Differs           string   `json:"definition_differs"`
	Source            struct {
		File    string `json:"file"`
		Table   string `json:"table"`
		Release string `json:"release"`
		URL     string `json:"url"`
	} `json:"source"`
	Series []Point `json:"series"`
}

// Title returns the indicator's title, from whichever family has it.
func Title(id string) string {
	if ind := indicators.Find(id); ind != nil {
		return ind.Title
	}
	if ind := cinind.ByID(id); ind != nil {
		return ind.Title
	}
	return id
}

// View returns the comparison for the API.
func (c Comparison) View() View {
	v := View{ID: c.ID, Title: Title(c.ID), Unit: c.Unit.String(), Year: c.Year.String(), Value: c.Own.JSON(), ValueText: c.Own.Text(),
		ValueReason: c.Own.Reason(), Denominator: c.Denominator, England: c.England.Value, Region: c.Region.Value, RegionName: c.RegionName,
		NeighboursMean: c.Neighbours.Mean.Value, NeighboursMin: c.Neighbours.Min, NeighboursMax: c.Neighbours.Max,
		NeighboursCount: c.Neighbours.Count, NeighboursLeftOut: c.Neighbours.LeftOut, Funnel: c.Funnel,
		Outside: c.Outside, Outside95: c.Outside95, Differs: c.Measured.Differs, Series: c.Series}
	if c.Rank > 0 {
		rank, of, q := c.Rank, c.Of, c.Quartile
		v.Rank, v.Of, v.Quartile = &rank, &of, &q
	}
	v.Source.File, v.Source.Table, v.Source.Release, v.Source.URL = c.Source.File, c.Measured.Table, c.Source.Release, c.Measured.URL
	v.Notes = c.Notes()
	return v
}

// Notes says in words why any figure is absent, and what the
// neighbours' mean leaves out.
func (c Comparison) Notes() []string {
	var out []string
	if c.England.Reason != "" {
		out = append(out, "England: "+c.England.Reason+".")
	}
	if c.Region.Reason != "" {
		out = append(out, "Region: "+c.Region.Reason+".")
	}
	n := c.Neighbours
	switch {
	case n.Mean.Reason != "":
		out = append(out, "Neighbours: "+n.Mean.Reason+".")
	case n.LeftOut > 0:
		out = append(out, "Neighbours: the mean and range are of "+strconv.Itoa(n.Count)+" neighbours; "+strconv.Itoa(n.LeftOut)+
			" left out, their figures suppressed or not available (none is worked back).")
	}
	if c.Funnel == nil && c.Own.JSON() != nil {
		out = append(out, "No funnel: England's value or the authority's denominator is not known.")
	}
	return out
}

// Text writes a value for tables: one decimal place at most, x for none.
func Text(v *float64) string {
	if v == nil {
		return "x"
	}
	return formatValue(*v)
}

// CompareAll compares the authority on every indicator the tables hold,
// in the order of published.Indicators, or on the one named by id when
// it is not "".
func CompareAll(t *published.Tables, authority, id string, own map[string][]Own, policy disclose.Policy) []Comparison {
	var out []Comparison
	for _, m := range published.Indicators() {
		if id != "" && m.ID != id {
			continue
		}
		if c, ok := Compare(t, m.ID, authority, own[m.ID], policy); ok {
			out = append(out, c)
		}
	}
	return out
}
