package journey

import (
	"strings"

	"github.com/village-uk/village/calendar"
)

// periods groups repaired episodes, in order, into periods of care.
func periods(eps []Episode) []Period {
	var out []Period
	start := 0
	for i := 1; i <= len(eps); i++ {
		if i < len(eps) && chains(&eps[i-1], &eps[i]) {
			continue
		}
		out = append(out, newPeriod(eps[start:i:i]))
		start = i
	}
	return out
}

// censor marks the periods of care that may have begun before the first
// return's first day (Period.LeftCensored).
func censor(ps []Period, first calendar.Year) {
	if first <= 0 {
		return
	}
	for i := range ps {
		ps[i].LeftCensored = ps[i].Start <= first.Start()
	}
}

// chains reports whether episode b carries on the period of care of the
// episode a before it: a ends with X1 on the day b starts, b does not
// start care again, and both or neither are short breaks.
func chains(a, b *Episode) bool {
	return !a.Open && a.REC == "X1" && a.End == b.Start && b.RNE != "S" && a.ShortBreak == b.ShortBreak
}

// newPeriod makes the period of care of a run of chained episodes.
func newPeriod(eps []Episode) Period {
	last := &eps[len(eps)-1]
	p := Period{Start: eps[0].Start, End: last.End, Open: last.Open, Episodes: eps,
		ShortBreak: eps[0].ShortBreak, Placements: placements(eps), LegalStatuses: legalStatuses(eps)}
	if !p.Open {
		p.EndReason = last.REC
	}
	return p
}

// placements groups the episodes of one period into placements. The
// package documentation states the rules: a new placement at a change of
// carer, and temporary moves after which the child came back kept inside
// the placement they interrupted.
func placements(eps []Episode) []Placement {
	var out []Placement
	for i := 0; i < len(eps); i++ {
		e := &eps[i]
		if i == 0 {
			out = append(out, newPlacement(e))
			continue
		}
		cur := &out[len(out)-1]
		prev := &eps[i-1]
		if e.Temporary() && !prev.Temporary() {
			if back := returnAfter(eps, i); back > 0 {
				cur.Temporary = append(cur.Temporary, eps[i:back]...)
				extend(cur, &eps[back])
				i = back
				continue
			}
		}
		if sameCarer(prev, e) {
			extend(cur, e)
			continue
		}
		out = append(out, newPlacement(e))
	}
	return out
}

// sameCarer reports whether episode e, which follows prev in a period,
// keeps the child with the same carer, so that it continues prev's
// placement. The RNE says so: L (legal status only), T (placement changed,
// same carer) and U (both, same carer) continue it; P and B (a change of
// carer) and S start a new one. A move into or out of a temporary
// placement (T0-T4) is always a change, since a temporary placement has
// no carer of its own to compare. An RNE that is none of these is judged
// by the placement fields: the same PLACE, PLACE_PROVIDER, PL_POST and URN.
func sameCarer(prev, e *Episode) bool {
	if prev.Temporary() != e.Temporary() {
		return false
	}
	switch strings.TrimSpace(e.RNE) {
	case "L", "T", "U":
		return true
	case "P", "B", "S":
		return false
	}
	return samePlacement(prev, e)
}

// returnAfter returns the index of the episode in which the child comes
// back to the placement they left for the temporary moves starting at
// episode i, or -1 when they do not come back within the period.
func returnAfter(eps []Episode, i int) int {
	k := i
	for k < len(eps) && eps[k].Temporary() {
		k++
	}
	if k < len(eps) && samePlacement(&eps[i-1], &eps[k]) {
		return k
	}
	return -1
}

func newPlacement(e *Episode) Placement {
	return Placement{Start: e.Start, End: e.End, Open: e.Open,
		Place: e.Place, Provider: e.Provider, URN: e.URN, PlacePost: e.PlacePost, HomePost: e.HomePost}
}

// extend makes the placement last to the end of episode e.
func extend(p *Placement, e *Episode) {
	p.End, p.Open = e.End, e.Open
}

// legalStatuses merges consecutive episodes with the same LS.
func legalStatuses(eps []Episode) []LegalStatus {
	var out []LegalStatus
	for i := range eps {
		e := &eps[i]
		if n := len(out); n > 0 && out[n-1].LS == e.LS {
			out[n-1].End, out[n-1].Open = e.End, e.Open
			continue
		}
		out = append(out, LegalStatus{Start: e.Start, End: e.End, Open: e.Open, LS: e.LS})
	}
	return out
}
