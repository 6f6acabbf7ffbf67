package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/validate"
)

func sampleReport() *validate.Report {
	r1 := &validate.Info{Code: "101", Message: "The child or young person’s reported sex is not valid."}
	r2 := &validate.Info{Code: "INT01", Message: "Data Integrity Check: Child in AD1 does not exist in Header.", Origin: validate.Village}
	return &validate.Report{
		Year: 2026,
		Ran:  []*validate.Info{r1, r2},
		Skipped: []validate.Skip{{Rule: &validate.Info{Code: "164", Message: "Distance is not valid."},
			Reason: "needs a postcode directory"}},
		Failures: []validate.Failure{
			{Rule: r1, Table: validate.Table("Header"), Row: 4, File: "2025-26/header.csv", Line: 5, Child: "=1+2", Fields: []validate.FieldValue{{Name: "SEX", Value: "1"}},
				Explanation: `SEX is "1", which is not in the 2025/26 code list (M, F, U)`},
			{Rule: r1, Table: validate.Table("Header"), Row: 9, Child: "77", Fields: []validate.FieldValue{{Name: "SEX", Value: ""}}, Explanation: "SEX is blank"},
			{Rule: r2, Table: validate.Table("AD1"), Last: true, Row: 1, File: "2024-25/ad1.csv", Line: 2, Child: "77", Explanation: "child 77 is in AD1 but not in Header"},
		},
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "out.csv", sampleReport(), ""); err != nil {
		t.Fatal(err)
	}
	want := `rule,origin,message,table,year,file,line,row,child,fields,explanation
101,DfE,The child or young person’s reported sex is not valid.,Header,2025/26,2025-26/header.csv,5,4,'=1+2,SEX=1,"SEX is ""1"", which is not in the 2025/26 code list (M, F, U)"
101,DfE,The child or young person’s reported sex is not valid.,Header,2025/26,,,9,77,SEX=,SEX is blank
INT01,Village,Data Integrity Check: Child in AD1 does not exist in Header.,AD1,2024/25,2024-25/ad1.csv,2,1,77,,child 77 is in AD1 but not in Header
`
	if buf.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "out.JSON", sampleReport(), "E06000999"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Year     string                          `json:"collection_year"`
		Failures int                             `json:"failures"`
		Children int                             `json:"children_affected"`
		Skipped  []struct{ Rule, Reason string } `json:"rules_skipped"`
		Missing  []string                        `json:"tables_missing"`
		Rows     []struct {
			Rule, Year, File string
			Row, Line        int
			Fields           map[string]string
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Year != "2025/26" || got.Failures != 3 || got.Children != 2 || len(got.Rows) != 3 ||
		got.Rows[0].Fields["SEX"] != "1" || got.Skipped[0].Rule != "164" || got.Missing != nil ||
		got.Rows[0].Row != 4 || got.Rows[0].Line != 5 || got.Rows[0].File != "2025-26/header.csv" || got.Rows[0].Year != "2025/26" ||
		got.Rows[2].Year != "2024/25" || got.Rows[1].Line != 0 {
		t.Errorf("JSON: %s", buf.String())
	}
}

func TestWriteXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "out.xlsx", sampleReport(), ""); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Errors,By child,By rule,Skipped" {
		t.Errorf("sheets %s", got)
	}
	cells := map[string]string{"Errors!I2": "'=1+2", "Errors!H2": "4", "Errors!E2": "2025/26",
		"Errors!F2": "2025-26/header.csv", "Errors!G2": "5", "Errors!E4": "2024/25", "By child!A2": "77", "By child!B2": "2",
		"By child!C2": "101, INT01", "By rule!A2": "101", "By rule!D2": "2", "Skipped!C2": "needs a postcode directory"}
	for ref, want := range cells {
		sheet, cell, _ := strings.Cut(ref, "!")
		got, err := f.GetCellValue(sheet, cell)
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", ref, got, err, want)
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "out.txt", sampleReport(), "")
	if err == nil || err.Error() != "out.txt: cannot tell the report's format; expected a name ending .csv, .json or .xlsx" {
		t.Errorf("got %v", err)
	}
}
