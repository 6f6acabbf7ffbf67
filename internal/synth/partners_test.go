package synth

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/earlyhelp"
)

func partnersOf(t *testing.T, rate float64) *Partners {
	t.Helper()
	res, err := Generate(Config{Children: 60, Years: 2, Until: calendar.NewDate(2026, 3, 31), Seed: 5, ErrorRate: rate})
	if err != nil {
		t.Fatal(err)
	}
	p, err := res.Partners()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The files read without a problem, the same configuration gives the
// same files, and the children are pseudonyms.
func TestPartnersRead(t *testing.T) {
	p, again := partnersOf(t, 0), partnersOf(t, 0)
	if len(p.Years) != 2 || !slices.EqualFunc(p.Years, again.Years, func(a, b PartnerYear) bool {
		return slices.EqualFunc(hafRows(&a), hafRows(&b), slices.Equal) && slices.EqualFunc(a.EarlyHelp, b.EarlyHelp, slices.Equal)
	}) {
		t.Fatal("the same configuration gave different files")
	}
	for i, y := range p.Years {
		for _, table := range []string{"EarlyHelp", "HAF"} {
			var b bytes.Buffer
			if err := p.WriteCSV(&b, i, table); err != nil {
				t.Fatal(err)
			}
			tab, problems, err := earlyhelp.ReadCSV(table+".csv", b.Bytes())
			if err != nil || len(problems) > 0 {
				t.Fatalf("%s %s: %v %v", y.Year, table, err, problems)
			}
			if tab.Len() == 0 {
				t.Errorf("%s %s: no rows", y.Year, table)
			}
			for _, raw := range p.Raw[:min(50, len(p.Raw))] {
				if strings.Contains(b.String(), raw) {
					t.Fatalf("%s %s holds a raw identifier", y.Year, table)
				}
			}
		}
	}
	if len(p.Raw) == 0 {
		t.Error("no children known only to early help or HAF")
	}
}

// hafRows is every row of the year's HAF file.
func hafRows(y *PartnerYear) [][]string {
	rows := make([][]string, y.HAFLen())
	for n := range rows {
		rows[n] = y.HAFRow(n)
	}
	return rows
}

// Each injected mistake is caught by the reader.
func TestPartnersInjected(t *testing.T) {
	p := partnersOf(t, 0.05)
	if len(p.Injected) == 0 {
		t.Fatal("no mistakes injected")
	}
	caught := map[string]bool{}
	for i, y := range p.Years {
		for _, table := range []string{"EarlyHelp", "HAF"} {
			var b bytes.Buffer
			p.WriteCSV(&b, i, table)
			_, problems, err := earlyhelp.ReadCSV(table+".csv", b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range problems {
				if pr.Severity == returns.Invalid {
					caught[y.Year.String()+table+pr.Field+string(rune(pr.Line))] = true
				}
			}
		}
	}
	for _, e := range p.Injected {
		if !caught[e.Year.String()+string(e.Table)+e.Field+string(rune(e.Row+1))] {
			t.Errorf("%s %s row %d %s (%s) was not caught", e.Year, e.Table, e.Row, e.Field, e.Kind)
		}
	}
}

func TestYearGroup(t *testing.T) {
	tests := []struct {
		dob, on calendar.Date
		want    int
	}{
		{calendar.NewDate(2015, 3, 1), calendar.NewDate(2019, 10, 1), 0},
		{calendar.NewDate(2014, 10, 1), calendar.NewDate(2019, 10, 1), 0},
		{calendar.NewDate(2014, 8, 31), calendar.NewDate(2019, 10, 1), 1},
		{calendar.NewDate(2015, 3, 1), calendar.NewDate(2025, 7, 28), 5},
	}
	for _, tt := range tests {
		if got := yearGroup(tt.dob, tt.on); got != tt.want {
			t.Errorf("yearGroup(%s, %s) = %d; want %d", tt.dob, tt.on, got, tt.want)
		}
	}
}
