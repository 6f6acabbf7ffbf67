package indicators

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
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
