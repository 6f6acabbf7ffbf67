package journey

import (
	"sort"

	"github.com/village-uk/village/calendar"
)

// Set holds the journeys of every child in the returns Build was given.
type Set struct {
	Children  []*Child  // sorted by ID
	Repairs   Repairs   // every repair applied, counted by kind and listed
	Authority Authority // the authority placements are in or out of, and how it is known
	// First and Last are the collection years of the oldest and the latest
	// return Build was given; both zero when it was given none.
	First, Last calendar.Year
}

// Span returns the days the returns cover: from the first collection
// year's start to the last return's end. ok is false for a set built from
// no returns (a set made by hand in a test, or a breakdown's group).
func (s *Set) Span() (span calendar.Period, ok bool) {
	if s.First <= 0 || s.Last <= 0 {
		return calendar.Period{}, false
	}
	return calendar.Range(s.First.Start(), s.Last.End()), true
}

// Child returns the journey of the child with the given ID, or nil.
func (s *Set) Child(id string) *Child {
	i := sort.Search(len(s.Children), func(i int) bool { return s.Children[i].ID >= id })
	if i < len(s.Children) && s.Children[i].ID == id {
		return s.Children[i]
	}
	return nil
}

// Child is one child's journey through care. A child named only in a
// Header table (a care leaver whose care predates the loaded years) has no
// episodes.
type Child struct {
	ID     string
	DOB    calendar.Date
	HasDOB bool // DOB is a valid date from some Header row
	Sex    string
	Ethnic string
	UASC   bool // in a UASC table, or flagged UASC in a Header, in any year

	Episodes []Episode // the repaired, de-duplicated episodes, by start date
	Periods  []Period  // periods of care, in order
	Repairs  []Repair  // the repairs applied to this child's episodes

	Records // the child's rows in the other tables
}

// Episode is one episode of care as the journey uses it: the row of the
// latest return that has it, with DEC and REC as repaired.
type Episode struct {
	Start, End   calendar.Date // DECOM and DEC; End is zero while Open
	Open         bool          // no DEC
	RNE          string
	LS           string
	CIN          string
	Place        string
	Provider     string
	REC          string
	ReasonChange string // REASON_PLACE_CHANGE
	HomePost     string
	PlacePost    string
	URN          string
	Year         calendar.Year // the return that supplied it
	Line         int           // its line in that return's file; 0 if unknown
	ShortBreak   bool          // LS V3 or V4
	Repaired     bool          // End or REC was set by a repair rule, not as submitted
}

// Temporary reports whether the episode is a temporary move (PLACE T0-T4).
func (e *Episode) Temporary() bool {
	switch e.Place {
	case "T0", "T1", "T2", "T3", "T4":
		return true
	}
	return false
}

// Period is one period of care: consecutive episodes chained by X1.
type Period struct {
	Start, End    calendar.Date // End is zero while Open
	Open          bool
	EndReason     string // the REC of its last episode; "" while open or when unknown
	Episodes      []Episode
	Placements    []Placement
	LegalStatuses []LegalStatus
	ShortBreak    bool // its episodes are short breaks (LS V3 or V4)
	// LeftCensored is true when the period of care may have begun before
	// the first loaded return: its first visible episode starts on or
	// before that return's first day, so earlier episodes of the same
	// period, and its true start, are not in the data. Start is then the
	// first visible episode's start, not the start of care.
	LeftCensored bool
}

// covers reports whether the period includes day d (not its last day).
func (p *Period) covers(d calendar.Date) bool {
	return p.Start <= d && (p.Open || p.End > d)
}

// Placement is a time with one carer: a new placement starts at a change
// of carer (RNE P or B), not at a change of legal status or of placement
// type with the same carer, nor at temporary moves after which the child
// came back (the package documentation gives the rule in full).
type Placement struct {
	Start, End calendar.Date // End is zero while Open
	Open       bool
	Place      string // PLACE, PLACE_PROVIDER, URN, PL_POST and HOME_POST of its first episode
	Provider   string
	URN        string
	PlacePost  string
	HomePost   string
	Temporary  []Episode // T0-T4 moves inside it, after which the child came back

	// Where it is, known only when BuildWith was given a postcode
	// directory that has the postcodes.
	LA          string  // upper-tier local authority of PL_POST (GSS code, or SCO, WAL, NIR); "" when not known
	OutOfArea   bool    // LA is not the authority of the returns; meaningful only when HasLocation
	HasLocation bool    // LA and OutOfArea are known: PL_POST was found and the returns name their authority
	Miles       float64 // straight-line distance from HOME_POST to PL_POST, in miles to one decimal place
	HasDistance bool    // both postcodes were found
}

// LegalStatus is a time under one legal status.
type LegalStatus struct {
	Start, End calendar.Date // End is zero while Open
	Open       bool
	LS         string
}

// AgeOn returns the child's age in whole years on day d, or -1 when the
// date of birth is not known.
func (c *Child) AgeOn(d calendar.Date) int {
	if !c.HasDOB {
		return -1
	}
	return calendar.AgeOn(c.DOB, d)
}

// LookedAfterOn reports whether the child was looked after on day d, other
// than on a short break: in an episode that started on or before d and had
// not ceased by it (DEC blank or after d), as the DfE counts children
// looked after at 31 March.
func (c *Child) LookedAfterOn(d calendar.Date) bool { return c.PeriodOn(d) != nil }

// PeriodOn returns the period of care, other than short breaks, the child
// is in on day d, as LookedAfterOn counts it, or nil.
func (c *Child) PeriodOn(d calendar.Date) *Period {
	for i := range c.Periods {
		p := &c.Periods[i]
		if p.Start > d {
			break
		}
		if !p.ShortBreak && p.covers(d) {
			return p
		}
	}
	return nil
}
