package pack

import (
	"bytes"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/synth"
)

// authority generates a synthetic authority of about children looked
// after and its journeys.
func authority(t testing.TB, children, years int) (*journey.Set, indicators.MidYear) {
	t.Helper()
	res, err := synth.Generate(synth.Config{Children: children, Years: years, Until: calendar.NewDate(2026, 3, 31), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	pop := indicators.MidYear{}
	for _, row := range res.Population {
		pop.Add(row.Year, row.Count)
	}
	return set, pop
}

func quarter(t testing.TB, label string) calendar.Period {
	t.Helper()
	q, err := calendar.ParsePeriod(label)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestWriteXLSX(t *testing.T) {
	set, pop := authority(t, 500, 5)
	q := quarter(t, "2025/26 Q4")
	var buf bytes.Buffer
	if err := (Pack{Set: set, Population: pop, Quarter: q, Full: true}).WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 4+len(indicators.All()) || sheets[0] != "Summary" || sheets[1] != "Contents" || sheets[2] != "Headlines" || sheets[3] != "Data" {
		t.Errorf("sheets %v", sheets)
	}
	ind := indicators.Find("cla_end")
	want := ind.Compute(set, q, pop)
	if got, _ := f.GetCellValue("Headlines", "C2", excelize.Options{RawCellValue: true}); got != strconv.Itoa(want.Numerator) {
		t.Errorf("headline cla_end %q, want %d", got, want.Numerator)
	}
	if got, _ := f.GetCellValue("Headlines", "D1"); got != "Q4 2024/25 (January to March 2025), a year earlier" {
		t.Errorf("headline D1 %q, want the same quarter a year before", got)
	}
	if got, _ := f.GetCellValue("Headlines", "G2"); got != "Headlines" {
		t.Errorf("headline cla_end's family %q, want Headlines", got)
	}
	rows, err := f.GetRows(sheets[4])
	if err != nil || len(rows) < 40 || len(rows[1]) < colText || !strings.Contains(rows[1][colText-1], "DfE") {
		t.Errorf("first indicator sheet: %d rows, %v", len(rows), err)
	}
}

// headlineRow matches a row of the HTML pack's headline table: the
// indicator's ID, then its figure for the quarter and a year earlier.
var headlineRow = regexp.MustCompile(`<tr id="headline-([^"]+)">.*?<td class="number">([^<]*)</td><td class="number">([^<]*)</td>`)

// htmlHeadlines returns the headline table's figures by indicator ID.
func htmlHeadlines(page string) map[string][2]string {
	out := map[string][2]string{}
	for _, m := range headlineRow.FindAllStringSubmatch(page, -1) {
		out[m[1]] = [2]string{m[2], m[3]}
	}
	return out
}

func TestWriteHTML(t *testing.T) {
	set, pop := authority(t, 500, 5)
	q := quarter(t, "2025/26 Q4")
	var buf bytes.Buffer
	if err := (Pack{Set: set, Population: pop, Quarter: q, Full: true}).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// The headline table starts each family with a row naming it, in
	// the families' order.
	at := 0
	for _, f := range indicators.Families() {
		i := strings.Index(page[at:], `<th scope="colgroup" colspan="6" class="family">`+html.EscapeString(f.Name)+"</th>")
		if i < 0 {
			t.Fatalf("no row for the family %q after position %d", f.Name, at)
		}
		at += i
	}
	// Every headline figure is the indicator's own, for Q4 2025/26 and
	// Q4 2024/25.
	headlines := htmlHeadlines(page)
	before := quarter(t, "2024/25 Q4")
	for _, ind := range indicators.All() {
		// A yearly indicator is the collection year's, 2025/26 and 2024/25.
		now, _ := ind.PeriodFor(q)
		then, _ := ind.PeriodFor(before)
		want := [2]string{exactText(ind, ind.Compute(set, now, pop)), exactText(ind, ind.Compute(set, then, pop))}
		if got, ok := headlines[ind.ID]; !ok || got != want {
			t.Errorf("headline %s: %q, want %q", ind.ID, got, want)
		}
		// A chart, with its accessible title, for every indicator with a
		// month it can be computed for.
		chart := `<title id="chart-` + ind.ID + `-title">` + template.HTMLEscapeString(ind.Title) + `</title>`
		if !knownMonth(ind, set, pop, q) {
			chart = "No figure of the trend can be computed (x), so there is no chart."
		}
		for _, part := range []string{`<section class="indicator" id="` + ind.ID + `"`, `<a href="#` + ind.ID + `">`, chart} {
			if !strings.Contains(page, part) {
				t.Errorf("page lacks %s", part)
			}
		}
	}
	for _, want := range []string{`<html lang="en">`, "Exact figures, for analysts: not for publication.", "@media print",
		"break-before: page", `<th scope="col">`, `<th scope="row">`, "<caption>", "<svg ",
		"by age, Q4 2025/26 (January to March 2026)", "by sex, Q4 2025/26 (January to March 2026)",
		"<h1>Looked-after children: quarterly pack, Q4 2025/26 (January to March 2026)</h1>",
		"Q4 2024/25 (January to March 2025), a year earlier</th>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Self-contained: nothing is fetched or run.
	for _, bad := range []string{"<script", "<link", "src=", "url(", "@import", "<img"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q", bad)
		}
	}
	if n := strings.Count(page, "<h1"); n != 1 {
		t.Errorf("%d h1 headings, want 1", n)
	}
	checkHeadingOrder(t, page)
}

// knownMonth says whether the indicator is known for any of the 36
// months to the end of q (or the collection years, for a yearly one).
func knownMonth(ind *indicators.Indicator, set *journey.Set, pop indicators.Population, q calendar.Period) bool {
	months := indicators.Trend(ind, set, q, 3)
	for _, v := range indicators.Series(ind, set, pop, months) {
		if v.Known {
			return true
		}
	}
	return false
}

// checkHeadingOrder fails when a heading is more than one level below
// the one before it.
func checkHeadingOrder(t *testing.T, page string) {
	t.Helper()
	level := 0
	for _, m := range regexp.MustCompile(`<h([1-6])[ >]`).FindAllStringSubmatch(page, -1) {
		next := int(m[1][0] - '0')
		if next > level+1 {
			t.Errorf("h%d after h%d", next, level)
			return
		}
		level = next
	}
}

func TestPublishable(t *testing.T) {
	// A small authority, so that some quarters' counts are 1 to 5.
	set, pop := authority(t, 40, 3)
	q := quarter(t, "2026Q1")
	var buf bytes.Buffer
	if err := (Pack{Set: set, Population: pop, Quarter: q, Publishable: true, Full: true}).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if !strings.Contains(page, "Publishable: counts of 1 to 5, and figures derived from them, are suppressed (c).") {
		t.Error("page does not say it is publishable")
	}
	headlines := htmlHeadlines(page)
	small := 0
	for _, ind := range indicators.All() {
		p, _ := ind.PeriodFor(q)
		v := ind.Compute(set, p, pop)
		want := publishedText(ind, set, p, v)
		if v.Known && v.Numerator >= 1 && v.Numerator <= 5 {
			small++
			if want != "c" {
				t.Errorf("%s: a count of %d published as %q", ind.ID, v.Numerator, want)
			}
		}
		if got := headlines[ind.ID][0]; got != want {
			t.Errorf("publishable headline %s (numerator %d): %q, want %q", ind.ID, v.Numerator, got, want)
		}
	}
	if small == 0 {
		t.Fatal("no headline count of 1 to 5 to suppress; the test needs a smaller authority")
	}
	// A chart would show suppressed months: the page gives the published
	// figures instead.
	if !strings.Contains(page, "The control chart is left out of the publishable pack") || !strings.Contains(page, `<td class="number">c</td>`) {
		t.Error("publishable page draws suppressed months or shows no c")
	}
}

func TestXLSXAndHTMLAgree(t *testing.T) {
	set, pop := authority(t, 300, 4)
	for _, publishable := range []bool{false, true} {
		m := Pack{Set: set, Population: pop, Quarter: quarter(t, "2025Q3"), Publishable: publishable}.Model()
		if m.Quarter != "July to September 2025 (calendar quarter)" || m.YearEarlier != "July to September 2024 (calendar quarter)" {
			t.Errorf("a calendar quarter's pack is for %q against %q", m.Quarter, m.YearEarlier)
		}
		var page, book bytes.Buffer
		if err := m.WriteHTML(&page); err != nil {
			t.Fatal(err)
		}
		if err := m.WriteXLSX(&book); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&book)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Headlines", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		headlines := htmlHeadlines(page.String())
		if len(rows) != 1+len(indicators.All()) || len(headlines) != len(indicators.All()) {
			t.Fatalf("%d workbook rows and %d page rows for %d indicators", len(rows), len(headlines), len(indicators.All()))
		}
		for i, ind := range indicators.All() {
			row := append(rows[i+1], make([]string, 4)...)
			want := headlines[ind.ID]
			if row[0] != ind.Title || !agrees(ind, row[2], want[0]) || !agrees(ind, row[3], want[1]) {
				t.Errorf("publishable %v, %s: workbook %q %q %q, page %q", publishable, ind.ID, row[0], row[2], row[3], want)
			}
		}
	}
}

// TestOneSignalCount checks that each section of the pack counts its
// signals once: the chart's caption, the bullets in words and the
// coloured points come from one list.
func TestOneSignalCount(t *testing.T) {
	set, pop := authority(t, 500, 4)
	var buf bytes.Buffer
	if err := (Pack{Set: set, Population: pop, Quarter: quarter(t, "2025/26 Q4")}).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	caption := regexp.MustCompile(`(\d+|No|1) special-cause signals?`)
	charts := 0
	for _, section := range strings.Split(page, `<section class="indicator"`)[1:] {
		id, _, _ := strings.Cut(strings.TrimPrefix(section, ` id="`), `"`)
		bullets := strings.Count(section, `<li class="signal">`)
		heading := strings.Index(section, "<h3>Month by month</h3>")
		if heading < 0 {
			heading = strings.Index(section, "<h3>Year by year</h3>")
		}
		if heading < 0 {
			t.Fatalf("%s: no series heading", id)
		}
		figure, _, found := strings.Cut(section[heading:], "</figure>")
		if !found {
			continue // no chart: suppressed or unknown months
		}
		charts++
		m := caption.FindStringSubmatch(figure)
		want := "No"
		if bullets > 0 {
			want = strconv.Itoa(bullets)
		}
		if m == nil || m[1] != want {
			t.Errorf("%s: caption %q, %d signal bullets", id, m, bullets)
		}
		numbered := map[string]bool{}
		for _, n := range regexp.MustCompile(`signal (\d+) \(`).FindAllStringSubmatch(figure, -1) {
			numbered[n[1]] = true
		}
		if len(numbered) != bullets {
			t.Errorf("%s: points name %d signals, %d bullets", id, len(numbered), bullets)
		}
	}
	if charts == 0 {
		t.Error("no section has a chart")
	}
}

func TestChange(t *testing.T) {
	lower := &indicators.Indicator{Direction: indicators.LowerIsBetter}
	v := func(x float64) indicators.Value { return indicators.Value{Value: x, Known: true} }
	changes := []struct {
		ind       *indicators.Indicator
		now, then indicators.Value
		want      string
	}{
		{lower, v(3), v(5), "down, better"},
		{lower, v(5), v(3), "up, worse"},
		{&indicators.Indicator{Direction: indicators.HigherIsBetter}, v(5), v(3), "up, better"},
		{&indicators.Indicator{}, v(5), v(3), "up"},
		{lower, v(5), v(5), "no change"},
		{lower, v(5), indicators.Value{}, "not known"},
	}
	for _, c := range changes {
		if got := change(c.ind, c.now, c.then); got != c.want {
			t.Errorf("change(%v, %v) = %q, want %q", c.now.Value, c.then.Value, got, c.want)
		}
	}
}

// TestQuarterlyUnits checks that the pack labels a rate of starts in the
// quarter as a quarter's, and its monthly trend as a month's, in the
// model and on the printed page.
func TestQuarterlyUnits(t *testing.T) {
	set, pop := authority(t, 200, 3)
	p := Pack{Set: set, Population: pop, Quarter: quarter(t, "2025/26 Q4")}
	for _, s := range p.Model().Sections {
		if s.Indicator.ID != "starts_rate_per_10k" {
			continue
		}
		if s.Unit != "per 10,000 children aged 0-17, in the quarter" || s.MonthUnit != "per 10,000 children aged 0-17, in the month" {
			t.Errorf("units %q and %q", s.Unit, s.MonthUnit)
		}
	}
	var buf bytes.Buffer
	if err := p.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<td>per 10,000 children aged 0-17, in the quarter</td>") {
		t.Error("the printed pack's headline table does not label the quarterly rate")
	}
}
