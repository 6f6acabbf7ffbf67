// Package frontdoor stitches the CIN censuses of several collection years
// into each child's history at children's social care's front door:
// referrals (the census's CINdetails) with their assessments, CIN plans,
// section 47 enquiries, child protection plans and closures; and joins it
// to the child's journey through care from the SSDA903 (package journey),
// so that referral, assessment, section 47, plan and care can be followed
// in order.
//
// It is a package of its own, beside journey rather than inside it,
// because the two returns are reconciled by different rules (the 903's
// episode repairs are no concern of the census) and either may know a
// child the other does not: most referred children never enter care, and
// a child in care since before the first census has no referral in it.
// Building the front door leaves the 903's journeys exactly as they were.
//
// # The same referral in several censuses
//
// Each census holds every referral open at any time in its year, so a
// referral open on 31 March appears again in the next year's census, and
// a later census may amend it (close it, correct its source or need, add
// the assessments and plans of the new year). A referral is identified by
// the child's LAchildID and its CINreferralDate, as submitted; the version
// from the latest census that has it wins, with everything under it
// (assessments, plans, enquiries), since each census restates the
// referral's whole record as it then stood. Each replaced version is
// counted: Repeated when the later one is the same, Amended when not. Two
// referrals of one census with the same child and date count as
// ConflictsInYear; the later in the file is kept. A referral whose
// CINreferralDate is not a date, or whose child is blank, cannot be placed
// and is left out (Unusable), with what hangs from it.
//
// A referral still open in a census that is not the latest, and absent
// from every later one, is NotCarried: had it stayed open, the next census
// would have had it, so it was closed (or its date amended) without the
// census saying when. It is kept open, marked, rather than given a guessed
// end.
//
// # Left censoring
//
// The first census loaded holds the referrals open on its first day, but
// not the history before them: earlier referrals, and assessments,
// enquiries and plans that ended before the year began, are not in the
// data. A referral that began before the first loaded census's year is
// LeftCensored, and so is its child: a "first" referral of such a child
// may not be the first, as a period of care open at the first 903 return's
// start may not be the child's first.
//
// # Joining to the 903
//
// A child's LAchildID in the census and CHILD in the 903 are the same
// local identifier in practice: the DfE asks authorities to use one ID
// for a child across their returns, and both come from the same case
// management system. The join is therefore on the identifier exactly as
// submitted. It cannot be checked beyond that, so Join compares what both
// returns say of the child (date of birth) and reports a mismatch rather
// than hiding it; an ID in one return and not the other is shown as such.
package frontdoor

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// Set holds the front-door history of every child in the censuses Build
// was given.
type Set struct {
	Children []*Child // sorted by ID
	Counts   Counts
	// First and Last are the collection years of the oldest and the
	// latest census; both zero when Build was given none.
	First, Last calendar.Year
}

// Counts counts what reconciling the censuses did.
type Counts struct {
	Unusable        int // referrals (and their parts) with no child or no valid referral date: left out
	Repeated        int // a referral replaced by the same in a later census
	Amended         int // a referral replaced by a different version in a later census
	ConflictsInYear int // two referrals of one census with the same child and date: the later kept
	NotCarried      int // open in a census other than the latest, absent from the later ones
}

// Child is one child's history at the front door.
type Child struct {
	ID     string
	DOB    calendar.Date
	HasDOB bool   // DOB is a valid PersonBirthDate from some census
	Sex    string // Sex, or GenderCurrent before 2025/26, from the latest census that gives one
	// Disabilities are the child's Disability codes (NONE for none), as
	// the latest census that lists any has them; nil when none does.
	Disabilities []string
	// LeftCensored is true when a referral began before the first census's
	// year: the child's history before it is not in the data.
	LeftCensored bool
	Referrals    []Referral // by start date
}

// Referral is one referral (a CINdetails group) with what followed it.
type Referral struct {
	Start         calendar.Date // CINreferralDate
	End           calendar.Date // CINclosureDate; zero while Open
	Open          bool
	Source        string // ReferralSource
	Need          string // PrimaryNeedCode
	ClosureReason string // ReasonForClosure
	NFA           bool   // ReferralNFA is 1 or true: no further action
	Year          calendar.Year
	Line          int             // the CINdetails row's line in that census's file; 0 if unknown
	Years         []calendar.Year // every census that had it, oldest first
	LeftCensored  bool            // began before the first census's year
	NotCarried    bool            // open in an earlier census and missing from the later ones

	Assessments []Assessment
	CINPlans    []Span
	Section47s  []Section47
	Plans       []ProtectionPlan
	// PreProceedings are kept from every census that gave them
	// (mergePreProceedings), as each census gives only its year's.
	PreProceedings []PreProceeding
}

// Span is a time with a start and, unless Open, an end.
type Span struct {
	Start, End calendar.Date // End is zero while Open
	Open       bool
}

// Assessment is one assessment of a referral.
type Assessment struct {
	Start      calendar.Date // AssessmentActualStartDate
	Authorised calendar.Date // AssessmentAuthorisationDate; zero when not yet
	Done       bool          // Authorised is known
	Factors    []string      // AssessmentFactorsList, as submitted
}

// Section47 is one section 47 enquiry.
type Section47 struct {
	Start       calendar.Date // S47ActualStartDate
	Conference  calendar.Date // DateOfInitialCPC; zero when none
	HeldICPC    bool          // Conference is known
	NotRequired bool          // ICPCnotRequired
}

// ProtectionPlan is one child protection plan with its reviews.
type ProtectionPlan struct {
	Span
	InitialCategory string
	LatestCategory  string
	Previous        string // NumberOfPreviousCPP, as submitted
	Reviews         []calendar.Date
}

// Child returns the front door of the child with the given ID, or nil.
func (s *Set) Child(id string) *Child {
	if s == nil {
		return nil
	}
	i := sort.Search(len(s.Children), func(i int) bool { return s.Children[i].ID >= id })
	if i < len(s.Children) && s.Children[i].ID == id {
		return s.Children[i]
	}
	return nil
}

// Build reconciles CIN censuses, in any order, into each child's front
// door, as the package documentation describes. Tables the censuses lack
// are read as empty.
func Build(censuses []*returns.Return) *Set {
	sorted := slices.Clone(censuses)
	sorted = slices.DeleteFunc(sorted, func(r *returns.Return) bool { return r == nil })
	slices.SortStableFunc(sorted, func(a, b *returns.Return) int { return cmp.Compare(a.Year, b.Year) })
	s := &Set{}
	if len(sorted) == 0 {
		return s
	}
	s.First, s.Last = sorted[0].Year, sorted[len(sorted)-1].Year
	children := map[string]*Child{}
	child := func(id string) *Child {
		c := children[id]
		if c == nil {
			c = &Child{ID: id}
			children[id] = c
		}
		return c
	}
	// versions holds the latest version so far of each referral.
	type key struct {
		child string
		start calendar.Date
	}
	versions := map[key]*Referral{}
	for _, r := range sorted {
		readIdentifiers(r, child)
		readDisabilities(r, child)
		for _, ref := range readReferrals(r, &s.Counts) {
			child(ref.id)
			k := key{ref.id, ref.Start}
			old := versions[k]
			if old == nil {
				ref.Years = []calendar.Year{r.Year}
				kept := ref.Referral
				versions[k] = &kept
				continue
			}
			ref.PreProceedings = mergePreProceedings(old.PreProceedings, ref.PreProceedings)
			if same(old, &ref.Referral) {
				s.Counts.Repeated++
			} else {
				s.Counts.Amended++
			}
			ref.Years = append(old.Years, r.Year)
			*old = ref.Referral
		}
	}
	for k, ref := range versions {
		c := children[k.child]
		ref.LeftCensored = ref.Start < s.First.Start()
		if ref.Open && ref.Year != s.Last {
			ref.NotCarried = true
			s.Counts.NotCarried++
		}
		c.LeftCensored = c.LeftCensored || ref.LeftCensored
		c.Referrals = append(c.Referrals, *ref)
	}
	s.Children = make([]*Child, 0, len(children))
	for _, c := range children {
		slices.SortFunc(c.Referrals, func(a, b Referral) int { return cmp.Compare(a.Start, b.Start) })
		s.Children = append(s.Children, c)
	}
	slices.SortFunc(s.Children, func(a, b *Child) int { return cmp.Compare(a.ID, b.ID) })
	return s
}

// same reports whether two versions of a referral say the same, apart
// from which census said it.
func same(a, b *Referral) bool {
	x, y := *a, *b
	x.Year, y.Year, x.Line, y.Line, x.Years, y.Years = 0, 0, 0, 0, nil, nil
	return x.Start == y.Start && x.End == y.End && x.Open == y.Open && x.Source == y.Source &&
		x.Need == y.Need && x.ClosureReason == y.ClosureReason && x.NFA == y.NFA &&
		slices.EqualFunc(x.Assessments, y.Assessments, func(p, q Assessment) bool {
			return p.Start == q.Start && p.Authorised == q.Authorised && p.Done == q.Done && slices.Equal(p.Factors, q.Factors)
		}) &&
		slices.Equal(x.CINPlans, y.CINPlans) && slices.Equal(x.Section47s, y.Section47s) &&
		slices.EqualFunc(x.Plans, y.Plans, func(p, q ProtectionPlan) bool {
			return p.Span == q.Span && p.InitialCategory == q.InitialCategory && p.LatestCategory == q.LatestCategory &&
				p.Previous == q.Previous && slices.Equal(p.Reviews, q.Reviews)
		}) && samePreProceedings(x.PreProceedings, y.PreProceedings)
}

// readIdentifiers sets each child's date of birth and sex from a census's
// ChildIdentifiers, a later census's valid values replacing an earlier's.
func readIdentifiers(r *returns.Return, child func(string) *Child) {
	t := r.Table(cin.ChildIdentifiers)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "PersonBirthDate", "Sex", "GenderCurrent")
	for _, row := range t.Rows {
		id := value(row, col[0])
		if id == "" {
			continue
		}
		c := child(id)
		if d, ok := calendar.ParseISODate(value(row, col[1])); ok {
			c.DOB, c.HasDOB = d, true
		}
		if sex := value(row, col[2]); sex != "" {
			c.Sex = sex
		} else if g := value(row, col[3]); g != "" {
			c.Sex = g
		}
	}
}

// readDisabilities sets each child's disabilities from a census's
// Disabilities, replacing an earlier census's list: a later census
// restates the child's characteristics as they then were.
func readDisabilities(r *returns.Return, child func(string) *Child) {
	t := r.Table(cin.Disabilities)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "Disability")
	listed := map[*Child][]string{}
	for _, row := range t.Rows {
		id, code := value(row, col[0]), strings.TrimSpace(value(row, col[1]))
		if id == "" || code == "" {
			continue
		}
		c := child(id)
		listed[c] = append(listed[c], code)
	}
	for c, codes := range listed {
		c.Disabilities = codes
	}
}
