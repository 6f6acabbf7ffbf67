package journey

import (
	"fmt"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// line is one row of a synthetic return's table.
type line struct {
	table  ssda903.TableName
	values []string
}

// ep writes an Episodes row. place is PLACE alone for a placement without
// a carer (temporary moves), or PLACE/carer, where the carer letter stands
// for PLACE_PROVIDER PR1, PL_POST "ZZ1 1ZZ" and URN "URN"+letter. A dec of
// "" leaves the episode open.
func ep(child, decom, dec, rne, ls, place, rec string) line {
	code, carer, _ := strings.Cut(place, "/")
	provider, post, urn := "", "", ""
	if carer != "" {
		provider, post, urn = "PR1", "ZZ1 1ZZ", "URN"+carer
	}
	return line{ssda903.Episodes, []string{child, decom, rne, ls, "N1", code, provider, dec, rec, "", "ZZ9 9ZZ", post, urn}}
}

// header writes a Header row.
func header(child, sex, dob, ethnic string) line {
	return line{ssda903.Header, []string{child, sex, dob, ethnic, "UN1", "", "", ""}}
}

// uasc writes a UASC row.
func uasc(child, dob string) line {
	return line{ssda903.UASC, []string{child, "M", dob, ""}}
}

// ret builds the return for collection year y (2024 is 2023/24), numbering
// each table's rows from line 2 as a CSV file with headers would.
func ret(y int, lines ...line) *ssda903.Return {
	r := ssda903.NewReturn(calendar.Year(y), "E06000999")
	for _, l := range lines {
		t := r.Ensure(l.table)
		t.Add(l.values...)
		t.Rows[len(t.Rows)-1].Line = len(t.Rows) + 1
	}
	return r
}

// mustBuild builds the journeys or fails the test.
func mustBuild(t *testing.T, returns ...*ssda903.Return) *Set {
	t.Helper()
	s, err := Build(returns)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// day parses a DD/MM/YYYY date written in a test.
func day(s string) calendar.Date {
	d, ok := calendar.ParseDate(s)
	if !ok {
		panic("test date " + s)
	}
	return d
}

// describe renders a child's periods of care on one line each:
//
//	start-end REC [short break]: placements; legal statuses
//
// An open period ends "-open"; a blank REC is "?". Placements are PLACE,
// with "/carer" when there is one and the temporary moves inside it in
// brackets.
func describe(c *Child) string {
	if c == nil {
		return "no such child"
	}
	var out []string
	for _, p := range c.Periods {
		s := span(p.Start, p.End, p.Open)
		if !p.Open {
			s += " " + cmpOr(p.EndReason, "?")
		}
		if p.ShortBreak {
			s += " short break"
		}
		var places, legal []string
		for _, pl := range p.Placements {
			places = append(places, placement(pl))
		}
		for _, ls := range p.LegalStatuses {
			legal = append(legal, ls.LS)
		}
		out = append(out, fmt.Sprintf("%s: %s; %s", s, strings.Join(places, ", "), strings.Join(legal, ", ")))
	}
	return strings.Join(out, " | ")
}

func span(start, end calendar.Date, open bool) string {
	if open {
		return start.String() + "-open"
	}
	return start.String() + "-" + end.String()
}

func placement(p Placement) string {
	s := p.Place
	if carer := strings.TrimPrefix(p.URN, "URN"); carer != "" {
		s += "/" + carer
	}
	if len(p.Temporary) > 0 {
		var moves []string
		for _, e := range p.Temporary {
			moves = append(moves, e.Place)
		}
		s += "(" + strings.Join(moves, " ") + ")"
	}
	return s
}

func cmpOr(s, instead string) string {
	if s == "" {
		return instead
	}
	return s
}

// counts returns the non-zero repair counts by kind.
func counts(r *Repairs) map[RepairKind]int {
	out := map[RepairKind]int{}
	for k := RepairKind(0); k < repairKinds; k++ {
		if n := r.Count(k); n > 0 {
			out[k] = n
		}
	}
	return out
}
