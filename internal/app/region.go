package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// The region's own figures, beside the indicators, one of each a year.
const (
	// RegionDuring is the children looked after at any time in the year,
	// counted by each member: the group's figure is the members' sum.
	RegionDuring = "cla_during"
	// RegionCountedOnce is the group's children looked after at any time
	// in the year counted once: a child whose UPN two members' returns
	// give (by its pseudonym) is one child.
	RegionCountedOnce = "cla_during_counted_once"
	// RegionCountedTwice is the summed count less the count of children
	// counted once: children counted by more than one member.
	RegionCountedTwice = "cla_during_counted_by_more_than_one"
)

// regionOwnTitles are the titles of the region's own figures.
var regionOwnTitles = map[string]string{
	RegionDuring:       "Children looked after at any time in the year (each member's count; the group's is their sum)",
	RegionCountedOnce:  "Children looked after at any time in the year in the region, counted once",
	RegionCountedTwice: "Counted by more than one member (care taken over by another member)",
}

// RegionMemberData is one member's journeys and the pseudonyms of its
// children's UPNs (store.UPNPseudonyms), which the region's figures are
// computed from.
type RegionMemberData struct {
	Code       string
	Set        *journey.Set
	UPN        map[string]string // by the 903's CHILD; a child without a link is absent
	Population indicators.Population
}

// ReadRegionMembers reads the journeys and UPN pseudonyms of each member
// of the group through s.For, with the member's population from pops
// (nil when rates are not to be known). s must be able to see every
// member: the administrator's unscoped store, or one opened for them all.
func ReadRegionMembers(ctx context.Context, s *store.Store, g store.RegionGroup, pops map[string]indicators.Population) ([]RegionMemberData, error) {
	var out []RegionMemberData
	for _, code := range g.Codes() {
		m, err := s.For(code)
		if err != nil {
			return nil, fmt.Errorf("regional group %s: %w", g.Name, err)
		}
		set, err := Journeys(ctx, m, journey.Options{})
		if errors.Is(err, ErrEmptyStore) {
			return nil, fmt.Errorf("regional group %s: the store holds no 903 returns of its member %s (village load --la %s)", g.Name, code, code)
		}
		if err != nil {
			return nil, fmt.Errorf("regional group %s: member %s: %w", g.Name, code, err)
		}
		upn, err := m.UPNPseudonyms(ctx)
		if err != nil {
			return nil, fmt.Errorf("regional group %s: member %s: %w", g.Name, code, err)
		}
		out = append(out, RegionMemberData{Code: code, Set: set, UPN: upn, Population: pops[code]})
	}
	return out, nil
}

// RefreshRegion computes the group's figures from its members' returns
// and replaces those stored, as the administrator a; it returns what it
// stored. Only an administrator refreshes a group.
func RefreshRegion(ctx context.Context, s *store.Store, a Actor, from, group string, pops map[string]indicators.Population, now time.Time) ([]store.RegionFigure, error) {
	if err := mayAdminister(a); err != nil {
		return nil, err
	}
	g, err := s.RegionGroup(ctx, group)
	if err != nil {
		return nil, err
	}
	members, err := ReadRegionMembers(ctx, s, g, pops)
	if err != nil {
		return nil, err
	}
	figures := RegionFigures(members)
	if err := s.ReplaceRegionFigures(ctx, group, publishedOnly(figures), now, by(a, from)); err != nil {
		return nil, err
	}
	return figures, nil
}

// RegionFigures computes, for every collection year some member's returns
// cover whole, each member's 903 indicators as village indicators
// computes them, and the group's: counts summed, rates and shares from
// the summed numerators and denominators, and what does not add up
// (medians, means) computed on the members' journeys pooled, each
// member's children kept apart. The group's figure of a year some member
// does not cover is not known. Beside them, each year, the children looked
// after in the year summed and counted once. Every figure carries how the
// disclosure policy publishes it.
func RegionFigures(members []RegionMemberData) []store.RegionFigure {
	pooled := poolJourneys(members)
	var out []store.RegionFigure
	for _, y := range regionYears(members) {
		p := y.Period()
		covering := coveringMembers(members, p)
		for _, ind := range indicators.All() {
			var values []indicators.Value
			var figures []store.RegionFigure
			for _, m := range covering {
				v := ind.Compute(m.Set, p, m.Population)
				values = append(values, v)
				figures = append(figures, regionFigure(m.Code, p, ind, m.Set, v))
			}
			if len(covering) < len(members) {
				out = append(append(out, figures...), notCovered(p, ind.ID))
				continue
			}
			group := groupValue(ind, values, pooled, p)
			figures = append(figures, regionFigure("", p, ind, pooled, group))
			if summed(ind) {
				protectMembers(ind, values, group, figures)
			}
			out = append(out, figures...)
		}
		out = append(out, countedOnce(members, covering, p)...)
	}
	return out
}

// regionYears lists the collection years any member's returns cover.
func regionYears(members []RegionMemberData) []calendar.Year {
	var out []calendar.Year
	for _, m := range members {
		for y := m.Set.First; y > 0 && y <= m.Set.Last; y++ {
			if !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
	}
	slices.Sort(out)
	return out
}

// coveringMembers are the members whose returns cover the whole of p.
func coveringMembers(members []RegionMemberData, p calendar.Period) []RegionMemberData {
	var out []RegionMemberData
	for _, m := range members {
		if m.Set.Cover(p).Whole() {
			out = append(out, m)
		}
	}
	return out
}

// regionFigure is a member's (or, member "", the group's) value as
// stored: exact, and as publishable to every member.
func regionFigure(member string, p calendar.Period, ind *indicators.Indicator, set *journey.Set, v indicators.Value) store.RegionFigure {
	shown := indicators.Headline(ind, set, p, v, disclose.Publishable).Value
	f := store.RegionFigure{Member: member, Period: p.Label, Indicator: ind.ID, Known: v.Known,
		Shown: shown.Text(), Reason: shown.Reason(), Note: v.Note(disclose.Publishable)}
	if v.Known {
		f.Numerator, f.Denominator, f.Value = v.Numerator, v.Denominator, v.Value
	}
	return f
}

// notCovered is the group's figure of a year not every member covers.
func notCovered(p calendar.Period, id string) store.RegionFigure {
	return store.RegionFigure{Period: p.Label, Indicator: id, Shown: disclose.Exact.Number(0, 0, false).Text(),
		Note: "not every member's returns cover " + p.Label}
}

// groupValue is the group's value of the indicator from its members'
// values: counts add up, rates and shares come from the summed numerators
// and denominators, and the rest (medians and means) is computed on the
// pooled journeys.
func groupValue(ind *indicators.Indicator, values []indicators.Value, pooled *journey.Set, p calendar.Period) indicators.Value {
	var sum indicators.Value
	sum.Known = true
	for _, v := range values {
		sum.Numerator += v.Numerator
		sum.Denominator += v.Denominator
		sum.Value += v.Value
		sum.LeftOut += v.LeftOut
		sum.Known = sum.Known && v.Known
	}
	switch ind.Unit {
	case indicators.Children, indicators.Episodes:
		return sum
	case indicators.Percent:
		if strings.HasPrefix(ind.ID, reviewShares) {
			break
		}
		// A member with none to take a share of has no share, but its
		// children are still none of the group's denominator.
		sum.Known = sum.Denominator > 0
		return ratio(sum, 100)
	case indicators.Per10k:
		return ratio(sum, 10000)
	}
	return ind.Compute(pooled, p, nil)
}

// summed reports whether the group's figure of the indicator is made
// from the members' numerators and denominators summed, so that with the
// members' figures published a suppressed member's could be worked out.
func summed(ind *indicators.Indicator) bool {
	switch ind.Unit {
	case indicators.Children, indicators.Episodes, indicators.Per10k:
		return true
	case indicators.Percent:
		return !strings.HasPrefix(ind.ID, reviewShares)
	}
	return false
}

// protectMembers suppresses more of the members' figures (figures, the
// group's last) where the group's total and the other members' published
// figures would reveal one suppressed: the members are the rows of a
// table that adds up to the group, and the disclosure policy's secondary
// suppression decides, as it does for a breakdown's groups.
func protectMembers(ind *indicators.Indicator, values []indicators.Value, group indicators.Value, figures []store.RegionFigure) {
	num := disclose.Measure{Total: group.Numerator, Small: true}
	den := disclose.Measure{Total: group.Denominator, Small: true}
	rest := disclose.Measure{Total: group.Denominator - group.Numerator, Small: true}
	episodes := disclose.Measure{Total: int(group.Value)}
	for _, v := range values {
		num.Groups = append(num.Groups, v.Numerator)
		den.Groups = append(den.Groups, v.Denominator)
		rest.Groups = append(rest.Groups, v.Denominator-v.Numerator)
		episodes.Groups = append(episodes.Groups, int(v.Value))
	}
	measures := []disclose.Measure{num}
	switch ind.Unit {
	case indicators.Percent:
		measures = append(measures, den, rest)
	case indicators.Episodes:
		measures = append(measures, episodes)
	}
	decision := disclose.Publishable.Table(measures)
	for i, why := range decision.Groups {
		hideFigure(&figures[i], why)
	}
	hideFigure(&figures[len(figures)-1], decision.Total)
}

// publishedOnly returns the figures with the exact numerator,
// denominator and value of every suppressed one cleared: the stored
// figures are read by every member's server, whose role may read the
// table directly, so they hold nothing a member may not publish to
// another. The administrator who refreshes sees the exact figures.
func publishedOnly(figures []store.RegionFigure) []store.RegionFigure {
	out := slices.Clone(figures)
	for i := range out {
		if out[i].Reason != "" {
			out[i].Numerator, out[i].Denominator, out[i].Value = 0, 0, 0
		}
	}
	return out
}

// hideFigure suppresses the figure for why, unless it is suppressed
// already or why is Shown.
func hideFigure(f *store.RegionFigure, why disclose.Why) {
	if why == disclose.Shown || f.Reason != "" || !f.Known {
		return
	}
	c := disclose.Exact.Count(f.Numerator).Hide(why)
	f.Shown, f.Reason = c.Text(), c.Reason()
}

// reviewShares begins the ids of the shares of reviews rather than of
// children: their numerators and denominators count the children with
// reviews, so the group's share is computed on the pooled journeys.
const reviewShares = "review_participation"

// ratio is the summed numerator per scale of the summed denominator.
func ratio(sum indicators.Value, scale float64) indicators.Value {
	sum.Value = 0
	if !sum.Known || sum.Denominator == 0 {
		sum.Known = false
		return sum
	}
	sum.Value = scale * float64(sum.Numerator) / float64(sum.Denominator)
	return sum
}

// poolJourneys is every member's children in one set, each child's ID
// given its member's code first so that the same ID in two members is
// two children; the set spans every member's years.
func poolJourneys(members []RegionMemberData) *journey.Set {
	pooled := &journey.Set{}
	for _, m := range members {
		for _, c := range m.Set.Children {
			copied := *c
			copied.ID = m.Code + "/" + c.ID
			pooled.Children = append(pooled.Children, &copied)
		}
		if pooled.First == 0 || m.Set.First < pooled.First {
			pooled.First = m.Set.First
		}
		pooled.Last = max(pooled.Last, m.Set.Last)
	}
	slices.SortFunc(pooled.Children, func(a, b *journey.Child) int { return strings.Compare(a.ID, b.ID) })
	return pooled
}

// countedOnce is, for the year p, each covering member's children looked
// after at any time in it, the group's sum of them, the children counted
// once (by their UPN's pseudonym where a member's links give one, else
// once for each member that has them) and the difference.
func countedOnce(members, covering []RegionMemberData, p calendar.Period) []store.RegionFigure {
	policy := disclose.Publishable
	count := func(member, id string, n int, note string) store.RegionFigure {
		c := policy.Count(n)
		return store.RegionFigure{Member: member, Period: p.Label, Indicator: id, Known: true, Numerator: n, Value: float64(n),
			Shown: c.Text(), Reason: c.Reason(), Note: note}
	}
	var out []store.RegionFigure
	summed := 0
	once := map[string]bool{}
	for _, m := range covering {
		n := 0
		for _, c := range m.Set.Children {
			if !indicators.LookedAfterDuring(c, p) {
				continue
			}
			n++
			if pseudonym := m.UPN[c.ID]; pseudonym != "" {
				once["upn "+pseudonym] = true
			} else {
				once["child "+m.Code+"/"+c.ID] = true
			}
		}
		summed += n
		out = append(out, count(m.Code, RegionDuring, n, ""))
	}
	if len(covering) < len(members) {
		for _, id := range []string{RegionDuring, RegionCountedOnce, RegionCountedTwice} {
			out = append(out, notCovered(p, id))
		}
		return out
	}
	out = append(out, count("", RegionDuring, summed, "the sum of the members' counts"))
	// The members' counts add up to the group's, as a breakdown's groups
	// do: suppress what the others would reveal.
	num := disclose.Measure{Total: summed, Small: true}
	for _, f := range out[:len(out)-1] {
		num.Groups = append(num.Groups, f.Numerator)
	}
	decision := policy.Table([]disclose.Measure{num})
	for i, why := range decision.Groups {
		hideFigure(&out[i], why)
	}
	hideFigure(&out[len(out)-1], decision.Total)
	onceFigure := count("", RegionCountedOnce, len(once), "a child whose UPN more than one member's returns give is counted once; "+
		"a child without a UPN link once for each member")
	twice := count("", RegionCountedTwice, summed-len(once), "counted by more than one member (care taken over by another member)")
	// The summed count less either gives the other: when one is
	// suppressed, so is the other.
	if onceFigure.Reason != "" {
		hideFigure(&twice, disclose.Derived)
	}
	if twice.Reason != "" {
		hideFigure(&onceFigure, disclose.Derived)
	}
	return append(out, onceFigure, twice)
}

// AddRegionMembers adds the members to the group (making it when new), as
// the administrator a; the change is written to the audit log.
func AddRegionMembers(ctx context.Context, s *store.Store, a Actor, from, group string, members []store.RegionMember) error {
	if err := mayAdminister(a); err != nil {
		return err
	}
	return s.AddRegionMembers(ctx, group, members, by(a, from))
}

// RemoveRegionMember takes the member out of the group, as the
// administrator a; the change is written to the audit log.
func RemoveRegionMember(ctx context.Context, s *store.Store, a Actor, from, group, code string) error {
	if err := mayAdminister(a); err != nil {
		return err
	}
	return s.RemoveRegionMember(ctx, group, code, by(a, from))
}
