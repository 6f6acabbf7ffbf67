package ofsted

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// workbook builds an .xlsx in memory: sheet name → rows.
func workbook(t *testing.T, sheets map[string][][]any, order ...string) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cellName, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cellName, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestAddChildrensHomesAndProviders(t *testing.T) {
	closed := time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)
	ch := workbook(t, map[string][][]any{
		"Provider information": {
			{"Children's homes list (synthetic)"},
			{"URN", "Local Authority", "Provider Code", "Provider Placement Code", "Closed Date", "Setting Postcode"},
			{"SC000001", "Villageshire", "PR4", "K2", "", "eg1 4ab"},
			{"SC000002", "Villageshire", "PR1/PR2", "K1/K2", closed, "EJ2 1CD"},
		},
	}, "Provider information")
	combined := workbook(t, map[string][][]any{
		"Providers":               {{"URN", "Local authority", "Placement code", "Placement provider code", "Deregistration date", "Setting address postcode"}, {"1234567", "Villageshire", "U4", "PR4", "01/02/2025", "EG1 4AB"}},
		"Supported accommodation": {{"URN", "Provider local authority", "Closed date", "Setting address postcode"}, {"2000001", "Villageshire", "", "EG1 4AB"}},
	}, "Providers", "Supported accommodation")
	dir, err := postcode.Read("pc.csv", strings.NewReader("pcd,oscty,oslaua,oseast1m,osnrth1m\nEG1 4AB,,E06000999,1,1\nEJ2 1CD,E10000099,E07000990,2,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	l := New()
	if err := l.Add("ch.xlsx", ch, dir); err != nil {
		t.Fatal(err)
	}
	if err := l.Add("combined.xlsx", combined, dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]rules.Provider{
		"SC000001": {URN: "SC000001", PlaceCodes: []string{"K2"}, ProviderCodes: []string{"PR4"}, Postcode: "EG14AB", LA: "E06000999", LAName: "Villageshire"},
		"SC000002": {URN: "SC000002", PlaceCodes: []string{"K1", "K2"}, ProviderCodes: []string{"PR1", "PR2"}, Postcode: "EJ21CD", LA: "E10000099", LAName: "Villageshire", Closed: true, RegEnd: 19996},
		"1234567":  {URN: "1234567", PlaceCodes: []string{"U4"}, ProviderCodes: []string{"PR4"}, Postcode: "EG14AB", LA: "E06000999", LAName: "Villageshire", Closed: true, RegEnd: 20120},
		"2000001":  {URN: "2000001", PlaceCodes: []string{"K3"}, ProviderCodes: []string{"PR4"}, Postcode: "EG14AB", LA: "E06000999", LAName: "Villageshire"},
	}
	if l.Len() != len(want) {
		t.Errorf("%d providers, want %d", l.Len(), len(want))
	}
	for urn, w := range want {
		got, ok := l.Provider(urn)
		if !ok || !reflect.DeepEqual(got, w) {
			t.Errorf("Provider(%s) = %+v, want %+v (regend %s)", urn, got, w, got.RegEnd)
		}
	}
}

func TestAddErrors(t *testing.T) {
	none := workbook(t, map[string][][]any{"Sheet": {{"Name", "Town"}, {"x", "y"}}}, "Sheet")
	if err := New().Add("x.xlsx", none, nil); err == nil || !strings.Contains(err.Error(), "no sheet has a URN column") {
		t.Errorf("got %v", err)
	}
	if err := New().Add("x.xlsx", strings.NewReader("not a workbook"), nil); err == nil || !strings.Contains(err.Error(), "x.xlsx: not a readable .xlsx workbook") {
		t.Errorf("got %v", err)
	}
	bad := workbook(t, map[string][][]any{"S": {{"URN", "Closed date"}, {"1", "soon"}}}, "S")
	if err := New().Add("b.xlsx", bad, nil); err == nil || err.Error() != `b.xlsx, sheet "S": row 2: date "soon": expected a date cell, DD/MM/YYYY or YYYY-MM-DD` {
		t.Errorf("got %v", err)
	}
}

func TestWriteReadsBack(t *testing.T) {
	in := []rules.Provider{
		{URN: "SC000001", PlaceCodes: []string{"K2"}, ProviderCodes: []string{"PR4"}, Postcode: "EG14AB", LAName: "Villageshire"},
		{URN: "SC000002", PlaceCodes: []string{"K3", "H5"}, ProviderCodes: []string{"PR1"}, Postcode: "EJ21CD", LAName: "Villageshire",
			Closed: true, RegEnd: 20000},
	}
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	l := New()
	if err := l.Add("list.xlsx", &buf, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range in {
		got, ok := l.Provider(want.URN)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("Provider(%s) = %+v, want %+v", want.URN, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		cell string
		want string // the date, or the start of the error
	}{
		{"45689", "01/02/2025"},   // Excel's serial for 1 February 2025: 45658 is 1 January, + 31
		{"2958465", "31/12/9999"}, // the last day Excel has
		{"01/02/2025", "01/02/2025"},
		{"2025-02-01", "01/02/2025"},
		{"2958466", `date "2958466": expected a date cell`},
		{"NaN", `date "NaN": expected a date cell`},
		{"Inf", `date "Inf": expected a date cell`},
		{"-1", `date "-1": invalid date value`},
		{"soon", `date "soon": expected a date cell`},
	}
	for _, tt := range tests {
		d, err := parseDate(tt.cell)
		got := d.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("parseDate(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}
