package rules

import (
	"bytes"
	"strings"
	"testing"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// csvCensus reads the XML census text and turns it into the CSV layout's:
// each table written as a CSV file and read back from it, one table a
// file, as the peer flattens the census.
func csvCensus(t *testing.T, xml string) *returns.Return {
	t.Helper()
	tables, _, err := cin.ReadXML("census.xml", strings.NewReader(xml))
	if err != nil {
		t.Fatal(err)
	}
	ret := returns.NewReturn(cin.Collection, 2026, "")
	for _, s := range cin.Schemas {
		var buf bytes.Buffer
		if err := returns.WriteCSV(&buf, tables[s.Name]); err != nil {
			t.Fatal(err)
		}
		got, problems, err := cin.Collection.ReadCSV(s.File, &buf)
		if err != nil || len(problems) > 0 {
			t.Fatalf("reading back %s: %v %v", s.File, err, problems)
		}
		ret.Tables[got.Name()] = got
	}
	return ret
}

// namedChild is blankChild with the LAchildID id.
func namedChild(id string) string {
	return strings.Replace(blankChild, "<ChildIdentifiers>", "<ChildIdentifiers><LAchildID>"+id+"</LAchildID>", 1)
}

// TestCSVChildrenWithoutID checks that in a census of the CSV layout,
// whose tables are files of their own so that lines cannot tie a row to
// a child, each ChildIdentifiers row without an LAchildID is a child of
// its own, reported by 8500; that the rows of the other tables without
// one are that child's when the named children around them say so; and
// that where they cannot (children without an LAchildID next to each
// other) they are kept apart from every other child's, never merged with
// the census's other children without an LAchildID.
func TestCSVChildrenWithoutID(t *testing.T) {
	census := func(children ...string) string {
		return `<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails></Header><Children>
` + strings.Join(children, "") + `</Children></Message>`
	}
	tests := []struct {
		name     string
		xml      string
		children int // in the Input
		whole    int // children with one row of each table but the Header
		want     map[string]int
	}{
		{"between named children", census(namedChild("A1"), blankChild, namedChild("A2"), blankChild, namedChild("A3"), blankChild),
			6, 6, map[string]int{"8500": 3, "2887Q": 1}},
		{"first, between and last", census(blankChild, namedChild("A1"), blankChild, namedChild("A2"), blankChild),
			5, 5, map[string]int{"8500": 3, "2887Q": 1}},
		// Two children without an LAchildID side by side: their other
		// rows cannot be told apart, and are kept together, apart from
		// the third's and the named child's.
		{"side by side", census(blankChild, blankChild, namedChild("A1"), blankChild),
			5, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ret := csvCensus(t, tt.xml)
			in := NewInput(ret)
			if len(in.Children) != tt.children {
				t.Fatalf("got %d children, want %d", len(in.Children), tt.children)
			}
			identifiers, whole := 0, 0
			for _, ch := range in.Children {
				identifiers += len(ch.Identifiers)
				if len(ch.Identifiers) == 1 && len(ch.Characteristics) == 1 && len(ch.Disabilities) == 1 && len(ch.Details) == 1 &&
					len(ch.Details[0].Assessments) == 1 && len(ch.Details[0].Assessments[0].Factors) == 1 && len(ch.Details[0].PlanDates) == 1 {
					whole++
				}
			}
			if identifiers != ret.Table(cin.ChildIdentifiers).Len() || whole != tt.whole {
				t.Errorf("%d children hold %d identifiers rows, %d with one row of each table; want each row its own child, %d whole",
					len(in.Children), identifiers, whole, tt.whole)
			}
			counts := map[string]int{}
			for _, f := range Validate(ret).Failures {
				counts[f.Rule.Code]++
			}
			if counts["8500"] != 3 {
				t.Errorf("8500 reported %d times, want 3", counts["8500"])
			}
			if tt.want == nil {
				return
			}
			for code, n := range counts {
				if tt.want[code] != n {
					t.Errorf("rule %s fails %d times, want %d", code, n, tt.want[code])
				}
			}
		})
	}
}
