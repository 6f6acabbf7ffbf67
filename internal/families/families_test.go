package families

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// prefixed is a stand-in for the council's keyed pseudonyms: it only
// marks each ID, so that a test can see the join uses pseudonyms.
type prefixed struct{}

func (prefixed) Pseudonym(kind, id string) (string, error) { return kind + ":" + id, nil }

type failing struct{}

func (failing) Pseudonym(string, string) (string, error) { return "", errors.New("no key") }

// links is the family-link file of the case TestRecurrent checks.
const links = `child,mother
la_child_id:A1,M1
la_child_id:A2,M1
la_child_id:A3,M1
la_child_id:B1,M2
la_child_id:B2,M2
la_child_id:C1,M3
la_child_id:D1,M4
la_child_id:D2,M4
`

// TestRecurrent checks recurrent care in 2025/26 by hand. The first
// return is 2024/25's, starting 01/04/2024.
//
//	M1  A1 in care from 01/04/2024 (the first return's first day: began
//	    then or before, day not known); A2 from 01/06/2024 (before the
//	    period); A3, a baby, from 10/05/2025: a second or later child, her
//	    earlier sibling A2's entry 343 days before.
//	M2  B1 from 01/07/2025 and B2, a baby, from 01/12/2025: 153 days.
//	M3  C1 alone, from 01/08/2025: not recurrent.
//	M4  D1 from 01/05/2024, left care 01/08/2024, D2, aged 4, 01/02/2026:
//	    641 days after D1's entry (365 to 01/05/2025, then 276).
//	E1  a baby from 01/09/2025 with no link: a start under 1 with no
//	    earlier child known.
//
// Mothers: M1, M2, M4 (3). Children: A3, B2, D2. Starts under 1: A3, B2,
// E1 (3), with a sibling before: A3, B2 (2). Intervals 343, 153, 641:
// median 343.
func TestRecurrent(t *testing.T) {
	first := ssda903.NewReturn(2025, "E06000999")
	second := ssda903.NewReturn(2026, "E06000999")
	add := func(r *ssda903.Return, id, dob, start, end, rec string) {
		r.Ensure(ssda903.Header).Add(id, "F", dob, "WBRI", "UN1", "", "")
		r.Ensure(ssda903.Episodes).Add(id, start, "S", "C2", "N1", "U1", "PR1", end, rec, "", "", "", "")
	}
	add(first, "A1", "01/01/2015", "01/04/2024", "", "")
	add(first, "A2", "01/01/2018", "01/06/2024", "", "")
	add(first, "D1", "01/01/2016", "01/05/2024", "01/08/2024", "E13")
	add(second, "A1", "01/01/2015", "01/04/2024", "", "")
	add(second, "A2", "01/01/2018", "01/06/2024", "", "")
	add(second, "A3", "01/03/2025", "10/05/2025", "", "")
	add(second, "B1", "01/01/2020", "01/07/2025", "", "")
	add(second, "B2", "01/10/2025", "01/12/2025", "", "")
	add(second, "C1", "01/01/2019", "01/08/2025", "", "")
	add(second, "D2", "01/01/2022", "01/02/2026", "", "")
	add(second, "E1", "01/08/2025", "01/09/2025", "", "")
	set, err := journey.Build([]*ssda903.Return{first, second})
	if err != nil {
		t.Fatal(err)
	}
	l, err := ReadLinks("family-links.csv", strings.NewReader(links))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Recurrent(set, l, prefixed{}, calendar.Year(2026).Period())
	if err != nil {
		t.Fatal(err)
	}
	if got.Mothers != 3 || !slices.Equal(got.Children, []string{"A3", "B2", "D2"}) || got.StartsUnder1 != 3 || got.WithSibling != 2 ||
		got.LeftOut != 0 || got.Unlinked != 1 {
		t.Errorf("got %+v", got)
	}
	if m, ok := got.MedianInterval(); !ok || m != 343 {
		t.Errorf("median interval %v (%v), want 343 days", m, ok)
	}
	if _, err := Recurrent(set, l, failing{}, calendar.Year(2026).Period()); err == nil || strings.Contains(err.Error(), "A1") {
		t.Errorf("a failing pseudonymiser: %v", err)
	}
}

func TestReadLinksErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"empty", "", "family-links.csv: empty"},
		{"no mother column", "child\nX\n", "family-links.csv:1: no column mother"},
		{"a blank mother", "child,mother\nX,\n", "family-links.csv:2:2: mother is blank"},
		{"two mothers", "child,mother\nX,M1\nX,M2\n", "family-links.csv:3:2: the child on line 2 is given another mother here"},
	}
	for _, tt := range tests {
		_, err := ReadLinks("family-links.csv", strings.NewReader(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "M1") {
			t.Errorf("%s: the error shows a mother's pseudonym: %v", tt.name, err)
		}
	}
}

// FuzzReadLinks checks that no file makes the reader panic, and that
// every link it accepts names a child and a mother.
func FuzzReadLinks(f *testing.F) {
	f.Add(links)
	f.Add("child,mother\n\"x")
	f.Fuzz(func(t *testing.T, text string) {
		l, err := ReadLinks("f.csv", strings.NewReader(text))
		if err != nil {
			return
		}
		for _, x := range l {
			if x.Child == "" || x.Mother == "" {
				t.Errorf("accepted %+v", x)
			}
		}
	})
}

// TestFigures checks recurrent care's figures are suppressed as small
// numbers when published.
func TestFigures(t *testing.T) {
	r := Result{Mothers: 3, Children: []string{"A", "B", "C"}, StartsUnder1: 40, WithSibling: 10, Intervals: []int{100, 200, 300}}
	want := map[bool][]string{false: {"3", "25.0", "200"}, true: {"c", "25.0", "c"}}
	for publishable, texts := range want {
		for i, f := range r.Figures(disclose.PolicyOf(publishable)) {
			if f.Value.Text() != texts[i] {
				t.Errorf("%s publishable %v: %q, want %q", f.ID, publishable, f.Value.Text(), texts[i])
			}
		}
	}
}

// TestSyntheticLinks reads back the family links village synth writes, as
// the council's pseudonymised file would be read (each child's ID
// pseudonymised as the 903's are), and finds recurrent care in them.
func TestSyntheticLinks(t *testing.T) {
	res, err := synth.Generate(synth.Config{Children: 300, Years: 3, Until: calendar.NewDate(2026, 3, 31), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	rows := res.FamilyLinks(4)
	for i := range rows {
		rows[i].Child, _ = prefixed{}.Pseudonym(ChildKind, rows[i].Child)
	}
	if err := synth.WriteFamilyLinksCSV(&file, rows); err != nil {
		t.Fatal(err)
	}
	l, err := ReadLinks("family-links.csv", &file)
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Recurrent(set, l, prefixed{}, calendar.Year(2026).Period())
	if err != nil {
		t.Fatal(err)
	}
	if got.Mothers == 0 || got.Unlinked != 0 || got.StartsUnder1 == 0 || len(got.Intervals) == 0 {
		t.Errorf("synthetic recurrent care: %d mothers, %d unlinked, %d of %d babies with a sibling, %d intervals",
			got.Mothers, got.Unlinked, got.WithSibling, got.StartsUnder1, len(got.Intervals))
	}
	t.Logf("2025/26: %d mothers, %d of %d babies with an earlier sibling, %d intervals", got.Mothers, got.WithSibling, got.StartsUnder1, len(got.Intervals))
}

func TestCheckPseudonymised(t *testing.T) {
	p := strings.Repeat("AB234567", 4)
	tests := []struct {
		name  string
		links []Link
		want  string
	}{
		{"pseudonyms", []Link{{Child: p, Mother: p, Line: 2}}, ""},
		{"a raw mother", []Link{{Child: p, Mother: "M100001", Line: 2}}, "f.csv:2: the mother is not a pseudonym"},
		{"a raw child", []Link{{Child: p, Mother: p, Line: 2}, {Child: "A1", Mother: p, Line: 3}}, "f.csv:3: the child is not a pseudonym"},
	}
	for _, tt := range tests {
		err := CheckPseudonymised("f.csv", tt.links)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
		if err != nil && (strings.Contains(err.Error(), "M100001") || strings.Contains(err.Error(), "A1")) {
			t.Errorf("%s: the error quotes an identifier: %v", tt.name, err)
		}
	}
}

func TestKnown(t *testing.T) {
	k := Known{"A1": "P1"}
	if p, err := k.Pseudonym(ChildKind, "A1"); p != "P1" || err != nil {
		t.Errorf("A1: %q, %v", p, err)
	}
	if p, err := k.Pseudonym(ChildKind, "B1"); p != "" || err != nil {
		t.Errorf("an unlinked child: %q, %v", p, err)
	}
	if _, err := k.Pseudonym("upn", "A1"); err == nil {
		t.Error("another kind gave no error")
	}
}
