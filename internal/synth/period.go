package synth

import (
	"math"

	"github.com/village-uk/village/calendar"
)

// Reasons for ceasing that depend on the placement at the time, settled
// once the placements are known.
const (
	recAdult = "adult" // ceased on the 18th birthday
	recSGO   = "sgo"   // a special guardianship order
)

// planner builds one period of care: first its route (legal statuses and
// how and when it ends), then its placements, then its episodes.
type planner struct {
	s      *sim
	c      *child
	r      *rng
	p      *period
	adult  calendar.Date // the 18th birthday, when care must end
	status []change
	exit   calendar.Date
	rec    string

	// what the route asks of the placements
	kinBy       calendar.Date // move to relatives by then (SGO to former foster carers)
	parentsFrom calendar.Date // placed with parents from then until going home
	longTermAt  calendar.Date // matched with long-term carers then
	remandEnd   calendar.Date // remand ended then
	adopt       *adoption
	ffa         bool // placed with fostering-for-adoption carers
	longTerm    bool // the plan is long-term care

	// placement state
	due     calendar.Date // the planned end of a short placement
	matched bool          // has been matched with long-term carers
}

// period simulates one period of care starting on start.
func (s *sim) period(c *child, r *rng, start calendar.Date, home int32, before *period) *period {
	pl := &planner{s: s, c: c, r: r, adult: addYears(c.dob, 18),
		p: &period{start: start, home: home}}
	age := ageOn(c.dob, start)
	pl.p.cin = pl.need(age)
	ls := pl.entryStatus(age)
	pl.setStatus(start, ls)
	pl.route(start, ls)
	pl.p.end = pl.exit
	pl.p.adoption = pl.adopt
	if pl.exit < s.keepFrom {
		// Over before any return can mention it: only how it ended
		// matters, for a later return to care.
		switch pl.p.rec = pl.rec; pl.rec {
		case recAdult:
			pl.p.rec = "E17"
		case recSGO:
			pl.p.rec = "E47"
		}
		return pl.p
	}
	stints := pl.place()
	pl.settleReason(stints)
	pl.p.episodes = pl.episodes(stints)
	pl.permanence(before)
	pl.missing(stints)
	pl.deprivation(stints)
	return pl.p
}

// need chooses the category of need, which stays the same for the period.
func (pl *planner) need(age int) string {
	switch {
	case pl.c.uasc:
		return needUASC.draw(pl.r)
	case age < 10:
		return needYoung.draw(pl.r)
	}
	return needTeen.draw(pl.r)
}

// entryStatus chooses the legal status on starting.
func (pl *planner) entryStatus(age int) string {
	if pl.c.uasc {
		return "V2"
	}
	ls := entryStatus[ageBand(age)].draw(pl.r)
	if ls == "J1" && age < 10 {
		ls = "V2"
	}
	return ls
}

// setStatus records a change of legal status; changes on or after the
// 18th birthday never happen, as the child has left care.
func (pl *planner) setStatus(d calendar.Date, ls string) {
	if d >= pl.adult {
		return
	}
	if n := len(pl.status); n > 0 && pl.status[n-1].date >= d {
		d = pl.status[n-1].date + 1
	}
	pl.status = append(pl.status, change{date: d, ls: ls})
}

// exitAt ends the period. Care cannot go past the 18th birthday, so a
// later end becomes leaving care at 18.
func (pl *planner) exitAt(d calendar.Date, rec string) {
	if d >= pl.adult {
		d, rec = pl.adult, recAdult
	}
	if (rec == "E11" || rec == "E12") && d == calendar.YearOf(d).End() {
		d-- // adopted on 31 March would count as looked after all year, which AD1 contradicts (rule 187)
	}
	if last := pl.status[len(pl.status)-1].date; d <= last {
		d = last + 1
	}
	pl.exit, pl.rec = d, rec
}

// route follows the legal status on starting to the end of the period.
func (pl *planner) route(t calendar.Date, ls string) {
	switch ls {
	case "L1", "L2":
		pl.emergency(t, ls)
	case "C1":
		pl.proceedings(t)
	case "J1":
		pl.remand(t)
	default:
		if pl.c.uasc {
			pl.unaccompanied(t)
			return
		}
		pl.accommodated(t, ageBand(ageOn(pl.c.dob, t)))
	}
}

// emergency follows police protection (up to 72 hours) or an emergency
// protection order (up to 21 days).
func (pl *planner) emergency(t calendar.Date, ls string) {
	r := pl.r
	quick, toC1, days := policeQuickExit, policeToC1, r.between(1, 3)
	if ls == "L2" {
		quick, toC1, days = epoQuickExit, epoToC1, r.between(3, 10)
	}
	end := t + calendar.Date(days)
	if r.chance(quick) {
		pl.exitAt(end, quickHomeReasons.draw(r))
		return
	}
	next := "V2"
	if r.chance(toC1) {
		next = "C1"
	}
	pl.setStatus(end, next)
	pl.route(end, next)
}

// proceedings follows an interim care order to the court's decision.
func (pl *planner) proceedings(t calendar.Date) {
	r := pl.r
	band := ageBand(ageOn(pl.c.dob, t))
	outcome := proceedingsOutcome[band].draw(r)
	days := r.clampedNormal(proceedingsMean, proceedingsSD, 120, 450)
	if outcome == "adoption" {
		days = r.clampedNormal(orderMean, orderSD, 210, 430)
	}
	end := t + calendar.Date(days)
	if r.chance(earlyHomeChance) {
		pl.exitAt(t+calendar.Date(r.between(20, days-1)), "E4A")
		return
	}
	switch outcome {
	case "adoption":
		pl.adoptionPlan(t, end)
	case "sgo":
		rec := sgoAtProceedings.draw(r)
		if rec == "E45" {
			pl.kinBy = max(t+1, end-calendar.Date(r.between(sgoKinMoveLeadMin, sgoKinMoveLeadMax)))
		}
		pl.exitAt(end, rec)
	case "cao":
		pl.exitAt(end, "E41")
	case "home":
		// Young children go home sooner, and less often on a care order.
		via, longest := homeViaParents, parentsBeforeHomeMax
		if band <= band1to4 {
			via, longest = homeViaParentsYoung, parentsBeforeHomeYoung
		}
		if r.chance(via) {
			pl.parentsFrom = max(t+1, end-calendar.Date(r.between(30, 150)))
			pl.setStatus(end, "C2")
			pl.exitAt(end+calendar.Date(r.between(parentsBeforeHomeMin, longest)), "E4A")
			return
		}
		pl.exitAt(end, "E4A")
	default:
		pl.setStatus(end, "C2")
		pl.careOrder(end, "C2")
	}
}

// adoptionPlan follows the route to adoption: the decision that the child
// should be placed for adoption, the placement order, a match, moving in
// with the adopters and the adoption order.
func (pl *planner) adoptionPlan(t, order calendar.Date) {
	r := pl.r
	a := &adoption{order: order}
	a.decision = max(t+1, order-calendar.Date(r.between(decisionLeadMin, decisionLeadMax)))
	pl.adopt = a
	pl.ffa = ageOn(pl.c.dob, t) < 1 && r.chance(ffaChance)
	pl.setStatus(order, "E1")
	match := order + calendar.Date(max(21, int(r.gamma(matchShape, matchMean))))
	if r.chance(reversalChance) {
		// the search for adopters fails; the order stays until the plan changes
		a.reversed = order + calendar.Date(r.between(150, 900))
		a.reversal = reversalReasons.draw(r)
		pl.ffa = false
		pl.setStatus(a.reversed, "C2")
		pl.careOrder(a.reversed, "C2")
		return
	}
	a.match = match
	a.placed = match + calendar.Date(r.between(placeAfterMatch, placeAfterMatchTo))
	a.current = pl.ffa || r.chance(fosterCarerAdopts)
	pl.adopters(a)
	if r.chance(disruptionChance) {
		a.reversed = a.placed + calendar.Date(r.between(30, 200))
		a.reversal = disruptionReasons.draw(r)
		pl.setStatus(a.reversed, "C2")
		pl.careOrder(a.reversed, "C2")
		return
	}
	rec := "E12"
	if r.chance(unopposedShare) {
		rec = "E11"
	}
	pl.exitAt(a.placed+calendar.Date(r.between(adoptedAfterMin, adoptedAfterMax)), rec)
}

// consentAdoption follows a baby relinquished for adoption: accommodated
// under section 20 and placed with parental consent (A3/A4).
func (pl *planner) consentAdoption(t calendar.Date) {
	r := pl.r
	a := &adoption{consent: true}
	a.decision = t + calendar.Date(r.between(40, 150))
	a.match = a.decision + calendar.Date(r.between(60, 180))
	a.placed = a.match + calendar.Date(r.between(placeAfterMatch, placeAfterMatchTo))
	a.current = r.chance(consentCurrentCarers)
	pl.adopters(a)
	pl.adopt = a
	rec := "E12"
	if r.chance(consentAdoptShare) {
		rec = "E11"
	}
	pl.exitAt(a.placed+calendar.Date(r.between(adoptedAfterMin, adoptedAfterMax)), rec)
}

// adopters chooses who adopts: one adopter (L0) or a couple.
func (pl *planner) adopters(a *adoption) {
	r := pl.r
	if r.chance(singleAdopterShare) {
		a.adopters, a.adopterSex, a.adopterLS = 1, singleAdopter.draw(r), "L0"
		return
	}
	a.adopters, a.adopterSex = 2, adopterCouple.draw(r)
	switch {
	case a.adopterSex == "MF" && r.chance(marriedShare):
		a.adopterLS = "L11"
	case a.adopterSex != "MF" && r.chance(civilPartnerShare):
		a.adopterLS = "L12"
	default:
		a.adopterLS = "L2"
	}
}

// accommodated follows a child accommodated under section 20.
func (pl *planner) accommodated(t calendar.Date, band int) {
	r := pl.r
	switch accommodatedRoute[band].draw(r) {
	case "quick":
		pl.exitAt(t+calendar.Date(r.logNormal(quickMedian, quickSigma, 1, 365)), quickHomeReasons.draw(r))
	case "short":
		pl.exitAt(t+calendar.Date(r.logNormal(shortMedian, shortSigma, 7, 900)), shortStayReasons[band].draw(r))
	case "proceedings":
		next := t + calendar.Date(r.between(20, 150))
		pl.setStatus(next, "C1")
		pl.proceedings(next)
	case "consent":
		pl.consentAdoption(t)
	default:
		pl.careOrder(t, "V2")
	}
}

// careOrder follows a child in long-term care, under a care order or
// accommodated, until they leave or turn 18. Each year of age has its own
// chance of leaving early, and its own mix of ways to leave.
func (pl *planner) careOrder(t calendar.Date, ls string) {
	r := pl.r
	pl.longTerm = true
	pl.longTermAt = t + calendar.Date(r.between(longTermMatchMin, longTermMatchMax))
	if ls == "C2" && r.chance(parentsOnOrder) {
		// placed at home on the care order, which stays while the
		// family is supported
		pl.parentsFrom = t + calendar.Date(r.between(30, 365))
	}
	for at := t; at < pl.adult; {
		age := ageOn(pl.c.dob, at)
		birthday := addYears(pl.c.dob, age+1)
		band := ageBand(age)
		wait := r.exponential(longTermHazard[band])
		if float64(at)+wait < float64(birthday) {
			pl.leaveCare(at+calendar.Date(math.Ceil(wait)), band, ls)
			return
		}
		at = birthday
	}
	pl.exitAt(pl.adult, recAdult)
}

// leaveCare ends long-term care early, in one of the ways children leave.
func (pl *planner) leaveCare(d calendar.Date, band int, ls string) {
	r := pl.r
	switch way := longTermExit[band].draw(r); way {
	case "sgo":
		pl.exitAt(d, recSGO)
	case "cao":
		pl.exitAt(d, "E41")
	case "home":
		if ls == "C2" && r.chance(homeViaParents) {
			// placed with parents first, the care order discharged later
			pl.parentsFrom = d
			pl.exitAt(d+calendar.Date(r.between(parentsBeforeHomeMin, parentsAtHomeMax)), "E4A")
			if pl.rec == recAdult {
				pl.parentsFrom = 0
			}
			return
		}
		rec := "E4A"
		if r.chance(unplannedHomeShare) {
			rec = "E4B"
		}
		pl.exitAt(d, rec)
	default:
		if way == "E9" && ageOn(pl.c.dob, d) < 12 {
			way = "E8"
		}
		pl.exitAt(d, way)
	}
}

// remand follows a child remanded to local authority accommodation.
func (pl *planner) remand(t calendar.Date) {
	r := pl.r
	end := t + calendar.Date(r.logNormal(remandMedian, remandSigma, 7, 240))
	pl.remandEnd = end
	switch remandOutcome.draw(r) {
	case "accommodated":
		pl.setStatus(end, "V2")
		pl.accommodated(end, ageBand(ageOn(pl.c.dob, end)))
	case "E9":
		pl.exitAt(end, "E9")
	default:
		pl.exitAt(end, "E14")
	}
}

// unaccompanied follows an unaccompanied asylum-seeking child: most stay
// until 18; some move to another authority under the national transfer
// scheme, are assessed as adults or go missing.
func (pl *planner) unaccompanied(t calendar.Date) {
	r := pl.r
	switch way := uascRoute.draw(r); way {
	case "E3":
		pl.exitAt(t+calendar.Date(r.between(7, 120)), way)
	case "E15":
		pl.exitAt(t+calendar.Date(r.between(30, 365)), way)
	case "adult":
		pl.exitAt(pl.adult, recAdult)
	default:
		pl.exitAt(t+calendar.Date(r.logNormal(200, 0.8, 14, 900)), way)
	}
}

// permanence records the previous permanence option of a child starting:
// from this authority's own order when returning after one.
func (pl *planner) permanence(before *period) {
	r := pl.r
	p := pl.p
	perm := previousPermanence.draw(r)
	if ageOn(pl.c.dob, p.start) < 2 {
		perm = "Z1" // too young to have been under an earlier order
	}
	date := calendar.Date(0)
	if before != nil {
		switch before.rec {
		case "E45", "E46", "E47", "E48":
			perm, date = "P2", before.end
		case "E41":
			perm, date = "P3", before.end
		}
	}
	p.prevPerm = perm
	if perm == "Z1" {
		return
	}
	if date == 0 && before != nil {
		p.prevPerm = "Z1" // an order before an earlier period would have been reported then
		return
	}
	if date == 0 {
		date = p.start - calendar.Date(r.between(200, 3000))
		if date < pl.c.dob {
			date = pl.c.dob + calendar.Date(r.between(1, int(max(1, p.start-pl.c.dob-1))))
		}
		p.laPerm = permanenceLAs.draw(r)
	} else {
		p.laPerm = "999"
		if r.chance(knownPermanenceLA) {
			p.laPerm = permanenceLAs.draw(r)
		}
	}
	y, m, d := civil(date)
	pd := calendar.PartialDate{Day: d, Month: m, Year: y}
	if r.chance(partialPermanenceDate) {
		pd.Day = 0 // the day is often not known
	}
	p.datePerm = pd.String()
}
