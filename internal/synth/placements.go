package synth

import (
	"math"
	"sort"

	"github.com/village-uk/village/calendar"
)

// noURN is what the return holds where a placement has no Ofsted URN.
const noURN = "XXXXXXX"

// action is a planned change of placement.
type action int

const (
	actSettle    action = iota // from an emergency foster placement to a planned one
	actKin                     // to relatives or friends, who will take an SGO
	actParents                 // home to parents, still on a care order
	actFFA                     // to fostering-for-adoption carers
	actAdopt                   // placed for adoption
	actDisrupt                 // the placement for adoption breaks down
	actLongTerm                // matched with long-term foster carers
	actSupported               // to supported accommodation at 16 or 17
	actRemandEnd               // out of secure or custody when remand ends
)

type anchor struct {
	date calendar.Date
	act  action
}

// place lays out the period's placements: the first, the planned changes
// the route needs, and unplanned moves between them.
func (pl *planner) place() []stint {
	start := pl.p.start
	end := min(pl.exit, pl.s.horizon)
	first := pl.firstKind(start)
	stints := []stint{pl.newStint(start, first, nil, "")}
	pl.setDue(first, start)
	anchors := pl.anchors(first)
	t := start
	for _, a := range anchors {
		if a.date >= end {
			break
		}
		stints = pl.moves(stints, t, a.date)
		stints = pl.apply(stints, a)
		t = a.date
	}
	stints = pl.moves(stints, t, end)
	stints = pl.coded(stints)
	return pl.temporaries(stints)
}

// firstKind chooses the placement on starting.
func (pl *planner) firstKind(start calendar.Date) placeKind {
	r := pl.r
	age := ageOn(pl.c.dob, start)
	switch {
	case pl.c.uasc && age >= 16:
		return uascOlderPlacement.draw(r)
	case pl.c.uasc:
		return uascYoungPlacement.draw(r)
	case pl.status[0].ls == "J1":
		k := remandPlacement.draw(r)
		if k == kindCustody && age < 15 {
			k = kindSecure
		}
		return k
	case pl.ffa && r.chance(ffaStartChance):
		if r.chance(kinFFAShare) {
			return kindKinFFA
		}
		return kindFFA
	}
	k := firstPlacement[ageBand(age)].draw(r)
	if k == kindMotherBaby && pl.adopt != nil {
		k = kindFoster // babies to be adopted go to foster carers
	}
	return k
}

// anchors lists the planned changes of placement in date order.
func (pl *planner) anchors(first placeKind) []anchor {
	r := pl.r
	start := pl.p.start
	var out []anchor
	add := func(d calendar.Date, a action) {
		if d > start && d < pl.exit && d < pl.s.horizon {
			out = append(out, anchor{d, a})
		}
	}
	if first == kindFoster && r.chance(settlingMoveChance) {
		add(start+calendar.Date(r.between(3, 42)), actSettle)
	}
	add(pl.kinBy, actKin)
	add(pl.parentsFrom, actParents)
	if a := pl.adopt; a != nil {
		if pl.ffa && first != kindFFA && first != kindKinFFA {
			add(min(start+calendar.Date(r.between(30, 120)), a.placed-7), actFFA)
		}
		if a.placed != 0 {
			add(a.placed, actAdopt)
			if a.reversed > a.placed {
				add(a.reversed, actDisrupt)
			}
		}
	}
	if pl.longTerm {
		add(pl.longTermAt, actLongTerm)
	}
	if sixteen := addYears(pl.c.dob, 16); sixteen < pl.exit {
		add(max(sixteen, start+30)+calendar.Date(r.between(0, 540)), actSupported)
	}
	add(pl.remandEnd, actRemandEnd)
	sort.SliceStable(out, func(i, j int) bool { return out[i].date < out[j].date })
	return out
}

// apply carries out a planned change, if it still makes sense for the
// placement the child is in.
func (pl *planner) apply(stints []stint, a anchor) []stint {
	r := pl.r
	cur := stints[len(stints)-1]
	if cur.start >= a.date {
		return stints // a move already happened that day
	}
	age := ageOn(pl.c.dob, a.date)
	switch a.act {
	case actSettle:
		if cur.kind == kindFoster {
			return pl.move(stints, a.date, kindFoster, pl.planned())
		}
	case actKin:
		if !cur.kind.kinship() && !cur.kind.adoptive() {
			return pl.move(stints, a.date, kindKin, pl.planned())
		}
	case actParents:
		if !cur.kind.adoptive() {
			return pl.move(stints, a.date, kindParents, pl.planned())
		}
	case actFFA:
		if !cur.kind.adoptive() && cur.kind != kindFFA && cur.kind != kindKinFFA {
			return pl.move(stints, a.date, kindFFA, pl.planned())
		}
	case actAdopt:
		if pl.adopt.current && cur.kind.fostering() {
			return pl.sameCarer(stints, a.date, kindAdoptCurrent, pl.planned())
		}
		pl.adopt.current = false
		return pl.move(stints, a.date, kindAdoptNew, pl.planned())
	case actDisrupt:
		return pl.move(stints, a.date, kindFoster, pl.planned())
	case actLongTerm:
		return pl.matchLongTerm(stints, a.date, age)
	case actSupported:
		chance := supportedAt16Chance
		switch {
		case pl.c.uasc:
			chance = uascSupportedAt16Plus
		case cur.kind == kindHome:
			chance = supportedFromHome
		}
		movable := cur.kind == kindFoster || cur.kind == kindKin || cur.kind == kindHome || cur.kind == kindOther
		if age >= 16 && movable && r.chance(chance) {
			kind := kindSupported
			if r.chance(independentShare) {
				kind = kindIndependent
			}
			return pl.move(stints, a.date, kind, pl.planned())
		}
	case actRemandEnd:
		if cur.kind == kindSecure || cur.kind == kindCustody {
			return pl.move(stints, a.date, pl.nextKind(a.date), pl.planned())
		}
	}
	return stints
}

// matchLongTerm makes a foster placement long term: with the same carers
// (a change of placement type only) or new long-term carers.
func (pl *planner) matchLongTerm(stints []stint, d calendar.Date, age int) []stint {
	r := pl.r
	cur := stints[len(stints)-1]
	if age >= 16 || (age >= 13 && !r.chance(teenLongTermMatch)) {
		return stints
	}
	switch cur.kind {
	case kindKin, kindKinFFA:
		return pl.sameCarer(stints, d, kindKinLong, "PLACE")
	case kindFoster, kindFFA:
		if r.chance(longTermSameCarer) {
			return pl.sameCarer(stints, d, kindFosterLong, "PLACE")
		}
		return pl.move(stints, d, kindFosterLong, pl.planned())
	}
	return stints
}

// planned returns the reason for a planned move.
func (pl *planner) planned() string { return plannedReasons.draw(pl.r) }

// setDue plans the end of placements that are short by nature.
func (pl *planner) setDue(kind placeKind, start calendar.Date) {
	r := pl.r
	pl.due = 0
	switch kind {
	case kindMotherBaby:
		pl.due = start + calendar.Date(r.between(motherBabyMin, motherBabyMax))
	case kindHospital:
		pl.due = start + calendar.Date(r.between(hospitalMin, hospitalMax))
	case kindSecure, kindCustody:
		if pl.remandEnd == 0 || start >= pl.remandEnd {
			pl.due = start + calendar.Date(r.between(secureMin, secureMax))
		}
	}
}

// moves adds unplanned moves between t and until (exclusive): placement
// breakdowns at a rate that depends on the placement, the child's age and
// time in care, and the planned ends of short placements.
func (pl *planner) moves(stints []stint, t, until calendar.Date) []stint {
	r := pl.r
	for t < until {
		cur := stints[len(stints)-1]
		band := ageBand(ageOn(pl.c.dob, t))
		rate := moveRate(cur.kind, band)
		if rate > 0 && t-pl.p.start < 365 {
			rate += firstYearExtraMoves
		}
		rate *= factorOn(pl.s.effects, "moves", t)
		// The rate is re-read at least every 90 days, as the child ages,
		// and on the day an effect on moves begins.
		step := nextChange(pl.s.effects, "moves", t, min(until, t+90))
		next := float64(t) + math.Max(1, math.Ceil(r.exponential(rate)))
		if pl.due > t && pl.due < until && float64(pl.due) <= math.Min(next, float64(step)) {
			stints = pl.move(stints, pl.due, pl.nextKind(pl.due), pl.planned())
			t = stints[len(stints)-1].start
			continue
		}
		if next >= float64(step) {
			t = step
			continue
		}
		t = calendar.Date(next)
		stints = pl.move(stints, t, pl.nextKind(t), pl.moveReason(t, r))
	}
	return stints
}

// nextKind chooses where a child moves to.
func (pl *planner) nextKind(d calendar.Date) placeKind {
	r := pl.r
	age := ageOn(pl.c.dob, d)
	var k placeKind
	switch {
	case pl.c.uasc && age >= 16:
		k = uascOlderPlacement.draw(r)
	case pl.c.uasc:
		k = uascYoungPlacement.draw(r)
	default:
		k = nextPlacement[ageBand(age)].draw(r)
	}
	if k.semiIndependent() && age < 16 {
		k = kindFoster
	}
	if k == kindFoster && pl.matched && r.chance(newCarersLongTerm) {
		k = kindFosterLong
	}
	return k
}

// move starts a placement with new carers.
func (pl *planner) move(stints []stint, d calendar.Date, kind placeKind, reason string) []stint {
	prev := stints[len(stints)-1].carer
	stints = append(stints, pl.newStint(d, kind, prev, reason))
	pl.setDue(kind, d)
	if kind == kindFosterLong || kind == kindKinLong {
		pl.matched = true
	}
	return stints
}

// sameCarer changes the placement type while the child stays with the
// same carers.
func (pl *planner) sameCarer(stints []stint, d calendar.Date, kind placeKind, reason string) []stint {
	prev := stints[len(stints)-1]
	pl.due = 0
	if kind == kindFosterLong || kind == kindKinLong {
		pl.matched = true
	}
	return append(stints, stint{start: d, kind: kind, carer: prev.carer, reason: reason})
}

// newStint starts a placement with new carers. Independent living for
// 16- and 17-year-olds ended with the supported accommodation reforms, so
// once K3 exists such placements are in registered supported
// accommodation.
func (pl *planner) newStint(d calendar.Date, kind placeKind, prev *carer, reason string) stint {
	if kind == kindIndependent && pl.s.placeValid("K3", d) {
		kind = kindSupported
	}
	return stint{start: d, kind: kind, carer: pl.newCarer(kind, prev), reason: reason}
}

// newCarer finds carers for a placement of the given kind, with a
// postcode that differs from the child's home and the last placement.
func (pl *planner) newCarer(kind placeKind, prev *carer) *carer {
	s, r := pl.s, pl.r
	dir := s.dir
	c := &carer{urn: noURN}
	inside := 0.5
	switch kind {
	case kindKin, kindKinLong, kindKinFFA:
		c.provider = "PR1"
		c.post = pl.distinctPost(prev, func() int32 { return dir.near(r) })
		return c
	case kindFoster, kindFosterLong, kindFFA:
		switch {
		case r.chance(otherLAFoster):
			c.provider, inside = "PR2", 0
		case r.chance(inHouseShare):
			c.provider, inside = "PR1", inHouseInside
		case r.chance(independentVoluntary):
			c.provider, inside = "PR5", agencyInside
		default:
			c.provider, inside = "PR4", agencyInside
		}
	case kindAdoptCurrent, kindAdoptNew:
		c.provider, inside = adoptionAgencies.draw(r), adoptersInside
	case kindHome:
		return another(r, s.homes, prev, pl.p.home)
	case kindSecure:
		return another(r, s.secure, prev, pl.p.home)
	case kindSupported:
		return another(r, s.supported, prev, pl.p.home)
	case kindIndependent:
		c.provider = independentProviders.draw(r)
	case kindParents:
		c.provider = "PR0"
		c.post = pl.p.home
		if c.post < 0 {
			c.post = dir.home(r)
		}
		return c
	case kindMotherBaby:
		c.provider = motherBabyProviders.draw(r)
	case kindCareHome:
		c.provider, inside = "PR4", 0.4
	case kindHospital:
		c.provider, inside = "PR3", 0.7
	case kindCustody:
		c.provider, inside = "PR3", 0.1
	case kindSchool:
		c.provider, inside = agencyProviders.draw(r), 0.3
	case kindOther:
		c.provider = agencyProviders.draw(r) // not returned: Z1 and Z11-Z14 take none (episode.provider)
	case kindTemporary:
		inside = 0.7
	}
	if c.provider == "PR1" {
		inside = 1 // own provision is inside the authority (rule 1015)
		if kind.fostering() {
			inside = inHouseInside
		}
	}
	c.post = pl.distinctPost(prev, func() int32 {
		if r.chance(inside) {
			return dir.home(r)
		}
		return dir.outside(r)
	})
	return c
}

// another picks a provider other than the one the child is leaving, and
// not at the child's home postcode (rule 392d), when there is a choice.
func another(r *rng, providers []*carer, prev *carer, home int32) *carer {
	for tries := 0; ; tries++ {
		c := providers[r.IntN(len(providers))]
		if (c != prev && c.post != home) || len(providers) == 1 || tries > 100 {
			return c
		}
	}
}

// distinctPost draws a postcode that is neither the child's home nor the
// last placement's.
func (pl *planner) distinctPost(prev *carer, draw func() int32) int32 {
	var p int32
	for range 8 {
		p = draw()
		if p != pl.p.home && (prev == nil || p != prev.post) {
			break
		}
	}
	return p
}

// stintEnd returns the day stint i ends.
func (pl *planner) stintEnd(stints []stint, i int) calendar.Date {
	if i+1 < len(stints) {
		return stints[i+1].start
	}
	return min(pl.exit, pl.s.horizon)
}

// coded gives each placement its PLACE code. Codes follow the DfE's list
// for the year. Supported accommodation and independent living become K3
// when K3 is introduced, with a new episode with the same carers, as H5
// and K3 are both valid in 2024/25. Z1 and its successors Z11-Z14 share no
// year, so an "other" placement still going when Z1 is withdrawn goes on
// as the same episode, recorded as Z1 in the returns that know Z1 and as
// one of Z11-Z14 (its recode) from the first that does not, as the DfE's
// rule 503D allows in 2025/26.
func (pl *planner) coded(stints []stint) []stint {
	out := make([]stint, 0, len(stints)+1)
	for i, st := range stints {
		end := pl.stintEnd(stints, i)
		st.code = pl.code(st.kind, st.start)
		if st.kind == kindOther {
			if y := pl.withdrawn(st.code, st.start, end); y != 0 {
				st.recode = pl.code(st.kind, y.Start())
			}
		}
		out = append(out, st)
		if !st.kind.semiIndependent() {
			continue
		}
		for y := calendar.YearOf(st.start) + 1; y.Start() < end; y++ {
			code := pl.code(st.kind, y.Start())
			if code == out[len(out)-1].code {
				continue
			}
			next := st
			next.start, next.code, next.reason = y.Start(), code, "PLACE"
			if st.kind == kindIndependent {
				// unregistered independent living ends: a move to
				// registered supported accommodation
				next.kind, next.reason = kindSupported, "LAREQ"
				next.carer = pl.newCarer(kindSupported, st.carer)
			}
			out = append(out, next)
		}
	}
	return out
}

// withdrawn returns the first collection year after the one holding start
// whose code list lacks code and that begins by end, or 0 if the code
// stays valid as long as the placement lasts. A placement ending on the
// first day of a year is in that year's return.
func (pl *planner) withdrawn(code string, start, end calendar.Date) calendar.Year {
	for y := calendar.YearOf(start) + 1; y.Start() <= end; y++ {
		if !pl.s.placeValid(code, y.Start()) {
			return y
		}
	}
	return 0
}

// code returns the PLACE code for a kind of placement starting on d.
func (pl *planner) code(kind placeKind, d calendar.Date) string {
	s := pl.s
	switch kind {
	case kindFoster:
		return "U6"
	case kindFosterLong:
		return "U4"
	case kindKin:
		return "U3"
	case kindKinLong:
		return "U1"
	case kindKinFFA:
		return "U2"
	case kindFFA:
		return "U5"
	case kindAdoptCurrent:
		if pl.adopt != nil && pl.adopt.consent {
			return "A3"
		}
		return "A5"
	case kindAdoptNew:
		if pl.adopt != nil && pl.adopt.consent {
			return "A4"
		}
		return "A6"
	case kindHome:
		return "K2"
	case kindSecure:
		return "K1"
	case kindSupported:
		if s.placeValid("K3", d) {
			return "K3"
		}
		return "H5"
	case kindIndependent:
		if s.placeValid("K3", d) {
			return "K3"
		}
		return "P2"
	case kindParents:
		return "P1"
	case kindMotherBaby:
		return "R3"
	case kindCareHome:
		return "R1"
	case kindHospital:
		return "R2"
	case kindCustody:
		return "R5"
	case kindSchool:
		return "S1"
	case kindOther:
		if s.placeValid("Z1", d) {
			return "Z1"
		}
		return otherPlacementCodes.draw(pl.r)
	}
	return "T0"
}

// otherPlacementCodes replace Z1 from 2025/26; their meanings are not
// known, so they are drawn evenly.
var otherPlacementCodes = codeChoices("Z11", 25, "Z12", 25, "Z13", 25, "Z14", 25)

// temporaries inserts short temporary moves (hospital, the carers'
// holiday, a few days elsewhere) after which the child returns to the
// same placement. None comes at the start or end of the period or spans a
// change of legal status.
func (pl *planner) temporaries(stints []stint) []stint {
	r := pl.r
	out := make([]stint, 0, len(stints))
	respite := 0 // T3 moves so far: rule 377 allows two in a return
	for i, st := range stints {
		out = append(out, st)
		if !st.kind.fostering() && st.kind != kindHome {
			continue
		}
		end := pl.stintEnd(stints, i)
		days := int(end - st.start)
		n := r.poisson(tempMovesPerYear * float64(days) / 365.25)
		at := st.start + 7
		for range n {
			code := tempKinds.draw(r)
			if code == "T3" {
				if respite++; respite > 2 {
					code = "T4"
				}
			}
			length := r.between(2, tempLongest[code])
			if int(end-at) < length+14 {
				break
			}
			from := at + calendar.Date(r.between(0, int(end-at)-length-14))
			to := from + calendar.Date(length)
			if pl.statusChangeIn(from, to) {
				continue
			}
			temp := stint{start: from, kind: kindTemporary, code: code, carer: pl.newCarer(kindTemporary, st.carer)}
			temp.carer.provider = ""
			back := st
			back.start, back.reason = to, ""
			out = append(out, temp, back)
			at = to + 7
		}
	}
	return out
}

// statusChangeIn reports whether the legal status changes between from
// and to, inclusive.
func (pl *planner) statusChangeIn(from, to calendar.Date) bool {
	for _, c := range pl.status[1:] {
		if c.date >= from && c.date <= to {
			return true
		}
	}
	return false
}

// moveReason draws why an unplanned move happened on day t. Custody is not
// a reason for a child under 10 (rule 234).
func (pl *planner) moveReason(t calendar.Date, r *rng) string {
	reason := moveReasons.draw(r)
	for reason == "CUSTOD" && ageOn(pl.c.dob, t) < 10 {
		reason = moveReasons.draw(r)
	}
	return reason
}
