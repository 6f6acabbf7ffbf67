package cin

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump writes every table, row by row with its line, and every problem, as
// the golden files hold them.
func dump(tables map[TableName]*returns.Table, problems returns.Problems) []byte {
	var b bytes.Buffer
	for _, s := range Schemas {
		t := tables[s.Name]
		fmt.Fprintf(&b, "%s (%d rows): %s\n", s.Name, t.Len(), strings.Join(columnNames(s), ","))
		for _, r := range t.Rows {
			fmt.Fprintf(&b, "  line %d: %s\n", r.Line, strings.Join(r.Values, " | "))
		}
	}
	fmt.Fprintf(&b, "problems (%d):\n", len(problems))
	for _, p := range problems {
		fmt.Fprintf(&b, "  %s [%s %s]\n", p.Error(), p.Severity, p.Path)
	}
	return b.Bytes()
}

func columnNames(s *returns.Schema) []string {
	var names []string
	for _, c := range s.Columns {
		names = append(names, c.Name)
	}
	return names
}

func readFile(t *testing.T, path string) (map[TableName]*returns.Table, returns.Problems) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tables, problems, err := ReadXML(filepath.Base(path), f)
	if err != nil {
		t.Fatalf("ReadXML(%s): %v", path, err)
	}
	return tables, problems
}

// TestReadXMLGolden reads each synthetic census under testdata and
// compares its tables and problems with the golden file beside it.
func TestReadXMLGolden(t *testing.T) {
	for _, name := range []string{"small", "problems", "preproceedings"} {
		t.Run(name, func(t *testing.T) {
			got := dump(readFile(t, filepath.Join("testdata", name+".xml")))
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ReadXML(%s.xml) differs from %s; run go test -update and see git diff\n%s", name, golden, got)
			}
		})
	}
}

// TestReadXMLEveryReview checks that every CPPreviewDate of a Reviews
// block is a row, not only the first (the peer reads only the first).
func TestReadXMLEveryReview(t *testing.T) {
	tables, _ := readFile(t, filepath.Join("testdata", "small.xml"))
	reviews := tables[Reviews]
	var dates []string
	for i := range reviews.Rows {
		dates = append(dates, reviews.Get(i, "CPPreviewDate"))
	}
	if got, want := strings.Join(dates, " "), "2024-05-24 2024-11-20 2025-03-12"; got != want {
		t.Errorf("review dates = %s, want %s", got, want)
	}
}

// TestReadXMLPositions checks the positional numbers: referrals from 1
// for each child, assessments and plans from 1 for each referral.
func TestReadXMLPositions(t *testing.T) {
	tables, _ := readFile(t, filepath.Join("testdata", "small.xml"))
	tests := []struct {
		table   TableName
		columns []string
		want    string
	}{
		{CINdetails, []string{"LAchildID", "CINdetailsID"}, "SYN0001/1 SYN0001/2 SYN0002/1"},
		{Assessments, []string{"CINdetailsID", "AssessmentID", "AssessmentFactors"}, "1/1/3A,4B,16A 2/1/21 2/2/"},
		{AssessmentFactorsList, []string{"CINdetailsID", "AssessmentID", "AssessmentFactor"}, "1/1/3A 1/1/4B 1/1/16A 2/1/21"},
		{ChildProtectionPlans, []string{"CINdetailsID", "CPPID"}, "1/1"},
		{CINplanDates, []string{"CINdetailsID", "CINPlanStartDate"}, "2/2025-10-15"},
		{Disabilities, []string{"LAchildID", "Disability"}, "SYN0001/MOB SYN0001/COMM"},
	}
	for _, tt := range tests {
		tab := tables[tt.table]
		var rows []string
		for i := range tab.Rows {
			var parts []string
			for _, c := range tt.columns {
				parts = append(parts, tab.Get(i, c))
			}
			rows = append(rows, strings.Join(parts, "/"))
		}
		if got := strings.Join(rows, " "); got != tt.want {
			t.Errorf("%s %v = %q, want %q", tt.table, tt.columns, got, tt.want)
		}
	}
}

// TestReadXMLProblems checks that each problem of the problem file is
// found, located and says what was expected, and that the child with no
// LAchildID does not stop the others being read.
func TestReadXMLProblems(t *testing.T) {
	tables, problems := readFile(t, filepath.Join("testdata", "problems.xml"))
	tests := []struct {
		line     int
		field    string
		severity returns.Severity
		expected string
	}{
		{11, "Source", returns.Warning, "one Source in the Header"},
		{17, "LAchildID", returns.Invalid, "the child's identifier"},
		{19, "PersonBirthDate", returns.Invalid, "a date written YYYY-MM-DD"},
		{26, "CINreferralDate", returns.Invalid, "a date written YYYY-MM-DD"},
		{34, "LAchildID", returns.Warning, "one LAchildID in each ChildIdentifiers"},
		{36, "", returns.Warning, "one of LAchildID, UPN"},
		// The module is read, but a 2024/25 census cannot carry it.
		{42, "PreProceedingsandFGDM", returns.Invalid, "only in censuses from 2026/27"},
		{49, "NumberOfPreviousCPP", returns.Invalid, "a whole number"},
		{52, "CPPreviewDate", returns.Invalid, "a date written YYYY-MM-DD"},
		{63, "ChildIdentifiers", returns.Invalid, "ChildIdentifiers holding"},
		{70, "", returns.Warning, "one of Child"},
		{74, "", returns.Warning, "one of Header, Children"},
	}
	for _, tt := range tests {
		found := false
		for _, p := range problems {
			if p.Line == tt.line && p.Field == tt.field && p.Severity == tt.severity &&
				strings.Contains(p.Expected, tt.expected) && p.File == "problems.xml" && p.Path != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s problem with %q at line %d expecting %q in\n%v", tt.severity, tt.field, tt.line, tt.expected, problems)
		}
	}
	if len(problems) != len(tests) {
		t.Errorf("%d problems, want %d:\n%v", len(problems), len(tests), problems)
	}
	if got := tables[CINdetails].Children(); strings.Join(got, " ") != " SYN0004" {
		t.Errorf("children with referrals = %q, want the blank one and SYN0004", got)
	}
	if n := tables[Reviews].Len(); n != 2 {
		t.Errorf("%d reviews, want 2", n)
	}
	if got := tables[ChildProtectionPlans].Get(1, "CPPID"); got != "2" {
		t.Errorf("second plan's CPPID = %q, want 2", got)
	}
}

// TestReadXMLFatal checks that a file that is not a census, or not
// well-formed, is refused with one fatal problem.
func TestReadXMLFatal(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"903", `<?xml version="1.0"?><EXPSSDA903><CHILD/></EXPSSDA903>`, "Message"},
		{"unclosed", `<Message><Children><Child>`, ""},
		{"empty", ``, ""},
	}
	for _, tt := range tests {
		tables, problems, err := ReadXML(tt.name+".xml", strings.NewReader(tt.text))
		if err == nil || tables != nil || problems != nil {
			t.Errorf("%s: ReadXML = %v, %v, %v; want only an error", tt.name, tables, problems, err)
			continue
		}
		ps := returns.AsProblems(err, tt.name)
		if ps.Worst() != returns.Fatal || !strings.Contains(ps.Error(), tt.want) {
			t.Errorf("%s: error %v, want a fatal problem mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestInferYear(t *testing.T) {
	tests := []struct {
		name                string
		referenceDate, year string
		referrals           []string
		want                calendar.Year
		ok                  bool
	}{
		{"reference date", "2026-03-31", "2025", nil, 2026, true},
		{"year", "", "2026", nil, 2026, true},
		{"bad year", "31/03/2026", "26", []string{"2025-05-01", "2025-06-01"}, 2026, true},
		{"dates", "", "", []string{"2024-05-01", "2025-06-01"}, 2026, true},
		{"nothing", "", "", nil, 0, false},
	}
	for _, tt := range tests {
		r := returns.NewReturn(Collection, 0, "")
		h := r.Ensure(Header)
		h.Add()
		h.Rows[0].Values[h.Schema.Index("ReferenceDate")] = tt.referenceDate
		h.Rows[0].Values[h.Schema.Index("Year")] = tt.year
		d := r.Ensure(CINdetails)
		for _, date := range tt.referrals {
			d.Add("C1", "1", date)
		}
		if got, ok := InferYear(r); got != tt.want || ok != tt.ok {
			t.Errorf("%s: InferYear = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
