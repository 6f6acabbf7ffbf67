package pack

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func savingsSection() *Savings {
	return &Savings{Split: "the order of precedence", DataEnd: "31 March 2026",
		Programmes: []SavingsProgramme{{Name: "Front door", Gross: 120000, Net: 120000, NetP5: 60000, NetP95: 190000, Target: 100000, Basis: "Forecast."},
			{Name: "Edge <of> care", Gross: 80000, Net: 50000, NetP5: 20000, NetP95: 90000, Basis: "Forecast."}},
		Quarters: []SavingsQuarter{{Quarter: "2026/27 Q1", Months: 3, Net: 70000, NetP5: 30000, NetP95: 110000, Target: 50000, CumulativeNet: 70000, CumulativeTarget: 50000},
			{Quarter: "2026/27 Q2", Months: 2, Net: 100000, NetP5: 50000, NetP95: 170000, Target: 50000, CumulativeNet: 170000, CumulativeTarget: 100000}},
		Gross: 200000, Combined: 170000, Overlap: 30000, Net: 170000, NetP5: 90000, NetP95: 260000, Target: 100000,
		Notes: []string{"Nothing in the ledger is about a child."}}
}

// TestSavingsInPack puts a savings section in the pack: the HTML has the
// section, its contents line, the chart and the tables, escaped; the
// workbook has its sheet; a pack without one has neither.
func TestSavingsInPack(t *testing.T) {
	set, pop := authority(t, 300, 2)
	q := quarter(t, "2025/26 Q4")
	m := Pack{Set: set, Population: pop, Quarter: q, Savings: savingsSection()}.Model()
	var page bytes.Buffer
	if err := m.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	for _, want := range []string{`<a href="#savings">`, `id="savings-heading"`, "<svg class=\"savings-chart\"", "£170,000 (90% interval £90,000 to £260,000)",
		"would count £30,000 twice", "Edge &lt;of&gt; care", "2026/27 Q2 (2 months)", "Nothing in the ledger is about a child."} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML pack has no %q", want)
		}
	}
	var book bytes.Buffer
	if err := m.WriteXLSX(&book); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(savingsSheet)
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Front door|120,000|120,000|60,000|190,000|100,000", "2026/27 Q2|2|100,000|50,000|170,000|50,000|170,000|100,000", "Net total|200,000|170,000", "counted twice if claims were added): £30,000"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Savings sheet has no %q:\n%s", want, text)
		}
	}
	plain := Pack{Set: set, Population: pop, Quarter: q}.Model()
	page.Reset()
	if err := plain.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "savings") {
		t.Error("a pack without savings mentions them")
	}
}

func TestSavingsChart(t *testing.T) {
	if SavingsChart(nil) != "" || SavingsChart(&Savings{}) != "" {
		t.Error("no quarters drew a chart")
	}
	one := savingsSection()
	one.Quarters = one.Quarters[:1]
	if svg := string(SavingsChart(one)); !strings.Contains(svg, "</svg>") || strings.Contains(svg, "NaN") {
		t.Errorf("one quarter drew %s", svg)
	}
	if got := PoundsText(-1234567); got != "-£1,234,567" {
		t.Errorf("PoundsText(-1234567) = %s", got)
	}
}
