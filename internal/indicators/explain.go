package indicators

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
)

// Explained is the indicator's definition for readers: the same text with
// each other indicator named by its title in quotation marks rather than
// its ID ("cla_end" is "‘Children looked after at the end of the
// period’"), and Village's own
// specification, indicators.md, called that. Definition keeps the IDs,
// which are what an analyst's code and the JSON use.
func (ind *Indicator) Explained() string {
	text := idPattern().ReplaceAllStringFunc(ind.Definition, func(id string) string {
		if other := Find(id); other != nil {
			return "‘" + other.Title + "’"
		}
		return id
	})
	text = strings.ReplaceAll(text, "indicators.md leaves", "Village's specification leaves")
	return strings.ReplaceAll(text, "indicators.md:", "Village's specification:")
}

// idPattern matches any indicator's ID as a whole word, longest first so
// that "starts_rate_per_10k" is not read as "starts".
var idPattern = sync.OnceValue(func() *regexp.Regexp {
	ids := make([]string, 0, len(all))
	for _, ind := range all {
		ids = append(ids, regexp.QuoteMeta(ind.ID))
	}
	// Longest first: the regexp takes the first alternative that matches.
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return regexp.MustCompile(`\b(?:` + strings.Join(ids, "|") + `)\b`)
})

// UnitIn is the indicator's unit for period p: a rate of children who
// started or ceased counts the children of that period, so it says so
// ("per 10,000 children aged 0-17, in the quarter"), since a quarter's
// rate is about a quarter of a year's. A rate of children looked after on
// a day, a count and a share read the same whatever the period.
func (ind *Indicator) UnitIn(p calendar.Period) string {
	if ind.Unit != Per10k || ind.event == atEnd {
		return ind.Unit
	}
	switch p.Kind {
	case calendar.KindFinancialQuarter, calendar.KindCalendarQuarter:
		return ind.Unit + ", in the quarter"
	case calendar.KindMonth:
		return ind.Unit + ", in the month"
	case calendar.KindCollectionYear:
		return ind.Unit + ", in the year"
	case calendar.KindRolling12:
		return ind.Unit + ", in the 12 months"
	}
	return ind.Unit + ", in the period"
}
