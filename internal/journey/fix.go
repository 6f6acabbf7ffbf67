package journey

import (
	"cmp"
	"slices"

	"github.com/village-uk/village/calendar"
)

// fixer applies the repair rules to one child's episodes and records what
// it did. The package documentation states the rules.
type fixer struct {
	id      string
	latest  calendar.Year // the latest return given
	repairs []Repair
}

// note records a repair to episode e.
func (f *fixer) note(k RepairKind, e *Episode, format string, args ...any) {
	f.repairs = append(f.repairs, repairOf(k, f.id, e, format, args...))
}

// dedupe keeps one version of each episode, the latest return's, and
// returns the episodes in order of start, appended to eps.
func (f *fixer) dedupe(rows []row, eps []Episode) []Episode {
	// Rows were read oldest return first and in file order, which a
	// stable sort keeps among rows with the same start: the last of each
	// run is the version that wins.
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.ep.Start, b.ep.Start) })
	for i := range rows {
		if i+1 < len(rows) && rows[i+1].ep.Start == rows[i].ep.Start {
			f.superseded(&rows[i], &rows[i+1])
			continue
		}
		if rows[i].badEnd {
			f.note(EndUnreadable, &rows[i].ep, "DEC %q is not a date on or after DECOM; read as open", rows[i].end)
		}
		eps = append(eps, rows[i].ep)
	}
	return eps
}

// superseded records why version old gives way to version by, which has
// the same start.
func (f *fixer) superseded(old, by *row) {
	was := *old // compared in the later return's codes
	if recoded(was.ep.Place, by.ep.Place) {
		was.ep.Place = by.ep.Place
	}
	switch {
	case sameRow(&was, by):
		f.note(DuplicateDropped, &old.ep, "the same as the row of %s line %d; dropped", by.ep.Year, by.ep.Line)
	case old.ep.Year == by.ep.Year:
		f.note(ConflictInYear, &old.ep, "another row of the same return, line %d, has the same CHILD and DECOM; the later row is kept", by.ep.Line)
	case old.ep.Open && !by.ep.Open && sameButClosing(&was.ep, &by.ep):
		f.note(ClosedByNextYear, &old.ep, "open here, closed on %s with REC %q by %s", by.ep.End, by.ep.REC, by.ep.Year)
	default:
		f.note(ReplacedByLaterYear, &old.ep, "replaced by the different version of %s line %d", by.ep.Year, by.ep.Line)
	}
}

// recoded reports whether a later return's PLACE now is a code that
// replaced an earlier return's was in the DfE's code list: Z1, withdrawn
// after 2024/25, gave way to Z11-Z14, and an episode carried into 2025/26
// may change so (rule 503D).
func recoded(was, now string) bool {
	return was == "Z1" && (now == "Z11" || now == "Z12" || now == "Z13" || now == "Z14")
}

// sameRow reports whether two rows say the same, wherever they came from.
func sameRow(a, b *row) bool {
	x, y := a.ep, b.ep
	x.Year, x.Line, y.Year, y.Line = 0, 0, 0, 0
	return x == y && a.badEnd == b.badEnd && (!a.badEnd || a.end == b.end)
}

// sameButClosing reports whether two versions differ only in what closing
// an episode fills in: DEC, REC and REASON_PLACE_CHANGE.
func sameButClosing(open, closed *Episode) bool {
	x := *open
	x.End, x.Open, x.REC, x.ReasonChange, x.Year, x.Line = closed.End, closed.Open, closed.REC, closed.ReasonChange, closed.Year, closed.Line
	return x == *closed
}

// samePlacement reports whether two episodes have the same placement:
// PLACE, PLACE_PROVIDER, PL_POST and URN.
func samePlacement(a, b *Episode) bool {
	return a.Place == b.Place && a.Provider == b.Provider && a.PlacePost == b.PlacePost && a.URN == b.URN
}

// sameEpisodeValues reports whether two episodes agree in what LIIA
// compares to find one episode given two starts: RNE, LS and placement.
func sameEpisodeValues(a, b *Episode) bool {
	return a.RNE == b.RNE && a.LS == b.LS && samePlacement(a, b)
}

// kept marks an episode that no rule drops.
const kept RepairKind = -1

// dropOutdated drops the open episodes of earlier returns that a later
// return has amended away (LIIA RULE_3 and RULE_3A). As LIIA does, each is
// judged against its neighbours before any is dropped.
func (f *fixer) dropOutdated(eps []Episode) []Episode {
	drop := make([]RepairKind, len(eps))
	for i := range eps {
		drop[i] = f.outdated(eps, i)
	}
	out := eps[:0]
	for i := range eps {
		switch drop[i] {
		case StartAmended:
			f.note(StartAmended, &eps[i], "open in %s, and a later return has the same episode starting on another day; dropped", eps[i].Year)
		case RewrittenByLaterYear:
			f.note(RewrittenByLaterYear, &eps[i], "open in %s, and a later return has an earlier episode but not this one; dropped", eps[i].Year)
		default:
			out = append(out, eps[i])
		}
	}
	return out
}

// outdated returns why episode i should be dropped, or kept.
func (f *fixer) outdated(eps []Episode, i int) RepairKind {
	e := &eps[i]
	if !e.Open || e.Year >= f.latest {
		return kept
	}
	later := func(j int) bool { return j >= 0 && j < len(eps) && eps[j].Year > e.Year }
	switch {
	case later(i-1) && sameEpisodeValues(&eps[i-1], e), later(i+1) && sameEpisodeValues(&eps[i+1], e):
		return StartAmended
	case later(i - 1):
		return RewrittenByLaterYear
	}
	return kept
}

// closeOpen closes every open episode that is out of date or that another
// episode follows (LIIA RULE_1, RULE_1A and RULE_2).
func (f *fixer) closeOpen(eps []Episode) {
	for i := range eps {
		e := &eps[i]
		if !e.Open {
			continue
		}
		if i+1 == len(eps) {
			if e.Year < f.latest {
				closeAt(e, e.Year.End(), "")
				f.note(OpenClosedAtYearEnd, e, "open in %s, the last return with the child's episodes; closed on %s, reason unknown", e.Year, e.End)
			}
			continue
		}
		next := &eps[i+1]
		if next.RNE == "S" {
			closeAt(e, min(e.Year.End(), next.Start-1), "")
			f.note(OpenClosedBeforeReentry, e, "open, and the child started again on %s; closed on %s, reason unknown", next.Start, e.End)
			continue
		}
		closeAt(e, next.Start, "X1")
		f.note(OpenClosedAtNext, e, "open, and the next episode began on %s; closed then with X1", next.Start)
	}
}

// closeAt closes e on day end with reason rec, never before it started.
func closeAt(e *Episode, end calendar.Date, rec string) {
	e.End, e.Open, e.REC, e.Repaired = max(end, e.Start), false, rec, true
}

// mend trims overlaps and settles X1 episodes that do not meet the next
// one (LIIA RULE_4 and RULE_5, and Village's own X1 rules).
func (f *fixer) mend(eps []Episode) {
	for i := range eps {
		e := &eps[i]
		if e.Open {
			continue
		}
		if i+1 == len(eps) {
			if e.REC == "X1" {
				f.endPeriod(X1GapClosed, e, "ends with X1 but no episode follows")
			}
			continue
		}
		next := &eps[i+1]
		switch {
		case e.End > next.Start:
			f.note(OverlapTrimmed, e, "ended on %s, after the next episode began; now ends on %s", e.End, next.Start)
			e.End, e.Repaired = next.Start, true
		case e.REC == "X1" && e.End < next.Start && next.Year > e.Year:
			f.note(X1GapFilled, e, "ended with X1 on %s, and the next episode, from %s, began on %s; now ends then", e.End, next.Year, next.Start)
			e.End, e.Repaired = next.Start, true
		case e.REC == "X1" && e.End < next.Start:
			f.endPeriod(X1GapClosed, e, "ends with X1 on %s, but the next episode began on %s", e.End, next.Start)
		}
		if e.REC == "X1" && next.RNE == "S" {
			f.endPeriod(X1BeforeStart, e, "ends with X1, but the next episode starts care again (RNE S)")
		}
	}
}

// endPeriod makes e the last episode of its period, with the reason
// unknown.
func (f *fixer) endPeriod(k RepairKind, e *Episode, format string, args ...any) {
	f.note(k, e, format+"; the period of care ends here, reason unknown", args...)
	e.REC, e.Repaired = "", true
}
