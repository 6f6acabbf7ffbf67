package synth

import (
	"sort"

	"github.com/village-uk/village/calendar"
)

// settleReason decides the reasons for ceasing that depend on where the
// child was living when care ended.
func (pl *planner) settleReason(stints []stint) {
	r := pl.r
	if pl.exit >= pl.s.horizon {
		pl.p.rec = "" // still looked after when the simulation ends
		return
	}
	final := stints[len(stints)-1].kind
	rec := pl.rec
	switch rec {
	case recAdult:
		switch {
		case final.fostering():
			rec = leaveFromFoster.draw(r)
		case final.semiIndependent(), final == kindOther, final == kindCustody:
			rec = leaveFromSupported.draw(r)
		case final.residential():
			rec = leaveFromResidential.draw(r)
		case final == kindParents:
			rec = leaveFromParents.draw(r)
		default:
			rec = leaveFromCareHome.draw(r)
		}
	case recSGO:
		switch {
		case final.kinship():
			rec = "E45"
		case final.fostering():
			rec = sgoFromFoster.draw(r)
		default:
			rec = sgoFromOther.draw(r)
		}
	case "E45":
		if !final.kinship() {
			rec = "E47" // the guardians were not the child's foster carers
		}
	case "E46":
		if !final.fostering() {
			rec = "E48"
		}
	}
	pl.rec = rec
	pl.p.rec = rec
}

// episodes turns the legal statuses and placements into episodes: a new
// one at every change of either, with the reason for the new episode
// saying what changed.
func (pl *planner) episodes(stints []stint) []episode {
	end := min(pl.exit, pl.s.horizon)
	status := pl.status
	eps := make([]episode, 0, len(stints)+len(status))
	eps = append(eps, pl.episode(pl.p.start, "S", status[0].ls, stints[0]))
	si, li := 1, 1
	ls, cur := status[0].ls, stints[0]
	for {
		next := end
		if si < len(stints) {
			next = min(next, stints[si].start)
		}
		if li < len(status) {
			next = min(next, status[li].date)
		}
		if next >= end {
			break
		}
		lsChanged := li < len(status) && status[li].date == next
		placeChanged := si < len(stints) && stints[si].start == next
		prev := cur
		if lsChanged {
			ls = status[li].ls
			li++
		}
		if placeChanged {
			cur = stints[si]
			si++
		}
		closing := &eps[len(eps)-1]
		closing.end, closing.rec = next, "X1"
		if placeChanged && prev.kind != kindTemporary && cur.kind != kindTemporary {
			closing.reason = cur.reason
		}
		eps = append(eps, pl.episode(next, newEpisodeReason(lsChanged, placeChanged, prev.carer == cur.carer), ls, cur))
	}
	last := &eps[len(eps)-1]
	last.end, last.rec = pl.exit, pl.p.rec
	return eps
}

// newEpisodeReason returns the RNE code for what changed.
func newEpisodeReason(legal, placement, sameCarer bool) string {
	switch {
	case legal && placement && sameCarer:
		return "U"
	case legal && placement:
		return "B"
	case legal:
		return "L"
	case sameCarer:
		return "T"
	}
	return "P"
}

// episode fills an episode from the placement it is in. An episode of a
// placement whose code is withdrawn while it lasts starts with the new
// code if it starts after the withdrawal, and otherwise carries the new
// code as its recode.
func (pl *planner) episode(start calendar.Date, rne, ls string, st stint) episode {
	ep := episode{start: start, rne: rne, ls: ls, place: st.code, carer: st.carer}
	switch {
	case st.recode == "":
	case pl.s.placeValid(st.code, start):
		ep.recode = st.recode
	default:
		ep.place = st.recode
	}
	return ep
}

// missing adds missing and away-from-placement episodes, mostly of
// teenagers in children's homes. Each starts and ends within the period
// and none overlaps another.
func (pl *planner) missing(stints []stint) {
	r := pl.r
	lo, hi := pl.p.start+1, pl.exit-1
	// A few children go missing again and again; most never do.
	propensity := missingUsual
	if r.chance(missingRunners) {
		propensity = missingRepeated
	}
	var spells []spell
	for i, st := range stints {
		from, to := max(st.start, lo), min(pl.stintEnd(stints, i), hi)
		if to <= from {
			continue
		}
		rate := propensity * missingRate(st.kind, ageOn(pl.c.dob, from))
		n := r.poisson(rate * float64(to-from) / 365.25)
		for range n {
			start := from + calendar.Date(r.IntN(int(to-from)))
			length := 0
			if !r.chance(sameDayReturn) {
				length = r.logNormal(1.5, 1.0, 1, 60)
			}
			end := min(start+calendar.Date(length), pl.exit-1)
			code := "M"
			if r.chance(awayShare) {
				code = "A"
			}
			spells = append(spells, spell{start: start, end: end, code: code})
		}
	}
	sort.Slice(spells, func(i, j int) bool { return spells[i].start < spells[j].start })
	for _, s := range spells {
		if n := len(pl.p.missing); n > 0 && s.start <= pl.p.missing[n-1].end {
			continue
		}
		pl.p.missing = append(pl.p.missing, s)
	}
}

// deprivation adds deprivation of liberty orders for a few teenagers in
// children's homes, each within one placement.
func (pl *planner) deprivation(stints []stint) {
	r := pl.r
	for i, st := range stints {
		if st.kind != kindHome || ageOn(pl.c.dob, st.start) < 12 || !r.chance(doloChance) {
			continue
		}
		end := pl.stintEnd(stints, i)
		start := st.start + calendar.Date(r.between(1, 30)) // not on the day the previous placement ends (rule 709)
		stop := min(start+calendar.Date(r.between(60, 270)), end-1)
		if stop > start {
			pl.p.dolo = append(pl.p.dolo, spell{start: start, end: stop})
		}
	}
}
