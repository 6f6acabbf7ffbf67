package journey

import (
	"maps"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// TestJourneys builds child 1's journey from hand-written returns and
// compares its periods, placements, legal statuses and repairs.
func TestJourneys(t *testing.T) {
	tests := []struct {
		name    string
		returns []*ssda903.Return
		want    string // describe(child 1)
		repairs map[RepairKind]int
	}{
		{
			// Going home (E4A) ends a period; starting again (RNE S)
			// begins a second one.
			name: "re-entry after return home",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "01/05/2023", "01/09/2023", "S", "C2", "U4/a", "E4A"),
				ep("1", "01/01/2024", "", "S", "V2", "U6/b", ""))},
			want: "01/05/2023-01/09/2023 E4A: U4/a; C2 | 01/01/2024-open: U6/b; V2",
		},
		{
			// Moves to other carers chained by X1 are one period and
			// three placements.
			name: "placement moves",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "01/05/2023", "01/07/2023", "S", "C2", "U4/a", "X1"),
				ep("1", "01/07/2023", "01/10/2023", "P", "C2", "U6/b", "X1"),
				ep("1", "01/10/2023", "", "P", "C2", "K2/c", ""))},
			want: "01/05/2023-open: U4/a, U6/b, K2/c; C2",
		},
		{
			// Temporary moves after which the child comes back to the
			// same carers leave the placement count alone and are kept
			// in the placement; a temporary move followed by new carers
			// is a placement of its own.
			name: "temporary moves",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "01/05/2023", "01/06/2023", "S", "C2", "U4/a", "X1"),
				ep("1", "01/06/2023", "05/06/2023", "P", "C2", "T1", "X1"),
				ep("1", "05/06/2023", "01/08/2023", "P", "C2", "U4/a", "X1"),
				ep("1", "01/08/2023", "03/08/2023", "P", "C2", "T3", "X1"),
				ep("1", "03/08/2023", "04/08/2023", "P", "C2", "T4", "X1"),
				ep("1", "04/08/2023", "01/10/2023", "P", "C2", "U4/a", "X1"),
				ep("1", "01/10/2023", "08/10/2023", "P", "C2", "T4", "X1"),
				ep("1", "08/10/2023", "", "P", "C2", "U6/b", ""))},
			want: "01/05/2023-open: U4/a(T1 T3 T4), T4, U6/b; C2",
		},
		{
			// A change of legal status only (RNE L) chained by X1 keeps
			// the placement, even when the URN was recoded, and adds a
			// legal status; repeated statuses merge.
			name: "change of legal status only",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "01/05/2023", "01/07/2023", "S", "C1", "U4/a", "X1"),
				ep("1", "01/07/2023", "01/09/2023", "L", "C2", "U4/a", "X1"),
				ep("1", "01/09/2023", "", "L", "C2", "U4/z", ""))},
			want: "01/05/2023-open: U4/a; C1, C2",
		},
		{
			// An episode open at the end of 2022/23 and closed in the
			// 2023/24 return: the later version wins.
			name: "open in one year, closed by the next",
			returns: []*ssda903.Return{
				ret(2023, ep("1", "01/02/2023", "", "S", "V2", "U6/a", "")),
				ret(2024, ep("1", "01/02/2023", "01/06/2023", "S", "V2", "U6/a", "E4A"))},
			want:    "01/02/2023-01/06/2023 E4A: U6/a; V2",
			repairs: map[RepairKind]int{ClosedByNextYear: 1},
		},
		{
			// The 2023/24 return starts an episode on 10/03/2023, before
			// the 2022/23 return's episode ended: the earlier episode is
			// trimmed to end then.
			name: "overlap across years",
			returns: []*ssda903.Return{
				ret(2023, ep("1", "01/01/2023", "20/03/2023", "S", "V2", "U6/a", "X1")),
				ret(2024, ep("1", "10/03/2023", "", "P", "V2", "U4/b", ""))},
			want:    "01/01/2023-open: U6/a, U4/b; V2",
			repairs: map[RepairKind]int{OverlapTrimmed: 1},
		},
		{
			// A later return moves an open episode's start earlier: the
			// old version, open and no longer in the later return, is
			// dropped (LIIA RULE_3) and the episode before is trimmed to
			// meet the moved start (LIIA RULE_4).
			name: "later year moves a start earlier",
			returns: []*ssda903.Return{
				ret(2023,
					ep("1", "01/01/2023", "20/03/2023", "S", "V2", "U6/a", "X1"),
					ep("1", "20/03/2023", "", "P", "V2", "U4/b", "")),
				ret(2024, ep("1", "10/03/2023", "", "P", "V2", "U4/b", ""))},
			want:    "01/01/2023-open: U6/a, U4/b; V2",
			repairs: map[RepairKind]int{StartAmended: 1, OverlapTrimmed: 1},
		},
		{
			// The same open episode in two returns, unchanged: one copy
			// is dropped.
			name: "duplicate across years",
			returns: []*ssda903.Return{
				ret(2023, ep("1", "01/02/2023", "", "S", "V2", "U6/a", "")),
				ret(2024, ep("1", "01/02/2023", "", "S", "V2", "U6/a", ""))},
			want:    "01/02/2023-open: U6/a; V2",
			repairs: map[RepairKind]int{DuplicateDropped: 1},
		},
		{
			// Z1 gave way to Z11-Z14 in 2025/26: an episode carried into
			// 2025/26 as Z13 is the same episode, closed by the next
			// year or a duplicate while still open, not replaced.
			name: "Z1 recoded in 2025/26",
			returns: []*ssda903.Return{
				ret(2025,
					ep("1", "01/02/2025", "", "S", "V2", "Z1/a", ""),
					ep("2", "01/03/2025", "", "S", "V2", "Z1/b", "")),
				ret(2026,
					ep("1", "01/02/2025", "01/06/2025", "S", "V2", "Z13/a", "E4A"),
					ep("2", "01/03/2025", "", "S", "V2", "Z11/b", ""))},
			want:    "01/02/2025-01/06/2025 E4A: Z13/a; V2",
			repairs: map[RepairKind]int{ClosedByNextYear: 1, DuplicateDropped: 1},
		},
		{
			// The 2023/24 return amends the legal status of an episode
			// the 2022/23 return had: the later values win.
			name: "later year amends values",
			returns: []*ssda903.Return{
				ret(2023, ep("1", "01/02/2023", "", "S", "C1", "U6/a", "")),
				ret(2024, ep("1", "01/02/2023", "", "S", "C2", "U6/a", ""))},
			want:    "01/02/2023-open: U6/a; C2",
			repairs: map[RepairKind]int{ReplacedByLaterYear: 1},
		},
		{
			// Short breaks (V3) are their own periods, marked, even when
			// care under another status follows by X1 on the same day.
			name: "short breaks",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "01/05/2023", "03/05/2023", "S", "V3", "K2/r", "E4A"),
				ep("1", "01/06/2023", "04/06/2023", "S", "V3", "K2/r", "E4A"),
				ep("1", "01/07/2023", "03/07/2023", "S", "V3", "K2/r", "X1"),
				ep("1", "03/07/2023", "", "L", "C2", "K2/r", ""))},
			want: "01/05/2023-03/05/2023 E4A short break: K2/r; V3 | 01/06/2023-04/06/2023 E4A short break: K2/r; V3 | " +
				"01/07/2023-03/07/2023 X1 short break: K2/r; V3 | 03/07/2023-open: K2/r; C2",
		},
		{
			// An open episode that another follows is closed when the
			// next begins (LIIA RULE_1), or the day before a new start
			// (RULE_1A), or, in an earlier return with nothing after it,
			// at that return's year end (RULE_2).
			name: "open episodes closed",
			returns: []*ssda903.Return{
				ret(2023,
					ep("1", "01/05/2022", "", "S", "C2", "U4/a", ""),
					ep("1", "01/07/2022", "", "P", "C2", "U6/b", ""),
					ep("1", "01/11/2022", "", "S", "V2", "U6/c", "")),
				ret(2024)},
			want: "01/05/2022-31/10/2022 ?: U4/a, U6/b; C2 | 01/11/2022-31/03/2023 ?: U6/c; V2",
			repairs: map[RepairKind]int{OpenClosedAtNext: 1, OpenClosedBeforeReentry: 1,
				OpenClosedAtYearEnd: 1},
		},
		{
			// An open episode of an earlier return is dropped when a
			// later return has an earlier episode but not it (LIIA
			// RULE_3A): the later return rewrote that history.
			name: "history rewritten by a later year",
			returns: []*ssda903.Return{
				ret(2023, ep("1", "01/03/2023", "", "S", "C2", "U4/a", "")),
				ret(2024, ep("1", "20/02/2023", "", "S", "C2", "U6/b", ""))},
			want:    "20/02/2023-open: U6/b; C2",
			repairs: map[RepairKind]int{RewrittenByLaterYear: 1},
		},
		{
			// An X1 followed by a later start from a later return fills
			// the gap (LIIA RULE_5); an X1 followed by a gap in the same
			// return, or by nothing, ends the period with the reason
			// unknown.
			name: "X1 gaps",
			returns: []*ssda903.Return{
				ret(2023, ep("1", "01/01/2023", "10/03/2023", "S", "C2", "U4/a", "X1")),
				ret(2024,
					ep("1", "15/03/2023", "01/05/2023", "P", "C2", "U6/b", "X1"),
					ep("1", "10/05/2023", "01/06/2023", "P", "C2", "U6/c", "X1"))},
			want:    "01/01/2023-01/05/2023 ?: U4/a, U6/b; C2 | 10/05/2023-01/06/2023 ?: U6/c; C2",
			repairs: map[RepairKind]int{X1GapFilled: 1, X1GapClosed: 2},
		},
		{
			// X1 on the day care starts again (RNE S): two periods, the
			// first ending for an unknown reason.
			name: "X1 before a new start",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "01/05/2023", "01/06/2023", "S", "C2", "U4/a", "X1"),
				ep("1", "01/06/2023", "", "S", "C2", "U4/a", ""))},
			want:    "01/05/2023-01/06/2023 ?: U4/a; C2 | 01/06/2023-open: U4/a; C2",
			repairs: map[RepairKind]int{X1BeforeStart: 1},
		},
		{
			// Rows that cannot be placed are left out and counted; a DEC
			// that is no date reads as open and is then closed by the
			// next episode; two different rows with one start in one
			// return keep the later.
			name: "bad rows",
			returns: []*ssda903.Return{ret(2024,
				ep("1", "31/02/2023", "", "S", "C2", "U4/a", ""),
				ep("", "01/05/2023", "", "S", "C2", "U4/a", ""),
				ep("1", "01/05/2023", "30/02/2023", "S", "C2", "U4/a", "X1"),
				ep("1", "01/06/2023", "", "P", "C2", "U6/b", ""),
				ep("1", "01/06/2023", "", "P", "C2", "U6/c", ""))},
			want: "01/05/2023-open: U4/a, U6/c; C2",
			repairs: map[RepairKind]int{Unusable: 2, EndUnreadable: 1, OpenClosedAtNext: 1,
				ConflictInYear: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustBuild(t, tt.returns...)
			if got := describe(s.Child("1")); got != tt.want {
				t.Errorf("journey\n got %s\nwant %s", got, tt.want)
			}
			want := tt.repairs
			if want == nil {
				want = map[RepairKind]int{}
			}
			if got := counts(&s.Repairs); !maps.Equal(got, want) {
				t.Errorf("repairs %v, want %v", got, want)
				for _, r := range s.Repairs.List {
					t.Log(r)
				}
			}
			checkInvariants(t, s)
		})
	}
}

// checkInvariants checks what every journey must satisfy: each episode in
// exactly one period, in order, periods and episodes ordered and not
// overlapping, every repair listed once under its child.
func checkInvariants(t *testing.T, s *Set) {
	t.Helper()
	listed := 0
	for i, c := range s.Children {
		if i > 0 && s.Children[i-1].ID >= c.ID {
			t.Errorf("children out of order: %q then %q", s.Children[i-1].ID, c.ID)
		}
		listed += len(c.Repairs)
		checkChild(t, c)
	}
	for _, r := range s.Repairs.List {
		if r.Child == "" {
			listed++
		}
	}
	if listed != len(s.Repairs.List) {
		t.Errorf("%d repairs listed under children (or none), %d in the set", listed, len(s.Repairs.List))
	}
	total := 0
	for k := RepairKind(0); k < repairKinds; k++ {
		total += s.Repairs.Count(k)
	}
	if total != s.Repairs.Total() {
		t.Errorf("repair counts add to %d, list has %d", total, s.Repairs.Total())
	}
}

func checkChild(t *testing.T, c *Child) {
	t.Helper()
	n := 0
	for i, p := range c.Periods {
		for j := range p.Episodes {
			if p.Episodes[j] != c.Episodes[n] {
				t.Errorf("child %s: period %d episode %d is not episode %d of the child", c.ID, i, j, n)
			}
			n++
		}
		if i > 0 {
			prev := c.Periods[i-1]
			if prev.Open || prev.End > p.Start {
				t.Errorf("child %s: period %d (%s) overlaps period %d starting %s", c.ID, i-1, span(prev.Start, prev.End, prev.Open), i, p.Start)
			}
		}
		if !p.Open && p.End < p.Start {
			t.Errorf("child %s: period %d ends before it starts", c.ID, i)
		}
	}
	if n != len(c.Episodes) {
		t.Errorf("child %s: %d episodes in periods, %d in all", c.ID, n, len(c.Episodes))
	}
	for i := 1; i < len(c.Episodes); i++ {
		a, b := c.Episodes[i-1], c.Episodes[i]
		if a.Open || a.End > b.Start {
			t.Errorf("child %s: episode %s (%s) overlaps the next, from %s", c.ID, a.Start, span(a.Start, a.End, a.Open), b.Start)
		}
	}
}

// TestHeader takes the child's details from the latest year that gives
// them, and UASC from any year.
func TestHeader(t *testing.T) {
	s := mustBuild(t,
		ret(2025, header("1", "M", "15/06/2010", "WBRI"), ep("1", "01/05/2024", "", "S", "V2", "U4/a", "")),
		ret(2024, header("1", "1", "15/06/2010", "WOTH"), uasc("1", "15/06/2010"),
			ep("1", "01/05/2024", "", "S", "V2", "U4/a", "")),
		ret(2026, header("1", "", "not a date", "WIRI"), header("2", "F", "01/01/2009", "NOBT")))
	c := s.Child("1")
	if c == nil {
		t.Fatal("no child 1")
	}
	if c.Sex != "M" || c.Ethnic != "WIRI" || !c.HasDOB || c.DOB != day("15/06/2010") || !c.UASC {
		t.Errorf("child 1: sex %q, ethnic %q, DOB %s (%v), UASC %v; want M, WIRI, 15/06/2010, true", c.Sex, c.Ethnic, c.DOB, c.HasDOB, c.UASC)
	}
	if c2 := s.Child("2"); c2 == nil || len(c2.Episodes) != 0 || c2.UASC {
		t.Errorf("child 2, in a Header only, should have a journey without episodes: %+v", c2)
	}
	if s.Child("3") != nil {
		t.Error("child 3 is in no return")
	}
	// The episode open in 2024/25 and 2025/26 but not in the latest
	// return, 2026/27, is closed at the end of 2025/26.
	if got, want := describe(c), "01/05/2024-31/03/2025 ?: U4/a; V2"; got != want {
		t.Errorf("journey %s, want %s", got, want)
	}
}

// TestAgeOn shows the age changing on the 18th birthday and being unknown
// without a date of birth.
func TestAgeOn(t *testing.T) {
	c := &Child{ID: "1", DOB: day("29/02/2008"), HasDOB: true}
	tests := []struct {
		on   string
		want int
	}{
		{"28/02/2026", 17},
		{"01/03/2026", 18}, // born on 29 February: 18 on 1 March in a common year
		{"29/02/2028", 20},
	}
	for _, tt := range tests {
		if got := c.AgeOn(day(tt.on)); got != tt.want {
			t.Errorf("age on %s = %d, want %d", tt.on, got, tt.want)
		}
	}
	if got := (&Child{}).AgeOn(day("01/01/2026")); got != -1 {
		t.Errorf("age without a date of birth = %d, want -1", got)
	}
}

// TestLookedAfterOn counts the first day of an episode but not the day it
// ends, and never a short break.
func TestLookedAfterOn(t *testing.T) {
	s := mustBuild(t, ret(2024,
		ep("1", "01/05/2023", "01/09/2023", "S", "C2", "U4/a", "E4A"),
		ep("1", "01/10/2023", "03/10/2023", "S", "V3", "K2/r", "E4A"),
		ep("1", "01/01/2024", "", "S", "V2", "U6/b", "")))
	c := s.Child("1")
	tests := []struct {
		on   string
		want bool
	}{
		{"30/04/2023", false},
		{"01/05/2023", true},
		{"31/08/2023", true},
		{"01/09/2023", false}, // the day care ceased
		{"02/10/2023", false}, // a short break
		{"01/01/2024", true},
		{"31/03/2030", true}, // still open
	}
	for _, tt := range tests {
		if got := c.LookedAfterOn(day(tt.on)); got != tt.want {
			t.Errorf("looked after on %s = %v, want %v", tt.on, got, tt.want)
		}
	}
}

// TestBuildRefuses shows the inputs that cannot be one authority's
// history.
func TestBuildRefuses(t *testing.T) {
	other := ret(2024)
	other.LA = "E06000001"
	tests := []struct {
		name    string
		returns []*ssda903.Return
	}{
		{"nil return", []*ssda903.Return{ret(2024), nil}},
		{"two returns for a year", []*ssda903.Return{ret(2024), ret(2023), ret(2024)}},
		{"two authorities", []*ssda903.Return{ret(2023), other}},
		{"no year", []*ssda903.Return{ret(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Build(tt.returns); err == nil {
				t.Error("Build accepted them")
			} else {
				t.Log(err)
			}
		})
	}
	if s, err := Build(nil); err != nil || len(s.Children) != 0 {
		t.Errorf("Build(nil) = %v, %v; want an empty set", s, err)
	}
}

// TestMalformedTables builds from tables no reader would make: short rows,
// no schema, a missing Episodes column. Nothing may panic.
func TestMalformedTables(t *testing.T) {
	r := ssda903.NewReturn(2024, "")
	r.Tables[ssda903.Episodes] = &ssda903.Table{Schema: ssda903.SchemaOf(ssda903.Episodes),
		Rows: []ssda903.Row{{Values: []string{"1", "01/05/2023"}}, {Values: nil}, {Values: []string{"1"}}}}
	r.Tables[ssda903.Header] = &ssda903.Table{}
	r.Tables[ssda903.UASC] = nil
	s := mustBuild(t, r)
	if got, want := describe(s.Child("1")), "01/05/2023-open: ; "; got != want {
		t.Errorf("journey %q, want %q", got, want)
	}
	if s.Repairs.Unusable != 2 {
		t.Errorf("%d unusable rows, want 2", s.Repairs.Unusable)
	}
}
