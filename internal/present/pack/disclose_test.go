package pack

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

// exactText is a value as analysts see it.
func exactText(ind *indicators.Indicator, v indicators.Value) string {
	return indicators.Show(ind, v, false)
}

// publishedText is a headline value as the publishable pack shows it.
func publishedText(ind *indicators.Indicator, set *journey.Set, p calendar.Period, v indicators.Value) string {
	return indicators.Headline(ind, set, p, v, disclose.Publishable).Value.Text()
}
