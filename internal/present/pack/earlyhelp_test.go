package pack

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
)

// ehFigure is an early help figure made as cmd/village makes them: its
// cell a count, a share or a number of sessions per child by its unit.
func ehFigure(ind *indicators.Indicator, known bool, value float64, num, den int, note string) EarlyHelpFigure {
	v := indicators.Value{Known: known, Value: value, Numerator: num, Denominator: den}
	cell := func(p disclose.Policy) disclose.Cell {
		switch {
		case !known:
			return disclose.Cell{}
		case ind.Unit == indicators.Percent:
			return p.Share(value, 1, true, num, den)
		case ind.Unit == "sessions per child":
			return p.Number(value, 1, true, den)
		}
		return p.Count(num)
	}
	return EarlyHelpFigure{Indicator: ind, Value: v, Note: note, Cell: cell}
}

// packEarlyHelp is four early help and HAF indicators for 2025/26 and
// 2024/25: a count that falls from 30 to 4, a share of a small year, a
// number of sessions per child and a figure not known in either year.
func packEarlyHelpInput() *EarlyHelpInput {
	started := &indicators.Indicator{ID: "eh_started", Title: "Episodes of early help started", Unit: indicators.Episodes,
		Definition: "Episodes begun in the year.", Direction: indicators.Neither, Cadence: indicators.Yearly}
	steppedUp := &indicators.Indicator{ID: "eh_stepped_up_12m_share", Title: "Closed episodes stepped up within 12 months", Unit: indicators.Percent,
		Definition: "Of the children whose episode closed, the share referred within 12 months.", Direction: indicators.LowerIsBetter, Cadence: indicators.Yearly}
	sessions := &indicators.Indicator{ID: "haf_sessions_per_child", Title: "HAF sessions per child", Unit: "sessions per child",
		Definition: "Sessions attended over children attending.", Direction: indicators.HigherIsBetter, Cadence: indicators.Yearly}
	connected := &indicators.Indicator{ID: "haf_remained_connected_6m_share", Title: "HAF children remaining connected", Unit: indicators.Percent,
		Definition: "Seen by another service within 6 months.", Direction: indicators.HigherIsBetter, Cadence: indicators.Yearly}
	const unlinked = "the early help and HAF children are not linked to the CIN census: load with --key"
	return &EarlyHelpInput{
		Now: []EarlyHelpFigure{ehFigure(started, true, 4, 4, 0, ""), ehFigure(steppedUp, true, 25, 10, 40, ""),
			ehFigure(sessions, true, 4.3, 172, 40, ""), ehFigure(connected, false, 0, 0, 0, unlinked)},
		Before: []EarlyHelpFigure{ehFigure(started, true, 30, 30, 0, ""), ehFigure(steppedUp, true, 60, 3, 5, ""),
			ehFigure(sessions, true, 5, 200, 40, ""), ehFigure(connected, false, 0, 0, 0, unlinked)},
	}
}

// TestEarlyHelpInPack checks the pack's early help and HAF section in the
// HTML pack, its own sheet and the Data sheet against a golden file, for
// analysts (exact) and publishable (small counts and the shares of them
// suppressed, with the change not shown); with no files loaded the
// section is a sentence, and a pack given nothing has none.
func TestEarlyHelpInPack(t *testing.T) {
	set, pop := authority(t, 300, 2)
	q := quarter(t, "2025/26 Q4")
	var got bytes.Buffer
	for _, publishable := range []bool{false, true} {
		m := Pack{Set: set, Population: pop, Quarter: q, Publishable: publishable, EarlyHelp: packEarlyHelpInput()}.Model()
		fmt.Fprintf(&got, "#### publishable %v\n", publishable)
		writeEarlyHelpSection(t, &got, m)
	}
	golden := filepath.Join("testdata", "earlyhelp.golden")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("the early help section differs from %s:\n%s", golden, got.Bytes())
	}
	for _, leak := range []string{"\t4\t", ">4<", "\t3\t", "60.0%"} {
		if i := strings.Index(got.String(), "#### publishable true"); strings.Contains(got.String()[i:], leak) {
			t.Errorf("the publishable pack shows %q", leak)
		}
	}

	m := Pack{Set: set, Population: pop, Quarter: q, EarlyHelp: &EarlyHelpInput{None: "No early help or HAF files are loaded."}}.Model()
	var page bytes.Buffer
	if err := m.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), `<p id="early-help-none">No early help or HAF files are loaded.</p>`) {
		t.Error("a pack with no early help files does not say so")
	}
	if f, _ := book(t, m); !slices.Contains(f.GetSheetList(), earlyHelpSheet) {
		t.Error("a pack with no early help files has no sheet saying so")
	}
	if m := (Pack{Set: set, Population: pop, Quarter: q}).Model(); m.EarlyHelp != nil {
		t.Error("a pack given no early help has the section")
	}
}

// writeEarlyHelpSection writes the section of m's HTML pack and the rows
// of its sheet and of the Data sheet to w.
func writeEarlyHelpSection(t *testing.T, w *bytes.Buffer, m *Model) {
	t.Helper()
	fmt.Fprintf(w, "== HTML\n%s\n", packSectionHTML(t, m, "early-help"))
	f, _ := book(t, m)
	for _, name := range []string{earlyHelpSheet, dataSheet} {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "== %s sheet\n", name)
		for _, row := range rows {
			if name == dataSheet && (len(row) < 3 || row[2] != earlyHelpFamily) {
				continue
			}
			fmt.Fprintln(w, strings.Join(row, "\t"))
		}
	}
}

// packSectionHTML is the section with the given id of m's HTML pack, which
// must have it and an entry for it in the contents.
func packSectionHTML(t *testing.T, m *Model, id string) string {
	t.Helper()
	var page bytes.Buffer
	if err := m.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	start, end := strings.Index(html, ` id="`+id+`" aria-labelledby="`), -1
	if start >= 0 {
		start = strings.LastIndex(html[:start], "<section")
		end = strings.Index(html[start:], "</section>")
	}
	if start < 0 || end < 0 || !strings.Contains(html, `<li><a href="#`+id+`">`) {
		t.Fatalf("the HTML pack has no %s section or no contents entry", id)
	}
	return html[start : start+end+len("</section>")]
}
