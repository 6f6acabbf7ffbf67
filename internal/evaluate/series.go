package evaluate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

// Kind is a monthly series Village can evaluate an intervention on.
type Kind struct {
	ID, Title     string
	LowerIsBetter bool
	// values gives the series' value and exposure (nil when it has
	// none) for each month.
	values func(set *journey.Set, months []calendar.Period) (values, exposure []float64)
}

// Kinds lists the series, by ID, in the order `village evaluate --list`
// gives them. The IDs are stable: registers and files name them.
func Kinds() []Kind {
	out := []Kind{
		{ID: "starts", Title: "Children who started to be looked after", LowerIsBetter: true, values: startsBy(nil, "")},
	}
	for _, g := range ageBands {
		out = append(out, Kind{ID: "starts_age_" + g.id, Title: "Children who started to be looked after aged " + g.label,
			LowerIsBetter: true, values: startsBy(ptr(indicators.ByAge), g.label)})
	}
	for _, g := range legalGroups {
		out = append(out, Kind{ID: "starts_legal_" + g.id, Title: "Children who started to be looked after: " + g.label,
			LowerIsBetter: true, values: startsBy(ptr(indicators.ByLegalStatus), g.label)})
	}
	out = append(out, Kind{ID: "ceases", Title: "Children who ceased to be looked after", values: ceasesWith(anyReason)})
	for _, r := range routes {
		out = append(out, Kind{ID: "ceases_" + r.id, Title: "Children who ceased to be looked after: " + r.label, values: ceasesWith(r.has)})
	}
	return append(out,
		Kind{ID: "moves", Title: "Placement moves (a new carer within a period of care)", LowerIsBetter: true, values: moves},
		Kind{ID: "days_to_permanence", Title: "Mean days from the start of care to adoption, special guardianship or a " +
			"child arrangements order, for children reaching it that month within 3 years (figures from 3 years after the first return)",
			LowerIsBetter: true, values: daysToPermanence},
	)
}

// FindKind returns the series with the ID, or nil.
func FindKind(id string) *Kind {
	for _, k := range Kinds() {
		if k.ID == id {
			return &k
		}
	}
	return nil
}

// group is one group of a breakdown: a stable ID and the label the
// indicators give it.
type group struct{ id, label string }

// ageBands are the DfE's age bands, as indicators.ByAge labels them.
var ageBands = []group{{"under_1", "under 1"}, {"1_4", "1-4"}, {"5_9", "5-9"}, {"10_15", "10-15"}, {"16_17", "16-17"}}

// legalGroups are the legal statuses on starting, as
// indicators.ByLegalStatus labels them.
var legalGroups = []group{{"care_order", "care order"}, {"placement_order", "placement order"},
	{"s20", "accommodated under s20"}, {"youth_justice", "youth justice"},
	{"police_protection", "police protection or emergency order"}, {"other", "other or not known"}}

// route is a group of reasons a period of care ended (REC).
type route struct {
	id, label string
	has       func(rec string) bool
}

// The reasons for ceasing grouped as the DfE's tables group them.
var (
	adoptionRECs = []string{"E11", "E12"}
	sgoRECs      = []string{"E45", "E46", "E47", "E48"}
	caoRECs      = []string{"E41"}
	homeRECs     = []string{"E4A", "E4B"}
	// permanenceRECs end a period of care in permanence: adoption,
	// special guardianship and child arrangements orders.
	permanenceRECs = slices.Concat(adoptionRECs, sgoRECs, caoRECs)
)

// routes are the routes out of care; "other" is every reason no other
// route has, so the routes add up to all ceases.
var routes = []route{
	{"adoption", "adopted (E11, E12)", among(adoptionRECs)},
	{"sgo", "special guardianship order (E45 to E48)", among(sgoRECs)},
	{"cao", "child arrangements order (E41)", among(caoRECs)},
	{"home", "returned home (E4A, E4B)", among(homeRECs)},
	{"other", "any other reason", func(rec string) bool { return !slices.Contains(slices.Concat(permanenceRECs, homeRECs), rec) }},
}

// among accepts the reasons listed.
func among(recs []string) func(string) bool {
	return func(rec string) bool { return slices.Contains(recs, rec) }
}

// anyReason accepts every reason.
func anyReason(string) bool { return true }

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// FromJourneys builds the series with the ID from the children's
// journeys, over the calendar months the returns cover wholly.
func FromJourneys(set *journey.Set, id string) (Series, error) {
	k := FindKind(id)
	if k == nil {
		return Series{}, fmt.Errorf("series %q: not known; `village evaluate --list` gives the series", id)
	}
	span, ok := set.Span()
	if !ok {
		return Series{}, fmt.Errorf("series %s: the store holds no returns", id)
	}
	var months []calendar.Period
	for _, m := range indicators.Months(span, span) {
		if set.Cover(m).Whole() {
			months = append(months, m)
		}
	}
	values, exposure := k.values(set, months)
	return Series{ID: k.ID, Title: k.Title, Months: months, Counts: values, Exposure: exposure, LowerIsBetter: k.LowerIsBetter}, nil
}

// startsBy counts the children who started to be looked after each month,
// as the indicator "starts" does; in a breakdown's group when by is not
// nil.
func startsBy(by *indicators.By, label string) func(*journey.Set, []calendar.Period) ([]float64, []float64) {
	starts := indicators.Find("starts")
	return func(set *journey.Set, months []calendar.Period) ([]float64, []float64) {
		out := make([]float64, len(months))
		for i, m := range months {
			if by == nil {
				out[i] = float64(starts.Compute(set, m, nil).Numerator)
				continue
			}
			for _, g := range indicators.Breakdown(starts, set, m, *by, disclose.Exact).Groups {
				if g.Label == label {
					out[i] = float64(g.Value.Numerator)
				}
			}
		}
		return out, nil
	}
}

// lastCease returns the last period of care, short breaks aside, to end in
// the month, or nil.
func lastCease(c *journey.Child, m calendar.Period) *journey.Period {
	var last *journey.Period
	for i := range c.Periods {
		if q := &c.Periods[i]; !q.ShortBreak && !q.Open && m.Contains(q.End) {
			last = q
		}
	}
	return last
}

// ceasesWith counts the children whose last period of care to end in the
// month ended with a reason the route accepts.
func ceasesWith(has func(rec string) bool) func(*journey.Set, []calendar.Period) ([]float64, []float64) {
	return func(set *journey.Set, months []calendar.Period) ([]float64, []float64) {
		out := make([]float64, len(months))
		for i, m := range months {
			for _, c := range set.Children {
				q := lastCease(c, m)
				if q != nil && has(q.EndReason) {
					out[i]++
				}
			}
		}
		return out, nil
	}
}

// moves counts the placement moves each month: placements, other than a
// period of care's first, that started in it. Short breaks are not care
// placements and are left out.
func moves(set *journey.Set, months []calendar.Period) ([]float64, []float64) {
	out := make([]float64, len(months))
	for _, c := range set.Children {
		for _, q := range c.Periods {
			if q.ShortBreak || len(q.Placements) < 2 {
				continue
			}
			for _, p := range q.Placements[1:] {
				if i := monthOf(months, p.Start); i >= 0 {
					out[i]++
				}
			}
		}
	}
	return out, nil
}

// permanenceWindow is the longest time in care, in years, that
// days_to_permanence counts.
const permanenceWindow = 3

// daysToPermanence gives, for each month, the days from the start of
// care to its end summed over the children whose care ended that month in
// adoption, special guardianship or a child arrangements order after at
// most three years, and as exposure the number of those children: the
// model reads the mean.
//
// Left-censoring: care that began before the first return has no known
// start. Leaving those children out is not enough, as in the first years
// it leaves only the quick: a month one year after the first return could
// count only stays of up to a year, and the mean would rise year by year
// for no reason but the data. So the series counts stays of up to three
// years, and has figures only from three years after the first month,
// when every such stay ending in the month began inside the returns; the
// months before have no figure (exposure 0), not a figure of 0.
func daysToPermanence(set *journey.Set, months []calendar.Period) ([]float64, []float64) {
	days, children := make([]float64, len(months)), make([]float64, len(months))
	if len(months) == 0 {
		return days, children
	}
	from := months[0].Start.AddYears(permanenceWindow)
	for _, c := range set.Children {
		for _, q := range c.Periods {
			if q.ShortBreak || q.Open || q.LeftCensored || !slices.Contains(permanenceRECs, q.EndReason) ||
				q.End < from || q.End > q.Start.AddYears(permanenceWindow) {
				continue
			}
			if i := monthOf(months, q.End); i >= 0 {
				days[i] += float64(q.End - q.Start)
				children[i]++
			}
		}
	}
	return days, children
}

// monthOf returns the index of the month containing d, or -1.
func monthOf(months []calendar.Period, d calendar.Date) int {
	i, found := slices.BinarySearchFunc(months, d, func(m calendar.Period, d calendar.Date) int {
		switch {
		case m.End < d:
			return -1
		case m.Start > d:
			return 1
		}
		return 0
	})
	if !found {
		return -1
	}
	return i
}

// KindList writes the series for --list: ID and title, one a line.
func KindList() string {
	var b strings.Builder
	for _, k := range Kinds() {
		fmt.Fprintf(&b, "%-28s %s\n", k.ID, k.Title)
	}
	return b.String()
}
