package chart

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/disclose"
)

// monthEnd is the last day of the month n months after March 2025, as
// forecast writes it.
func monthEnd(n int) string {
	return time.Date(2025, time.Month(3+n+1), 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// sampleFan is 13 months of history, 900 rising by 2 a month to 924 on
// 31 March 2026, then 12 projected months whose median rises by 1 a
// month to 936, with intervals widening by month m (1 to 12): P5 = median
// − 3m, P25 = median − m, P75 = median + m, P95 = median + 4m. At 31
// March 2027 (m = 12): 936 with 50% interval 924 to 948 and 90% interval
// 900 to 984.
func sampleFan() Fan {
	var s Series
	for i := range 13 {
		s.History = append(s.History, Observed{Date: monthEnd(i), Count: disclose.Exact.Count(900 + 2*i)})
	}
	for m := 1; m <= 12; m++ {
		med := float64(924 + m)
		s.Forecast = append(s.Forecast, Band{Date: monthEnd(12 + m), P5: med - 3*float64(m),
			P25: med - float64(m), Median: med, P75: med + float64(m), P95: med + 4*float64(m)})
	}
	return Fan{Title: "Children looked after", Unit: "children", Series: s}
}

// TestFanGolden draws the sample and compares it with the golden file;
// the output must be well-formed XML with an accessible name, a one-line
// summary worked out by hand and a data table.
func TestFanGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleFan().Write(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "fan.golden.html", buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		`<svg role="img" aria-labelledby="fan-title fan-summary"`,
		`<desc id="fan-summary">Children looked after: 924 on 31 March 2026; in 1 year 936 (90% interval 900 to 984).</desc>`,
		`class="band-90"`, `class="band-50"`, `class="median"`, `class="history"`, `<caption>`,
		// The history a year apart, the projection every quarter.
		`<tr><th scope="row">31 March 2025</th><td>900</td><td></td><td></td><td></td></tr>`,
		`<tr><th scope="row">31 March 2026</th><td>924</td>`,
		// 30 June 2026, m = 3: 927 (926 to 930, 918 to 939).
		`<tr class="projected"><th scope="row">30 June 2026</th><td></td><td>927</td><td>924 to 930</td><td>918 to 939</td></tr>`,
		`<th scope="row">31 March 2027</th><td></td><td>936</td><td>924 to 948</td><td>900 to 984</td>`,
		">Mar 2026</text>", ">Mar 2027</text>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if n := strings.Count(out, `class="projected"`); n != 4 {
		t.Errorf("%d projected rows, want 4 quarter ends", n)
	}
}

// TestFanScenario overlays a scenario 10 lower than the baseline.
func TestFanScenario(t *testing.T) {
	c := sampleFan()
	sc := c.Series
	sc.Forecast = nil
	for _, iv := range c.Series.Forecast {
		sc.Forecast = append(sc.Forecast, Band{Date: iv.Date, P5: iv.P5 - 10, P25: iv.P25 - 10, Median: iv.Median - 10, P75: iv.P75 - 10, P95: iv.P95 - 10})
	}
	c.Scenario, c.ScenarioName, c.Step = &sc, "Panel & step-down", 12
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		`with the scenario &#34;Panel &amp; step-down&#34;, 926 (90% interval 890 to 974).`,
		`<th scope="col">Scenario: median</th><th scope="col">Scenario: 90% interval</th>`,
		`<td>936</td><td>924 to 948</td><td>900 to 984</td><td>926</td><td>890 to 974</td></tr>`,
		`class="scenario-median"`, `class="scenario-90"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if n := strings.Count(out, `class="projected"`); n != 1 {
		t.Errorf("%d projected rows a year apart, want 1", n)
	}
	short := c
	short.Scenario = &Series{Forecast: sc.Forecast[:3]}
	if err := short.Write(&buf); err == nil {
		t.Error("a scenario shorter than the baseline: no error")
	}
}

// TestFanSuppress draws what the disclosure policy allows: suppressed
// observed values of 1 to 5 are c in the table and the line breaks round
// them; projected values show.
func TestFanSuppress(t *testing.T) {
	c := sampleFan()
	c.Title = "Secure and other residential"
	counts := []int{8, 7, 6, 5, 6, 7, 8, 9, 8, 7, 6, 5, 3}
	setPolicy := func(policy disclose.Policy) {
		for i := range c.Series.History {
			c.Series.History[i].Count = policy.Count(counts[i])
		}
	}
	setPolicy(disclose.Publishable)
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `<th scope="row">31 March 2026</th><td>c</td>`) || !strings.Contains(out, `<th scope="row">31 March 2025</th><td>8</td>`) {
		t.Errorf("suppressed history not shown as c:\n%s", out)
	}
	if !strings.Contains(out, "Secure and other residential: c on 31 March 2026; in 1 year 936") {
		t.Errorf("summary does not hide the last observed value")
	}
	// 8 7 6 | 5 | 6 7 8 9 8 7 6 | 5 3: two pieces of line.
	d := regexp.MustCompile(`class="history" d="([^"]*)"`).FindStringSubmatch(out)
	if d == nil || strings.Count(d[1], "M") != 2 || strings.Count(d[1], "L") != 8 {
		t.Errorf("history path %q: want 2 pieces of 3 and 7 points", d)
	}
	setPolicy(disclose.Exact)
	buf.Reset()
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<th scope="row">31 March 2026</th><td>3</td>`) {
		t.Error("analysts' chart hides a small number")
	}
}

func TestFanBadInput(t *testing.T) {
	var buf bytes.Buffer
	if err := (Fan{Title: "empty"}).Write(&buf); err == nil || !strings.Contains(err.Error(), "no projected months") {
		t.Errorf("no projection: %v", err)
	}
	c := sampleFan()
	c.Series.Forecast[3].Date = "31/07/2026"
	if err := c.Write(&buf); err == nil || !strings.Contains(err.Error(), `"31/07/2026"`) {
		t.Errorf("a bad date: %v", err)
	}
}

func TestNiceScale(t *testing.T) {
	for _, tt := range []struct {
		lo, hi, wantLo, wantHi, wantStep float64
	}{
		{868, 1032, 850, 1050, 50},   // 164 ÷ 5 = 32.8 → 50
		{0, 4, 0, 4, 1},              // 0.8 → 1
		{2, 2, 2, 3, 1},              // flat: widened to 1, and a step of at least 1
		{0.2, 0.9, 0, 2, 1},          // widened to 0.2 to 1.2; a step below 1 is 1 for counts
		{100, 1000, 0, 1000, 200},    // 180 → 200
		{50, 53.5, 50, 54, 1},        // 0.7 → 1
		{-12, 31, -20, 40, 10},       // differences: 8.6 → 10
		{1200, 1250, 1200, 1250, 10}, // 10 → 10
	} {
		lo, hi, step := niceScale(tt.lo, tt.hi, 5)
		if lo != tt.wantLo || hi != tt.wantHi || step != tt.wantStep {
			t.Errorf("niceScale(%v, %v) = %v, %v, %v; want %v, %v, %v", tt.lo, tt.hi, lo, hi, step, tt.wantLo, tt.wantHi, tt.wantStep)
		}
	}
}

func TestWhole(t *testing.T) {
	for in, want := range map[float64]string{0: "0", -0.4: "0", 4.5: "5", 1031.6: "1,032", 999.4: "999", 1234567: "1,234,567", -1500: "−1,500"} {
		if got := whole(in); got != want {
			t.Errorf("whole(%v) = %q, want %q", in, got, want)
		}
	}
}
