package app

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/village-uk/village/returns"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

// A packed return unpacks to the return it was made from, whatever the
// number of distinct values (one, two or four bytes an index) and
// whether its rows' lines follow each other.
func TestPackUnpack(t *testing.T) {
	tests := []struct {
		name     string
		rows     int
		distinct int // children
		gapAt    int // a row whose line is not the one after the last; -1 for none
	}{
		{"empty", 0, 1, -1},
		{"one byte", 300, 200, -1},
		{"two bytes", 3000, 1000, -1},
		{"four bytes", 70000, 66000, -1},
		{"lines apart", 50, 10, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := returns.NewReturn(eh.Collection, 2026, "E06000999")
			r.Problems = returns.Problems{{Severity: returns.Invalid, Line: 3}}
			haf := r.Ensure(eh.HAF)
			haf.File = "haf.csv"
			for i := range tt.rows {
				haf.Add(fmt.Sprintf("CHILD%06d", i%tt.distinct), "summer", "2025", "28/07/2025", "Provider", "Y", "N", "5")
				haf.Rows[i].Line = i + 2
				if tt.gapAt >= 0 && i >= tt.gapAt {
					haf.Rows[i].Line++
				}
			}
			ep := r.Ensure(eh.EarlyHelp)
			ep.Absent = []string{eh.ChildUPNColumn}
			ep.Add("EH1", "CHILDA", "01/05/2025", "", "education", "School", "", "")
			ep.Rows[0].Line = 2

			p := pack(r)
			if got := p.unpack(); !reflect.DeepEqual(got, r) {
				t.Errorf("unpacked, the return differs from the one packed")
			}
			for _, c := range p.tables[eh.HAF].columns {
				want := 4
				switch n := len(c.values); {
				case n <= 256:
					want = 1
				case n <= 65536:
					want = 2
				}
				if c.width != want {
					t.Errorf("%d distinct values take %d bytes an index; want %d", len(c.values), c.width, want)
				}
			}
			one := p.distinct(eh.HAF, eh.ChildColumn)
			var got []string
			for _, row := range one.Rows {
				got = append(got, row.Values[one.Schema.Index(eh.ChildColumn)])
			}
			want := []string{}
			for i := range min(tt.rows, tt.distinct) {
				want = append(want, fmt.Sprintf("CHILD%06d", i))
			}
			if !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Errorf("the distinct children are %d, not the %d given", len(got), len(want))
			}
			if p.distinct("NoSuchTable", eh.ChildColumn) != nil {
				t.Error("a table the return does not have gave children")
			}
		})
	}
}

// A table with a row short of values (never from the reader) is kept as
// it is, for the store to refuse, and its children are still found.
func TestPackShortRow(t *testing.T) {
	r := returns.NewReturn(eh.Collection, 2026, "")
	haf := r.Ensure(eh.HAF)
	haf.Add("CHILDA", "summer")
	haf.Rows = append(haf.Rows, returns.Row{Line: 3, Values: []string{"CHILDB"}})
	p := pack(r)
	if got := p.unpack(); !reflect.DeepEqual(got, r) {
		t.Error("unpacked, the return with a short row differs from the one packed")
	}
	if one := p.distinct(eh.HAF, eh.ChildColumn); one == nil || len(one.Rows) != 2 {
		t.Errorf("the children of the table with a short row: %v", one)
	}
}
