package rules

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
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

// givenURN reports whether an episode gives an Ofsted URN to look up: one
// that is neither blank nor XXXXXXX (no URN applies).
func givenURN(urn string) bool { return urn != "" && urn != "XXXXXXX" }

// AgeOn returns the child's age in whole years on day d, when dob is a
// valid date.
func AgeOn(dob DateField, d calendar.Date) (int, bool) {
	if !dob.OK {
		return 0, false
	}
	return calendar.AgeOn(dob.Day, d), true
}

// Between reports whether d is a valid date from first to last inclusive.
func Between(d DateField, first, last calendar.Date) bool {
	return d.OK && d.Day >= first && d.Day <= last
}

// OpenOn reports whether an episode is open on day d: it started on or
// before d and has not ended before d. An episode with no valid DEC is
// open from its DECOM on.
func (e *EpisodeRow) OpenOn(d calendar.Date) bool { return e.OpenDuring(d, d) }

// OpenDuring reports whether an episode is open on any day from first to
// last inclusive: it started on or before last and has not ended before
// first. An episode with no valid DEC is open from its DECOM on.
func (e *EpisodeRow) OpenDuring(first, last calendar.Date) bool {
	if !e.DECOM.OK || e.DECOM.Day > last {
		return false
	}
	return !e.DEC.OK || e.DEC.Day >= first
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

func continuouslyLookedAfter(t *Tables, y calendar.Year) map[string]bool {
	start, end := y.Start(), y.End()
	out := make(map[string]bool, len(t.children))
	for child, episodes := range t.ByChild() {
		during, broken := false, false
		for _, e := range episodes {
			inYear := e.OpenDuring(start, end)
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
	out := make(map[string][]T, len(rows))
	for _, r := range rows {
		c := child(r)
		out[c] = append(out[c], r)
	}
	return out
}

// sharedGroups is GroupByChild of one of the input's tables, worked out
// once for every rule that asks with the same key and shared by them: the
// rules only read it. key names the table and its year ("this AD1").
func sharedGroups[T any](c *Context, key string, rows []T, child func(T) string) map[string][]T {
	return c.Memo("groups "+key, func() any { return GroupByChild(rows, child) }).(map[string][]T)
}

// lastYearHeaders returns, for each of this year's Header rows in order,
// the child's Header row in last year's return, or nil: worked out once
// for the rules comparing a child's Header with last year's, which only
// read it.
func lastYearHeaders(c *Context) []*HeaderRow {
	return c.Memo("last year's headers", func() any {
		lasts := make([]*HeaderRow, len(c.This.Header))
		for i, h := range c.This.Header {
			lasts[i] = c.Last.HeaderOf(h.CHILD)
		}
		return lasts
	}).([]*HeaderRow)
}

// childGrouping is childGroups' result, as Memo keeps it.
type childGrouping[T any] struct {
	children []string
	groups   [][]T
}

// sharedChildGroups is childGroups of one of the input's tables, worked
// out once for every rule that asks with the same key and shared by them:
// the rules only read it. key names the table and its year ("this Missing").
func sharedChildGroups[T any](c *Context, key string, rows []T, child func(T) string) (children []string, groups [][]T) {
	g := c.Memo("child groups "+key, func() any {
		children, groups := childGroups(rows, child)
		return childGrouping[T]{children, groups}
	}).(childGrouping[T])
	return g.children, g.groups
}

// childGroups groups rows by child, keeping file order within each child
// and giving the children in order of first appearance. It does what
// GroupByChild does with one map look-up a row and one allocation for all
// the groups, which matters for the larger tables.
func childGroups[T any](rows []T, child func(T) string) (children []string, groups [][]T) {
	ids := newChildMap[int32](len(rows) / 2)
	id := make([]int32, len(rows))
	var counts []int32
	for i, r := range rows {
		c := child(r)
		n, ok := ids.lookup(c)
		if !ok {
			n = int32(len(counts))
			ids.set(c, n)
			counts = append(counts, 0)
			children = append(children, c)
		}
		id[i] = n
		counts[n]++
	}
	flat := make([]T, len(rows))
	groups = make([][]T, len(counts))
	at := 0
	for g, n := range counts {
		groups[g] = flat[at:at:(at + int(n))]
		at += int(n)
	}
	for i, r := range rows {
		groups[id[i]] = append(groups[id[i]], r)
	}
	return children, groups
}

// eachChild calls fn once for each child with episodes in t, in the
// order ByChild gives them, with the child's episodes in DECOM order (as
// EpisodesOf gives them). It ranges over the index EpisodesOf reads rather
// than looking each child up, which for 100,000 episodes is several times
// faster.
func eachChild(t *Tables, fn func(child string, eps []*EpisodeRow)) {
	for child, eps := range t.ByChild() {
		fn(child, eps)
	}
}

// finalEpisode returns the episode with the latest valid DECOM, the first
// in the list among equal ones, or nil when none is valid.
func finalEpisode(eps []*EpisodeRow) *EpisodeRow {
	var best *EpisodeRow
	for _, e := range eps {
		if e.DECOM.OK && (best == nil || e.DECOM.Day > best.DECOM.Day) {
			best = e
		}
	}
	return best
}

// dateCmp orders date fields by date, with invalid or blank ones last, as
// equals.
func dateCmp(a, b DateField) int {
	switch {
	case a.OK && b.OK:
		return cmp.Compare(a.Day, b.Day)
	case a.OK:
		return -1
	case b.OK:
		return 1
	}
	return 0
}

// periodOfCare is a period of care: episodes in DECOM order, each starting
// on or before the previous one's DEC. It runs from the first episode's
// DECOM to the last one's DEC.
type periodOfCare struct {
	start DateField // a valid date
	end   DateField // not OK while care goes on
}

// periodsOfCare returns a child's periods of care from its episodes (in
// DECOM order) with a valid DECOM: a new period begins when an episode
// starts after the previous one's valid DEC.
func periodsOfCare(eps []*EpisodeRow) []periodOfCare {
	var periods []periodOfCare
	var prev *EpisodeRow
	for _, e := range eps {
		if !e.DECOM.OK {
			continue // EpisodesOf puts these last
		}
		if prev == nil || (prev.DEC.OK && e.DECOM.Day > prev.DEC.Day) {
			periods = append(periods, periodOfCare{start: e.DECOM})
		}
		periods[len(periods)-1].end = e.DEC
		prev = e
	}
	return periods
}

// fits reports whether a spell (a missing period, a DoLO) with a valid
// start fits the period of care: one without a valid end must begin within
// a period still going on; one with an end must end within the period.
func (p periodOfCare) fits(start, end DateField) bool {
	if !end.OK {
		return !p.end.OK && start.Day >= p.start.Day
	}
	return !(p.end.OK && end.Day > p.end.Day) && end.Day >= p.start.Day
}

func (p periodOfCare) String() string {
	if p.end.OK {
		return fmt.Sprintf("%s to %s", p.start.Day, p.end.Text)
	}
	return fmt.Sprintf("from %s", p.start.Day)
}

// LookedAfterOn reports whether the child had an episode, other than a
// short break, open on day d in the tables t.
func (t *Tables) LookedAfterOn(child string, d calendar.Date) bool {
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
	sort.SliceStable(all, func(i, j int) bool { return dateCmp(all[i].DECOM, all[j].DECOM) < 0 })
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

// badDate explains a date field that is blank or not a valid
// DD/MM/YYYY date.
func badDate(field string, d DateField) string {
	if d.Blank() {
		return field + " is blank"
	}
	return fmt.Sprintf("%s %q is not a valid date in the form DD/MM/YYYY", field, d.Text)
}

// failBadCode fails the row when value is not in field's code list
// for the return's year; a blank value passes when blankOK.
func failBadCode(c *Context, ref Ref, field, value string, blankOK bool) {
	if blankOK && value == "" {
		return
	}
	if !ssda903.ValidCode(field, value, c.Year) {
		c.Fail(ref, invalidCode(field, value, c.Year))
	}
}

// careLeaverInformation reports whether any care leaver item of an OC3 row is
// filled in, and lists those that are.
func careLeaverInformation(o *OC3Row) (string, bool) {
	var parts []string
	for _, f := range []struct{ name, value string }{{"IN_TOUCH", o.IN_TOUCH}, {"ACTIV", o.ACTIV}, {"ACCOM", o.ACCOM}} {
		if f.value != "" {
			parts = append(parts, f.name+" "+f.value)
		}
	}
	return strings.Join(parts, ", "), len(parts) > 0
}

// The fields of AD1 and OC3 that are completed or left blank together, and
// the 0/1 items of OC2.
var (
	adoptionFieldNames   = []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}
	careLeaverFieldNames = []string{"IN_TOUCH", "ACTIV", "ACCOM"}
	outcomeFlagNames     = []string{"CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
		"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"}
)

// namedValue is a field's name and its submitted value.
type namedValue struct{ name, value string }

// careLeaverValues returns the care leaver items of an OC3 row.
func careLeaverValues(o *OC3Row) []namedValue {
	return []namedValue{{"IN_TOUCH", o.IN_TOUCH}, {"ACTIV", o.ACTIV}, {"ACCOM", o.ACCOM}}
}

// splitGiven separates the fields given from the names of those left blank.
func splitGiven(fields []namedValue) (given []namedValue, blank []string) {
	for _, f := range fields {
		if f.value == "" {
			blank = append(blank, f.name)
		} else {
			given = append(given, f)
		}
	}
	return given, blank
}

// showValues lists fields with their values: "DATE_INT 01/05/2025, NB_ADOPTR 1".
func showValues(fields []namedValue) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.name + " " + f.value
	}
	return strings.Join(parts, ", ")
}

// listWithVerb says "X is" or "X, Y are" for a list of field names.
func listWithVerb(names []string) string {
	if len(names) == 1 {
		return names[0] + " is"
	}
	return strings.Join(names, ", ") + " are"
}

// countGiven counts the values given, without building field lists, so
// that rows which pass cost no allocation.
func countGiven(values ...string) int {
	n := 0
	for _, v := range values {
		if v != "" {
			n++
		}
	}
	return n
}

// allOrNone explains fields of which some, but not all, are given, or
// returns "" when all or none are.
func allOrNone(fields []namedValue) string {
	given, blank := splitGiven(fields)
	if len(given) == 0 || len(blank) == 0 {
		return ""
	}
	return showValues(given) + " given but " + listWithVerb(blank) + " blank"
}

// continuousCareClause words whether the child was looked after continuously.
func continuousCareClause(c *Context, looked bool) string {
	if looked {
		return "the child was looked after continuously throughout " + c.Year.String()
	}
	return "the child was not looked after continuously throughout " + c.Year.String()
}

// failUnlessCodeOrBlank fails each row whose value is given and not in field's
// code list.
func failUnlessCodeOrBlank(c *Context, field string, ref Ref, value string) {
	if value != "" && !ssda903.ValidCode(field, value, c.Year) {
		c.Fail(ref, invalidCode(field, value, c.Year))
	}
}

// failedRows reports each row at most once.
type failedRows map[Ref]bool

func (o failedRows) fail(c *Context, ref Ref, why string) {
	if !o[ref] {
		o[ref] = true
		c.Fail(ref, why)
	}
}

// showDays writes a number of days.
func showDays(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d day", n)
	}
	return fmt.Sprintf("%d days", n)
}

// formerlyUASC returns the children with a UASC record this year or,
// when last year's return is given, last year.
func formerlyUASC(c *Context) map[string]bool {
	out := map[string]bool{}
	for _, u := range c.This.UASC {
		out[u.CHILD] = true
	}
	if c.Last != nil {
		for _, u := range c.Last.UASC {
			out[u.CHILD] = true
		}
	}
	return out
}

// postcodeFields are the submitted fields behind the derived placement
// fields, shown with a failure since PL_LA, PL_LOCATION and PL_DISTANCE are
// not columns of the table.
var postcodeFields = []string{"HOME_POST", "PL_POST"}

// showMiles writes a derived distance.
func showMiles(p *Placement) string {
	if p == nil || !p.HasDistance {
		return "unknown"
	}
	return fmt.Sprintf("%.1f miles", p.PL_DISTANCE)
}

// placementOf lists the placement fields of an episode that rules 434
// to 436 compare with the previous episode's.
func placementOf(e *EpisodeRow) [4]string {
	return [4]string{e.PLACE, e.PL_POST, e.URN, e.PLACE_PROVIDER}
}

// sameDate reports whether two date fields hold the same date: the
// same day when both are valid dates, otherwise the same non-blank text.
func sameDate(a, b DateField) bool {
	if a.OK && b.OK {
		return a.Day == b.Day
	}
	return a.Text != "" && a.Text == b.Text
}

// joinWithAnd lists names as "A and B", "A, B and C".
func joinWithAnd(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += n
	}
	return s
}

// showText is a value's text, or "(blank)".
func showText(text string) string {
	if text == "" {
		return "(blank)"
	}
	return text
}
