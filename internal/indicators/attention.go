package indicators

import (
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// attentionIndicators are the publishable counts of the placements
// needing attention now (package placements lists the children, for
// analysts): each is about the period's last day.
var attentionIndicators = []*Indicator{
	{
		ID:    "under16_unregistered_now",
		Title: "Children under 16 in unregistered or other arrangements",
		Definition: "Children looked after on the period's last day, aged under 16 then (age known), whose episode on " +
			"that day has PLACE Z1 (other placements, to 2024/25) or Z11-Z14 (from 2025/26, which replaced Z1): the " +
			"arrangements the 903 records outside registered provision. Placing under 16s in unregulated " +
			"accommodation has been unlawful since September 2021, so each child counted needs looking into; the " +
			"analyst's list is /placements/attention. The 903 cannot say whether a children's home (K2) was " +
			"registered, so unregistered homes recorded as K2 are not counted.",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(UnregisteredUnder16),
	},
	{
		ID:    "moves_3plus_12m_now",
		Title: "Children looked after who moved placement 3 or more times in 12 months",
		Definition: "Children looked after on the period's last day with 3 or more moves in the 12 months to it (from " +
			"the day after the same day a year before): a move is the start of a placement, a time with one carer, " +
			"after another placement of the same period of care; temporary moves (PLACE T0-T4) are not counted, nor " +
			"is the first placement of a period of care, nor a change of legal status or placement type with the same " +
			"carer. Compare placements_3plus, which counts 3 placements (2 moves) as the DfE's stability measure does.",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(func(c *journey.Child, p calendar.Period) bool {
			return c.LookedAfterOn(p.End) && MovesIn12Months(c, p.End) >= 3
		}),
	},
}

// UnregisteredUnder16 accepts children looked after on the period's last
// day, under 16 then, in an other (Z) placement: under16_unregistered_now.
func UnregisteredUnder16(c *journey.Child, p calendar.Period) bool {
	return both(lookedAfterAtEnd, placedAtEnd(otherCodes), under16)(c, p)
}

// OtherPlacement reports whether a PLACE code is an other (Z) placement:
// Z1 to 2024/25, Z11-Z14 from 2025/26.
func OtherPlacement(place string) bool { return slices.Contains(otherCodes, place) }

// MovesIn12Months counts the child's moves in the 12 months to day d:
// placements, other than temporary moves, that started in those months
// after an earlier placement of the same period of care, short breaks
// left out.
func MovesIn12Months(c *journey.Child, d calendar.Date) int {
	from := d.AddYears(-1).AddDays(1)
	return placementsWhere(c, func(j int, pl *journey.Placement) bool {
		return j > 0 && pl.Start >= from && pl.Start <= d && !temporary(pl.Place)
	})
}

// placementsWhere counts the child's placements, short breaks left out,
// that keep accepts; j is the placement's place in its period of care.
func placementsWhere(c *journey.Child, keep func(j int, pl *journey.Placement) bool) int {
	n := 0
	for i := range c.Periods {
		q := &c.Periods[i]
		if q.ShortBreak {
			continue
		}
		for j := range q.Placements {
			if keep(j, &q.Placements[j]) {
				n++
			}
		}
	}
	return n
}

// PlacementOn returns the placement, other than in a short break, the
// child is in on day d, or nil.
func PlacementOn(c *journey.Child, d calendar.Date) *journey.Placement { return placementOn(c, d) }

// EpisodeOn returns the episode, other than a short break, the child is
// in on day d, or nil.
func EpisodeOn(c *journey.Child, d calendar.Date) *journey.Episode { return episodeOn(c, d) }
