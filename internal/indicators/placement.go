package indicators

import (
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// placeGroup is one of the DfE's groups of placement types, as its table
// of children looked after at 31 March by placement has them.
type placeGroup struct {
	id    string // the indicator is placed_<id>_share
	label string
	title string
	codes []string // PLACE codes; nil for the group of every other code
}

// placeGroups are the placement mix, in the DfE's order. Every PLACE code
// falls in exactly one, so the shares add up to 100. K3 (registered
// supported accommodation, from 2024/25) is counted with independent and
// semi-independent living, which it replaced. R3 (family centre or mother
// and baby unit) is an other residential setting, as the DfE counts it;
// P3 (residential employment), temporary moves (T0-T4) and the Z codes
// are other placements. The DfE tabulates secure and children's homes
// apart from other residential settings and residential schools; they
// are one group here, as indicators.md groups them.
var placeGroups = []placeGroup{
	{"foster", "foster care", "in foster care", []string{"U1", "U2", "U3", "U4", "U5", "U6"}},
	{"adoption", "placed for adoption", "placed for adoption", []string{"A3", "A4", "A5", "A6"}},
	{"parents", "placed with parents", "placed with parents or others with parental responsibility", []string{"P1"}},
	{"independent", "independent living or supported accommodation",
		"in independent living or supported accommodation", []string{"P2", "H5", "K3"}},
	{"residential", "children's homes and residential settings",
		"in children's homes, secure homes and other residential settings", []string{"K1", "K2", "R1", "R2", "R3", "R5", "S1"}},
	{"other", "other placements", "in other placements", nil},
}

// placeGroupOf returns the group of a PLACE code.
func placeGroupOf(place string) *placeGroup {
	for i := range placeGroups {
		if slices.Contains(placeGroups[i].codes, place) {
			return &placeGroups[i]
		}
	}
	return &placeGroups[len(placeGroups)-1]
}

// otherCodes are the "other placement" codes: Z1 to 2024/25, Z11-Z14 from
// 2025/26. indicators.md flags them as unregistered-type placements.
var otherCodes = []string{"Z1", "Z11", "Z12", "Z13", "Z14"}

// Routes to permanence, by the REC that ends the period of care.
var (
	adoptionRECs = []string{"E11", "E12"}
	sgoRECs      = []string{"E45", "E46", "E47", "E48"}
	caoRECs      = []string{"E41"}
)

// placementIndicators are the placement mix, location and permanence
// indicators.
var placementIndicators = slices.Concat(mixIndicators(), []*Indicator{
	{
		ID:    "placed_out_of_area_share",
		Title: "Share of children looked after placed outside the authority",
		Definition: "Of the children in cla_end whose placement on the period's last day has a PL_POST the postcode " +
			"directory knows, the share whose placement's upper-tier local authority is not the authority of the returns. " +
			"The placement is the one the journey counts (a time with one carer; during a temporary move, the placement " +
			"the child returns to). Needs a postcode directory and the authority: the one the returns name (village load " +
			"--la), else the one most children's home postcodes (HOME_POST) are in. DfE: children looked after at 31 March " +
			"placed outside the local authority boundary (PL_LOCATION OUT), derived from PL_POST.",
		Unit: Percent, Direction: Neither,
		Compute: shareOf(both(lookedAfterAtEnd, located), outOfArea),
	},
	{
		ID:    "placed_20_miles_share",
		Title: "Share of children looked after placed more than 20 miles from home",
		Definition: "Of the children in cla_end whose placement on the period's last day has a distance from home (both " +
			"HOME_POST and PL_POST in the postcode directory), the share placed more than 20 miles away: the DfE's " +
			"PL_DISTANCE, the straight line between the postcodes' OS grid references in miles, to one decimal place. " +
			"Children without a home postcode (most UASC) are left out. Not known without a postcode directory. DfE: " +
			"children looked after at 31 March by distance between home and placement (over 20 miles).",
		Unit: Percent, Direction: LowerIsBetter,
		Compute: shareOf(both(lookedAfterAtEnd, distanceKnown), farFromHome),
	},
	{
		ID:    "placed_other_z",
		Title: "Children looked after in other (Z) placements",
		Definition: "Children in cla_end whose episode on the period's last day has PLACE Z1 (to 2024/25) or Z11-Z14 " +
			"(from 2025/26): other placements, which must be listed on a schedule sent to the DfE. indicators.md: " +
			"unregistered-type placements.",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(both(lookedAfterAtEnd, placedAtEnd(otherCodes))),
	},
	{
		ID:    "placed_other_z_under16",
		Title: "Children under 16 looked after in other (Z) placements",
		Definition: "placed_other_z for children aged under 16 on the period's last day (age known): placing under 16s " +
			"in unregulated accommodation has been unlawful since September 2021, so each is a flag to look into.",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(both(lookedAfterAtEnd, placedAtEnd(otherCodes), under16)),
	},
	durationIndicator("days_to_adoption_median", "Median days from entering care to adoption", "adoption (REC E11, E12)",
		adoptionRECs, "median"),
	durationIndicator("days_to_adoption_mean", "Mean days from entering care to adoption", "adoption (REC E11, E12)",
		adoptionRECs, "mean"),
	durationIndicator("days_to_sgo_median", "Median days from entering care to a special guardianship order",
		"a special guardianship order (REC E45-E48)", sgoRECs, "median"),
	durationIndicator("days_to_sgo_mean", "Mean days from entering care to a special guardianship order",
		"a special guardianship order (REC E45-E48)", sgoRECs, "mean"),
	durationIndicator("days_to_cao_median", "Median days from entering care to a child arrangements order",
		"a residence or child arrangements order (REC E41)", caoRECs, "median"),
	durationIndicator("days_to_cao_mean", "Mean days from entering care to a child arrangements order",
		"a residence or child arrangements order (REC E41)", caoRECs, "mean"),
	{
		ID:    "adoption_a1_days",
		Title: "Average days from entering care to moving in with the adoptive family (A1)",
		Definition: "For children adopted in the period (last period of care to end in it ended with REC E11 or E12), the " +
			"mean days from the start of that period of care to the start of the adoption placement that led to the " +
			"adoption: the first of the unbroken run of placed-for-adoption episodes (PLACE A3-A6; temporary moves " +
			"inside it aside) that ends the period, however many years before it began. Children adopted from any other " +
			"placement are left out. Adoption scorecard A1, for one period rather than its 3-year average (threshold " +
			"426 days, 14 months). " + censoredText,
		Unit: Days, Direction: LowerIsBetter, event: atCease,
		Compute: durationOf(adoptionPlacedDays, mean),
	},
	{
		ID:    "adoption_a10_days",
		Title: "Average days from entering care to moving in with the adoptive family, adjusted for foster carers (A10)",
		Definition: "adoption_a1_days, except that for a child adopted by their foster carers the clock stops when they " +
			"moved in with those carers: the start of the placement (a time with one carer) that the adoption placement " +
			"belongs to, as the journey counts placements. Adoption scorecard A10. " + censoredText,
		Unit: Days, Direction: LowerIsBetter, event: atCease,
		Compute: durationOf(adoptiveCarerDays, mean),
	},
	{
		ID:    "adoption_a2_days",
		Title: "Average days from court authority to place to the match with adopters (A2)",
		Definition: "For children adopted in the period, the mean days from the placement order (the first legal status " +
			"E1, or D1 freeing order, in the period of care that ended in adoption) to the match with the adopters " +
			"(AD1 DATE_MATCH); a match before the order counts 0 days. Children with no placement order (placed with " +
			"consent) or no match date are left out. The order is read from the legal status, not from PLACED_ADOPTION " +
			"DATE_PLACED, since that is the date of the agency decision that the child should be placed, which comes " +
			"before the court's authority that A2 counts from. Adoption scorecard A2 (threshold 121 days, 4 months). " +
			"A child whose placement order is the first legal status seen in a period of care that began before the first " +
			"loaded return is left out, since the order may have been made earlier; the figure says how many.",
		Unit: Days, Direction: LowerIsBetter, event: atCease,
		Compute: durationOf(orderToMatchDays, mean),
	},
	{
		ID:    "ceased_permanence_share",
		Title: "Share of children ceasing who left care to permanence",
		Definition: "Children who ceased in the period whose last period of care to end in it ended with adoption (REC " +
			"E11, E12), a special guardianship order (E45-E48) or a residence or child arrangements order (E41) ÷ " +
			"ceased × 100. The DfE publishes each reason apart (residence or child arrangements orders among them); " +
			"counting the three together as permanence follows ChAT. Returns home are not counted.",
		Unit: Percent, Direction: HigherIsBetter, event: atCease,
		Compute: shareOf(ceased, ceasedWith(slices.Concat(adoptionRECs, sgoRECs, caoRECs)...)),
	},
})

// mixIndicators are the shares of children looked after at the end in
// each placement group.
func mixIndicators() []*Indicator {
	out := make([]*Indicator, 0, len(placeGroups))
	for i := range placeGroups {
		g := &placeGroups[i]
		codes := "PLACE " + strings.Join(g.codes, ", ")
		if g.codes == nil {
			codes = "any PLACE code not in another group (Z1, Z11-Z14, P3, T0-T4, and codes not on the DfE's list)"
		}
		out = append(out, &Indicator{
			ID:    "placed_" + g.id + "_share",
			Title: "Share of children looked after " + g.title,
			Definition: "Of the children in cla_end, the share whose episode on the period's last day has " + codes + ". " +
				"The groups follow the DfE's table of children looked after at 31 March by placement; K3 registered " +
				"supported accommodation counts with independent and semi-independent living, and secure homes, " +
				"children's homes, other residential settings and residential schools are one group. The six shares " +
				"add up to 100.",
			Unit: Percent, Direction: Neither,
			Compute: shareOf(lookedAfterAtEnd, placedInGroup(g)),
		})
	}
	return out
}

// censoredText says, in a definition, what a duration does with care
// that began before the first loaded return.
const censoredText = "A child whose period of care began before the first loaded return (its first episode in the data " +
	"starts on or before that return's first day) is left out, since the day care began is not in the data; the figure " +
	"says how many were left out, and is marked incomplete when they are 5% or more."

// durationIndicator is the median or mean days from entering care to
// leaving by one of the routes.
func durationIndicator(id, title, route string, recs []string, name string) *Indicator {
	stat := median
	if name == "mean" {
		stat = mean
	}
	return &Indicator{
		ID:    id,
		Title: title,
		Definition: "For children who ceased in the period whose last period of care to end in it ended with " + route +
			", the " + name + " days from the start of that period of care (entering care) to its end. A period of care " +
			"runs through changes of placement and legal status (episodes chained by X1) however many years it spans. " +
			"indicators.md: days from entering care to leaving through adoption, special guardianship or child " +
			"arrangements order, median and mean by route. " + censoredText,
		Unit: Days, Direction: LowerIsBetter, event: atCease,
		Compute: durationOf(daysInCareTo(recs), stat),
	}
}

// both accepts the children every test accepts.
func both(tests ...test) test {
	return func(c *journey.Child, p calendar.Period) bool {
		for _, t := range tests {
			if !t(c, p) {
				return false
			}
		}
		return true
	}
}

// episodeOn returns the episode, other than a short break, the child is in
// on day d, or nil.
func episodeOn(c *journey.Child, d calendar.Date) *journey.Episode {
	if q := c.PeriodOn(d); q != nil {
		return startedBy(q.Episodes, episodeStart, d)
	}
	return nil
}

// placementOn returns the placement, other than in a short break, the
// child is in on day d, or nil.
func placementOn(c *journey.Child, d calendar.Date) *journey.Placement {
	if q := c.PeriodOn(d); q != nil {
		return startedBy(q.Placements, placementStart, d)
	}
	return nil
}

func episodeStart(e *journey.Episode) calendar.Date      { return e.Start }
func placementStart(pl *journey.Placement) calendar.Date { return pl.Start }

// startedBy returns the last of xs (episodes or placements, in order of
// start) to start on or before day d, or nil.
func startedBy[T any](xs []T, start func(*T) calendar.Date, d calendar.Date) *T {
	if i := lastStarted(xs, start, d); i >= 0 {
		return &xs[i]
	}
	return nil
}

// lastStarted returns the index of the element startedBy returns, or -1.
func lastStarted[T any](xs []T, start func(*T) calendar.Date, d calendar.Date) int {
	for i := len(xs) - 1; i >= 0; i-- {
		if start(&xs[i]) <= d {
			return i
		}
	}
	return -1
}

// placedAtEnd accepts children whose episode on the period's last day has
// one of the PLACE codes.
func placedAtEnd(codes []string) test {
	return func(c *journey.Child, p calendar.Period) bool {
		e := episodeOn(c, p.End)
		return e != nil && slices.Contains(codes, e.Place)
	}
}

// placedInGroup accepts children whose episode on the period's last day
// is in the placement group.
func placedInGroup(g *placeGroup) test {
	return func(c *journey.Child, p calendar.Period) bool {
		e := episodeOn(c, p.End)
		return e != nil && placeGroupOf(e.Place) == g
	}
}

func under16(c *journey.Child, p calendar.Period) bool {
	a := c.AgeOn(p.End)
	return a >= 0 && a < 16
}

// located: the placement on the period's last day has a known authority.
func located(c *journey.Child, p calendar.Period) bool {
	pl := placementOn(c, p.End)
	return pl != nil && pl.HasLocation
}

func outOfArea(c *journey.Child, p calendar.Period) bool {
	pl := placementOn(c, p.End)
	return pl != nil && pl.HasLocation && pl.OutOfArea
}

// distanceKnown: the placement on the period's last day has a distance
// from home.
func distanceKnown(c *journey.Child, p calendar.Period) bool {
	pl := placementOn(c, p.End)
	return pl != nil && pl.HasDistance
}

func farFromHome(c *journey.Child, p calendar.Period) bool {
	pl := placementOn(c, p.End)
	return pl != nil && pl.HasDistance && pl.Miles > 20
}

// A measure gives a child's number of days for period p, and whether the
// child counts at all; leftOut is true for a child who would count but
// whose days are not known, as the day they are measured from came
// before the first return.
type measure func(c *journey.Child, p calendar.Period) (days int, ok, leftOut bool)

// durationOf is the statistic (median or mean) of the days measure gives
// the children it counts; Numerator is their number, and the value is
// not known when there are none. Children whose days are not known are
// counted in LeftOut.
func durationOf(m measure, stat func([]int) float64) computeFunc {
	return func(set *journey.Set, p calendar.Period, _ Population) Value {
		var ids []string
		var days []int
		leftOut := 0
		for _, c := range set.Children {
			d, ok, out := m(c, p)
			switch {
			case out:
				leftOut++
			case ok:
				ids = append(ids, c.ID)
				days = append(days, d)
			}
		}
		v := Value{Numerator: len(ids), Children: ids, LeftOut: leftOut}
		if len(days) > 0 {
			v.Value, v.Known = stat(days), true
		}
		return v
	}
}

// median returns the middle value, or the mean of the two middle values.
func median(xs []int) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

func mean(xs []int) float64 {
	total := 0
	for _, x := range xs {
		total += x
	}
	return float64(total) / float64(len(xs))
}

// leftBy returns the last period of care to end in the period when it
// ended with one of the reasons, or nil.
func leftBy(c *journey.Child, p calendar.Period, recs []string) *journey.Period {
	q := lastCease(c, p)
	if q == nil || !slices.Contains(recs, q.EndReason) {
		return nil
	}
	return q
}

// daysInCareTo measures the length of the period of care of children who
// left by one of the reasons; not known when it began before the first
// return.
func daysInCareTo(recs []string) measure {
	return func(c *journey.Child, p calendar.Period) (int, bool, bool) {
		q := leftBy(c, p, recs)
		switch {
		case q == nil:
			return 0, false, false
		case q.LeftCensored:
			return 0, false, true
		}
		return int(q.End - q.Start), true, false
	}
}

// adoptionRun returns the index of the first episode of the unbroken run
// of adoption placements (A3-A6, temporary moves between them aside) that
// ends the period of care, or -1 when it did not end in one.
func adoptionRun(q *journey.Period) int {
	first := -1
	for i := len(q.Episodes) - 1; i >= 0; i-- {
		e := &q.Episodes[i]
		switch {
		case adoption(e.Place):
			first = i
		case e.Temporary():
			continue
		default:
			return first
		}
	}
	return first
}

// adoptionPlacedDays measures, for children adopted in the period, the
// days from entering care to the start of the adoption placement.
func adoptionPlacedDays(c *journey.Child, p calendar.Period) (int, bool, bool) {
	q, i, out := adoptedFrom(c, p)
	if i < 0 {
		return 0, false, out
	}
	return int(q.Episodes[i].Start - q.Start), true, false
}

// adoptedFrom returns, for a child adopted in the period, the period of
// care that ended in adoption and the index of the first episode of its
// adoption run (adoptionRun); i is -1 when the child was not adopted from
// an adoption placement, or when leftOut, the period of care having begun
// before the first return.
func adoptedFrom(c *journey.Child, p calendar.Period) (q *journey.Period, i int, leftOut bool) {
	q = leftBy(c, p, adoptionRECs)
	if q == nil {
		return nil, -1, false
	}
	i = adoptionRun(q)
	if i < 0 {
		return q, -1, false
	}
	if q.LeftCensored {
		return q, -1, true
	}
	return q, i, false
}

// adoptiveCarerDays measures, for children adopted in the period, the
// days from entering care to moving in with the carers who adopted them:
// the start of the placement (a time with one carer) holding the adoption
// placement.
func adoptiveCarerDays(c *journey.Child, p calendar.Period) (int, bool, bool) {
	q, i, out := adoptedFrom(c, p)
	if i < 0 {
		return 0, false, out
	}
	placed := q.Episodes[i].Start
	if pl := startedBy(q.Placements, placementStart, placed); pl != nil {
		return int(pl.Start - q.Start), true, false
	}
	return int(placed - q.Start), true, false
}

// orderToMatchDays measures, for children adopted in the period with a
// placement order and a match, the days from the order to the match, 0
// when the match came first. The order is not known when its legal
// status is the first visible one of a period of care that began before
// the first return: the order may have been made earlier.
func orderToMatchDays(c *journey.Child, p calendar.Period) (int, bool, bool) {
	q := leftBy(c, p, adoptionRECs)
	if q == nil {
		return 0, false, false
	}
	order, first := calendar.Date(0), -1
	for i, ls := range q.LegalStatuses {
		if ls.LS == "E1" || ls.LS == "D1" {
			order, first = ls.Start, i
			break
		}
	}
	if first < 0 {
		return 0, false, false
	}
	match, found := matchDate(c, q)
	if !found {
		return 0, false, false
	}
	if q.LeftCensored && first == 0 {
		return 0, false, true
	}
	return max(0, int(match-order)), true, false
}

// matchDate returns the AD1 match date of the adoption that ended period
// of care q: from the latest AD1 row with a match on or after the period
// began and no later than it ended.
func matchDate(c *journey.Child, q *journey.Period) (calendar.Date, bool) {
	for i := len(c.Adoption) - 1; i >= 0; i-- {
		a := &c.Adoption[i]
		if a.HasMatch && a.MatchDate >= q.Start && a.MatchDate <= q.End {
			return a.MatchDate, true
		}
	}
	return 0, false
}
