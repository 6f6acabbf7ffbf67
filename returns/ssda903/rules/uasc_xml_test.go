package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// xmlReturn reads one child's XML return of collection year y; uasc is the
// HEADER's UASC and DUC elements.
func xmlReturn(t *testing.T, y calendar.Year, uasc string) *ssda903.Return {
	t.Helper()
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>2001</CHILDID>
      <UPN>UN1</UPN>
      <SEX>M</SEX>
      <DOB>21/05/2009</DOB>
      <ETHNIC>OOTH</ETHNIC>
      ` + uasc + `
    </HEADER>
    <EPISODE>
      <DECOM>01/06/2024</DECOM>
      <RNE>S</RNE>
      <LS>V2</LS>
      <CIN>N1</CIN>
      <PL>U1</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER>
    </EPISODE>
  </CHILD>
</EXPSSDA903>
`
	tables, problems, err := ssda903.ReadXML(fmt.Sprintf("%d.xml", y), strings.NewReader(doc))
	if err != nil || problems.Worst() == ssda903.Fatal {
		t.Fatalf("reading: %v %v", err, problems)
	}
	r := ssda903.NewReturn(y, "E06000999")
	r.Tables = tables
	return r
}

// TestUASCRulesReadTheXMLFlag checks 205A, 205C and 205D on XML returns,
// where the Header's UASC flag, not the presence of a UASC row, says whether
// a child is identified as UASC. The first case is the reproduction in
// issue 11: UASC last year with a DUC after last year, not UASC this year.
func TestUASCRulesReadTheXMLFlag(t *testing.T) {
	for _, tc := range []struct {
		name, last, this string
		want             []string // the rules that fail, in code order
	}{
		{"no longer UASC, last DUC after last year",
			"<UASC>1</UASC><DUC>21/05/2027</DUC>", "<UASC>0</UASC>", []string{"205A"}},
		{"no longer UASC, last DUC within last year",
			"<UASC>1</UASC><DUC>21/05/2025</DUC>", "<UASC>0</UASC>", nil},
		{"no longer UASC but a DUC this year",
			"<UASC>1</UASC><DUC>21/05/2025</DUC>", "<UASC>0</UASC><DUC>21/05/2025</DUC>", []string{"205A"}},
		{"UASC in neither year, with a DUC this year",
			"<UASC>0</UASC>", "<UASC>0</UASC><DUC>21/05/2027</DUC>", []string{"205C"}},
		{"UASC in neither year, with a DUC last year",
			"<UASC>0</UASC><DUC>21/05/2027</DUC>", "<UASC>0</UASC>", []string{"205C"}},
		{"UASC in neither year, no DUC", "<UASC>0</UASC>", "<UASC>0</UASC>", nil},
		{"UASC this year, not last", "<UASC>0</UASC>", "<UASC>1</UASC><DUC>21/05/2027</DUC>", []string{"205D"}},
		{"UASC both years", "<UASC>1</UASC><DUC>21/05/2027</DUC>", "<UASC>1</UASC><DUC>21/05/2027</DUC>", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := xmlReturn(t, 2027, tc.this)
			r.Last = xmlReturn(t, 2026, tc.last)
			in := NewInput(r, nil, nil)
			var rules []*Rule
			for _, code := range []string{"205A", "205C", "205D"} {
				rules = append(rules, Rules().Find(code, 2027))
			}
			rep := Run(in, rules)
			var got []string
			for _, f := range rep.Failures {
				if !slices.Contains(got, f.Rule.Code) {
					got = append(got, f.Rule.Code)
				}
			}
			if !slices.Equal(got, tc.want) || len(rep.Skipped) > 0 {
				t.Errorf("failed %v, want %v (skipped %+v, failures %+v)", got, tc.want, rep.Skipped, rep.Failures)
			}
			// Each failure names the XML file and the line of its element.
			for _, f := range rep.Failures {
				if f.File != "2027.xml" || f.Line != 4 {
					t.Errorf("%s failure at %s:%d, want 2027.xml:4 (the HEADER)", f.Rule.Code, f.File, f.Line)
				}
			}
		})
	}
}
