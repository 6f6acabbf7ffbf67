package indicators

import (
	"bytes"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/internal/synth"
)

// summarySet is four synthetic years to 31 March 2026, with placement
// postcodes and the population.
func summarySet(t *testing.T) (*journey.Set, MidYear, calendar.Period) {
	t.Helper()
	res, err := synth.Generate(synth.Config{Children: 800, Years: 4, Until: calendar.NewDate(2026, 3, 31), Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := res.WritePostcodesCSV(&csv); err != nil {
		t.Fatal(err)
	}
	dir, err := postcode.Read("postcodes.csv", &csv)
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.BuildWith(res.Returns, journey.Options{Postcodes: dir})
	if err != nil {
		t.Fatal(err)
	}
	covered := calendar.Period{Start: calendar.Year(2023).Start(), End: calendar.Year(2026).End()}
	return set, populationOf(res.Population), covered
}

func TestSummary(t *testing.T) {
	set, pop, covered := summarySet(t)
	year := calendar.Year(2026).Period()
	for _, policy := range []disclose.Policy{disclose.Exact, disclose.Publishable} {
		t.Run(policy.String(), func(t *testing.T) {
			s := SummaryOf{Set: set, Population: pop, Period: calendar.FinancialQuarter(2026, 4), Covered: covered, Authority: Authority{Code: "E09000099"}, Policy: policy}.Summarise()
			if s.AsAt != "31 March 2026" || s.Authority.String() != "E09000099" {
				t.Errorf("as at %q for %q; want 31 March 2026 for E09000099", s.AsAt, s.Authority)
			}
			if n := len(s.Measures); n < 6 || n > 8 {
				t.Errorf("%d key measures; want 6 to 8", n)
			}
			for _, m := range s.Measures {
				v := m.Indicator.Compute(set, year, pop)
				if want := Headline(m.Indicator, set, year, v, policy).Value.Text(); m.Now != want {
					t.Errorf("%s: summary says %s, the indicator %s", m.Indicator.ID, m.Now, want)
				}
				if len(m.Trend) != 12 && !strings.HasPrefix(m.Indicator.ID, "care_leavers") && policy == disclose.Exact {
					t.Errorf("%s: %d points in the trend; want 12", m.Indicator.ID, len(m.Trend))
				}
				if e := m.England; e != nil && (e.Source == "" || e.Edition == "" || e.Year != "year to 31 March 2025") {
					t.Errorf("%s: England's figure %+v has no source, edition or year", m.Indicator.ID, e)
				}
			}
			if s.Measures[0].England == nil || s.Measures[0].England.Value != "81,770" || s.Measures[0].England.Rate != "67" {
				t.Errorf("children looked after: England's figure is %+v; want 81,770 (67 per 10,000)", s.Measures[0].England)
			}
			if len(s.Sources) != 1 || !strings.HasPrefix(s.Sources[0], "DfE, Children looked after in England including adoptions (explore") {
				t.Errorf("England's figures' sources: %q; want the DfE's release, once", s.Sources)
			}
			if len(s.Changes) == 0 || len(s.Changes) > 3 {
				t.Errorf("%d lines on what changed; want 1 to 3: %q", len(s.Changes), s.Changes)
			}
			for _, line := range s.Changes {
				if !strings.Contains(line, " a year earlier to ") {
					t.Errorf("line %q does not say what it compares", line)
				}
			}
		})
	}
}

// TestSummaryChangesAreReal checks that the lines come only from the
// figures: none when a year earlier is not covered, and each line's
// figures are the measure's for the two years.
func TestSummaryChangesAreReal(t *testing.T) {
	set, pop, covered := summarySet(t)
	late := calendar.Period{Start: calendar.Year(2026).Start(), End: covered.End}
	if s := (SummaryOf{Set: set, Population: pop, Period: calendar.Year(2026).Period(), Covered: late}).Summarise(); len(s.Changes) != 0 {
		t.Errorf("a year earlier is not covered, yet the summary says %q", s.Changes)
	}
	s := SummaryOf{Set: set, Population: pop, Period: calendar.Year(2026).Period(), Covered: covered}.Summarise()
	for _, line := range s.Changes {
		found := false
		for _, m := range s.Measures {
			if strings.HasPrefix(line, m.Name+":") {
				found = true
				if m.Before == m.Now || !strings.Contains(line, "from "+m.Before) || !strings.Contains(line, "to "+m.Now) {
					t.Errorf("line %q does not match the measure's %s and %s", line, m.Before, m.Now)
				}
			}
		}
		if !found {
			t.Errorf("line %q names no key measure", line)
		}
	}
}

// TestSummaryPublishable checks that in a small authority the summary
// shows no trend with a suppressed point, and no line on a measure whose
// figure is suppressed.
func TestSummaryPublishable(t *testing.T) {
	res, err := synth.Generate(synth.Config{Children: 40, Years: 3, Until: calendar.NewDate(2026, 3, 31), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	pop := populationOf(res.Population)
	covered := calendar.Period{Start: calendar.Year(2024).Start(), End: calendar.Year(2026).End()}
	s := SummaryOf{Set: set, Population: pop, Period: calendar.Year(2026).Period(), Covered: covered, Policy: disclose.Publishable}.Summarise()
	hidden := 0
	for _, m := range s.Measures {
		last := calendar.Rolling(2026, 3)
		for k := 0; k < 12; k++ {
			p := calendar.Rolling(last.End.AddMonths(-k).Year(), last.End.AddMonths(-k).Month())
			v := m.Indicator.Compute(set, p, pop)
			if Headline(m.Indicator, set, p, v, disclose.Publishable).Value.Suppressed() {
				hidden++
				if len(m.Trend) > 0 {
					t.Errorf("%s: the trend is shown, though %s is suppressed", m.Indicator.ID, p.Label)
				}
				break
			}
		}
		for _, line := range s.Changes {
			if strings.HasPrefix(line, m.Name+":") && (m.Now == disclose.SuppressedText || m.Before == disclose.SuppressedText) {
				t.Errorf("a line on a suppressed figure: %q", line)
			}
		}
	}
	if hidden == 0 {
		t.Fatal("no trend with a suppressed point; the test needs a smaller authority")
	}
}
