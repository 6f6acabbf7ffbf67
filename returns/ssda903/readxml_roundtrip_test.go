package ssda903_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// sameTables checks that tables read from XML hold exactly the rows of
// want: the same values in the same order, and nothing else. The Header's
// UASC flag is compared with the one WriteXML writes: the return's own, or,
// when blank, 1 for a child with a UASC row and 0 for others.
func sameTables(t *testing.T, want *ssda903.Return, got map[ssda903.TableName]*ssda903.Table) {
	t.Helper()
	uasc := map[string]bool{}
	for _, row := range want.Table(ssda903.UASC).Rows {
		uasc[row.Values[0]] = true
	}
	for _, s := range ssda903.Schemas {
		g := got[s.Name]
		if g == nil {
			t.Errorf("%s missing from the result", s.Name)
			continue
		}
		var w [][]string
		if wt := want.Table(s.Name); wt != nil {
			for _, row := range wt.Rows {
				w = append(w, row.Values)
			}
		}
		if s.Name == ssda903.Header {
			flag := s.Index("UASC")
			for i, row := range w {
				if row[flag] == "" {
					row = append([]string(nil), row...)
					row[flag] = "0"
					if uasc[row[0]] {
						row[flag] = "1"
					}
					w[i] = row
				}
			}
		}
		var gv [][]string
		for _, row := range g.Rows {
			gv = append(gv, row.Values)
		}
		if !reflect.DeepEqual(gv, w) {
			t.Errorf("%s read from XML differs: got %d rows, want %d", s.Name, len(gv), len(w))
			for i := range min(len(gv), len(w)) {
				if !reflect.DeepEqual(gv[i], w[i]) {
					t.Errorf("first difference, row %d:\n got %q\nwant %q", i+1, gv[i], w[i])
					break
				}
			}
		}
	}
}

// rowElement is the element whose start tag is on the line of a row of
// each table.
var rowElement = map[ssda903.TableName]string{
	ssda903.Header: "<HEADER>", ssda903.UASC: "<HEADER>", ssda903.AD1: "<HEADER>", ssda903.OC3: "<HEADER>",
	ssda903.Missing: "<AMISSING>", ssda903.Reviews: "<AREVIEW>", ssda903.PrevPerm: "<PERMANENCE>",
	ssda903.OC2: "<OC2>", ssda903.PlacedAdoption: "<AD_PLACED>", ssda903.Episodes: "<EPISODE>",
	ssda903.SWEpisodes: "<SW_EPISODE>", ssda903.DoLo: "<DOLO>",
}

// checkLines checks that every row's line is the line of its element's
// start tag in data.
func checkLines(t *testing.T, data []byte, tables map[ssda903.TableName]*ssda903.Table) {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	for name, table := range tables {
		for i, row := range table.Rows {
			if row.Line < 1 || row.Line > len(lines) || !strings.Contains(lines[row.Line-1], rowElement[name]) {
				t.Errorf("%s row %d has line %d, which is not a %s line", name, i+1, row.Line, rowElement[name])
				break
			}
		}
	}
}

// TestReadXMLSmallMatchesCSV reads the golden XML file and the CSV files
// it was written from: the tables must be the same.
func TestReadXMLSmallMatchesCSV(t *testing.T) {
	want, err := folder.Read(filepath.Join("testdata", "small"), 0, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "small.xml")
	got, problems, err := folder.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("unexpected problems: %v", problems)
	}
	sameTables(t, want, got)
}

// TestReadXMLSynthRoundTrip writes synthetic returns as XML and reads them
// back: every table must come back as it went in, each row with the line
// of its element, and with no problems.
func TestReadXMLSynthRoundTrip(t *testing.T) {
	res, err := synth.Generate(synth.Config{Children: 300, Years: 2, Until: calendar.NewDate(2026, 3, 31), Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Returns {
		t.Run(strings.ReplaceAll(r.Year.String(), "/", "-"), func(t *testing.T) {
			var buf bytes.Buffer
			if err := ssda903.WriteXML(&buf, r); err != nil {
				t.Fatal(err)
			}
			got, problems, err := ssda903.ReadXML("synth.xml", bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != 0 {
				t.Errorf("unexpected problems: %v", problems)
			}
			if r.Table(ssda903.Episodes).Len() < 300 {
				t.Fatalf("the synthetic return has only %d episodes", r.Table(ssda903.Episodes).Len())
			}
			sameTables(t, r, got)
			checkLines(t, buf.Bytes(), got)
		})
	}
}
