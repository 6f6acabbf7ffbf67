package app

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file in testdata, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}

// TestExportFiles writes a partner's export as CSV and as a workbook and
// the yearly report as CSV and JSON, and compares them with golden files:
// the comment "=PEPs will slip" is a formula to a spreadsheet, so it is
// written '=PEPs will slip.
func TestExportFiles(t *testing.T) {
	r, _ := reportRegister(t)
	ctx := context.Background()
	partner := Actor{Name: "p.police", Role: "partner", Agency: "police"}
	ex, err := r.Export(ctx, partner, "", Filter{}, Holdings{})
	if err != nil {
		t.Fatal(err)
	}
	tables := ex.Tables()
	for _, tb := range tables {
		var b bytes.Buffer
		if err := WriteCSV(&b, tb); err != nil {
			t.Fatal(err)
		}
		golden(t, "export-"+strings.ToLower(tb.Name)+".csv", b.Bytes())
	}
	if !strings.Contains(string(must(os.ReadFile("testdata/export-acknowledgements.csv"))), ",'=PEPs will slip,") {
		t.Error("the comment starting = is not escaped in the CSV")
	}
	var wb bytes.Buffer
	if err := WriteXLSX(&wb, tables...); err != nil {
		t.Fatal(err)
	}
	golden(t, "export.xlsx.txt", dumpWorkbook(t, wb.Bytes()))

	p, _ := ParseReportPeriod("2025/26", "", "")
	rep, err := r.Report(ctx, partner, "", p, Holdings{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, LongTable(rep.Tables())); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.csv", b.Bytes())
	js, err := json.MarshalIndent(rep.JSON(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", append(js, '\n'))
	wb.Reset()
	if err := WriteXLSX(&wb, rep.Tables()...); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.xlsx.txt", dumpWorkbook(t, wb.Bytes()))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// dumpWorkbook writes every sheet's cells as text, tab-separated, as
// Excel would show them.
func dumpWorkbook(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n", name)
		for _, row := range rows {
			fmt.Fprintln(&b, strings.Join(row, "\t"))
		}
	}
	return b.Bytes()
}
