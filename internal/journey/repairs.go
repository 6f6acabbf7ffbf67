package journey

import (
	"fmt"

	"github.com/village-uk/village/calendar"
)

// RepairKind names one of the repairs Build applies; the package
// documentation describes each.
type RepairKind int

// The repairs, in the order Build applies them.
const (
	Unusable RepairKind = iota
	EndUnreadable
	DuplicateDropped
	ClosedByNextYear
	ReplacedByLaterYear
	ConflictInYear
	StartAmended
	RewrittenByLaterYear
	OpenClosedAtYearEnd
	OpenClosedBeforeReentry
	OpenClosedAtNext
	OverlapTrimmed
	X1GapFilled
	X1GapClosed
	X1BeforeStart
	repairKinds // the number of kinds
)

var repairNames = [repairKinds]string{
	Unusable:                "unusable row left out",
	EndUnreadable:           "unreadable DEC read as open",
	DuplicateDropped:        "duplicate dropped",
	ClosedByNextYear:        "closed by a later return",
	ReplacedByLaterYear:     "replaced by a later return",
	ConflictInYear:          "conflicting row in the same return dropped",
	StartAmended:            "dropped: a later return moved its DECOM",
	RewrittenByLaterYear:    "dropped: a later return rewrote the history around it",
	OpenClosedAtYearEnd:     "open episode closed at its year end",
	OpenClosedBeforeReentry: "open episode closed before a re-entry",
	OpenClosedAtNext:        "open episode closed when the next began",
	OverlapTrimmed:          "overlap trimmed",
	X1GapFilled:             "X1 gap filled",
	X1GapClosed:             "period closed at an X1 gap",
	X1BeforeStart:           "X1 before a new start",
}

// String describes the kind in a few words.
func (k RepairKind) String() string {
	if k < 0 || k >= repairKinds {
		return fmt.Sprintf("RepairKind(%d)", int(k))
	}
	return repairNames[k]
}

// Repair is one repair applied to one episode, for showing.
type Repair struct {
	Kind   RepairKind
	Child  string        // CHILD as submitted; may be blank for an Unusable row
	Year   calendar.Year // the return the row came from
	Line   int           // its line in that return's file; 0 if unknown
	DECOM  string        // the episode's start as submitted (or formatted)
	Detail string        // what was done, in words
}

// String formats the repair for a person to read.
func (r Repair) String() string {
	where := r.Year.String()
	if r.Line > 0 {
		where += fmt.Sprintf(" line %d", r.Line)
	}
	return fmt.Sprintf("child %s, episode DECOM %q (%s): %s: %s", r.Child, r.DECOM, where, r.Kind, r.Detail)
}

// Repairs counts the repairs applied, by kind, and lists them all.
type Repairs struct {
	Unusable                int // rows left out: CHILD blank or DECOM not a valid date
	EndsUnreadable          int // DEC not a valid date or before DECOM: read as open
	DuplicatesDropped       int // identical versions of an episode dropped
	ClosedByNextYear        int // open versions replaced by a later return's closed one
	ReplacedByLaterYear     int // versions replaced by a later return's different one
	ConflictsInYear         int // rows with the CHILD and DECOM of a later row of the same return
	StartsAmended           int // LIIA RULE_3: open episodes whose DECOM a later return moved
	RewrittenByLaterYear    int // LIIA RULE_3A: open episodes a later return rewrote away
	OpenClosedAtYearEnd     int // LIIA RULE_2
	OpenClosedBeforeReentry int // LIIA RULE_1A
	OpenClosedAtNext        int // LIIA RULE_1
	OverlapsTrimmed         int // LIIA RULE_4, for every overlap
	X1GapsFilled            int // LIIA RULE_5
	X1GapsClosed            int // X1 followed by a gap in the same return, or by nothing
	X1BeforeStart           int // X1 followed on the same day by RNE S

	List []Repair // every repair, child by child in ID order
}

// Total returns the number of repairs of every kind.
func (r *Repairs) Total() int { return len(r.List) }

// Count returns the number of repairs of one kind.
func (r *Repairs) Count(k RepairKind) int {
	if p := r.counter(k); p != nil {
		return *p
	}
	return 0
}

// counter returns the count kept for kind k.
func (r *Repairs) counter(k RepairKind) *int {
	switch k {
	case Unusable:
		return &r.Unusable
	case EndUnreadable:
		return &r.EndsUnreadable
	case DuplicateDropped:
		return &r.DuplicatesDropped
	case ClosedByNextYear:
		return &r.ClosedByNextYear
	case ReplacedByLaterYear:
		return &r.ReplacedByLaterYear
	case ConflictInYear:
		return &r.ConflictsInYear
	case StartAmended:
		return &r.StartsAmended
	case RewrittenByLaterYear:
		return &r.RewrittenByLaterYear
	case OpenClosedAtYearEnd:
		return &r.OpenClosedAtYearEnd
	case OpenClosedBeforeReentry:
		return &r.OpenClosedBeforeReentry
	case OpenClosedAtNext:
		return &r.OpenClosedAtNext
	case OverlapTrimmed:
		return &r.OverlapsTrimmed
	case X1GapFilled:
		return &r.X1GapsFilled
	case X1GapClosed:
		return &r.X1GapsClosed
	case X1BeforeStart:
		return &r.X1BeforeStart
	}
	return nil
}

// add counts and lists one repair.
func (r *Repairs) add(rep Repair) {
	if p := r.counter(rep.Kind); p != nil {
		*p++
	}
	r.List = append(r.List, rep)
}

// repairOf describes a repair to episode e of child id.
func repairOf(k RepairKind, id string, e *Episode, format string, args ...any) Repair {
	return Repair{Kind: k, Child: id, Year: e.Year, Line: e.Line, DECOM: e.Start.String(),
		Detail: fmt.Sprintf(format, args...)}
}
