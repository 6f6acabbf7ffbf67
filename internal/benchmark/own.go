package benchmark

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/published"
)

// Returns is what the authority's own figures are computed from.
type Returns struct {
	Care       *journey.Set   // the SSDA903's journeys; nil when none are loaded
	Front      *frontdoor.Set // the CIN censuses; nil when none are loaded
	Population indicators.Population
}

// OwnFigures computes, for every indicator with a published counterpart,
// the authority's figure for each collection year its returns cover
// whole, by the same code as the indicator pages.
func OwnFigures(in Returns) map[string][]Own {
	out := map[string][]Own{}
	for _, m := range published.Indicators() {
		if ind := indicators.Find(m.ID); ind != nil && in.Care != nil {
			for y := in.Care.First; y > 0 && y <= in.Care.Last; y++ {
				v := ind.Compute(in.Care, y.Period(), in.Population)
				out[m.ID] = append(out[m.ID], ownOfValue(y, v))
			}
		}
		if ind := cinind.ByID(m.ID); ind != nil && in.Front != nil {
			for y := in.Front.First; y > 0 && y <= in.Front.Last; y++ {
				f := ind.Compute(cinind.Input{Year: y, Front: in.Front, Care: in.Care, Population: in.Population})
				out[m.ID] = append(out[m.ID], ownOfValue(y, f.Value))
			}
		}
	}
	return out
}

func ownOfValue(y calendar.Year, v indicators.Value) Own {
	return Own{Year: y, Value: v.Value, Numerator: v.Numerator, Denominator: v.Denominator, Known: v.Known && !v.Incomplete()}
}
