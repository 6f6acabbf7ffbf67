package frontdoor

import (
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// censusReferral is a referral as one census gives it, with its child.
type censusReferral struct {
	Referral
	id string
}

// referralKey names a referral within one census: the child and the
// CINdetailsID, the referral's position among the child's.
type referralKey struct{ child, details string }

// readReferrals reads a census's referrals with everything under them,
// one per child and referral date (the later row of the file winning),
// counting in counts what it leaves out.
func readReferrals(r *returns.Return, counts *Counts) []censusReferral {
	t := r.Table(cin.CINdetails)
	if t == nil {
		return nil
	}
	col := columns(t.Schema, "LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode",
		"CINclosureDate", "ReasonForClosure", "ReferralNFA")
	type dated struct {
		child string
		start calendar.Date
	}
	out := make([]censusReferral, 0, len(t.Rows))
	byKey := make(map[referralKey]int, len(t.Rows)) // index in out
	byDate := make(map[dated]int, len(t.Rows))      // index in out
	for _, row := range t.Rows {
		id := value(row, col[0])
		start, ok := date(value(row, col[2]))
		if id == "" || !ok {
			counts.Unusable++
			continue
		}
		ref := censusReferral{id: id, Referral: Referral{
			Start: start, Open: true, Source: value(row, col[3]), Need: value(row, col[4]),
			ClosureReason: value(row, col[6]), NFA: yes(value(row, col[7])), Year: r.Year, Line: row.Line,
		}}
		if end, ok := date(value(row, col[5])); ok {
			ref.End, ref.Open = end, false
		}
		if i, dup := byDate[dated{id, start}]; dup {
			counts.ConflictsInYear++
			out[i] = ref
			for k, j := range byKey {
				if j == i {
					delete(byKey, k) // the dropped row's parts are dropped with it
				}
			}
			byKey[referralKey{id, value(row, col[1])}] = i
			continue
		}
		byDate[dated{id, start}] = len(out)
		byKey[referralKey{id, value(row, col[1])}] = len(out)
		out = append(out, ref)
	}
	at := func(row returns.Row, child, details int) *Referral {
		if i, ok := byKey[referralKey{value(row, child), value(row, details)}]; ok {
			return &out[i].Referral
		}
		return nil
	}
	readAssessments(r, at)
	readPlans(r, at)
	readSection47s(r, at)
	readProtectionPlans(r, at)
	readPreProceedings(r, at)
	return out
}

// finder returns the referral a row of a table under CINdetails belongs
// to, given the columns of its child and CINdetailsID, or nil.
type finder func(row returns.Row, child, details int) *Referral

// readAssessments adds each referral's assessments and their factors. An
// assessment without a valid start date is left out.
func readAssessments(r *returns.Return, at finder) {
	t := r.Table(cin.Assessments)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentActualStartDate", "AssessmentAuthorisationDate")
	// An assessment is found by its place in its referral's list, which
	// later appends may move.
	type key struct{ child, details, assessment string }
	type place struct {
		ref *Referral
		i   int
	}
	index := map[key]place{}
	for _, row := range t.Rows {
		ref := at(row, col[0], col[1])
		start, ok := date(value(row, col[3]))
		if ref == nil || !ok {
			continue
		}
		a := Assessment{Start: start}
		a.Authorised, a.Done = date(value(row, col[4]))
		ref.Assessments = append(ref.Assessments, a)
		index[key{value(row, col[0]), value(row, col[1]), value(row, col[2])}] = place{ref, len(ref.Assessments) - 1}
	}
	f := r.Table(cin.AssessmentFactorsList)
	if f == nil {
		return
	}
	fc := columns(f.Schema, "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentFactor")
	for _, row := range f.Rows {
		if p, ok := index[key{value(row, fc[0]), value(row, fc[1]), value(row, fc[2])}]; ok {
			a := &p.ref.Assessments[p.i]
			a.Factors = append(a.Factors, value(row, fc[3]))
		}
	}
}

// readPlans adds each referral's CIN plans.
func readPlans(r *returns.Return, at finder) {
	t := r.Table(cin.CINplanDates)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate")
	for _, row := range t.Rows {
		ref := at(row, col[0], col[1])
		start, ok := date(value(row, col[2]))
		if ref == nil || !ok {
			continue
		}
		ref.CINPlans = append(ref.CINPlans, span(start, value(row, col[3])))
	}
}

// readSection47s adds each referral's section 47 enquiries.
func readSection47s(r *returns.Return, at finder) {
	t := r.Table(cin.Section47)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "CINdetailsID", "S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")
	for _, row := range t.Rows {
		ref := at(row, col[0], col[1])
		start, ok := date(value(row, col[2]))
		if ref == nil || !ok {
			continue
		}
		s := Section47{Start: start, NotRequired: yes(value(row, col[4]))}
		s.Conference, s.HeldICPC = date(value(row, col[3]))
		ref.Section47s = append(ref.Section47s, s)
	}
}

// readProtectionPlans adds each referral's child protection plans and
// their reviews.
func readProtectionPlans(r *returns.Return, at finder) {
	t := r.Table(cin.ChildProtectionPlans)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "CINdetailsID", "CPPID", "CPPstartDate", "CPPendDate",
		"InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP")
	type key struct{ child, details, plan string }
	type place struct {
		ref *Referral
		i   int
	}
	index := map[key]place{}
	for _, row := range t.Rows {
		ref := at(row, col[0], col[1])
		start, ok := date(value(row, col[3]))
		if ref == nil || !ok {
			continue
		}
		ref.Plans = append(ref.Plans, ProtectionPlan{Span: span(start, value(row, col[4])),
			InitialCategory: value(row, col[5]), LatestCategory: value(row, col[6]), Previous: value(row, col[7])})
		index[key{value(row, col[0]), value(row, col[1]), value(row, col[2])}] = place{ref, len(ref.Plans) - 1}
	}
	v := r.Table(cin.Reviews)
	if v == nil {
		return
	}
	vc := columns(v.Schema, "LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate")
	for _, row := range v.Rows {
		p, ok := index[key{value(row, vc[0]), value(row, vc[1]), value(row, vc[2])}]
		d, valid := date(value(row, vc[3]))
		if ok && valid {
			p.ref.Plans[p.i].Reviews = append(p.ref.Plans[p.i].Reviews, d)
		}
	}
}

// span is the time from start to the end written end, open when end is
// not a date on or after start.
func span(start calendar.Date, end string) Span {
	if e, ok := date(end); ok && e >= start {
		return Span{Start: start, End: e}
	}
	return Span{Start: start, Open: true}
}

// columns returns the indexes of the named columns in s (-1 for one it
// lacks).
func columns(s *returns.Schema, names ...string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = s.Index(n)
	}
	return out
}

// value returns a row's value in column c, or "" when the table has no
// such column.
func value(row returns.Row, c int) string {
	if c < 0 || c >= len(row.Values) {
		return ""
	}
	return row.Values[c]
}

// date reads a census date, ignoring spaces around it: the validator
// reports them, and the history wants every date it can use.
func date(s string) (calendar.Date, bool) {
	return calendar.ParseISODate(strings.TrimSpace(s))
}

// yes reports whether a census flag is set: 1 or true, as the XML
// schema's boolean allows.
func yes(s string) bool {
	s = strings.TrimSpace(s)
	return s == "1" || strings.EqualFold(s, "true")
}
