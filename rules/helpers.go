package rules

import (
	"sort"

	"github.com/village-uk/village/ssda903"
)

// Helpers shared by many rules. A rule that needs a notion the DfE's
// rules define once (continuously looked after, a child's age on a day)
// finds it here rather than working it out again.

// ShortBreak reports whether a legal status is one of the short-break
// statuses (V3, V4), which most rules leave out of "looked after".
func ShortBreak(ls string) bool { return ls == "V3" || ls == "V4" }

// Temporary reports whether a placement type is a temporary move (T0–T4).
func Temporary(place string) bool {
	switch place {
	case "T0", "T1", "T2", "T3", "T4":
		return true
	}
	return false
}

// AgeOn returns the child's age in whole years on day d, when dob is a
// valid date.
func AgeOn(dob DateField, d ssda903.Date) (int, bool) {
	if !dob.OK {
		return 0, false
	}
	return ssda903.AgeOn(dob.Day, d), true
}

// Between reports whether d is a valid date from first to last inclusive.
func Between(d DateField, first, last ssda903.Date) bool {
	return d.OK && d.Day >= first && d.Day <= last
}

// OpenOn reports whether an episode is open on day d: it started on or
// before d and has not ended before d. An episode with no valid DEC is
// open from its DECOM on.
func (e *EpisodeRow) OpenOn(d ssda903.Date) bool {
	if !e.DECOM.OK || e.DECOM.Day > d {
		return false
	}
	return !e.DEC.OK || e.DEC.Day >= d
}

// ContinuouslyLookedAfter reports whether the child was looked after
// throughout the collection year, as the DfE's rules define it (2021-22
// validation rules v1.2): the child has an episode open during the year and
// no episode that starts to be looked after (RNE S) after the year's first
// day, ends other than with X1 before its last day, or is a short break
// (V3/V4) during it.
func (in *Input) ContinuouslyLookedAfter(child string) bool {
	continuous := in.Memo("continuously looked after", func() any {
		return continuouslyLookedAfter(in.This, in.Year)
	}).(map[string]bool)
	return continuous[child]
}

func continuouslyLookedAfter(t *Tables, y ssda903.Year) map[string]bool {
	start, end := y.Start(), y.End()
	out := map[string]bool{}
	for child, episodes := range t.ByChild() {
		during, broken := false, false
		for _, e := range episodes {
			inYear := e.DECOM.OK && e.DECOM.Day <= end && (!e.DEC.OK || e.DEC.Day >= start)
			during = during || inYear
			switch {
			case e.RNE == "S" && e.DECOM.OK && e.DECOM.Day > start && e.DECOM.Day <= end:
				broken = true
			case e.REC != "X1" && e.DEC.OK && e.DEC.Day >= start && e.DEC.Day < end:
				broken = true
			case ShortBreak(e.LS) && inYear:
				broken = true
			}
		}
		out[child] = during && !broken
	}
	return out
}

// GroupByChild groups rows by child, keeping their order.
func GroupByChild[T any](rows []T, child func(T) string) map[string][]T {
	out := map[string][]T{}
	for _, r := range rows {
		c := child(r)
		out[c] = append(out[c], r)
	}
	return out
}

// LookedAfterOn reports whether the child had an episode, other than a
// short break, open on day d in the tables t.
func (t *Tables) LookedAfterOn(child string, d ssda903.Date) bool {
	for _, e := range t.EpisodesOf(child) {
		if !ShortBreak(e.LS) && e.OpenOn(d) {
			return true
		}
	}
	return false
}

// EpisodeHistory returns a child's episodes of this year and every earlier
// year given, one per DECOM: of those with the same DECOM, the one with the
// earliest valid DEC (a later year closes what an earlier one left open),
// this year's first among equal ones.
func (c *Context) EpisodeHistory(child string) []*EpisodeRow {
	if len(c.Earlier) == 0 {
		return c.This.EpisodesOf(child)
	}
	all := append([]*EpisodeRow{}, c.This.EpisodesOf(child)...)
	for _, t := range c.Earlier {
		all = append(all, t.EpisodesOf(child)...)
	}
	same := func(a, b DateField) bool { return a.OK == b.OK && (!a.OK || a.Day == b.Day) }
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i].DECOM, all[j].DECOM
		return a.OK && (!b.OK || a.Day < b.Day)
	})
	out := all[:0]
	for _, e := range all {
		if n := len(out); n > 0 && same(out[n-1].DECOM, e.DECOM) {
			if old := out[n-1]; e.DEC.OK && (!old.DEC.OK || e.DEC.Day < old.DEC.Day) {
				out[n-1] = e
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// oneOf reports whether code is one of codes.
func oneOf(code string, codes ...string) bool {
	for _, c := range codes {
		if code == c {
			return true
		}
	}
	return false
}
