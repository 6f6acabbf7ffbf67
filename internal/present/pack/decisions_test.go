package pack

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// packDecisions are two decisions of the quarter as a publishable pack is
// given them: a count of 4 children is suppressed.
func packDecisions() *Decisions {
	d := calendar.NewDate
	pub := disclose.Publishable
	return &Decisions{Kept: true, Rows: []DecisionRow{
		{ID: 3, Title: "Fewer CAMHS slots", Agency: "Integrated care board and health providers", Decided: d(2026, 1, 12), Effective: d(2026, 2, 2),
			Status: "In effect", Cohorts: []DecisionCohort{{Name: "Children looked after", Count: pub.Count(412)}, {Name: "Children looked after aged 16-17", Count: pub.Count(4)}},
			Notices: 3, Acknowledged: 2, Overdue: 1, Supports: 1, Concerns: 1},
		{ID: 5, Title: "=Care leavers' housing panel", Agency: "Children's services", Decided: d(2025, 12, 1), Effective: d(2026, 3, 1),
			Status: "Decided", Cohorts: []DecisionCohort{{Name: "Care leavers", Count: disclose.Cell{}}, {Name: "Children with special educational needs and disabilities", Count: pub.Count(30), Entered: true}},
			Notices: 1},
	}}
}

// TestDecisionsInPack checks the pack's section on decisions affecting
// children in care, in the HTML pack and in its own sheet, against a
// golden file; a register never set up and a quarter without decisions
// each say so in a sentence, and a pack given none has no section.
func TestDecisionsInPack(t *testing.T) {
	set, pop := authority(t, 300, 2)
	q := quarter(t, "2025/26 Q4")
	m := Pack{Set: set, Population: pop, Quarter: q, Publishable: true, Decisions: packDecisions()}.Model()
	var page, got bytes.Buffer
	fmt.Fprintf(&got, "== HTML\n%s\n", packSectionHTML(t, m, "decisions"))
	f, _ := book(t, m)
	rows, err := f.GetRows(decisionsSheet)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&got, "== %s sheet\n", decisionsSheet)
	for _, row := range rows {
		fmt.Fprintln(&got, strings.Join(row, "\t"))
	}
	golden := filepath.Join("testdata", "decisions.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the decisions section differs from %s:\n%s", golden, got.Bytes())
	}
	if strings.Contains(got.String(), "aged 16-17 4") {
		t.Error("a count of 4 is shown in a publishable pack")
	}

	for _, c := range []struct {
		d    *Decisions
		want string
	}{
		{&Decisions{}, "keeps no decision register"},
		{&Decisions{Kept: true}, "None this quarter: no decision"},
	} {
		m.Decisions = c.d
		page.Reset()
		if err := m.WriteHTML(&page); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page.String(), `<p id="decisions-none">`) || !strings.Contains(page.String(), c.want) {
			t.Errorf("the HTML pack does not say %q", c.want)
		}
		f, _ := book(t, m)
		rows, _ := f.GetRows(decisionsSheet)
		if len(rows) != 4 || !strings.Contains(rows[3][0], c.want) {
			t.Errorf("the sheet is %q; want it to say %q", rows, c.want)
		}
	}
	m.Decisions = nil
	page.Reset()
	if err := m.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if f, _ := book(t, m); strings.Contains(page.String(), `id="decisions"`) || slices.Contains(f.GetSheetList(), decisionsSheet) {
		t.Error("a pack given no decisions has the section")
	}
}
