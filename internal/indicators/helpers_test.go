package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ssda903"
)

// line is one row of a hand-written return's table.
type line struct {
	table  ssda903.TableName
	values []string
}

// ep writes an Episodes row. place is PLACE alone for a placement without
// a carer (temporary moves), or PLACE/carer, where the carer stands for
// PLACE_PROVIDER PR1, PL_POST "ZZ1 1ZZ" and URN "URN"+carer. A dec of ""
// leaves the episode open.
func ep(child, decom, dec, rne, ls, place, rec string) line {
	code, carer, _ := strings.Cut(place, "/")
	provider, post, urn := "", "", ""
	if carer != "" {
		provider, post, urn = "PR1", "ZZ1 1ZZ", "URN"+carer
	}
	return line{ssda903.Episodes, []string{child, decom, rne, ls, "N1", code, provider, dec, rec, "", "ZZ9 9ZZ", post, urn}}
}

// header writes a Header row.
func header(child, sex, dob string) line {
	return line{ssda903.Header, []string{child, sex, dob, "WBRI", "UN1", "", ""}}
}

// uasc writes a UASC row.
func uasc(child, sex, dob string) line {
	return line{ssda903.UASC, []string{child, sex, dob, ""}}
}

// ret builds the return for collection year y (2026 is 2025/26).
func ret(y int, lines ...line) *ssda903.Return {
	r := ssda903.NewReturn(calendar.Year(y), "E06000999")
	for _, l := range lines {
		t := r.Ensure(l.table)
		t.Add(l.values...)
		t.Rows[len(t.Rows)-1].Line = len(t.Rows) + 1
	}
	return r
}

func mustBuild(t *testing.T, returns ...*ssda903.Return) *journey.Set {
	t.Helper()
	s, err := journey.Build(returns)
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
