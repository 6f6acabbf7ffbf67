package returns

import (
	"errors"
	"io"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestReadCSVAnyReturn(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		table    TableName
		rows     [][]string
		absent   []string
		problems []string
		fatal    string
	}{
		{
			name:  "recognised by headers in any order and case",
			text:  "kind, Born ,id\r\nB,01/02/2010,7\r\n",
			table: "People", rows: [][]string{{"7", "01/02/2010", "B", ""}}, absent: []string{"NOTE"},
		},
		{
			name:  "values checked by kind",
			text:  "ID,DAY,SCORE,KIND\n1,2010-01-01,x,Z\n",
			table: "Visits", rows: [][]string{{"1", "2010-01-01", "x", "Z"}},
			problems: []string{`t.csv:2:2: DAY: "2010-01-01"; expected a date written DD/MM/YYYY`,
				`t.csv:2:3: SCORE: "x"; expected a whole number`},
		},
		{
			name:  "partial dates",
			text:  "LA,SINCE\n201,ZZ/04/2020\n202,ZZ\n",
			table: "Settings", rows: [][]string{{"201", "ZZ/04/2020"}, {"202", "ZZ"}},
			problems: []string{`t.csv:3:2: SINCE: "ZZ"; expected a date written ` + calendar.PartialDateLayout},
		},
		{
			name:  "nearest table named with the collection's name",
			text:  "ID,DAY\n",
			fatal: `t.csv:1: looks like the Visits table but lacks the column(s) SCORE, KIND; expected the columns ID, DAY, SCORE, KIND`,
		},
		{
			name: "a quote left open is reported where its row begins",
			text: "ID,BORN,KIND\n1,01/01/2010,A\n2,\"01/01/2010,A\n3,01/01/2010,A\n4,01/01/2010,A\n",
			fatal: `t.csv:3: malformed CSV: a quoted field in the row that begins on this line is never closed, so the rest of the file, to line 5, would be inside it; ` +
				`expected a closing quote at the end of each quoted field, with any quotes inside it doubled`,
		},
		{
			name:  "a stray quote is reported where it is",
			text:  "ID,BORN,KIND\n1,\"01/01\n/2010\"x,A\n2,01/01/2010,A\n",
			fatal: `t.csv:3: malformed CSV at character 6 of the line: extraneous or missing " in quoted-field; expected fields separated by commas, with any quotes doubled inside a quoted field`,
		},
		{
			name: "UTF-16 without a byte-order mark",
			text: "I\x00D\x00,\x00B\x00O\x00R\x00N\x00",
			fatal: `t.csv: the text looks like UTF-16 (a zero byte beside each letter) but does not start with a byte-order mark; ` +
				`expected UTF-8 text (Excel saves it as CSV UTF-8), or UTF-16 starting with a byte-order mark`,
		},
		{
			name:  "shared columns say nothing of the table",
			text:  "ID,KIND\n",
			fatal: `t.csv:1: "ID,KIND" these column headings match no Toy table; if t.csv is not part of the return, move it out of the folder; expected the headings of one of People, Visits, Settings`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, problems, err := toy.ReadCSV("t.csv", strings.NewReader(tt.text))
			if tt.fatal != "" {
				if err == nil || err.Error() != tt.fatal {
					t.Fatalf("error %v, want %s", err, tt.fatal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if table.Name() != tt.table {
				t.Errorf("recognised as %s, want %s", table.Name(), tt.table)
			}
			var got [][]string
			for _, r := range table.Rows {
				got = append(got, r.Values)
			}
			if !reflect.DeepEqual(got, tt.rows) || !reflect.DeepEqual(table.Absent, tt.absent) {
				t.Errorf("rows %q absent %q, want %q and %q", got, table.Absent, tt.rows, tt.absent)
			}
			if got := messages(problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestReadCSVKeepingReadsTheRowsOfTheTablesKept(t *testing.T) {
	onlyPeople := func(name TableName) bool { return name == "People" }
	for _, c := range []struct {
		name, text string
		table      TableName
		rows       int
		problems   []string
		fatal      bool
	}{
		{"a table kept is read whole", "ID,BORN,KIND,EXTRA\n1,2010-01-01,A,x\n2,01/01/2010,B,y\n", "People", 2,
			[]string{`t.csv:1:4: warning: "EXTRA" unknown column ignored; expected only the People columns ID, BORN, KIND`,
				`t.csv:2:2: BORN: "2010-01-01"; expected a date written DD/MM/YYYY`}, false},
		{"another is known by its header, its rows unread and unchecked", "ID,DAY,SCORE,KIND,EXTRA\n1,2010-01-01,x,Z,\n\"broken\n", "Visits", 0,
			[]string{`t.csv:1:5: warning: "EXTRA" unknown column ignored; expected only the Visits columns ID, DAY, SCORE, KIND`}, false},
		{"a header matching no table is still refused", "ID,KIND\n", "", 0, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			table, problems, err := toy.ReadCSVKeeping("t.csv", strings.NewReader(c.text), onlyPeople)
			if c.fatal {
				if err == nil {
					t.Fatalf("read as %s, want refused", table.Name())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if table.Name() != c.table || table.Len() != c.rows {
				t.Errorf("%s with %d rows, want %s with %d", table.Name(), table.Len(), c.table, c.rows)
			}
			if got := messages(problems); !reflect.DeepEqual(got, c.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, c.problems)
			}
		})
	}
}

func messages(ps Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

// sized is a reader that says it holds more than it does.
type sized struct {
	io.Reader
	n int
}

func (s sized) Len() int { return s.n }

func TestReadersRefuseHugeFiles(t *testing.T) {
	huge := sized{strings.NewReader("ID,BORN,KIND\n"), MaxFileSize + 1}
	if _, _, err := toy.ReadCSV("big.csv", huge); err == nil || !strings.Contains(err.Error(), "larger than 1 GB") {
		t.Errorf("CSV reader: %v, want a refusal", err)
	}
	huge = sized{strings.NewReader("<R/>"), MaxFileSize + 1}
	if _, err := ScanXML("big.xml", huge, toyLayout, func(*XMLRecord) {}); err == nil || !strings.Contains(err.Error(), "larger than 1 GB") {
		t.Errorf("XML scanner: %v, want a refusal", err)
	}
	failing := io.MultiReader(strings.NewReader("ID"), iotestErr{})
	if _, _, err := toy.ReadCSV("bad.csv", failing); err == nil || !strings.Contains(err.Error(), "cannot read: disk gone") {
		t.Errorf("CSV reader on a failing reader: %v", err)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

func TestCodeLists(t *testing.T) {
	tests := []struct {
		code  string
		year  calendar.Year
		valid bool
	}{
		{"A", 2025, true}, {"A", 2026, false}, {"B", 2020, true}, {"B", 2030, true},
		{"C", 2025, false}, {"C", 2026, true}, {"b", 2026, false}, {"", 2026, false},
	}
	for _, tt := range tests {
		if got := toy.Codes.Valid("KIND", tt.code, tt.year); got != tt.valid {
			t.Errorf("Valid(KIND, %q, %s) = %v, want %v", tt.code, tt.year, got, tt.valid)
		}
	}
	if got := toy.Codes.Codes("KIND", 2026); !reflect.DeepEqual(got, []string{"B", "C"}) {
		t.Errorf("codes in 2025/26 = %q", got)
	}
	if m, ok := toy.Codes.Meaning("KIND", "A"); !ok || m != "Old kind" {
		t.Errorf("meaning of A = %q, %v", m, ok)
	}
	if got := toy.Codes.Fields(); !reflect.DeepEqual(got, []string{"KIND"}) {
		t.Errorf("fields = %q", got)
	}
	for _, bad := range []string{"field,code,from,until,meaning\nKIND,A,,soon,x\n", "field,code\nKIND,A\n"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("malformed code list %q was accepted", bad)
				}
			}()
			NewCodeLists("bad", []byte(bad)).Valid("KIND", "A", 2026)
		}()
	}
}

func TestReturnAndSummary(t *testing.T) {
	r := NewReturn(toy, 2026, "E1")
	people := r.Ensure("People")
	people.Add("2", "01/01/2010", "C")
	people.Add("1", "x", "A")
	people.Add("2", "", "")
	if r.Ensure("People") != people || r.Table("Visits") != nil {
		t.Fatal("Ensure did not keep the table it made")
	}
	if got := people.Children(); !reflect.DeepEqual(got, []string{"1", "2"}) {
		t.Errorf("children %q", got)
	}
	if people.Has("NOTE") != true || people.Has("DAY") {
		t.Error("Has is wrong")
	}
	s := toy.Summarise(r)
	want := Summary{Year: 2026, LA: "E1", Tables: []TableSummary{{Name: "People", Rows: 3, Children: 2,
		Dates: []DateSpan{{Column: "BORN", First: calendar.NewDate(2010, 1, 1), Last: calendar.NewDate(2010, 1, 1), Valid: 1, Blank: 1, NotADate: 1}},
		Codes: []CodeCounts{{Column: "KIND", Counts: []CodeCount{{"", 1, true}, {"A", 1, false}, {"C", 1, true}}}}}}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("summary\n got %+v\nwant %+v", s, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("Ensure of an unknown table did not panic")
		}
	}()
	r.Ensure("Nothing")
}

// TestNoIO keeps package returns free of file system, network and database
// code, so that the rule engine, which reads its tables, compiles to
// WebAssembly.
func TestNoIO(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, ".").Output()
	if err != nil {
		t.Skipf("go list is not available here: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		if imp == "os" || imp == "path/filepath" || imp == "io/fs" || strings.HasPrefix(imp, "net") || strings.HasPrefix(imp, "database/") {
			t.Errorf("package returns imports %s", imp)
		}
	}
}
