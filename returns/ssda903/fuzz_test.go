package ssda903

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/calendar"
)

func addSeeds(f *testing.F, pattern string, extra ...string) {
	paths, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
}

// FuzzReadCSV checks that no input makes the CSV reader panic, that a
// fatal error never comes with a table, and that every row read has one
// value per column and survives being written and read again.
func FuzzReadCSV(f *testing.F) {
	addSeeds(f, filepath.Join("testdata", "small", "*.csv"),
		"", "\xef\xbb\xbfCHILD,DOB,REVIEW,REVIEW_CODE\r\n1,1/1/2020,x,\"a\"\"b\"\r\n",
		"CHILD,DOB,MISSING,MIS_START,MIS_END\n\"1\n2\",01/01/2010,M,,\n", "\xff\xfeC\x00")
	f.Fuzz(func(t *testing.T, data []byte) {
		table, problems, err := ReadCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if table != nil || problems != nil {
				t.Fatal("a fatal error came with a table or problems")
			}
			if AsProblems(err, "fuzz.csv").Worst() != Fatal {
				t.Fatal("the error holds no fatal problem")
			}
			return
		}
		for _, r := range table.Rows {
			if len(r.Values) != len(table.Schema.Columns) {
				t.Fatalf("row at line %d has %d values for %d columns", r.Line, len(r.Values), len(table.Schema.Columns))
			}
		}
		for _, p := range problems {
			if p.Severity == Fatal {
				t.Fatalf("fatal problem without an error: %v", p)
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, table); err != nil {
			t.Fatal(err)
		}
		again, _, err := ReadCSV("again.csv", &buf)
		if err != nil {
			t.Fatalf("rereading what was written: %v", err)
		}
		if again.Name() != table.Name() {
			t.Fatalf("table %s came back as %s", table.Name(), again.Name())
		}
	})
}

// FuzzReadXML checks that no input makes the XML reader panic and that a
// successful read always has Header and Episodes tables with whole rows.
func FuzzReadXML(f *testing.F) {
	addSeeds(f, filepath.Join("testdata", "*.xml"),
		"<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID></HEADER></CHILD></EXPSSDA903>",
		"<EXPSSDA903><CHILD><EPISODE><PL>U1</PL><X/></EPISODE></CHILD></EXPSSDA903>",
		`<?xml version="1.0" encoding="windows-1252"?><EXPSSDA903/>`)
	f.Fuzz(func(t *testing.T, data []byte) {
		tables, problems, err := ReadXML("fuzz.xml", bytes.NewReader(data))
		if err != nil {
			if tables != nil || problems != nil {
				t.Fatal("a fatal error came with tables or problems")
			}
			return
		}
		if tables[Header] == nil || tables[Episodes] == nil {
			t.Fatal("Header or Episodes missing from a successful read")
		}
		for name, table := range tables {
			for _, r := range table.Rows {
				if len(r.Values) != len(table.Schema.Columns) {
					t.Fatalf("%s row has %d values for %d columns", name, len(r.Values), len(table.Schema.Columns))
				}
			}
		}
	})
}

// FuzzParseDate checks that no text makes the date parsers panic and that
// every date they accept is written back in a form they read as the same
// date: ParseDate's DD/MM/YYYY and ParsePartialDate's ZZ for unknown parts.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"01/04/2025", "1/4/2025", "29/02/2024", "29/02/2023", "ZZ/04/2025", "zz/ZZ/ZZZZ",
		"29/02/ZZZZ", "31/04/2025", " 01/04/2025", "01/04/25", "", "//", "00/00/0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := calendar.ParseDate(s); ok {
			if again, ok := calendar.ParseDate(d.String()); !ok || again != d {
				t.Fatalf("ParseDate(%q) = %s, which reads back as %v, %v", s, d, again, ok)
			}
		}
		if p, ok := calendar.ParsePartialDate(s); ok {
			if again, ok := calendar.ParsePartialDate(p.String()); !ok || again != p {
				t.Fatalf("ParsePartialDate(%q) = %s, which reads back as %+v, %v", s, p, again, ok)
			}
		}
	})
}
