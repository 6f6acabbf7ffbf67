package sheet

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Fostering", "Fostering"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+44", "'+44"},
		{"-3", "'-3"},
		{"@cmd", "'@cmd"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"}, // only the first character matters
		// The validation report's cases, from when it had its own copy.
		{"+1", "'+1"}, {"-2", "'-2"}, {"@x", "'@x"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"label", "value"}, {"=1+1", 2.5}, {}, {nil, "-x"}}
	if err := WriteRows(f, "Sheet1", rows); err != nil {
		t.Fatal(err)
	}
	// Cell by cell: text escaped, the number kept, row 3 empty, A4 empty.
	want := map[string]string{"A1": "label", "B1": "value", "A2": "'=1+1", "B2": "2.5", "A3": "", "A4": "", "B4": "'-x"}
	for cell, w := range want {
		got, err := f.GetCellValue("Sheet1", cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("%s = %q, want %q", cell, got, w)
		}
	}
	if formula, _ := f.GetCellFormula("Sheet1", "A2"); formula != "" {
		t.Errorf("A2 holds the formula %q; want text", formula)
	}
}

func TestNew(t *testing.T) {
	f, err := New("About", "By category", "Spend")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"About", "By category", "Spend"}) {
		t.Errorf("sheets %q; want About, By category, Spend", got)
	}
	// Excel refuses sheet names longer than 31 characters.
	if _, err := New("About", "a name far longer than Excel's thirty-one"); err == nil || !strings.Contains(err.Error(), `sheet "a name far longer`) {
		t.Errorf("a long name: error %v", err)
	}
}

func TestWriteWorkbook(t *testing.T) {
	var buf bytes.Buffer
	err := WriteWorkbook(&buf, Rows{Name: "Programmes", Rows: [][]any{{"programme", "net (£)"}, {"=panel", 1200}}}, Rows{Name: "Method", Rows: [][]any{{"note"}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Programmes", "Method"}) {
		t.Errorf("sheets %q; want Programmes, Method", got)
	}
	rows, err := f.GetRows("Programmes")
	if err != nil || len(rows) != 2 || rows[1][0] != "'=panel" || rows[1][1] != "1200" {
		t.Errorf("Programmes rows %q, %v; want the heading and the escaped row", rows, err)
	}
	if err := WriteWorkbook(&buf, Rows{Name: "a name far longer than Excel's thirty-one"}); err == nil {
		t.Errorf("a long sheet name: no error")
	}
}
