package indicators

import (
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
)

// Figure is a value as a disclosure policy lets it be published: the
// value itself, the children it counts (its numerator) and what a share
// is of or a rate is per (its denominator).
type Figure struct {
	Value, Children, Denominator disclose.Cell
}

// decimals is how many decimal places the indicator's values are shown
// with: none for counts, one for rates, percentages and days.
func decimals(ind *Indicator) int {
	if ind.Unit == Children || ind.Unit == Episodes {
		return 0
	}
	return 1
}

// Publish returns a value as the policy publishes it on its own, outside
// any breakdown (Headline adds what the breakdowns need). A count of 1 to
// 5 children is suppressed, and so is a rate, percentage, mean or median
// whose numerator is 1 to 5, since it would reveal the count; a
// percentage of 1 to 5 children too, even at 0% (none of three is as
// telling about each of the three as all of them), and one whose children
// not counted are 1 to 5 (97 of 100). The children counted are suppressed
// with the value. The denominator of a share is a count of children, and
// suppressed when it is 1 to 5; a rate's is a population, and shown.
func Publish(ind *Indicator, v Value, policy disclose.Policy) Figure {
	var f Figure
	if ind.Unit == Percent {
		f.Value = policy.Share(v.Value, 1, v.Known, v.Numerator, v.Denominator)
		f.Denominator = policy.Count(v.Denominator)
	} else {
		f.Value = policy.Number(v.Value, decimals(ind), v.Known, v.Numerator)
		f.Denominator = disclose.Exact.Count(v.Denominator)
	}
	f.Children = policy.Count(v.Numerator)
	if f.Value.Suppressed() {
		f.Children = f.Children.Hide(disclose.Derived)
	}
	return f
}

// hide returns the figure with every part suppressed for why.
func (f Figure) hide(why disclose.Why) Figure {
	return Figure{Value: f.Value.Hide(why), Children: f.Children.Hide(why), Denominator: f.Denominator.Hide(why)}
}

// Show formats a value for publication or for analysts: Publish's value as
// text.
func Show(ind *Indicator, v Value, publishable bool) string {
	return Publish(ind, v, disclose.PolicyOf(publishable)).Value.Text()
}

// measures are the quantities of a breakdown that add up to the total and
// that a published group would reveal: the children counted (a table of
// its own where the indicator is a count); for a share, the children it
// is of (another indicator's table) and those it leaves out; for a count
// of episodes, the episodes.
func measures(ind *Indicator, total Value, groups []Group) []disclose.Measure {
	num := disclose.Measure{Total: total.Numerator, Small: true, Alone: true}
	for _, g := range groups {
		num.Groups = append(num.Groups, g.Value.Numerator)
	}
	out := []disclose.Measure{num}
	switch ind.Unit {
	case Percent:
		den := disclose.Measure{Total: total.Denominator, Small: true, Alone: true}
		rest := disclose.Measure{Total: total.Denominator - total.Numerator, Small: true}
		for _, g := range groups {
			den.Groups = append(den.Groups, g.Value.Denominator)
			rest.Groups = append(rest.Groups, g.Value.Denominator-g.Value.Numerator)
		}
		out = append(out, den, rest)
	case Episodes:
		episodes := disclose.Measure{Total: int(total.Value)}
		for _, g := range groups {
			episodes.Groups = append(episodes.Groups, int(g.Value.Value))
		}
		out = append(out, episodes)
	}
	return out
}

// protect sets each group's figure as the policy publishes it within the
// table, and says whether the table needs the total suppressed.
func protect(ind *Indicator, total Value, groups []Group, policy disclose.Policy) disclose.Why {
	decision := policy.Table(measures(ind, total, groups))
	for i := range groups {
		groups[i].Figure = Publish(ind, groups[i].Value, policy)
		if why := decision.Groups[i]; why != disclose.Shown {
			groups[i].Figure = groups[i].Figure.hide(why)
		}
	}
	return decision.Total
}

// mostRows is the most rows a breakdown has: secondary suppression hides
// a total only when a measure's total is the number of rows (each group
// holds one child), so never a total larger than this.
var mostRows = func() int {
	n := 0
	for _, b := range breakdowns {
		n = max(n, len(b.groups)+len(b.extra))
	}
	return n
}()

// Headline returns the value v of the indicator for period p as the
// policy publishes it: Publish, and suppressed too in the rare table
// that only its total can protect (a handful of children, each in a group
// of their own). Pages, the API and the pack publish a headline through
// it, so that a total is suppressed everywhere or nowhere.
func Headline(ind *Indicator, set *journey.Set, p calendar.Period, v Value, policy disclose.Policy) Figure {
	f := Publish(ind, v, policy)
	if policy != disclose.Publishable || f.Value.Suppressed() || !mayHideTotal(ind, v) {
		return f
	}
	k := totalKey{set, ind.ID, p.Start, p.End}
	hiddenTotals.Lock()
	why, ok := hiddenTotals.m[k]
	hiddenTotals.Unlock()
	if !ok {
		total, _ := Breakdowns(ind, set, p, v, policy)
		why = total.Value.Why
		hiddenTotals.Lock()
		if hiddenTotals.m == nil || len(hiddenTotals.m) >= maxHiddenTotals {
			hiddenTotals.m = map[totalKey]disclose.Why{}
		}
		hiddenTotals.m[k] = why
		hiddenTotals.Unlock()
	}
	if why != disclose.Shown {
		f = f.hide(why)
	}
	return f
}

// totalKey names an indicator's total for a period of a set of journeys.
type totalKey struct {
	set        *journey.Set
	id         string
	start, end calendar.Date
}

// hiddenTotals remembers what Headline found the breakdowns of a small
// total need, as pages ask for the same months' headlines again and again
// (a trend of 36 months on every indicator page). A new set of journeys
// is a new key; past maxHiddenTotals the memory starts afresh.
var hiddenTotals struct {
	sync.Mutex
	m map[totalKey]disclose.Why
}

const maxHiddenTotals = 100_000

// mayHideTotal reports whether a breakdown could need the total
// suppressed: only when one of its measures is 2 to mostRows.
func mayHideTotal(ind *Indicator, v Value) bool {
	few := func(n int) bool { return n >= 2 && n <= mostRows }
	return few(v.Numerator) || (ind.Unit == Percent && (few(v.Denominator) || few(v.Denominator-v.Numerator))) ||
		(ind.Unit == Episodes && few(int(v.Value)))
}
